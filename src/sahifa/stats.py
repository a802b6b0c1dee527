"""Counts over records (articles, characters, spans by label and origin, normaliser edits,
licences, publications), added record by record and merged across workers; the datasheet
prints them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sahifa.record import Record


@dataclass
class Stats:
    articles: int = 0
    characters: int = 0
    paragraphs: int = 0
    sentences: int = 0
    tokens: int = 0
    entities: Counter = field(default_factory=Counter)
    quotes: Counter = field(default_factory=Counter)
    corrections: Counter = field(default_factory=Counter)
    origins: Counter = field(default_factory=Counter)
    normalization: Counter = field(default_factory=Counter)
    licenses: Counter = field(default_factory=Counter)
    publications: Counter = field(default_factory=Counter)  # (publication, layer) → count
    inputs: list[tuple[str, str]] = field(default_factory=list)

    def add(self, record: Record) -> None:
        self.articles += 1
        self.characters += len(record.text)
        self.paragraphs += len(record.paragraphs)
        self.sentences += len(record.sentences)
        self.tokens += len(record.tokens)
        self.entities.update(e.label for e in record.entities)
        self.quotes.update("closed" if q.closed else "unclosed" for q in record.quotes)
        self.corrections.update(c.kind for c in record.corrections)
        for layer in (record.entities, record.quotes, record.corrections):
            self.origins.update(span.origin for span in layer)
        self.normalization.update({e.kind: e.count for e in record.normalization})
        self.licenses[record.license or "none declared"] += 1
        name = record.publication or "unknown"
        self.publications.update({(name, "articles"): 1, (name, "entities"): len(
            record.entities), (name, "quotes"): len(record.quotes),
            (name, "corrections"): len(record.corrections)})

    def merge(self, other: Stats) -> None:
        """Add the counts of `other` (the statistics of another record or part)."""
        for name in ("articles", "characters", "paragraphs", "sentences", "tokens"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("entities", "quotes", "corrections", "origins", "normalization", "licenses",
                     "publications"):
            getattr(self, name).update(getattr(other, name))
