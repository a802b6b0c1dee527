"""Articles from formats whose fields are already apart (JSON Lines, TREC): the headline, an
abstract and the body as ranges of one raw string, and metadata strings, become a `RawArticle`.

The publication's declared layout (publications.json) decides what the body repeats at its start
(the byline, a dateline) and what the author field holds; an abstract that only repeats the start
of the body is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sahifa.ingest.article import Block, IngestError, RawArticle, clean, lines, trim
from sahifa.ingest.dates import iso_date
from sahifa.ingest.layout import body_start, parse_byline, publication_name, site, split_deck
from sahifa.record import Source
from sahifa.schema import record_schema

Range = tuple[int, int]


@dataclass(slots=True)
class Fields:
    """What a structured input gives: ranges of `raw` for the text, strings for the rest."""

    raw: str
    title: Range | None = None
    abstract: Range | None = None
    body: Range | None = None
    publication: str | None = None
    author: str | None = None
    url: str | None = None
    date: str | None = None
    section: str | None = None


def structured_article(article_id: str, source: Source, fields: Fields) -> RawArticle:
    raw = fields.raw
    publication = publication_name(clean(fields.publication))
    headline = _trimmed(raw, fields.title)
    blocks = [Block(*part) for part in split_deck(raw, *headline)] if headline else []
    declared = site(publication)
    byline = fields.author if declared.author_field == "byline" else None
    start = body_start(raw, *(fields.body or (0, 0)), publication, byline)
    body = lines(raw, start.start, fields.body[1]) if fields.body else []
    abstract = _trimmed(raw, fields.abstract)
    body_start_text = "".join(raw[a:b] for a, b in body[:3])
    if abstract and not _repeats_start(raw[slice(*abstract)], body_start_text):
        blocks.append(Block("deck", *abstract))
    blocks += [Block("body", a, b) for a, b in body]
    authors, credits = parse_byline(byline or start.byline or "")
    field_date = fields.author if declared.author_field == "date" else fields.date
    return RawArticle(
        id=article_id, source=source, raw=raw, blocks=blocks, publication=publication,
        section=fields.section, authors=authors, credits=credits, url=clean(fields.url),
        date=iso_date(start.dateline) or iso_date(field_date),
    )


def _trimmed(raw: str, found: Range | None) -> Range | None:
    if found is None:
        return None
    a, b = trim(raw, *found)
    return (a, b) if a < b else None


def _repeats_start(abstract: str, body: str) -> bool:
    """Whether the abstract is the body's start, white space aside (a trailing … too)."""
    short = "".join(abstract.split()).rstrip(".…")
    return "".join(body.split()).startswith(short)


@cache
def _id_pattern() -> re.Pattern:
    return re.compile(record_schema()["properties"]["id"]["pattern"])


def record_id(value: str | None, fallback: str) -> str:
    """The input's own id when it has one (it must be a valid record id), else `fallback`."""
    if value is None:
        return fallback
    if not _id_pattern().match(value):
        raise IngestError("invalid-id", f"id {value!r} is not a valid record id (pattern "
                          f"{_id_pattern().pattern})")
    return value
