"""Entities edited in a tool that knows only spans and labels (spaCy, a CoNLL-U editor), put
back on their record.

An entity that comes back as it left (same key: character span and label, or token range and
label for a token-level format) is the record's own entity, with its id, exact offsets and
provenance, so an entity inside a clitic-attached token survives a token-level round trip. Any
other is the editor's: origin gold, annotator the tool, a new id. A quotation whose speaker is
gone loses it, and that is reported (finding `import-unmapped`), never silent.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import replace
from typing import Any

from sahifa.findings import Finding, Problem, locate
from sahifa.record import Entity, Record


def unchanged(old: dict[str, Any], span_id: str | None, start: int, end: int,
               label: str | None = None) -> Any:
    """The record's span `span_id` (from `old`, by id) when it came back with the same offsets
    and, for an entity, the same label; else None (the span is the editor's)."""
    span = old.get(span_id)
    if span is None or (span.start, span.end) != (start, end):
        return None
    return span if getattr(span, "label", label) == label else None


def entities_back(record: Record, found: Iterable[tuple[Hashable, int, int, str]],
                  key: Callable[[Entity], Hashable], editor: str,
                  where: str) -> tuple[Record, list[Finding]]:
    """The record with the entities `found` ((key, start, end, label) each) in place of its
    own, and the problems met."""
    own = {key(e): e for e in record.entities}
    used = {e.id for e in record.entities}
    entities, fresh = [], 0
    for k, start, end, label in found:
        kept = own.get(k)
        if kept is None:
            fresh += 1
            while f"E{fresh}" in used:
                fresh += 1
            kept = Entity(f"E{fresh}", start, end, record.text[start:end], label, "gold", editor)
            used.add(kept.id)
        entities.append(kept)
    entities.sort(key=lambda e: (e.start, -e.end))
    ids = {e.id for e in entities}
    problems = [locate(Problem("import-unmapped", f"the speaker {q.speaker} of quotation {q.id} "
                               "is no entity any more; the quotation keeps no speaker",
                               span=q.id), file=where)
                for q in record.quotes if q.speaker is not None and q.speaker not in ids]
    quotes = [q if q.speaker is None or q.speaker in ids else replace(q, speaker=None)
              for q in record.quotes]
    return replace(record, entities=entities, quotes=quotes), problems
