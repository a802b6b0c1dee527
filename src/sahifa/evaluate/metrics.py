"""Scores of predicted spans against gold spans, document by document.

Spans are (label, start, end), half-open, in characters or tokens. Span matching is
nervaluate's: `strict` (exact boundaries and label), `exact` (exact boundaries, any label),
`partial` (overlap counts half) and `ent_type` (overlap with the right label), per label and
overall. IOB2 scores are seqeval's (strict mode) over one tag sequence per document and label,
so nested spans of different labels are scored each on their own; inside one label only the
outermost spans are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from nervaluate import Evaluator
from seqeval.metrics import classification_report
from seqeval.scheme import IOB2

from sahifa.annotate import iob

Span = tuple[str, int, int]
STRATEGIES = ("strict", "exact", "partial", "ent_type")
ALL = "ALL"


@dataclass(slots=True, frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int

    @classmethod
    def from_counts(cls, gold: int, predicted: int, both: int) -> Score:
        precision = both / predicted if predicted else 0.0
        recall = both / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1, gold, predicted)


def span_scores(gold: list[list[Span]], predicted: list[list[Span]],
                labels: list[str]) -> dict[str, dict[str, Score]]:
    """{label or ALL: {strategy: Score}} in nervaluate's definitions; empty without
    documents."""
    if not gold:
        return {}
    results = Evaluator(_dicts(gold), _dicts(predicted), tags=labels, loader="dict").evaluate()
    table = {ALL: {s: _score(results["overall"][s]) for s in STRATEGIES}}
    for label in labels:
        if label in results["entities"]:
            table[label] = {s: _score(results["entities"][label][s]) for s in STRATEGIES}
    return table


def _dicts(docs: list[list[Span]]) -> list[list[dict]]:
    """nervaluate's form: end inclusive."""
    return [[{"label": lab, "start": s, "end": e - 1} for lab, s, e in doc] for doc in docs]


def _score(result) -> Score:
    return Score(result.precision, result.recall, result.f1, result.possible, result.actual)


def iob_scores(gold: list[list[Span]], predicted: list[list[Span]], lengths: list[int],
               labels: list[str]) -> dict[str, Score]:
    """{label or ALL: Score} from seqeval on IOB2 token tags (spans in token indices); empty
    without documents."""
    if not gold:
        return {}
    y_true, y_pred = [], []
    for label in labels:
        for g, p, n in zip(gold, predicted, lengths, strict=True):
            y_true.append(iob2(g, n, label))
            y_pred.append(iob2(p, n, label))
    report = classification_report(y_true, y_pred, mode="strict", scheme=IOB2,
                                   output_dict=True, zero_division=0)
    table = {}
    for name, row in report.items():
        label = ALL if name == "micro avg" else name
        if label == ALL or label in labels:
            table[label] = Score(float(row["precision"]), float(row["recall"]),
                                 float(row["f1-score"]),
                                 int(row["support"]), _predicted(y_pred, label))
    return table


def _predicted(sequences: list[list[str]], label: str) -> int:
    wanted = ("B-" + label,) if label != ALL else None
    return sum(1 for seq in sequences for tag in seq
               if tag.startswith("B-") and (wanted is None or tag in wanted))


def iob2(spans: list[Span], length: int, label: str) -> list[str]:
    """IOB2 tags of the outermost spans of one label over `length` tokens."""
    outermost, end = [], -1
    for lab, start, stop in sorted(spans, key=lambda s: (s[1], -s[2])):
        if lab == label and start >= end and stop > start:
            outermost.append((start, stop, label))
            end = stop
    return iob.encode(outermost, length)


@dataclass(slots=True, frozen=True)
class QuoteScores:
    span: Score
    matched: int
    speaker_accuracy: float
    cue_accuracy: float


@dataclass(slots=True, frozen=True)
class QuoteSpan:
    """A quotation as compared: its span, and its speaker's and cue's spans (or None)."""

    start: int
    end: int
    speaker: tuple[int, int] | None
    cue: tuple[int, int] | None


def quote_scores(gold: list[list[QuoteSpan]], predicted: list[list[QuoteSpan]]) -> QuoteScores:
    """Exact span match of quotations; for the matched ones, how many have the gold speaker
    mention (same offsets) and the gold cue."""
    matched = speakers = cues = 0
    for g_doc, p_doc in zip(gold, predicted, strict=True):
        by_span = {(q.start, q.end): q for q in g_doc}
        for q in p_doc:
            g = by_span.get((q.start, q.end))
            if g is not None:
                matched += 1
                speakers += q.speaker == g.speaker
                cues += q.cue == g.cue
    span = Score.from_counts(sum(map(len, gold)), sum(map(len, predicted)), matched)
    return QuoteScores(span, matched,
                       speakers / matched if matched else 0.0, cues / matched if matched else 0.0)
