"""Score quotation attribution on the quotation development set, with every error in context.

`sahifa evaluate` prints the set's figures (both parts) beside the gold splits'; this script is
for working on the rules: `-v` shows every error of both parts (the `check` part was read in
aggregate only up to quotes@7). See annotation/quotes-dev/README.md.

    python scripts/quotes_dev.py [--data ../shared/data] [--annotators crf+rules|rules] [-v]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sahifa.annotate.auto import DEFAULT_TAGGER
from sahifa.evaluate.quotes_dev import evaluate_dev_set
from sahifa.evaluate.report import quote_table

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data")
    parser.add_argument("--annotators", choices=["crf+rules", "rules"], default=DEFAULT_TAGGER)
    parser.add_argument("-v", "--verbose", action="store_true", help="every error, in context")
    args = parser.parse_args()
    for evaluation in evaluate_dev_set(ROOT / "annotation/quotes-dev/gold.jsonl", args.data,
                                       args.annotators,
                                       max_examples=10**6 if args.verbose else 3):
        print(quote_table(evaluation))


if __name__ == "__main__":
    main()
