"""Deterministic, stable split assignment from the record alone.

A record whose gold annotations sit in a folder named after a split (`seeds/saudinewsnet/test/`)
is in that split: the gold test split is fixed by where its files are, by the rule the datasheet
states. Any other record's split depends on nothing but its id. Either way adding articles never
moves an existing one.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

from sahifa.record import Record

# Upper bounds (exclusive) of each split's share of 100 buckets, in declaration order.
SPLIT_BUCKETS: tuple[tuple[str, int], ...] = (("train", 80), ("validation", 90), ("test", 100))
SPLIT_NAMES = tuple(name for name, _ in SPLIT_BUCKETS)


def split_of(record_id: str) -> str:
    bucket = int.from_bytes(hashlib.sha256(record_id.encode("utf-8")).digest()[:8], "big") % 100
    return next(name for name, bound in SPLIT_BUCKETS if bucket < bound)


def declared_split(record: Record) -> str | None:
    """The split named by the folder of the record's gold annotation file, if any."""
    for span in (*record.entities, *record.quotes, *record.corrections):
        if span.origin == "gold":
            return folder_split(span.annotator)
    return None


def folder_split(annotator: str) -> str | None:
    """The split a gold annotation file's folder names (`…/test/x.ann`), if it names one."""
    folder = PurePosixPath(annotator).parent.name
    return folder if folder in SPLIT_NAMES else None


def record_split(record: Record) -> str:
    return declared_split(record) or split_of(record.id)
