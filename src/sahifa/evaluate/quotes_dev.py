"""The quotation development set (annotation/quotes-dev/): offsets only, over articles that
stay in ../shared/data. Its records are rebuilt with our readers and checked against the hash
of the text the annotators saw; the rules are tuned on its `tune` part (passes q1–q3 and
q5–q7, with error examples) and its `check` part (passes q4 and q8) is scored in aggregate
only."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sahifa.annotate.auto import DEFAULT_TAGGER, Tagger, auto_annotate
from sahifa.evaluate.quotes import QuoteEvaluation
from sahifa.offset_sets import read_rows, rebuilt_records
from sahifa.record import Cue, Entity, Quote, Record

CHECK_PASSES = frozenset({"q4", "q8"})
PARTS = {"tune": lambda row: row["annotator"] not in CHECK_PASSES,
         "check": lambda row: row["annotator"] in CHECK_PASSES}


def dev_records(data: Path, rows: list[dict]) -> dict[str, Record]:
    """Our records of the set's articles, by id, each checked against its hash."""
    return rebuilt_records(data, rows, "the quotation development set")


def gold_record(record: Record, row: dict) -> Record:
    """`record` with the set's quotations and the entity mentions of their speakers."""
    text, entities, quotes = record.text, [], []
    for i, q in enumerate(row["quotes"], 1):
        speaker = None
        if q["speaker"]:
            s = q["speaker"]
            speaker = f"S{i}"
            entities.append(Entity(speaker, s["start"], s["end"], text[s["start"]:s["end"]],
                                   s["label"], "gold", row["annotator"]))
        cue = q["cue"] and Cue(f"C{i}", q["cue"]["start"], q["cue"]["end"],
                               text[q["cue"]["start"]:q["cue"]["end"]])
        quotes.append(Quote(f"Q{i}", q["start"], q["end"], text[q["start"]:q["end"]], speaker,
                            cue, q["closed"], "gold", row["annotator"]))
    return replace(record, entities=entities, quotes=quotes, corrections=[])


TUNED = {"tune": "tuned on", "check": "tuned on from quotes@8"}  # before: aggregate only
PRIVATE = ("the articles may not be published; `python scripts/quotes_dev.py -v` prints the "
           "errors locally")


def evaluate_dev_set(gold: Path, data: Path, tagger: Tagger = DEFAULT_TAGGER,
                     parts: tuple[str, ...] = ("tune", "check"),
                     max_examples: int = 0) -> list[QuoteEvaluation]:
    """The set's quotation figures, a part at a time; `max_examples` error examples for each
    part, for local use only: the articles' text may not be published."""
    rows = read_rows(gold)
    records = dev_records(data, rows)
    out = []
    for part in parts:
        chosen = [row for row in rows if PARTS[part](row)]
        evaluation = QuoteEvaluation(
            f"quotation development set, {part} part ({len(chosen)} articles, {TUNED[part]})",
            with_examples=max_examples > 0, max_examples=max_examples,
            no_examples=PRIVATE)
        for row in chosen:
            record = records[row["id"]]
            bare = replace(record, entities=[], quotes=[], corrections=[])
            evaluation.add(gold_record(record, row), auto_annotate(bare, tagger))
        out.append(evaluation)
    return out
