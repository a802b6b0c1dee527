from __future__ import annotations

from collections import Counter

from sahifa.write.splits import SPLIT_NAMES, split_of


def test_split_depends_on_the_id_only_and_is_stable():
    ids = [f"article-{i}" for i in range(5000)]
    first = [split_of(i) for i in ids]
    more = [split_of(i) for i in [*ids, *(f"new-{i}" for i in range(1000))]]
    assert more[:5000] == first


def test_split_shares_are_near_80_10_10():
    counts = Counter(split_of(f"article-{i}") for i in range(20000))
    assert set(counts) == set(SPLIT_NAMES)
    assert 0.78 < counts["train"] / 20000 < 0.82
    assert 0.08 < counts["test"] / 20000 < 0.12


def test_a_gold_file_in_a_split_folder_fixes_the_split(minimal_record):
    from dataclasses import replace

    from sahifa.write.splits import declared_split, record_split

    entity = minimal_record.entities[0]
    assert declared_split(minimal_record) is None
    assert record_split(minimal_record) == split_of(minimal_record.id)
    for folder, expected in (("news/test", "test"), ("news/train", "train"), ("news", None)):
        gold = replace(entity, origin="gold", annotator=f"{folder}/{minimal_record.id}.ann")
        record = replace(minimal_record, entities=[gold])
        assert declared_split(record) == expected
        assert record_split(record) == expected or split_of(record.id)
