"""Throughput of the automatic annotators on real articles, the rules alone and CRF+rules side
by side: SaudiNewsNet bodies from ../shared/data (used by path, never copied). Prints articles,
characters, spans and CPU seconds of each, the ratio, and spaCy's blank Arabic tokenizer on the
same texts as the anchor (when spaCy is installed: the test extra).
Run: .venv/bin/python scripts/bench_annotate.py [N articles, default 1000]"""

from __future__ import annotations

import gzip
import importlib.util
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
    annotate_text(texts[0], [(0, len(texts[0]))])  # the lexicons, automaton and model, loaded
    for tagger in TAGGERS[::-1]:
        start = time.process_time()
        entities = quotes = 0
        for text in texts:
            found = annotate_text(text, [m.span() for m in PARAGRAPH.finditer(text)], tagger)
            entities += len(found.mentions)
            quotes += len(found.quotes)
        timings[tagger] = seconds = time.process_time() - start
        print(f"{tagger}: {len(texts)} articles, {chars} characters: {entities} entities, "
              f"{quotes} quotations in {seconds:.1f} s CPU ({len(texts) / seconds:.0f} articles/s, "
              f"{chars / seconds / 1000:.0f}k characters/s, one process)")
    print(f"crf+rules takes {timings['crf+rules'] / timings['rules']:.2f}x the time of the "
          "rules alone")
    if importlib.util.find_spec("spacy") is not None:
        _spacy_anchor(texts, timings)
    return 0


def _spacy_anchor(texts: list[str], timings: dict[str, float]) -> None:
    import spacy

    tokenizer = spacy.blank("ar").tokenizer
    start = time.process_time()
    tokens = sum(len(tokenizer(text)) for text in texts)
    seconds = time.process_time() - start
    print(f"spacy.blank('ar') tokenizer: {tokens} tokens in {seconds:.1f} s CPU; the rules take "
          f"{timings['rules'] / seconds:.1f}x, crf+rules {timings['crf+rules'] / seconds:.1f}x")


if __name__ == "__main__":
    sys.exit(main())
