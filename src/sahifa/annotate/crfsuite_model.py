"""A crfsuite model's weights as arrays, and crfsuite's tagging (state scores, then Viterbi)
over them, compiled with numba.

crfsuite's `Tagger.tag` looks every feature string of every token up in the model (about 7 µs a
token, most of a build's CRF time), although a token's features are those of its word and its
neighbours', the same wherever the word stands. Here a word's blocks of features are turned into
the model's attribute numbers once (`Blocks`), and `decode` sums each token's label scores and
finds the best path of every sequence of a text in one compiled call. Both do what crfsuite's
tagger does (crf1d: a state score is the sum of its attributes' weights, added in the token's
order; a path's score the sum of its state and transition scores; the first best label wins a
tie), on the model's own double-precision weights, read from its file (its `info()` dump rounds
them to six places): the tags are crfsuite's. The attributes with weights for many labels
(`bias`, a shape, a rule tag) are numbered first and their weights kept as dense rows too,
added a row at a time: most of the about 640 weights a news token's score adds are theirs.

The file layout read here is crfsuite's `crf1dmodel.c` (little-endian): a 48-byte header whose
offsets point to the features ("FEAT": type, source, destination, weight; type 0 an attribute's
weight for a label, type 1 a transition's) and to two CQDB string stores, the labels' and the
attributes', each with a backward array from id to string.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

import numba
import numpy as np

MAGIC, FEATURES, STORE = b"lCRF", b"FEAT", b"CQDB"
STATE, TRANSITION = 0, 1
MAX_LABELS = int(np.iinfo(np.int16).max)
DENSE_FROM = 8  # an attribute with weights for this many labels or more is added as a row
_HEADER = struct.Struct("<4s11I")  # magic, size, type, version, num_features, num_labels,
# num_attrs, off_features, off_labels, off_attrs, off_labelrefs, off_attrrefs
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


class ModelFormatError(ValueError):
    """The file is not a crfsuite CRF1d model as this module reads it."""


@dataclass(slots=True, frozen=True, eq=False)
class Weights:
    """labels: in the model's order; attributes: {attribute: its number}; state: the label
    weights of each attribute (most have one or two); transition[i, j]: the weight of label j
    after label i. Attributes are numbered here as `_by_weights` orders them, not as in the
    file."""

    labels: tuple[str, ...]
    attributes: dict[bytes, int]
    state: State
    transition: np.ndarray

    @classmethod
    def read(cls, path: Path, dense_from: int = DENSE_FROM) -> Weights:
        """The weights in the model file at `path`; `dense_from`: see `State.of`."""
        data = path.read_bytes()
        if len(data) < _HEADER.size or data[:4] != MAGIC:
            raise ModelFormatError(f"{path}: not a crfsuite model (no {MAGIC!r} header)")
        (_, _, _, _, _, num_labels, num_attrs, off_features, off_labels, off_attrs,
         _, _) = _HEADER.unpack_from(data)
        if num_labels > MAX_LABELS:
            raise ModelFormatError(f"{path}: {num_labels} labels; this reader keeps at most "
                                   f"{MAX_LABELS} (a label's number is an int16 in Viterbi)")
        labels = tuple(s.decode() for s in _strings(data, off_labels, num_labels, path))
        features = _features(data, off_features, path)
        transition = np.zeros((num_labels, num_labels))
        moves = features[features["type"] == TRANSITION]
        np.add.at(transition, (moves["src"], moves["dst"]), moves["weight"])
        state = features[features["type"] == STATE].copy()
        number = _by_weights(state["src"], num_attrs)
        state["src"] = number[state["src"]]
        attributes = {s: int(n) for s, n in zip(_strings(data, off_attrs, num_attrs, path),
                                                 number, strict=True)}
        return cls(labels, attributes, State.of(state, num_attrs, num_labels, dense_from),
                   transition)

    def rows(self, features: Sequence[bytes]) -> list[int]:
        """The numbers of the features the model has, in order (crfsuite skips the others)."""
        attributes = self.attributes
        return [attributes[f] for f in features if f in attributes]

    def prefixed(self, prefixes: tuple[bytes, ...]) -> dict[bytes, tuple[int, ...]]:
        """{feature: the number of each of `prefixes` followed by it, -1 where the model has no
        such attribute}, for the features that follow one of them in the model: a feature
        read after several prefixes (a word's, told to each neighbour) is looked up once, and
        no prefixed string is made. A walk over every attribute: its callers keep what it
        gives (`crf._tables`, once per model and domain)."""
        table: dict[bytes, list[int]] = {}
        for name, number in self.attributes.items():
            for i, prefix in enumerate(prefixes):
                if name.startswith(prefix):
                    table.setdefault(name[len(prefix):], [-1] * len(prefixes))[i] = number
        return {f: tuple(n) for f, n in table.items()}


class Blocks:
    """Items (a word with its tags) numbered as first seen, each with a fixed number of blocks
    of the model's attribute numbers (`make(item)`). A bounded table: a text's numbering starts
    with `begin`, which empties it once it holds `limit` items. The numbers of a text's new
    items join the table's arrays when it is read (`table`), not one item at a time."""

    def __init__(self, make: Callable[[Hashable], Sequence[Sequence[int]]], limit: int) -> None:
        self.make, self.limit = make, limit
        self.clear()

    def clear(self) -> None:
        self.numbers: dict[Hashable, int] = {}
        self.rows, self.offsets = _Growing(np.intc), _Growing(np.int64)
        self.offsets.extend([0])
        self._new_rows: list[int] = []
        self._new_ends: list[int] = []

    def begin(self) -> None:
        """Start numbering a text's items; the numbers given before are void."""
        if len(self.numbers) >= self.limit:
            self.clear()

    def number(self, item: Hashable) -> int:
        return self.numbered((item,))[0]

    def numbered(self, items: Iterable[Hashable]) -> list[int]:
        """The number of each item (`number`, in one loop)."""
        get, new = self.numbers.get, self._new
        return [new(item) if (found := get(item)) is None else found for item in items]

    def _new(self, item: Hashable) -> int:
        found = self.numbers[item] = len(self.numbers)
        rows, ends, before = self._new_rows, self._new_ends, len(self.rows)
        for block in self.make(item):
            rows += block
            ends.append(before + len(rows))
        return found

    def table(self) -> _Table:
        self.rows.extend(self._new_rows)
        self.offsets.extend(self._new_ends)
        self._new_rows, self._new_ends = [], []
        return _Table(self.rows.values(), self.offsets.values())


class State(NamedTuple):
    """The state features by attribute: those of attribute a are [offsets[a], offsets[a + 1])
    of `labels` and `weights` (crfsuite's attribute references, as arrays); the attributes
    numbered below len(dense), those with weights for many labels, have them as a row of
    `dense` too, 0.0 for the labels they have none for."""

    offsets: np.ndarray
    labels: np.ndarray
    weights: np.ndarray
    dense: np.ndarray

    @classmethod
    def of(cls, features: np.ndarray, attributes: int, labels: int, dense_from: int) -> State:
        """The state features of `attributes` over `labels`; those of the attributes with
        `dense_from` labels or more, which must be numbered first (`_by_weights`), also in
        dense rows: a token's score is then added a row at a time, which the compiler
        vectorises, and the sums stay crfsuite's (a label's weights are added in the same
        order, and x + 0.0 is x)."""
        order = np.argsort(features["src"], kind="stable")
        counts = np.bincount(features["src"], minlength=attributes)
        many = int(np.count_nonzero(counts >= dense_from))
        dense = np.zeros((many, labels))
        heavy = features[features["src"] < many]
        dense[heavy["src"], heavy["dst"]] = heavy["weight"]
        return cls(np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
                   features["dst"][order].astype(np.intp), features["weight"][order].copy(),
                   dense)


def _by_weights(attributes: np.ndarray, count: int) -> np.ndarray:
    """A number for each of `count` attributes (by its number in the file), those with weights
    for more labels first (`attributes`: the attribute of each weight): a token's most used
    attributes then lie together, and the dense rows are the first (`State.of`)."""
    order = np.argsort(-np.bincount(attributes, minlength=count), kind="stable")
    number = np.empty(count, dtype=np.intp)
    number[order] = np.arange(count)
    return number


class _Growing:
    """A one-dimensional array that values are added to at its end (its room doubling)."""

    def __init__(self, dtype: type) -> None:
        self._values, self._size = np.zeros(1024, dtype=dtype), 0

    def __len__(self) -> int:
        return self._size

    def extend(self, values: Sequence[int]) -> None:
        end = self._size + len(values)
        if end > len(self._values):
            grown = np.zeros(max(end, 2 * len(self._values)), dtype=self._values.dtype)
            grown[:self._size] = self._values[:self._size]
            self._values = grown
        self._values[self._size:end] = values
        self._size = end

    def values(self) -> np.ndarray:
        return self._values[:self._size]


class _Table(NamedTuple):
    """The rows of a `Blocks`' blocks one after another, and where each block starts."""

    rows: np.ndarray
    offsets: np.ndarray


def _features(data: bytes, offset: int, path: Path) -> np.ndarray:
    if data[offset:offset + 4] != FEATURES:
        raise ModelFormatError(f"{path}: no {FEATURES!r} chunk at byte {offset}")
    (count,) = struct.unpack_from("<I", data, offset + 8)
    return np.frombuffer(data, _FEATURE, count, offset + 12)


def _strings(data: bytes, offset: int, count: int, path: Path) -> list[bytes]:
    """A CQDB store's strings by id: its backward array holds, for each id, where its record
    (id, size, the string and a NUL) starts."""
    if data[offset:offset + 4] != STORE:
        raise ModelFormatError(f"{path}: no {STORE!r} store at byte {offset}")
    (backward,) = struct.unpack_from("<I", data, offset + 20)
    found = []
    for i, at in enumerate(struct.unpack_from(f"<{count}I", data, offset + backward)):
        rid, size = struct.unpack_from("<2I", data, offset + at)
        if rid != i:
            raise ModelFormatError(f"{path}: string {i} of the store at byte {offset} says {rid}")
        found.append(data[offset + at + 8:offset + at + 8 + size - 1])
    return found


def decode(weights: Weights, words: Blocks, marks: Blocks, numbers: Sequence[int],
           lengths: Sequence[int], after: Sequence[bool], steps: Sequence[int]) -> np.ndarray:
    """The best label of each token of sequences laid one after another (`lengths`), as
    crfsuite's tagger finds it: each token's label scores added up from its features in
    crfsuite's order, then its Viterbi path.

    A token's features, in each copy (a domain adds one): its word's own block (`numbers`: its
    word's item in `words`, whose blocks are its own features, then what it tells the word each
    of `steps` away), what the word each of `steps` away tells it or, past the sequence's
    edge, that mark (`marks`' item 0, a block a step, then one for `after` punctuation), and
    that punctuation mark where `after`. A copy is `len(steps) + 1` blocks of each item."""
    labels = np.zeros(len(numbers), dtype=np.intp)
    if len(numbers):
        _decode(np.asarray(numbers, dtype=np.intp), np.asarray(lengths, dtype=np.intp),
                np.asarray(after, dtype=np.bool_), np.asarray(steps, dtype=np.intp),
                words.table(), marks.table(), weights.state, *_moves(weights), labels)
    return labels


@cache
def _moves(weights: Weights) -> tuple[np.ndarray, np.ndarray]:
    """What Viterbi reads of the transitions, made once per model: before[j, i], the weight of
    label j after label i; dominance[i, k], the most that label i's transitions to any next
    label beat label k's by (a label whose score trails the best one's by more can be nobody's
    best predecessor)."""
    transition = weights.transition
    return (np.ascontiguousarray(transition.T),
            (transition[:, None, :] - transition[None, :, :]).max(axis=2))


@numba.njit(cache=True, nogil=True)
def _decode(numbers, lengths, after, steps, words, marks, state, before, dominance,
            labels):  # pragma: no cover - compiled
    """crfsuite's crf1dt_state_score, then its crf1dc_viterbi, a sequence at a time. A label's
    score at a token is the sum of the weights of the token's attributes for it, added in the
    token's order; the best path's labels go to `labels` (`before[j, i]`: the weight of label
    j after label i); the first best label wins a tie. Each step weighs only the labels that
    may be a best predecessor (`_candidates`): the others lose to the leading label whatever
    comes next, so the path is the same."""
    size = before.shape[0]
    best, now, scores = np.empty(size), np.empty(size), np.empty(size)
    candidates = np.empty(size, dtype=np.intp)
    back = np.empty((len(numbers), size), dtype=np.int16)
    start = 0
    for length in lengths:
        for t in range(start, start + length):
            _emission(numbers, start, start + length, t, after, steps, words, marks, state,
                      scores)
            if t == start:
                best[:] = scores
                continue
            n = _candidates(best, dominance, candidates)
            for j in range(size):
                top, arg, into = -np.inf, -1, before[j]
                for c in range(n):
                    i = candidates[c]
                    if top < best[i] + into[i]:
                        top, arg = best[i] + into[i], i
                back[t, j] = arg
                now[j] = top + scores[j]
            best[:] = now
        if length:
            _backtrack(best, back, start, start + length, labels)
        start += length


@numba.njit(cache=True, nogil=True, inline="always")
def _candidates(best, dominance, candidates):  # pragma: no cover - compiled
    """The labels, in order, whose score trails the leading one's by no more than their
    transitions can make up (with a margin far wider than rounding); their count."""
    lead = 0
    for i in range(1, len(best)):
        if best[lead] < best[i]:
            lead = i
    floor = best[lead] - 1e-9 * (abs(best[lead]) + 1.0)
    n = 0
    for i in range(len(best)):
        if best[i] + dominance[i, lead] >= floor:
            candidates[n] = i
            n += 1
    return n


@numba.njit(cache=True, nogil=True, inline="always")
def _emission(numbers, start, end, t, after, steps, words, marks, state,
              scores):  # pragma: no cover - compiled
    """The label scores of token t of the sequence [start, end), into `scores`: in each copy,
    its word's own block, what each neighbour `steps` away tells it (or the edge mark), and
    the punctuation mark if `after`."""
    per_copy = len(steps) + 1
    copies = (len(marks.offsets) - 1) // per_copy
    scores[:] = 0.0
    for c in range(copies):
        _add(scores, words, (numbers[t] * copies + c) * per_copy, state)
        for k in range(len(steps)):
            u = t + steps[k]
            if start <= u < end:
                _add(scores, words, (numbers[u] * copies + c) * per_copy + 1 + k, state)
            else:
                _add(scores, marks, c * per_copy + k, state)
        if after[t]:
            _add(scores, marks, c * per_copy + len(steps), state)


@numba.njit(cache=True, nogil=True, inline="always")
def _add(scores, table, block, state):  # pragma: no cover - compiled
    """What the attributes of a block add to each label's score (crfsuite adds the weights of
    each attribute's features in turn): a dense row at once, or feature by feature."""
    for r in range(table.offsets[block], table.offsets[block + 1]):
        attribute = table.rows[r]
        if attribute < len(state.dense):
            weights = state.dense[attribute]
            for label in range(len(scores)):
                scores[label] += weights[label]
            continue
        for f in range(state.offsets[attribute], state.offsets[attribute + 1]):
            scores[state.labels[f]] += state.weights[f]


@numba.njit(cache=True, nogil=True, inline="always")
def _backtrack(best, back, start, end, labels):  # pragma: no cover - compiled
    last = 0
    for i in range(1, len(best)):
        if best[last] < best[i]:
            last = i
    labels[end - 1] = last
    for t in range(end - 1, start, -1):
        labels[t - 1] = back[t, labels[t]]
