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
