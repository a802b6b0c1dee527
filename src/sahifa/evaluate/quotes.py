"""Quotation attribution scored per publication: quotations found (exact span, overlapping),
speakers (the gold mention exactly, or the right person by name), cues, false quotations; and
the kinds of error, counted (with examples where the rules may be tuned: not on the test split).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields

from sahifa.annotate.text import key
from sahifa.record import Entity, Quote, Record


@dataclass
class QuoteCounts:
    """Counts over articles; `named`: gold quotes whose speaker is named in the text; `cues`:
    gold quotes with a cue that a predicted quote overlaps."""

    articles: int = 0
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlapping: int = 0
    named: int = 0
    speaker_exact: int = 0
    speaker_name: int = 0
    cues: int = 0
    cue_right: int = 0
    false: int = 0

    def add(self, other: QuoteCounts) -> None:
        for count in fields(self):
            setattr(self, count.name, getattr(self, count.name) + getattr(other, count.name))


@dataclass
class QuoteEvaluation:
    name: str
    by_publication: dict[str, QuoteCounts] = field(default_factory=dict)
    errors: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    with_examples: bool = True
    max_examples: int = 3
    no_examples: str = "nothing is to be tuned on these articles"  # why, when without

    @property
    def total(self) -> QuoteCounts:
        total = QuoteCounts()
        for counts in self.by_publication.values():
            total.add(counts)
        return total

    def add(self, gold: Record, predicted: Record) -> None:
        counts = self.by_publication.setdefault(gold.publication or "unknown", QuoteCounts())
        counts.articles += 1
        counts.gold += len(gold.quotes)
        counts.predicted += len(predicted.quotes)
        g_entities = {e.id: e for e in gold.entities}
        p_entities = {e.id: e for e in predicted.entities}
        for q in gold.quotes:
            overlapping = [p for p in predicted.quotes if _overlap(p, q)]
            exact = next((p for p in overlapping if (p.start, p.end) == (q.start, q.end)), None)
            counts.exact += exact is not None
            counts.overlapping += bool(overlapping)
            match = exact or (overlapping[0] if overlapping else None)
            speaker = g_entities.get(q.speaker or "")
            counts.named += speaker is not None
            if match is None:
                self._error("missed quotation", gold, q)
                continue
            if exact is None:
                self._error("quotation boundaries differ", gold, q)
            self._speaker(counts, gold, q, speaker, p_entities.get(match.speaker or ""))
            self._cue(counts, gold, q, match)
        for p in predicted.quotes:
            if not any(_overlap(p, q) for q in gold.quotes):
                counts.false += 1
                self._error("false quotation", gold, p)

    def _speaker(self, counts: QuoteCounts, record: Record, q: Quote, gold: Entity | None,
                 found: Entity | None) -> None:
        if gold is None:
            if found is not None:
                self._error("speaker given to an anonymous source", record, q)
            return
        if found is not None and (found.start, found.end) == (gold.start, gold.end):
            counts.speaker_exact += 1
            counts.speaker_name += 1
            return
        if found is not None and _same_name(found.text, gold.text):
            counts.speaker_name += 1
            self._error("speaker: another mention of the right person", record, q)
        elif found is None:
            self._error("speaker missing", record, q)
        else:
            self._error("speaker: wrong person or mention", record, q)

    def _cue(self, counts: QuoteCounts, record: Record, q: Quote, match: Quote) -> None:
        if q.cue is None:
            return
        counts.cues += 1
        if match.cue is not None and (match.cue.start, match.cue.end) == (q.cue.start,
                                                                           q.cue.end):
            counts.cue_right += 1
        else:
            self._error("cue missing" if match.cue is None else "wrong cue", record, q)

    def _error(self, kind: str, record: Record, span) -> None:
        self.errors[kind] += 1
        if self.with_examples and len(self.examples.setdefault(kind, [])) < self.max_examples:
            before = record.text[max(0, span.start - 50):span.start].replace("\n", " ")
            self.examples[kind].append(f"{record.id}: …{before}[{span.text[:50]}]")


def _overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def _same_name(found: str, gold: str) -> bool:
    """The same person by name: the mentions share their last word (كيري، جون كيري)."""
    return key(found.split()[-1]) == key(gold.split()[-1])
