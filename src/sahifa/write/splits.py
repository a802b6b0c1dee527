"""Deterministic, stable split assignment from the record id alone.

A record's split depends on nothing but its id, so adding articles never moves an existing one.
"""

from __future__ import annotations

import hashlib

# Upper bounds (exclusive) of each split's share of 100 buckets, in declaration order.
SPLIT_BUCKETS: tuple[tuple[str, int], ...] = (("train", 80), ("validation", 90), ("test", 100))
SPLIT_NAMES = tuple(name for name, _ in SPLIT_BUCKETS)


def split_of(record_id: str) -> str:
    bucket = int.from_bytes(hashlib.sha256(record_id.encode("utf-8")).digest()[:8], "big") % 100
    return next(name for name, bound in SPLIT_BUCKETS if bucket < bound)
