"""Two versions of one record (gold and automatic, pass A and pass B) compared span by span,
the way an adjudicator reads them.

A span both versions have with the same offsets and the same attributes (an entity's label; a
quotation's speaker span, cue span and closedness; a correction's form and kind) is an
agreement. What is left is paired across the versions by overlap, so that «تنظيم داعش» in one
and «داعش» in the other is one boundary disagreement, not two; what finds no partner is a
span only one version has.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sahifa.record import Correction, Entity, Quote, Record

Span = Entity | Quote | Correction


def _speaker_span(record: Record, quote: Quote) -> tuple[int, int] | None:
    speaker = next((e for e in record.entities if e.id == quote.speaker), None)
    return (speaker.start, speaker.end) if speaker else None


FACETS: dict[str, dict[str, Callable[[Record, Span], object]]] = {
    "entities": {"label": lambda r, e: e.label},
    "quotes": {"speaker": _speaker_span,
               "cue": lambda r, q: (q.cue.start, q.cue.end) if q.cue else None,
               "closed": lambda r, q: q.closed},
    "corrections": {"form": lambda r, c: c.correction, "kind": lambda r, c: c.kind},
}
"""What must be equal, besides the offsets, for two spans of a layer to agree."""


@dataclass(frozen=True, slots=True)
class Difference:
    layer: str
    what: str  # "only A", "only B", or what differs: "boundary", "label", "boundary, label" …
    a: Span | None
    b: Span | None

    @property
    def start(self) -> int:
        return min(s.start for s in (self.a, self.b) if s is not None)


@dataclass
class Comparison:
    a: Record
    b: Record
    agreed: dict[str, list[tuple[Span, Span]]] = field(default_factory=dict)
    differences: list[Difference] = field(default_factory=list)


def compare(a: Record, b: Record) -> Comparison:
    """The agreements and disagreements of two versions of a record (same id and text)."""
    if a.id != b.id or a.text != b.text:
        raise ValueError(f"{a.id} and {b.id} are not two versions of one record: "
                         "their ids or texts differ")
    result = Comparison(a, b)
    for layer in FACETS:
        agreed, rest_a, rest_b = _agreements(layer, a, b)
        result.agreed[layer] = agreed
        result.differences += _disagreements(layer, a, b, rest_a, rest_b)
    result.differences.sort(key=lambda d: (d.start, list(FACETS).index(d.layer)))
    return result


def _key(layer: str, record: Record, span: Span) -> tuple:
    return (span.start, span.end, *(facet(record, span) for facet in FACETS[layer].values()))


def _agreements(layer: str, a: Record, b: Record):
    """The pairs of spans equal in every facet, and the spans of each version left over."""
    waiting: dict[tuple, list[Span]] = defaultdict(list)
    for span in getattr(b, layer):
        waiting[_key(layer, b, span)].append(span)
    agreed, rest_a = [], []
    for span in getattr(a, layer):
        twins = waiting.get(_key(layer, a, span))
        if twins:
            agreed.append((span, twins.pop(0)))
        else:
            rest_a.append(span)
    return agreed, rest_a, [s for spans in waiting.values() for s in spans]


def _overlap(x: Span, y: Span) -> int:
    return min(x.end, y.end) - max(x.start, y.start)


def _differing(layer: str, a: Record, b: Record, x: Span, y: Span) -> list[str]:
    offsets = [] if (x.start, x.end) == (y.start, y.end) else ["boundary"]
    return offsets + [name for name, facet in FACETS[layer].items()
                      if facet(a, x) != facet(b, y)]


def _disagreements(layer: str, a: Record, b: Record, rest_a: list[Span],
                   rest_b: list[Span]) -> list[Difference]:
    """Left-over spans paired one to one by overlap (fewest differing facets first, then the
    largest overlap); the unpaired ones are spans of one version only."""
    candidates = sorted(
        ((len(_differing(layer, a, b, x, y)), -_overlap(x, y), x.start, y.start, i, j)
         for i, x in enumerate(rest_a) for j, y in enumerate(rest_b) if _overlap(x, y) > 0))
    paired_a: set[int] = set()
    paired_b: set[int] = set()
    found = []
    for *_, i, j in candidates:
        if i in paired_a or j in paired_b:
            continue
        paired_a.add(i)
        paired_b.add(j)
        x, y = rest_a[i], rest_b[j]
        found.append(Difference(layer, ", ".join(_differing(layer, a, b, x, y)), x, y))
    found += [Difference(layer, "only A", x, None)
              for i, x in enumerate(rest_a) if i not in paired_a]
    found += [Difference(layer, "only B", None, y)
              for j, y in enumerate(rest_b) if j not in paired_b]
    return found
