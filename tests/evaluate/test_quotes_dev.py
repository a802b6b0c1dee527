from pathlib import Path

import pytest

from sahifa.evaluate.quotes_dev import dev_records, evaluate_dev_set, gold_record, read_rows

GOLD = Path(__file__).resolve().parents[2] / "annotation/quotes-dev/gold.jsonl"


def test_the_set_keeps_offsets_only_and_two_parts():
    rows = read_rows(GOLD)
    assert len(rows) == 80
    assert {row["annotator"] for row in rows} == {f"q{n}" for n in range(1, 9)}
    for row in rows:
        assert set(row) == {"annotator", "id", "line", "publication", "quotes", "source",
                            "text_sha256"}
        for quote in row["quotes"]:
            assert 0 <= quote["start"] < quote["end"]
            assert set(quote) == {"start", "end", "closed", "speaker", "cue"}


@pytest.mark.shared_data
def test_the_articles_are_rebuilt_checked_and_scored_by_part(shared_data):
    rows = read_rows(GOLD)
    records = dev_records(shared_data, rows)
    for row in rows:
        gold = gold_record(records[row["id"]], row)
        assert all(gold.text[q.start:q.end] == q.text for q in gold.quotes)
    tune, check = evaluate_dev_set(GOLD, shared_data, "rules")
    assert (tune.total.articles, check.total.articles) == (60, 20)  # check: passes q4 and q8
    assert tune.total.gold + check.total.gold == sum(len(row["quotes"]) for row in rows)
    assert not tune.examples and not check.examples  # their text may not be published
    tune, check = evaluate_dev_set(GOLD, shared_data, "rules", max_examples=2)
    assert tune.examples and check.examples  # examples of both parts, locally

