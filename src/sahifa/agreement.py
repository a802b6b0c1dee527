"""Inter-annotator agreement of two independent annotation passes, per layer.

Both passes are imported like gold (through the pipeline, onto each article's record), so they
are compared on the same text and the same tokens. Span layers: exact-span F1 (a span counts as
agreed when both passes have it with the same offsets, and the same label for entities); F1 is
symmetric, so it does not matter which pass is the reference. Entities also get Cohen's κ on
token labels: each record token gets the plain label (no B-/I- prefix) of the outermost entity
covering it, or O.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sahifa.annotate import iob
from sahifa.ingest.article import IngestError
from sahifa.ingest.inputs import ANNOTATIONS, RawInput
from sahifa.pipeline import READERS, convert, iter_inputs
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
    def f1(self) -> float | None:
        """None when neither pass has any span: agreement on nothing is no figure."""
        return 2 * self.both / (self.a + self.b) if self.a + self.b else None


@dataclass
class Agreement:
    articles: list[str] = field(default_factory=list)
    layers: dict[str, Counts] = field(default_factory=dict)
    entity_labels: dict[str, Counts] = field(default_factory=dict)
    token_labels: list[tuple[str, str]] = field(default_factory=list)
    token_marks: dict[str, list[tuple[bool, bool]]] = field(default_factory=dict)

    def add(self, name: str, a: Record, b: Record) -> None:
        self.articles.append(name)
        for layer, keys in LAYERS.items():
            self.layers.setdefault(layer, Counts()).add(keys(a), keys(b))
        for label in labels("entity_label"):
            a_spans, b_spans = (_entity_keys(r, label) for r in (a, b))
            if a_spans or b_spans:
                self.entity_labels.setdefault(label, Counts()).add(a_spans, b_spans)
        self.token_labels += zip(outer_token_labels(a), outer_token_labels(b), strict=True)
        for name_, spans in TOKEN_MARKS.items():
            self.token_marks.setdefault(name_, []).extend(
                zip(covered(a, spans(a)), covered(b, spans(b)), strict=True))

    def kappa(self) -> tuple[float | None, float | None]:
        """Cohen's κ and the observed agreement on the token labels."""
        return cohen_kappa(self.token_labels)

    def mark_kappa(self, name: str) -> float | None:
        """Cohen's κ on whether each token is inside a span of `name` (an entity label or
        another layer); None where neither pass marks any token."""
        pairs = self.token_marks.get(name, [])
        if not any(x or y for x, y in pairs):
            return None
        return cohen_kappa(pairs)[0]


def cohen_kappa(pairs: list[tuple]) -> tuple[float | None, float | None]:
    """Cohen's κ and the observed agreement of paired labels; κ is None (undefined) when the
    chance agreement is 1, both passes using one and the same label throughout (all O), and
    both are None without pairs."""
    n = len(pairs)
    if not n:
        return None, None
    observed = sum(x == y for x, y in pairs) / n
    a, b = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    expected = sum(a[k] * b[k] for k in a) / (n * n)
    return ((observed - expected) / (1 - expected) if expected < 1 else None), observed


def covered(record: Record, spans: list[tuple[int, int]]) -> list[bool]:
    """For each token of the record, whether it overlaps one of the character spans."""
    marks = [False] * len(record.tokens)
    starts = [t.start for t in record.tokens]
    for start, end in spans:
        i = max(bisect_right(starts, start) - 1, 0)
        while i < len(record.tokens) and record.tokens[i].start < end:
            marks[i] = marks[i] or record.tokens[i].end > start
            i += 1
    return marks


def _entity_keys(record: Record, label: str | None = None) -> set:
    return {(e.start, e.end, e.label) for e in record.entities if label in (None, e.label)}


def _speaker_keys(record: Record) -> set:
    entities = {e.id: (e.start, e.end) for e in record.entities}
    return {(q.start, q.end, entities.get(q.speaker or "")) for q in record.quotes}


LAYER_MARKS = {"quotes (span)": "quotes", "cues (span)": "cues",
               "corrections (span)": "corrections"}
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


def _label_spans(label: str) -> Callable[[Record], list[tuple[int, int]]]:
    return lambda r: [(e.start, e.end) for e in r.entities if e.label == label]


