from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace

import pytest

from sahifa.cli import main
from sahifa.publish import files_to_publish
from sahifa.schema import labels
from sahifa.view import pages
from sahifa.view.pages import palette, record_page
from tests.conftest import ROOT, SEEDS
from tests.view.conftest import PASSES, SEED_ID

SCRIPT = "<script>alert(1)</script>"


def test_every_entity_label_of_the_inventory_has_a_colour():
    assert set(palette()["entities"]) == set(labels("entity_label"))


def test_data_is_escaped_everywhere_it_shows(minimal_record):
    record = replace(minimal_record, headline=SCRIPT, section='"><img src=x onerror=alert(2)>',
                     url="javascript:alert(3)", authors=[SCRIPT])
    html = record_page(record)
    assert SCRIPT not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html
    assert html.count("<script>") == 1


def test_the_page_admits_its_own_css_and_script_only(seed_record):
    html = record_page(seed_record)
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', html)[1]
    assert "default-src 'none'" in policy
    for tag, source in (("style", "style-src"), ("script", "script-src")):
        inline = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.DOTALL)[1]
        digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
        assert f"{source} 'sha256-{digest}'" in policy
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in pages.style()


def test_pages_are_the_same_bytes_each_time(tmp_path):
    args = ["view", str(SEEDS), "--ids", SEED_ID, "--output"]
    assert main([*args, str(tmp_path / "one")]) == 0
    assert main([*args, str(tmp_path / "two")]) == 0
    one, two = sorted((tmp_path / "one").iterdir()), sorted((tmp_path / "two").iterdir())
    assert [p.name for p in one] == ["000_19ff7663056b0340.html", "index.html"]
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]


def test_the_diff_of_the_seed_passes_lists_five_disagreements(tmp_path):
    assert main(["view", str(PASSES / "a"), "--against", str(PASSES / "b"), "--texts",
                 str(SEEDS), "--ids", SEED_ID, "--output", str(tmp_path)]) == 0
    html = (tmp_path / f"{SEED_ID}.html").read_text("utf-8")
    assert html.count('<tr class="difference"') == 5
    assert '<span class="count" id="disagreements">5</span>' in html


def test_gold_against_automatic(tmp_path, capsys):
    assert main(["view", str(SEEDS), "--against", "auto", "--ids", SEED_ID,
                 "--output", str(tmp_path)]) == 0
    html = (tmp_path / f"{SEED_ID}.html").read_text("utf-8")
    assert 'class="entity l-' in html and " auto " in html
    assert "1 articles" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "message"), [
    (["no/such/folder"], "no/such/folder: does not exist"),
    ([str(PASSES / "a")], "give the texts they annotate with --texts"),
    ([str(SEEDS), "--ids", "nope"], "--ids: no record has the id nope"),
    ([str(SEEDS / f"{SEED_ID}.txt"), "--against", str(SEEDS / "saudinewsnet")],
     "no record id is in both"),
])
def test_user_errors_are_one_line(tmp_path, capsys, args, message):
    code = main(["view", *args, "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code in (1, 2) and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_a_folder_that_is_not_pages_is_not_replaced(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    assert main(["view", str(SEEDS), "--ids", SEED_ID, "--output", str(tmp_path)]) == 2
    assert "is not a folder of sahifa view pages" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text("utf-8") == "mine"


def test_a_folder_of_pages_is_replaced_whole(tmp_path):
    out = tmp_path / "out"
    assert main(["view", str(SEEDS), "--output", str(out)]) == 0
    assert len(list(out.iterdir())) == 58
    assert main(["view", str(SEEDS), "--ids", SEED_ID, "--output", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [f"{SEED_ID}.html", "index.html"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_built_dataset_gives_the_same_pages_as_its_raw_inputs(built_seeds, tmp_path):
    assert main(["view", str(built_seeds / "corpus"), "--ids", SEED_ID, "--output",
                 str(tmp_path / "built")]) == 0
    assert main(["view", str(SEEDS), "--ids", SEED_ID, "--output", str(tmp_path / "raw")]) == 0
    page = f"{SEED_ID}.html"
    assert (tmp_path / "built" / page).read_bytes() == (tmp_path / "raw" / page).read_bytes()


def test_the_readme_screenshots_are_committed_and_published():
    images = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", (ROOT / "README.md").read_text("utf-8"))
    assert "annotation/viewer/record.png" in images and "annotation/viewer/diff.png" in images
    published = {name for name, _ in files_to_publish(ROOT)}
    for image in images:
        assert (ROOT / image).read_bytes().startswith(b"\x89PNG")
        assert image in published
