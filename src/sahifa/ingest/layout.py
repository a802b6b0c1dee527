"""Site layouts, declared as data in `publications.json`: boilerplate, publication names,
headline deck separators and byline credit words."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sahifa.ingest.article import trim

_BYLINE_PARTS = re.compile(r"\s+[–—-]\s+|\s*[،,/]\s*")


@dataclass(slots=True, frozen=True)
class Layouts:
    boilerplate: frozenset[str]
    publication_by_line: dict[str, str]
    deck_separators: tuple[str, ...]
    credits: frozenset[str]


@cache
def layouts() -> Layouts:
    table = json.loads(
        resources.files("sahifa.ingest").joinpath("publications.json").read_text("utf-8")
    )
    by_line: dict[str, str] = {}
    boilerplate: set[str] = set()
    separators: list[str] = []
    for pub in table["publications"]:
        for name in [pub["name"], *pub.get("aliases", [])]:
            by_line[name] = pub["name"]
        boilerplate.update(pub.get("boilerplate", []))
        separators += [s for s in pub.get("deck_separators", []) if s not in separators]
    credits = frozenset(table["byline_credits"])
    return Layouts(frozenset(boilerplate), by_line, tuple(separators), credits)


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

    Parts are split at dashes, commas and slashes; a part that is a known credit word (or an
    agency, وكالة ...) is a credit, any other part an author.
    """
    authors: list[str] = []
    credits: list[str] = []
    for part in _BYLINE_PARTS.split(byline.strip().lstrip("|").strip()):
        part = " ".join(part.split())
        if not part:
            continue
        if part in layouts().credits or part.startswith(("وكالة", "وكالات")):
            credits.append(part)
        else:
            authors.append(part)
    return authors, credits
