"""Annotation sets kept as offsets only (annotation/quotes-dev/, annotation/ner-silver/): their
articles stay in ../shared/data, whose text we may not publish. A set's rows name an article by
its source file and line; its record is rebuilt with our readers and checked against the hash
of the text its annotators saw, so an offset never lands on other text."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sahifa.errors import UserError
from sahifa.pipeline import convert_or_reject, iter_inputs
from sahifa.record import Record


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def sources_present(rows: list[dict], data: Path) -> bool:
    """Whether `data` holds every source file the rows name."""
    return all((data / source).is_file() for source in {row["source"] for row in rows})


def rebuilt_records(data: Path, rows: list[dict], name: str) -> dict[str, Record]:
    """Our records of the articles `rows` name, by id, each checked against its hash (`name`:
    the set, for the error messages)."""
    wanted = {(row["source"], row["line"]): row for row in rows}
    found = {}
    for source in sorted({row["source"] for row in rows}):
        for item in iter_inputs(data / source):
            row = wanted.get((source, item.line))
            if row is None:
                continue
            record = convert_or_reject(item)
            text = getattr(record, "text", "")
            if hashlib.sha256(text.encode("utf-8")).hexdigest() != row["text_sha256"]:
                raise UserError(item.where, f"is not the text {name} was annotated on (its hash "
                                "differs): the reader or the data changed")
            found[row["id"]] = record
    missing = [row["id"] for row in rows if row["id"] not in found]
    if missing:
        raise UserError(data.as_posix(), f"lacks {len(missing)} articles of {name}, e.g. "
                        f"{missing[0]}")
    return found
