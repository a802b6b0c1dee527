"""Duplicate articles: exact (the same normalised text, white space aside) and near (MinHash
over word 3-grams, found with locality-sensitive hashing and confirmed by the estimated Jaccard
similarity).

The signature of a text is a pure function of it, so it is computed with the conversion (in the
worker processes); the index lives in the build's process. The first article in input order is
the original and every later one a duplicate of it. Exact text hashes and seen ids are kept on
disk (SQLite, in the build's staging folder), so memory does not grow with repeated articles;
the near-duplicate index holds the signature of each distinct text (NUM_PERM 32-bit values).
"""

from __future__ import annotations

import hashlib
import operator
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SCHEME = "affine32"
THRESHOLD = 0.8
SHINGLE_WORDS = 3
COMMIT_EVERY = 10_000


@dataclass(slots=True, frozen=True)
class Signature:
    exact: bytes
    minhash: np.ndarray


@dataclass(slots=True, frozen=True)
class Duplicate:
    kind: str  # "exact" or "near"
    of: str
    similarity: float


@cache
def _permutations():
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def signature(text: str) -> Signature:
    words = text.split()
    exact = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=16).digest()
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8")
                for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    minhash = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme=SCHEME,
                      hashfunc=operator.index)
    minhash.update_batch(_sha1_hash32(shingles))  # in any order: each keeps its minimum
    return Signature(exact, minhash.hashvalues)


def _sha1_hash32(values: Iterable[bytes]) -> list[int]:
    """datasketch's default hash of each value (`sha1_hash32`: the first four bytes of its
    SHA-1, little-endian), the bytes read as integers all at once rather than one by one."""
    sha1 = hashlib.sha1
    return np.frombuffer(b"".join([sha1(v).digest()[:4] for v in values]), "<u4").tolist()


class DuplicateIndex:
    """Ids and texts seen so far in a build; says whether the next one repeats them."""

    def __init__(self, folder: Path) -> None:
        self.db = sqlite3.connect(folder / "seen.sqlite3", isolation_level=None)
        self.db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-16384;"
            "CREATE TABLE ids (id TEXT PRIMARY KEY) WITHOUT ROWID;"
            "CREATE TABLE texts (hash BLOB PRIMARY KEY, id TEXT NOT NULL) WITHOUT ROWID;"
            "BEGIN;"
        )
        self.pending = 0
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self.minhashes: dict[str, np.ndarray] = {}
        self.found = {"exact": 0, "near": 0}

    def new_id(self, record_id: str) -> bool:
        """Whether the id is new (it is remembered either way)."""
        cur = self.db.execute("INSERT OR IGNORE INTO ids VALUES (?)", (record_id,))
        self._tick()
        return cur.rowcount == 1

    def duplicate(self, record_id: str, sig: Signature) -> Duplicate | None:
        """The earlier article this one repeats, if any; otherwise it is indexed."""
        row = self.db.execute("SELECT id FROM texts WHERE hash = ?", (sig.exact,)).fetchone()
        if row is not None:
            self.found["exact"] += 1
            return Duplicate("exact", row[0], 1.0)
        self.db.execute("INSERT INTO texts VALUES (?, ?)", (sig.exact, record_id))
        self._tick()
        minhash = MinHash(num_perm=NUM_PERM, hashvalues=sig.minhash,
                          permutations=_permutations(), scheme=SCHEME)
        near = self._nearest(minhash)
        if near is not None:
            self.found["near"] += 1
            return near
        self.lsh.insert(record_id, minhash)
        self.minhashes[record_id] = sig.minhash
        return None

    def _nearest(self, minhash: MinHash) -> Duplicate | None:
        best = None
        for other in sorted(self.lsh.query(minhash)):
            similarity = float(np.mean(self.minhashes[other] == minhash.hashvalues))
            if similarity >= THRESHOLD and (best is None or similarity > best.similarity):
                best = Duplicate("near", other, similarity)
        return best

    def _tick(self) -> None:
        self.pending += 1
        if self.pending >= COMMIT_EVERY:
            self.db.execute("COMMIT")
            self.db.execute("BEGIN")
            self.pending = 0

    def close(self) -> None:
        self.db.execute("COMMIT")
        self.db.close()
