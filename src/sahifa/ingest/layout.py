"""Site layouts, declared as data in `publications.json`: boilerplate, publication names,
headline deck separators and byline credit words."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sahifa.ingest.article import trim

_BYLINE_PARTS = re.compile(r"\s+[–—ـ-]\s*|\s*[–—ـ-]\s+|\s*[،,/:()|]\s*")


@dataclass(slots=True, frozen=True)
class Site:
    """What a publication puts at the start of the body, and what its author field holds."""

    body_bylines: tuple[re.Pattern, ...] = ()
    body_datelines: tuple[re.Pattern, ...] = ()
    author_field: str = "byline"


@dataclass(slots=True, frozen=True)
class Layouts:
    boilerplate: frozenset[str]
    publication_by_line: dict[str, str]
    deck_separators: tuple[str, ...]
    credits: frozenset[str]
    places: frozenset[str]
    publication_by_key: dict[str, str]
    sites: dict[str, Site]


@dataclass(slots=True)
class BodyStart:
    """Where the body starts once a repeated byline or a dateline is left out, and what they
    said."""

    start: int
    byline: str | None = None
    dateline: str | None = None


@cache
def layouts() -> Layouts:
    table = json.loads(
        resources.files("sahifa.ingest").joinpath("publications.json").read_text("utf-8")
    )
    by_line: dict[str, str] = {}
    by_key: dict[str, str] = {}
    sites: dict[str, Site] = {}
    boilerplate: set[str] = set()
    separators: list[str] = []
    for pub in table["publications"]:
        for name in [pub["name"], *pub.get("aliases", [])]:
            by_line[name] = pub["name"]
        by_key.update({key: pub["name"] for key in pub.get("keys", [])})
        sites[pub["name"]] = Site(
            tuple(re.compile(p) for p in pub.get("body_bylines", [])),
            tuple(re.compile(p) for p in pub.get("body_datelines", [])),
            pub.get("author_field", "byline"),
        )
        boilerplate.update(pub.get("boilerplate", []))
        separators += [s for s in pub.get("deck_separators", []) if s not in separators]
    credits = frozenset(table["byline_credits"])
    places = frozenset(table["byline_places"])
    return Layouts(frozenset(boilerplate), by_line, tuple(separators), credits, places, by_key,
                   sites)


def publication_name(key: str | None) -> str | None:
    """The publication a scrape's site key (or the site's own name) stands for."""
    if key is None:
        return None
    table = layouts()
    return table.publication_by_key.get(key) or table.publication_by_line.get(key, key)


def site(publication: str | None) -> Site:
    return layouts().sites.get(publication or "", Site())


def body_start(raw: str, start: int, end: int, publication: str | None,
               author: str | None) -> BodyStart:
    """Skip what the body repeats at its start: the input's own byline (`author`), then the
    publication's declared bylines and datelines, each followed by white space or a colon."""
    found = BodyStart(start)
    author = " ".join(author.split()) if author else ""
    start = _skip_separators(raw, start, end)
    if author and raw.startswith(author, start):
        found.byline, start = author, _skip_separators(raw, start + len(author), end)
    declared = site(publication)
    for kind, patterns in (("byline", declared.body_bylines),
                           ("dateline", declared.body_datelines)):
        for pattern in patterns:
            m = pattern.match(raw[start:end])
            if m:
                if getattr(found, kind) is None:
                    setattr(found, kind, m.group("text" if "text" in pattern.groupindex
                                                 else 0).strip())
                start = _skip_separators(raw, start + m.end(), end)
                break
    found.start = start
    return found


def _skip_separators(raw: str, start: int, end: int) -> int:
    while start < end and (raw[start].isspace() or raw[start] in ":|"):
        start += 1
    return start


def split_deck(raw: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Headline [start, end) as ("headline", a, b) and, after a deck separator, ("deck", c, d).

    The separator must stand between spaces, so a ".." inside the headline is not one.
    """
    line = raw[start:end]
    for sep in layouts().deck_separators:
        at = line.find(f" {sep}")
        while at != -1:
            after = at + 1 + len(sep)
            if after < len(line) and line[after].isspace():
                head = trim(raw, start, start + at)
                deck = trim(raw, start + after, end)
                if head[0] < head[1] and deck[0] < deck[1]:
                    return [("headline", *head), ("deck", *deck)]
            at = line.find(f" {sep}", at + 1)
    return [("headline", start, end)]


def parse_byline(byline: str) -> tuple[list[str], list[str]]:
    """Authors and credits of a byline such as "أنس وهيب الكردي – وكالات".

    Parts are split at dashes, commas, slashes, colons and parentheses; a part that is a known
    credit word (or an agency, وكالة ...) is a credit, a known place (a dateline) is neither,
    any other part an author.
    """
    authors: list[str] = []
    credits: list[str] = []
    for part in _BYLINE_PARTS.split(byline.strip().lstrip("|").strip()):
        part = " ".join(part.strip("-–«» ").split())
        if not part or part in layouts().places:
            continue
        if part in layouts().credits or part.startswith(("وكالة", "وكالات", "خاص ")):
            credits.append(part)
        else:
            authors.append(part)
    return authors, credits
