"""Inter-annotator agreement of two independent annotation passes, per layer.

Both passes are imported like gold (through the pipeline, onto each article's record), so they
are compared on the same text and the same tokens. Span layers: exact-span F1 (a span counts as
agreed when both passes have it with the same offsets, and the same label for entities); F1 is
symmetric, so it does not matter which pass is the reference. Entities also get Cohen's κ on
token labels: each record token gets the plain label (no B-/I- prefix) of the outermost entity
covering it, or O.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sahifa.annotate import iob
from sahifa.ingest.inputs import RawInput
from sahifa.ingest.readers.plaintext import ANNOTATIONS, FORMAT
from sahifa.pipeline import convert
from sahifa.record import Record
from sahifa.schema import labels
from sahifa.write.card import replace_block

BLOCK = "agreement"


@dataclass
class Counts:
    a: int = 0
    b: int = 0
    both: int = 0

    def add(self, a: set, b: set) -> None:
        self.a += len(a)
        self.b += len(b)
        self.both += len(a & b)

    @property
    def f1(self) -> float:
        return 2 * self.both / (self.a + self.b) if self.a + self.b else 1.0


@dataclass
class Agreement:
    articles: list[str] = field(default_factory=list)
    layers: dict[str, Counts] = field(default_factory=dict)
    entity_labels: dict[str, Counts] = field(default_factory=dict)
    token_labels: list[tuple[str, str]] = field(default_factory=list)

    def add(self, name: str, a: Record, b: Record) -> None:
        self.articles.append(name)
        for layer, keys in LAYERS.items():
            self.layers.setdefault(layer, Counts()).add(keys(a), keys(b))
        for label in labels("entity_label"):
            a_spans, b_spans = (_entity_keys(r, label) for r in (a, b))
            if a_spans or b_spans:
                self.entity_labels.setdefault(label, Counts()).add(a_spans, b_spans)
        self.token_labels += zip(outer_token_labels(a), outer_token_labels(b), strict=True)

    def kappa(self) -> tuple[float, float]:
        """Cohen's κ and the observed agreement on the token labels."""
        n = len(self.token_labels)
        observed = sum(x == y for x, y in self.token_labels) / n
        a, b = Counter(x for x, _ in self.token_labels), Counter(y for _, y in self.token_labels)
        expected = sum(a[k] * b[k] for k in a) / (n * n)
        return (observed - expected) / (1 - expected), observed


def _entity_keys(record: Record, label: str | None = None) -> set:
    return {(e.start, e.end, e.label) for e in record.entities if label in (None, e.label)}


def _speaker_keys(record: Record) -> set:
    entities = {e.id: (e.start, e.end) for e in record.entities}
    return {(q.start, q.end, entities.get(q.speaker or "")) for q in record.quotes}


LAYERS: dict[str, Callable[[Record], set]] = {
    "entities (span and label)": _entity_keys,
    "quotes (span)": lambda r: {(q.start, q.end) for q in r.quotes},
    "quotes (span and speaker span)": _speaker_keys,
    "quotes (span and closed)": lambda r: {(q.start, q.end, q.closed) for q in r.quotes},
    "cues (span)": lambda r: {(q.cue.start, q.cue.end) for q in r.quotes if q.cue},
    "corrections (span)": lambda r: {(c.start, c.end) for c in r.corrections},
    "corrections (span, form and kind)": lambda r: {
        (c.start, c.end, c.correction, c.kind) for c in r.corrections},
}


def outer_token_labels(record: Record) -> list[str]:
    """Each token's plain label of the outermost entity covering it, or O."""
    found = [iob.OUTSIDE] * len(record.tokens)
    outermost = (iob.levels(record.tokens, record.entities, labels("entity_label")) or [[]])[0]
    for first, end, label in outermost:
        found[first:end] = [label] * (end - first)
    return found


def _record(text: Path, ann: Path) -> Record:
    return convert(RawInput(FORMAT, text.name, None, text.read_bytes(), ann.read_bytes(),
                            ann.as_posix()))


def compare(pass_a: Path, pass_b: Path, texts: Path) -> Agreement:
    """Agreement of the `.ann` files of two pass folders on the articles in `texts`."""
    names_a = {p.name for p in pass_a.glob(f"*{ANNOTATIONS}")}
    names_b = {p.name for p in pass_b.glob(f"*{ANNOTATIONS}")}
    if names_a != names_b or not names_a:
        raise ValueError(f"the passes annotate different articles: only in {pass_a}: "
                         f"{sorted(names_a - names_b)}, only in {pass_b}: "
                         f"{sorted(names_b - names_a)}" if names_a else f"no .ann in {pass_a}")
    result = Agreement()
    for name in sorted(names_a):
        text = texts / Path(name).with_suffix(".txt")
        result.add(Path(name).stem, _record(text, pass_a / name), _record(text, pass_b / name))
    return result


def markdown(result: Agreement, command: str) -> str:
    kappa, observed = result.kappa()
    rows = ["| layer | pass A | pass B | in both | exact-span F1 |",
            "| --- | --- | --- | --- | --- |"]
    named = list(result.layers.items())
    named[1:1] = [(f"entities: {label}", c) for label, c in result.entity_labels.items()]
    rows += [f"| {name} | {c.a} | {c.b} | {c.both} | {c.f1:.3f} |" for name, c in named]
    return "\n".join([
        f"Recomputed by `{command}` (`scripts/test.sh` fails when these figures are stale). "
        f"Articles: {len(result.articles)} ({', '.join(result.articles)}).", "",
        *rows, "",
        f"Cohen's κ on token labels of the entities: **{kappa:.3f}** (observed agreement "
        f"{observed:.3f}, {len(result.token_labels)} tokens). Each token of the record gets the "
        "plain label (not IOB2) of the outermost entity covering it, or O.",
    ])


def update(document: str, result: Agreement, command: str) -> str:
    return replace_block(document, BLOCK, markdown(result, command))

