"""Duplicate signatures: the MinHash of a text's word 3-grams as datasketch makes it with its
default hash, and the index that tells exact and near repeats from new texts."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash
from hypothesis import given
from hypothesis import strategies as st

from sahifa.dedup import NUM_PERM, SCHEME, SHINGLE_WORDS, DuplicateIndex, _permutations, signature

WORDS = st.lists(st.text(st.characters(codec="utf-8", exclude_categories=("Z", "C")),
                         min_size=1, max_size=6), max_size=40)


def datasketch_minhash(text: str) -> np.ndarray:
    """What datasketch gives with its own hash (sha1_hash32) for the text's shingles."""
    words = text.split()
    minhash = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme=SCHEME)
    minhash.update_batch({" ".join(words[i:i + SHINGLE_WORDS]).encode()
                          for i in range(max(1, len(words) - SHINGLE_WORDS + 1))})
    return minhash.hashvalues


@given(WORDS)
def test_a_signature_is_datasketchs_minhash_with_its_default_hash(words):
    text = " ".join(words)
    found = signature(text).minhash
    expected = datasketch_minhash(text)
    assert found.dtype == expected.dtype
    assert np.array_equal(found, expected)


def test_the_index_tells_exact_and_near_repeats_from_new_texts(tmp_path):
    words = [f"كلمة{i}" for i in range(200)]
    original = " ".join(words)
    near = " ".join([*words[:-1], "أخرى"])
    other = " ".join(reversed(words))
    index = DuplicateIndex(tmp_path)
    assert index.duplicate("a", signature(original)) is None
    exact = index.duplicate("b", signature("  " + original.replace(" ", "\n")))
    assert (exact.kind, exact.of) == ("exact", "a")
    found = index.duplicate("c", signature(near))
    assert (found.kind, found.of) == ("near", "a") and found.similarity >= 0.8
    assert index.duplicate("d", signature(other)) is None
    assert index.found == {"exact": 1, "near": 1}
    index.close()
