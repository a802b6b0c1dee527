import json
from pathlib import Path

import pytest

from sahifa.evaluate.metrics import Score
from sahifa.offset_sets import read_rows
from sahifa.train import SAME_F1, _kept, silver_records

SILVER = Path(__file__).resolve().parents[1] / "annotation/ner-silver/silver.jsonl"


def score(f1: float) -> Score:
    return Score(f1, f1, f1, 1600, 1600)


def test_extra_data_is_kept_unless_it_costs_our_articles_more_than_noise():
    assert _kept({"ours": score(0.5791), "ours+wojood": score(0.5786)},
                 "ours", "ours+wojood") == "ours+wojood"
    assert _kept({"ours": score(0.58), "ours+wojood": score(0.58 - SAME_F1)},
                 "ours", "ours+wojood") == "ours"
    assert _kept({"ours": score(0.55), "ours+wojood": score(0.60)},
                 "ours", "ours+wojood") == "ours+wojood"
    assert _kept({"ours": score(0.55)}, "ours", "ours+wojood") == "ours"


def test_the_silver_set_keeps_offsets_only():
    rows = read_rows(SILVER)
    assigned = json.loads((SILVER.parent / "assignments.json").read_text("utf-8"))
    assert {row["annotator"] for row in rows} == set(assigned)
    assert all(row["id"] in assigned[row["annotator"]] for row in rows)
    assert len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        assert set(row) == {"annotator", "entities", "id", "line", "publication", "source",
                            "text_sha256"}
        assert all(set(e) == {"start", "end", "label"} and 0 <= e["start"] < e["end"]
                   for e in row["entities"])


@pytest.mark.shared_data
def test_the_silver_articles_are_rebuilt_with_their_entities(shared_data):
    records = silver_records(SILVER, shared_data)
    rows = read_rows(SILVER)
    assert [r.id for r in records] == [row["id"] for row in rows]
    for record, row in zip(records, rows, strict=True):
        assert len(record.entities) == len(row["entities"])
        assert all(record.text[e.start:e.end] == e.text and e.origin == "silver"
                   for e in record.entities)

