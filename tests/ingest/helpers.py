"""Inputs built in memory for the ingest tests."""

from __future__ import annotations

import json

from sahifa.ingest.inputs import RawInput
from sahifa.offsets import OffsetMap
from sahifa.pipeline import convert
from sahifa.record import Record


def jsonl_input(obj, line: int = 1, file: str = "in.jsonl") -> RawInput:
    data = obj if isinstance(obj, bytes) else json.dumps(obj, ensure_ascii=False).encode()
    return RawInput("jsonl", file, line, data)


def raw_of_jsonl(obj: dict) -> str:
    """The raw string the offsets of a JSON Lines record refer to."""
    return (obj.get("title") or "") + "\n\n" + (obj.get("body") or "")


def assert_traceable(record: Record, raw: str) -> None:
    """Every paragraph maps back to raw text that normalises to it (white space aside)."""
    offsets = OffsetMap(record.offset_map)
    for p in record.paragraphs:
        assert p.start < p.end
        a, b = offsets.span_to_raw(p.start, p.end)
        assert raw[a:b].strip()
    assert Record.from_dict(record.to_dict()) == record


def converted(obj: dict) -> Record:
    return convert(jsonl_input(obj))
