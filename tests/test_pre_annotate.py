"""The annotation workflow: pre-annotate → review → gold, on JSON Lines input."""

from __future__ import annotations

import json
import re
import shutil

from sahifa.cli import main
from sahifa.export import pre_annotate
from sahifa.pipeline import Reject, convert, convert_or_reject, iter_inputs
from tests.conftest import SEEDS

GOLD_JSONL = SEEDS / "saudinewsnet" / "saudinewsnet-gold.jsonl"


def _two_articles(tmp_path):
    """Two SaudiNewsNet lines in a folder of their own, without gold."""
    folder = tmp_path / "in"
    folder.mkdir()
    lines = GOLD_JSONL.read_bytes().split(b"\n")[:2]
    (folder / "news.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    return folder


def _reviewed(ann: str) -> str:
    """What a reviewer who accepts every span leaves: the marks deleted."""
    kept = [line for line in ann.splitlines() if not re.match(r"A\d+\t(Origin|Annotator) ", line)]
    return "\n".join(kept) + "\n"


def test_pre_annotation_marks_every_span_as_automatic(tmp_path):
    folder = _two_articles(tmp_path)
    result = pre_annotate(folder, tmp_path / "work")
    assert (result.read, result.written, result.gold, len(result.rejects)) == (2, 2, 0, 0)
    for item in iter_inputs(folder):
        record = convert(item)
        raw = json.loads(item.data)
        text = (tmp_path / "work" / f"{record.id}.txt").read_text("utf-8")
        assert text == raw["title"] + "\n\n" + raw["content"]
        ann = (tmp_path / "work" / f"{record.id}.ann").read_text("utf-8")
        spans = re.findall(r"^(T\d+)\t(\S+) (\d+) (\d+)\t(.*)$", ann, re.M)
        assert spans and all(text[int(a):int(b)] == t for _, _, a, b, t in spans)
        origins = set(re.findall(r"^A\d+\tOrigin (T\d+) auto$", ann, re.M))
        assert origins == {tid for tid, kind, *_ in spans if kind != "CUE"}


def test_an_unreviewed_file_beside_the_input_is_refused_and_a_reviewed_one_is_gold(tmp_path):
    folder = _two_articles(tmp_path)
    pre_annotate(folder, tmp_path / "work")
    item = next(iter(iter_inputs(folder)))
    automatic = convert(item)
    ann = (tmp_path / "work" / f"{automatic.id}.ann").read_text("utf-8")
    (folder / "test").mkdir()
    gold_file = folder / "test" / f"{automatic.id}.ann"
    gold_file.write_text(ann, "utf-8")
    reject = convert_or_reject(next(iter(iter_inputs(folder))))
    assert isinstance(reject, Reject) and "[L2 ann-unreviewed]" in reject.message
    assert f"test/{automatic.id}.ann:" in reject.message
    gold_file.write_text(_reviewed(ann), "utf-8")
    gold = convert(next(iter(iter_inputs(folder))))
    assert [(e.start, e.end, e.label) for e in gold.entities] == [
        (e.start, e.end, e.label) for e in automatic.entities]
    assert [(q.start, q.end, q.cue and q.cue.text) for q in gold.quotes] == [
        (q.start, q.end, q.cue and q.cue.text) for q in automatic.quotes]
    assert {e.origin for e in gold.entities} == {"gold"}
    assert {e.annotator for e in gold.entities} == {f"test/{automatic.id}.ann"}


def test_articles_with_gold_are_left_alone_and_counted(tmp_path, capsys):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    assert main(["pre-annotate", "--input", str(folder), "--output", str(tmp_path / "w")]) == 0
    assert "read 57 = pre-annotated 0 + already gold 57 + rejected 0" in capsys.readouterr().out
    assert not list((tmp_path / "w").iterdir())


def test_pre_annotating_nothing_is_an_error(tmp_path, capsys):
    from sahifa.cli import main

    (tmp_path / "empty").mkdir()
    assert main(["pre-annotate", "--input", str(tmp_path / "empty"),
                 "--output", str(tmp_path / "out")]) == 1
    assert "no input to pre-annotate" in capsys.readouterr().err
