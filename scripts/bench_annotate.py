"""Throughput of the automatic annotators on real articles: SaudiNewsNet bodies from
../shared/data (used by path, never copied). Prints articles, characters, spans and seconds.
Run: .venv/bin/python scripts/bench_annotate.py [N articles, default 1000]"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from itertools import islice
from pathlib import Path

from sahifa.annotate.auto import annotate_text

DATA = Path(__file__).resolve().parents[2] / "shared/data/news/saudinewsnet/saudinewsnet.jsonl.gz"
PARAGRAPH = re.compile(r"[^\n]+")


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    if not DATA.exists():
        print(f"{DATA} is absent", file=sys.stderr)
        return 2
    with gzip.open(DATA, "rt", encoding="utf-8") as lines:
        texts = [json.loads(line).get("content") or "" for line in islice(lines, n)]
    start = time.perf_counter()
    entities = quotes = 0
    for text in texts:
        found = annotate_text(text, [m.span() for m in PARAGRAPH.finditer(text)])
        entities += len(found.mentions)
        quotes += len(found.quotes)
    seconds = time.perf_counter() - start
    chars = sum(map(len, texts))
    print(f"{len(texts)} articles, {chars} characters: {entities} entities, {quotes} quotations "
          f"in {seconds:.1f} s ({len(texts) / seconds:.0f} articles/s, "
          f"{chars / seconds / 1000:.0f}k characters/s, one process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
