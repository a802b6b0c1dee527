"""The one record type of the corpus, and its span types.

Field names and order follow `schema/record.schema.json`; `Record.to_dict()` gives the JSON-Schema
view (labels as strings) and `Record.from_dict()` reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any

import msgspec


@dataclass(slots=True, frozen=True)
class Source:
    file: str
    sha256: str
    format: str
    line: int | None = None


@dataclass(slots=True, frozen=True)
class Segment:
    """Text [start, end) stands for raw [raw_start, raw_end); linear when both lengths agree."""

    start: int
    end: int
    raw_start: int
    raw_end: int


@dataclass(slots=True, frozen=True)
class EditCount:
    kind: str
    count: int


@dataclass(slots=True, frozen=True)
class Span:
    """A sentence or a token: offsets only, its text is the record's `text[start:end]` (not
    stored, so that the corpus keeps one copy of the text)."""

    start: int
    end: int


@dataclass(slots=True, frozen=True)
class Paragraph:
    """A block of the article (headline, deck, body): its text is `text[start:end]`."""

    id: str
    start: int
    end: int
    label: str


@dataclass(slots=True, frozen=True)
class Entity:
    id: str
    start: int
    end: int
    text: str
    label: str
    origin: str
    annotator: str


@dataclass(slots=True, frozen=True)
class Cue:
    id: str
    start: int
    end: int
    text: str


@dataclass(slots=True, frozen=True)
class Quote:
    id: str
    start: int
    end: int
    text: str
    speaker: str | None
    cue: Cue | None
    closed: bool
    origin: str
    annotator: str


@dataclass(slots=True, frozen=True)
class Correction:
    id: str
    start: int
    end: int
    text: str
    correction: str
    kind: str
    origin: str
    annotator: str


@dataclass(slots=True, kw_only=True)
class Record:
    """One article. Fields are in the schema's column order (a test holds them together)."""

    id: str
    source: Source
    publication: str | None = None
    section: str | None = None
    headline: str | None = None
    deck: str | None = None
    authors: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    url: str | None = None
    date: str | None = None
    license: str | None = None
    attribution: str | None = None
    text: str
    offset_map: list[Segment] = field(default_factory=list)
    normalization: list[EditCount] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    tokens: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)

    def text_of(self, span: Span | Paragraph) -> str:
        """The text of a paragraph, sentence or token: `text[start:end]` (they store none)."""
        return self.text[span.start:span.end]

    def to_dict(self) -> dict[str, Any]:
        """The record as plain data, keys in schema column order, labels as strings (what
        `dataclasses.asdict` gives, made by msgspec in C: a hot path, a few times faster than
        asdict's deep copies or a Python walk)."""
        return msgspec.to_builtins(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """A record from plain data: `to_dict`'s, a row of the `default` config as pyarrow or
        `load_dataset` give it (labels as ClassLabel ids are named), or JSON. Refuses, with
        a ValueError that says why, data that is not a record: a missing id, source or text
        (a row of the `ner` or `quotes` view), a field the schema does not know, a label id
        outside its inventory (whether a label string is in it is the schema check's).
        Rows of dataset 0.x (record schema 1), whose paragraphs, sentences and tokens carried
        their `text` as well, are read too: that text is `text[start:end]`."""
        data = _named_labels(data)

        def many(kind, key):
            items = data.get(key) or []
            if key in SEGMENTATION_LAYERS and items and "text" in items[0]:
                items = [{k: v for k, v in item.items() if k != "text"} for item in items]
            return [kind(**item) for item in items]

        quotes = [
            Quote(**{**q, "cue": Cue(**q["cue"]) if q.get("cue") else None})
            for q in data.get("quotes") or []
        ]
        return cls(
            id=data["id"],
            source=Source(**data["source"]),
            text=data["text"],
            publication=data.get("publication"),
            section=data.get("section"),
            headline=data.get("headline"),
            deck=data.get("deck"),
            authors=list(data.get("authors") or []),
            credits=list(data.get("credits") or []),
            url=data.get("url"),
            date=data.get("date"),
            license=data.get("license"),
            attribution=data.get("attribution"),
            offset_map=many(Segment, "offset_map"),
            normalization=many(EditCount, "normalization"),
            paragraphs=many(Paragraph, "paragraphs"),
            sentences=many(Span, "sentences"),
            tokens=many(Span, "tokens"),
            entities=many(Entity, "entities"),
            quotes=quotes,
            corrections=many(Correction, "corrections"),
        )


def _named_labels(data: dict[str, Any]) -> dict[str, Any]:
    from sahifa.schema import LabelCodec

    if not isinstance(data, dict):
        raise ValueError(f"a record is a mapping, not {type(data).__name__}")
    missing = [k for k in ("id", "source", "text") if k not in data]
    if missing:
        raise ValueError(f"not a record of the default config: no {', '.join(missing)} "
                         f"(its fields: {', '.join(sorted(data)) or 'none'})")
    unknown = sorted(set(data) - set(_record_fields()))
    if unknown:
        raise ValueError(f"fields the record schema does not know: {', '.join(unknown)}")
    return _codec(LabelCodec).decode(data)


@cache
def _codec(kind):
    return kind()


@cache
def _record_fields() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Record))


SEGMENTATION_LAYERS = ("paragraphs", "sentences", "tokens")
ANNOTATION_LAYERS = ("entities", "quotes", "corrections")
SPAN_LAYERS = SEGMENTATION_LAYERS + ANNOTATION_LAYERS  # every layer of spans, in record order
