"""Throughput of the automatic annotators on real articles, the rules alone and CRF+rules side
by side: SaudiNewsNet bodies from ../shared/data (used by path, never copied). Prints articles,
characters, spans and seconds of each, and the ratio.
Run: .venv/bin/python scripts/bench_annotate.py [N articles, default 1000]"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from itertools import islice
from pathlib import Path

from sahifa.annotate.auto import TAGGERS, annotate_text

DATA = Path(__file__).resolve().parents[2] / "shared/data/news/saudinewsnet/saudinewsnet.jsonl.gz"
PARAGRAPH = re.compile(r"[^\n]+")


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    if not DATA.exists():
        print(f"{DATA} is absent", file=sys.stderr)
        return 2
    with gzip.open(DATA, "rt", encoding="utf-8") as lines:
        texts = [json.loads(line).get("content") or "" for line in islice(lines, n)]
    chars = sum(map(len, texts))
    timings = {}
    for tagger in TAGGERS[::-1]:
        start = time.perf_counter()
        entities = quotes = 0
        for text in texts:
            found = annotate_text(text, [m.span() for m in PARAGRAPH.finditer(text)], tagger)
            entities += len(found.mentions)
            quotes += len(found.quotes)
        timings[tagger] = seconds = time.perf_counter() - start
        print(f"{tagger}: {len(texts)} articles, {chars} characters: {entities} entities, "
              f"{quotes} quotations in {seconds:.1f} s ({len(texts) / seconds:.0f} articles/s, "
              f"{chars / seconds / 1000:.0f}k characters/s, one process)")
    print(f"crf+rules takes {timings['crf+rules'] / timings['rules']:.2f}x the time of the "
          "rules alone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
