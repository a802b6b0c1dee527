"""Score quotation attribution on the quotation development set (annotation/quotes-dev/).

The set holds offsets only: its 48 articles (BBC Arabic, CNN Arabic, Al Arabiya, France 24, Sky
News Arabia, and SaudiNewsNet lines outside the gold sample) are read from ../shared/data by
path, rebuilt with our reader, and checked against the hash of the text the annotators saw.
Errors are printed with examples: this set is for tuning the rules, unlike the test split.

    python scripts/quotes_dev.py [--data ../shared/data] [--annotators crf+rules|rules]
                                 [--part tune|check|all] [-v]

The rules are tuned on the `tune` part (passes q1–q3); the `check` part (pass q4, 12 articles)
is looked at in aggregate only, to see whether what was learnt on the rest carries over.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import replace
from pathlib import Path

from sahifa.annotate.auto import DEFAULT_TAGGER, auto_annotate
from sahifa.evaluate.quotes import QuoteEvaluation
from sahifa.evaluate.report import quote_table
from sahifa.pipeline import convert_or_reject, iter_inputs
from sahifa.record import Cue, Entity, Quote, Record

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "annotation/quotes-dev/gold.jsonl"
CHECK_PASSES = {"q4"}
PARTS = {"tune": lambda row: row["annotator"] not in CHECK_PASSES,
         "check": lambda row: row["annotator"] in CHECK_PASSES,
         "all": lambda row: True}


def records(data: Path, rows: list[dict]) -> dict[str, Record]:
    """Our records of the articles the set names, by id, each checked against its hash."""
    wanted = {(row["source"], row["line"]): row for row in rows}
    found = {}
    for source in sorted({row["source"] for row in rows}):
        for item in iter_inputs(data / source):
            row = wanted.get((source, item.line))
            if row is None:
                continue
            record = convert_or_reject(item)
            text = getattr(record, "text", "")
            if hashlib.sha256(text.encode("utf-8")).hexdigest() != row["text_sha256"]:
                sys.exit(f"{data / source}:{item.line or ''} is not the text the annotators "
                         "saw (its hash differs): the reader or the data changed")
            found[row["id"]] = record
    missing = [row["id"] for row in rows if row["id"] not in found]
    if missing:
        sys.exit(f"{len(missing)} articles of the set are not in {data}: {missing[:3]}")
    return found


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data")
    parser.add_argument("--annotators", choices=["crf+rules", "rules"], default=DEFAULT_TAGGER)
    parser.add_argument("--part", choices=PARTS, default="tune")
    parser.add_argument("-v", "--verbose", action="store_true", help="every error, in context")
    args = parser.parse_args()
    if args.verbose and args.part != "tune":
        sys.exit("--verbose shows examples of the tune part only")
    if not args.data.is_dir():
        sys.exit(f"{args.data}: no such folder (the set's articles are read from there)")
    rows = [row for line in GOLD.read_text("utf-8").splitlines()
            if PARTS[args.part](row := json.loads(line))]
    evaluation = QuoteEvaluation(f"quotation development set, {args.part} part ({len(rows)} "
                                 f"articles, {args.annotators})",
                                 with_examples=args.part == "tune",
                                 max_examples=10**6 if args.verbose else 3)
    found = records(args.data, rows)
    for row in rows:
        record = found[row["id"]]
        bare = replace(record, entities=[], quotes=[], corrections=[])
        evaluation.add(gold_record(record, row), auto_annotate(bare, args.annotators))
    print(quote_table(evaluation))


if __name__ == "__main__":
    main()
