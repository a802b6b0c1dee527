"""Writes src/sahifa/annotate/data/word-clusters.json.gz: word classes the CRF reads as
features (crf.py, `c64=` …), learnt without labels from SaudiNewsNet's 31,030 articles less the
56 of the gold sample (none of the corpus's articles, so neither split's): word2vec (gensim,
CBOW) over the lookup keys of each paragraph's words, then k-means (scikit-learn) of the
normalised vectors at each number of clusters of LEVELS. A word's cluster is what the articles
say of the words around it, so a name the gold never shows can share one with names it does.

The file keeps each word's key and cluster numbers, no text; its `provenance` names the input
file (sha256), the lines left out, the parameters and the library versions. Deterministic on
one machine: one worker thread, fixed seeds, a hash of the words that does not change between
processes. Needs the `clusters` extra.

    .venv/bin/python scripts/word_clusters.py [--data ../shared/data] [--check]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import sys
import tempfile
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

from sahifa.annotate.crf import CLUSTER_LEVELS, CLUSTER_NAMES, CLUSTERS_FILE
from sahifa.annotate.text import key, words_of

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/sahifa/annotate/data" / CLUSTERS_FILE
SNN = Path("news/saudinewsnet")
WORD2VEC = {"vector_size": 100, "window": 5, "min_count": 5, "sg": 0, "epochs": 5, "seed": 1,
            "workers": 1}


def paragraphs(path: Path, left_out: set[int]) -> Iterator[list[str]]:
    """The word keys of each line of each article's title and body, article by article."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if number in left_out:
                continue
            article = json.loads(line)
            for text in f"{article.get('title') or ''}\n{article.get('content') or ''}".split("\n"):
                keys = [key(w.text) for w in words_of(text)]
                if keys:
                    yield keys


def stable_hash(text: str) -> int:
    """gensim seeds each word's vector with hash(word + seed): Python's str hash changes from one
    process to the next, this one does not."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def clusters(data: Path) -> dict:
    from gensim.models import Word2Vec
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    articles = data / SNN / "saudinewsnet.jsonl.gz"
    sample = data / SNN / "gold-sample.jsonl"
    left_out = {json.loads(line)["line"] for line in sample.read_text("utf-8").splitlines()}
    model = Word2Vec(list(paragraphs(articles, left_out)), hashfxn=stable_hash, **WORD2VEC)
    vectors = model.wv.get_normed_vectors()
    out = {"provenance": _provenance(articles, left_out), "words": list(model.wv.index_to_key)}
    with threadpool_limits(1):
        for level, name in zip(CLUSTER_LEVELS, CLUSTER_NAMES, strict=True):
            fitted = KMeans(n_clusters=level, n_init=1, random_state=0, max_iter=100).fit(vectors)
            out[name] = [int(c) for c in fitted.labels_]
    return out


def _provenance(articles: Path, left_out: set[int]) -> dict:
    return {
        "what": "word2vec (CBOW) over the word keys of each paragraph, then k-means of the "
                "normalised vectors; a word's number at each level is its cluster",
        "input": {"file": f"{SNN}/saudinewsnet.jsonl.gz",
                  "sha256": hashlib.sha256(articles.read_bytes()).hexdigest(),
                  "lines left out": sorted(left_out),
                  "why": "the gold sample: the corpus's articles, both splits"},
        "word2vec": {k: v for k, v in WORD2VEC.items() if k != "workers"},
        "k-means": {"levels": list(CLUSTER_LEVELS), "n_init": 1, "random_state": 0,
                    "max_iter": 100},
        "versions": {p: version(p) for p in ("gensim", "scikit-learn", "numpy")},
        "made by": "scripts/word_clusters.py",
    }


def encoded(found: dict) -> bytes:
    """gzip with no time or name in its header: the same clusters, the same bytes."""
    raw = io.BytesIO()
    with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(json.dumps(found, ensure_ascii=False, separators=(",", ":")).encode())
    return raw.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data")
    parser.add_argument("--check", action="store_true",
                        help="fail unless the shipped file is what a fresh run writes")
    args = parser.parse_args()
    if not (args.data / SNN / "saudinewsnet.jsonl.gz").is_file():
        print(f"word clusters: skipped, {args.data / SNN} is absent")
        return 0
    data = encoded(clusters(args.data))
    if not args.check:
        with tempfile.NamedTemporaryFile(dir=OUT.parent, delete=False) as f:
            f.write(data)
        Path(f.name).replace(OUT)
        print(f"wrote {OUT.relative_to(ROOT)} ({len(data):,} bytes)")
        return 0
    if OUT.is_file() and OUT.read_bytes() == data:
        print(f"word clusters: {OUT.relative_to(ROOT)} is fresh")
        return 0
    print(f"{OUT.relative_to(ROOT)}: not what scripts/word_clusters.py writes now; run it",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
