"""The evaluations: the automatic annotation of records that have gold against that gold, one
group per split and input file (the fixed gold test split first), nested and outermost; and of
CoNLL sentences (Wojood, AQMAR) against their tags.

CoNLL sentences are joined with single spaces into one paragraph; a predicted span covers the
tokens it overlaps, so a proclitic the guidelines leave out of our span (وموسكو → موسكو) is back
inside it, as Wojood and AQMAR tag whole tokens.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from sahifa.annotate import iob
from sahifa.annotate.auto import (
    DEFAULT_TAGGER,
    Tagger,
    annotate_text,
    auto_annotate,
    forget_texts,
)
from sahifa.evaluate.conll import Sentence, read_conll
from sahifa.evaluate.metrics import (
    QuoteScores,
    QuoteSpan,
    Score,
    Span,
    iob_scores,
    quote_scores,
    span_scores,
)
from sahifa.evaluate.quotes import QuoteEvaluation
from sahifa.record import Record
from sahifa.record import Span as RecordSpan
from sahifa.schema import labels
from sahifa.write.parquet import document_files, read_documents

ENTITY_LABELS = labels("entity_label")
T = TypeVar("T")
R = TypeVar("R")

# AQMAR tags PER, LOC, ORG (and MIS, which is not scored). Its LOC covers both our GPE and LOC.
AQMAR_GOLD = {"PER": "PERS", "LOC": "LOC", "ORG": "ORG"}
AQMAR_PREDICTED = {"PERS": "PERS", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}


@dataclass(slots=True)
class Evaluation:
    """`held_out`: scores of the gold test split; `speed`: how fast its documents were
    annotated."""

    name: str
    labels: list[str]
    spans: dict[str, dict[str, Score]]
    iob: dict[str, Score]
    quotes: QuoteScores | None = None
    corrections: Score | None = None
    held_out: bool = False
    speed: Speed | None = None


@dataclass(slots=True, frozen=True)
class Speed:
    """CPU seconds spent annotating `documents` (articles or sentences) as new texts (`timed`)."""

    documents: int
    unit: str
    seconds: float

    @property
    def per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else float("inf")


def timed(annotate: Callable[[T], R], items: list[T],
          unit: str) -> tuple[list[R], Speed | None]:
    """`annotate` of every item, and how fast the items after the first were annotated: the
    annotators' caches of words and texts are emptied first (`auto.forget_texts`), and the
    first item, annotated untimed, loads what a tagger loads once (model, automaton, compiled
    code). No speed for a single item."""
    forget_texts()
    results = [annotate(item) for item in items[:1]]
    start = time.process_time()
    results += [annotate(item) for item in items[1:]]
    seconds = time.process_time() - start
    return results, Speed(len(items) - 1, unit, seconds) if len(items) > 1 else None


def has_gold(record: Record) -> bool:
    return any(s.origin == "gold" for s in (*record.entities, *record.quotes))


SPLIT_ORDER = ("test", "validation", "train")


def gold_groups(path: Path) -> dict[tuple[str, str], list[Record]]:
    """The gold records of a dataset (or one Parquet file), by (split, input file), the test
    split first."""
    groups: dict[tuple[str, str], list[Record]] = {}
    for file in document_files(path):
        split = file.name.split("-", 1)[0]
        for data in read_documents(file):
            record = Record.from_dict(data)
            if has_gold(record):
                groups.setdefault((split, record.source.file.split("/")[0]), []).append(record)
    order = {name: i for i, name in enumerate(SPLIT_ORDER)}
    return dict(sorted(groups.items(), key=lambda kv: (order.get(kv[0][0], 9), kv[0][1])))


def evaluate_records(path: Path, tagger: Tagger = DEFAULT_TAGGER,
                     ) -> tuple[list[Evaluation], list[QuoteEvaluation]]:
    """Automatic annotation of the gold records of each group, scored against their gold: all
    entities (nested), then the outermost ones only; and the quotations per publication (with
    error examples except for the test split, which no rule is tuned on)."""
    evaluations, quote_evaluations = [], []
    for (split, source), records in gold_groups(path).items():
        role = "held out" if split == "test" else "development"
        name = f"{split} split ({role}), {source} ({len(records)} gold records)"
        predicted, speed = timed(lambda r: auto_annotate(_bare(r), tagger), records, "articles")
        pairs = list(zip(records, predicted, strict=True))
        held_out = split == "test"
        evaluations += [  # the speed once, with the nested scores
            replace(score_records(pairs, f"{name}: all entities (nested)"), held_out=held_out,
                    speed=speed),
            replace(score_records(pairs, f"{name}: outermost entities", only_outermost=True),
                    held_out=held_out)]
        quotes = QuoteEvaluation(f"{name}: quotations", with_examples=split != "test")
        for gold, predicted in pairs:
            quotes.add(gold, predicted)
        quote_evaluations.append(quotes)
    return evaluations, quote_evaluations


def score_records(pairs: list[tuple[Record, Record]], name: str,
                  only_outermost: bool = False) -> Evaluation:
    """Scores of (gold, automatic) record pairs."""
    gold_docs, pred_docs, gold_tok, pred_tok, lengths = [], [], [], [], []
    gold_quotes, pred_quotes, corrections = [], [], [0, 0, 0]
    pick = outermost if only_outermost else list
    for record, predicted in pairs:
        gold_docs.append(pick(_entity_spans(record)))
        pred_docs.append(pick(_entity_spans(predicted)))
        gold_tok.append(to_tokens(gold_docs[-1], record))
        pred_tok.append(to_tokens(pred_docs[-1], record))
        lengths.append(len(record.tokens))
        gold_quotes.append(_quote_spans(record))
        pred_quotes.append(_quote_spans(predicted))
        _count_corrections(record, predicted, corrections)
    used = _used(gold_docs, pred_docs)
    return Evaluation(
        name, used, span_scores(gold_docs, pred_docs, used),
        iob_scores(gold_tok, pred_tok, lengths, used),
        None if only_outermost else quote_scores(gold_quotes, pred_quotes),
        None if only_outermost else Score.from_counts(*corrections),
    )


def _count_corrections(gold: Record, predicted: Record, counts: list[int]) -> None:
    """Add (gold, predicted, both) corrections, a match being the same span and form."""
    g = {(c.start, c.end, c.correction) for c in gold.corrections}
    p = {(c.start, c.end, c.correction) for c in predicted.corrections}
    counts[0] += len(g)
    counts[1] += len(p)
    counts[2] += len(g & p)


def _bare(record: Record) -> Record:
    return replace(record, entities=[], quotes=[], corrections=[])


def _entity_spans(record: Record) -> list[Span]:
    return [(e.label, e.start, e.end) for e in record.entities]


def _quote_spans(record: Record) -> list[QuoteSpan]:
    entities = {e.id: (e.start, e.end) for e in record.entities}
    return [QuoteSpan(q.start, q.end, entities.get(q.speaker),
                      (q.cue.start, q.cue.end) if q.cue else None) for q in record.quotes]


def to_tokens(spans: list[Span], record: Record) -> list[Span]:
    """Character spans as token-index spans: the tokens each span overlaps."""
    return _overlapped(spans, record.tokens)


def _overlapped(spans: list[Span], tokens) -> list[Span]:
    entities = [_Ranged(start, end, label) for label, start, end in spans]
    return [(r[2], r[0], r[1]) for r in iob.token_ranges(tokens, entities) if r is not None]


@dataclass(slots=True, frozen=True)
class _Ranged:
    """What iob.token_ranges reads of an entity."""

    start: int
    end: int
    label: str


def _used(*docs: list[list[Span]]) -> list[str]:
    seen = {label for group in docs for doc in group for label, _, _ in doc}
    return [label for label in ENTITY_LABELS if label in seen]


def evaluate_conll(name: str, files: list[Path], gold_map: Callable[[str], str | None] = str,
                   predicted_map: Callable[[str], str | None] = str,
                   flat: bool = False, tagger: Tagger = DEFAULT_TAGGER,
                   domain: str | None = None) -> Evaluation:
    """Automatic annotation of CoNLL sentences against their tags. `flat` keeps only the
    outermost predicted spans, for a gold standard without nesting; `domain`: the CRF's domain
    features for these sentences (crf.tag)."""
    sentences = [s for f in files for s in read_conll(f, gold_map)]
    gold = [s.spans for s in sentences]
    predicted, speed = timed(lambda s: _predict(s, predicted_map, flat, tagger, domain),
                             sentences, "sentences")
    lengths = [len(s.tokens) for s in sentences]
    used = _used(gold, predicted)
    return Evaluation(f"{name} ({len(sentences)} sentences)", used,
                      span_scores(gold, predicted, used),
                      iob_scores(gold, predicted, lengths, used), speed=speed)


def _predict(sentence: Sentence, predicted_map, flat: bool, tagger: Tagger,
             domain: str | None) -> list[Span]:
    offsets, position = [], 0
    for token in sentence.tokens:
        offsets.append(RecordSpan(position, position + len(token)))
        position += len(token) + 1
    text = " ".join(sentence.tokens)
    found = annotate_text(text, [(0, len(text))], tagger, domain=domain).mentions
    spans = [(label, m.start, m.end) for m in found if (label := predicted_map(m.label))]
    tokens = sorted(set(_overlapped(spans, offsets)), key=lambda s: (s[1], -s[2], s[0]))
    return outermost(tokens) if flat else tokens


def outermost(spans: list[Span]) -> list[Span]:
    """Spans not inside another."""
    out, end = [], -1
    for span in sorted(spans, key=lambda s: (s[1], -s[2], s[0])):
        if span[1] >= end:
            out.append(span)
            end = span[2]
    return out