TOKEN_MARKS: dict[str, Callable[[Record], list[tuple[int, int]]]] = {
    **{label: _label_spans(label) for label in labels("entity_label")},
    "quotes": lambda r: [(q.start, q.end) for q in r.quotes],
    "cues": lambda r: [(q.cue.start, q.cue.end) for q in r.quotes if q.cue],
    "corrections": lambda r: [(c.start, c.end) for c in r.corrections],
}
"""Token-level κ: per entity label (at any nesting depth) and per other layer."""


def outer_token_labels(record: Record) -> list[str]:
    """Each token's plain label of the outermost entity covering it, or O."""
    found = [iob.OUTSIDE] * len(record.tokens)
    outermost = (iob.levels(record.tokens, record.entities, labels("entity_label")) or [[]])[0]
    for first, end, label in outermost:
        found[first:end] = [label] * (end - first)
    return found


def pass_record(item: RawInput, ann: Path) -> Record:
    """The article of `item` with the annotations of one pass (`ann`) as its gold."""
    return convert(replace(item, annotations=ann.read_bytes(), annotations_file=ann.as_posix()))


def pass_ids(folder: Path) -> set[str]:
    """The ids of the articles a pass folder annotates (its `<id>.ann` files)."""
    return {p.stem for p in folder.glob(f"*{ANNOTATIONS}")}


def inputs_by_id(texts: Path, ids: set[str]) -> dict[str, RawInput]:
    """The inputs of `texts` (a folder or file any reader takes, as the build reads it) that
    hold the articles `ids`; a ValueError names the ids none holds."""
    items = {}
    for item in iter_inputs(texts):
        if (found := _article_id(item)) in ids:
            items[found] = item
    missing = sorted(ids - set(items))
    if missing:
        raise ValueError(f"no article in {texts} has the id of {', '.join(missing)}")
    return items


def compare(pass_a: Path, pass_b: Path, texts: Path) -> Agreement:
    """Agreement of two pass folders on the articles both annotate (`<id>.ann` in each), read
    from the input `texts`."""
    both = pass_ids(pass_a) & pass_ids(pass_b)
    if not both:
        raise ValueError(f"no article has an .ann file in both {pass_a} and {pass_b}")
    items = inputs_by_id(texts, both)
    result = Agreement()
    for record_id in sorted(both):
        name = record_id + ANNOTATIONS
        result.add(record_id, pass_record(items[record_id], pass_a / name),
                   pass_record(items[record_id], pass_b / name))
    return result


def _article_id(item: RawInput) -> str | None:
    """The id of the article an input holds; None for an input the build would reject."""
    try:
        return READERS[item.format].parse(item).id
    except IngestError:
        return None


def _kappa_cell(value: float | None) -> str:
    """A figure to three places, or - where it is undefined."""
    return "-" if value is None else f"{value:.3f}"


def markdown(result: Agreement, command: str) -> str:
    kappa, observed = result.kappa()
    rows = ["| layer | pass A | pass B | in both | exact-span F1 | token κ |",
            "| --- | --- | --- | --- | --- | --- |"]
    named = [(name, c, LAYER_MARKS.get(name)) for name, c in result.layers.items()]
    named[1:1] = [(f"entities: {label}", c, label) for label, c in result.entity_labels.items()]
    rows += [f"| {name} | {c.a} | {c.b} | {c.both} | {_kappa_cell(c.f1)} | "
             f"{_kappa_cell(result.mark_kappa(mark)) if mark else '-'} |"
             for name, c, mark in named]
    return "\n".join([
        f"Recomputed by `{command}` (`scripts/test.sh` fails when these figures are stale). "
        f"Articles: {len(result.articles)} ({', '.join(result.articles)}).", "",
        *rows, "",
        f"Cohen's κ on token labels of the entities: **{_kappa_cell(kappa)}** (observed "
        f"agreement {_kappa_cell(observed)}, {len(result.token_labels)} tokens). Each token of "
        "the record gets the plain label (not IOB2) of the outermost entity covering it, or O. "
        "The token κ column: Cohen's κ on whether a token lies inside a span of that label "
        "(at any nesting depth) or layer.",
    ])


def update(document: str, result: Agreement, command: str) -> str:
    return replace_block(document, BLOCK, markdown(result, command))

