"""Every file under an input is read, read along, or skipped with its reason."""

from __future__ import annotations

import bz2
import json
import os

import pytest

from sahifa.build import BuildOptions, build
from sahifa.ingest.inputs import file_input
from sahifa.ingest.survey import survey
from sahifa.pipeline import convert_or_reject
from tests.conftest import SEEDS

SEED = SEEDS / "000_19ff7663056b0340.txt"
TREC = "<DOC>\n<DOCNO>X-1</DOCNO>\n<TITLE>عنوان الخبر</TITLE>\n<TEXT>نص الخبر هنا.</TEXT>\n</DOC>\n"


def _folder(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(SEED.read_text("utf-8"), encoding="utf-8")
    (folder / "B.TXT").write_text("x", encoding="utf-8")
    (folder / "c.json").write_text("{}", encoding="utf-8")
    (folder / "d.jsonl.bz2").write_bytes(bz2.compress(b"{}\n"))
    (folder / "e.ndjson").write_text("{}\n", encoding="utf-8")
    (folder / "notes.md").write_text("notes", encoding="utf-8")
    (folder / "orphan.ann").write_text("T1\tPERS 0 1\tx\n", encoding="utf-8")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere")
    (folder / "sub" / "00_note.txt").write_text("ملاحظة\n\nليست خبرا بل ملاحظة.", "utf-8")
    (folder / "sub" / "01_doc.txt").write_text(TREC, encoding="utf-8")
    return folder


def test_the_format_is_decided_per_file_and_the_rest_is_skipped_with_a_reason(tmp_path):
    found = survey(_folder(tmp_path))
    names = {k: [found.name(p) for p in v] for k, v in found.inputs.items()}
    assert names == {"plaintext": ["a.txt", "sub/00_note.txt"], "trec": ["sub/01_doc.txt"]}
    reasons = dict(found.skipped)
    assert set(reasons) == {"B.TXT", "c.json", "d.jsonl.bz2", "e.ndjson", "notes.md", "gone.txt"}
    assert "capitals" in reasons["B.TXT"] and "decompress" in reasons["d.jsonl.bz2"]
    assert ".jsonl" in reasons["c.json"] and "link to nothing" in reasons["gone.txt"]


def test_a_build_lists_every_skipped_file_and_orphan_annotation(tmp_path):
    result = build(BuildOptions(input=_folder(tmp_path), output=tmp_path / "out"))
    assert (result.read, result.written) == (3, 3)
    listed = [json.loads(line) for line in
              (tmp_path / "out" / "corpus" / "skipped.jsonl").read_text("utf-8").splitlines()]
    assert [row["file"] for row in listed] == [
        "B.TXT", "c.json", "d.jsonl.bz2", "e.ndjson", "gone.txt", "notes.md", "orphan.ann"]
    assert "skipped 7 files" in result.summary()


def test_a_manifest_beside_text_articles_is_skipped_not_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SEED.read_text("utf-8"), encoding="utf-8")
    (folder / "manifest.jsonl").write_text('{"file": "a.txt"}\n', encoding="utf-8")
    found = survey(folder)
    assert list(found.inputs) == ["plaintext"]
    assert found.skipped == [("manifest.jsonl", "a manifest beside .txt articles, not an article")]


def test_an_input_that_vanished_before_it_was_read_is_a_reject(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("عنوان\n\nنص.", encoding="utf-8")
    found = survey(tmp_path)
    path.unlink()
    item = file_input("plaintext", found.inputs["plaintext"][0], tmp_path)
    reject = convert_or_reject(item)
    assert (reject.file, reject.reason) == ("a.txt", "unreadable")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads anything")
def test_an_unreadable_file_is_skipped(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    assert survey(tmp_path).skipped == [("a.txt", "cannot be read: permission denied")]
