"""The 56 SaudiNewsNet gold articles in seeds/: raw lines kept verbatim, one reviewed gold file
each, the fixed test split by its stated rule, per-record rights."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict

import pytest

from sahifa.write.parquet import read_documents
from tests.conftest import SEEDS

GOLD_JSONL = SEEDS / "saudinewsnet" / "saudinewsnet-gold.jsonl"
SAMPLE = "news/saudinewsnet/gold-sample.jsonl"


def _lines() -> list[bytes]:
    data = GOLD_JSONL.read_bytes()
    assert data.endswith(b"\n")
    return data[:-1].split(b"\n")


def _gold_files() -> dict[str, str]:
    """Record id → the split folder its .ann file sits in."""
    return {p.stem: p.parent.name for p in (SEEDS / "saudinewsnet").rglob("*.ann")}


@pytest.mark.shared_data
def test_the_56_lines_are_the_source_lines_byte_for_byte(shared_data):
    sample = [json.loads(line) for line in (shared_data / SAMPLE).read_text("utf-8").splitlines()]
    assert [hashlib.sha256(line).hexdigest() for line in _lines()] == [
        row["sha256_of_line"] for row in sample]


def test_every_line_has_one_reviewed_gold_file_in_train_or_test():
    ids = [hashlib.sha256(line).hexdigest()[:16] for line in _lines()]
    assert len(ids) == len(set(ids)) == 56
    gold = _gold_files()
    assert sorted(gold) == sorted(ids)
    assert set(gold.values()) == {"train", "test"}
    for path in (SEEDS / "saudinewsnet").rglob("*.ann"):
        assert "\tOrigin " not in path.read_text("utf-8"), f"{path} is not reviewed"


def test_the_test_split_is_the_first_drawn_article_of_every_outlet():
    """The rule DATASHEET.md states: per outlet, articles in the order they were drawn (sha256
    of the URL, ascending); the 1st, 5th, 9th, … are test."""
    by_outlet = defaultdict(list)
    for line in _lines():
        row = json.loads(line)
        by_outlet[row["source"]].append((hashlib.sha256(row["url"].encode()).hexdigest(),
                                         hashlib.sha256(line).hexdigest()[:16]))
    expected = {rid for drawn in by_outlet.values()
                for rank, (_, rid) in enumerate(sorted(drawn)) if rank % 4 == 0}
    gold = _gold_files()
    assert {rid for rid, split in gold.items() if split == "test"} == expected
    assert len(by_outlet) == 14 and {len(v) for v in by_outlet.values()} == {4}


def test_the_built_corpus_has_57_gold_records_with_their_rights(built_seeds):
    rows = {split: list(read_documents(built_seeds / "corpus" / "default"
                                       / f"{split}-00000-of-00001.parquet"))
            for split in ("train", "test")}
    assert (len(rows["train"]), len(rows["test"])) == (43, 14)
    assert not list((built_seeds / "corpus" / "default").glob("validation-*"))
    for row in rows["train"] + rows["test"]:
        assert row["entities"] and {e["origin"] for e in row["entities"]} == {"gold"}
        if row["source"]["format"] == "jsonl":
            assert row["license"] == "CC-BY-NC-SA-4.0"
            assert row["attribution"].startswith(row["publication"] + ", via SaudiNewsNet")
        else:
            assert row["license"] == "LicenseRef-publisher-rights"
    assert {e["annotator"].split("/")[1] for row in rows["test"] for e in row["entities"]} \
        == {"test"}
    sheet = (built_seeds / "DATASHEET.md").read_text("utf-8")
    assert "| articles by license: CC-BY-NC-SA-4.0 | 56 |" in sheet
    # the seed's .txt and .ann, the .jsonl and 56 .ann files, two rights.json files
    assert "Input files: 61," in sheet
    publications = {row["publication"] for row in rows["train"] + rows["test"]}
    for name in publications - {"صحيفة الوطن"}:
        assert f"| {name} | 4 |" in sheet
