"""The configs of the dataset: each is a view of the records with its own features.

`default` is one row per document, exactly the record schema. Other views (sentence-level NER,
one row per quotation) register here with their features and a function from a record to rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import datasets

from sahifa.record import Record
from sahifa.schema import LabelCodec, features


@dataclass(frozen=True)
class View:
    name: str
    features: Callable[[], datasets.Features]
    rows: Callable[[Record], Iterator[dict[str, Any]]]
    description: str


def _document_rows(record: Record) -> Iterator[dict[str, Any]]:
    yield _codec().encode(record.to_dict())


@cache
def _codec() -> LabelCodec:
    return LabelCodec()


VIEWS: dict[str, View] = {
    "default": View("default", features, _document_rows,
                    "one row per article: text, metadata, segmentation and all annotation layers"),
}
