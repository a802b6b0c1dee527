"""Digests of the `ner` view's rows of each record, a batch at a time with numpy: what they
should be, from `default` rows, and what they are, from `ner` files. Validation compares the
two instead of rebuilding every row in Python.

A record's rows are digested in one canonical form, whatever computes it (`digest_rows` is the
reference, on the rows the view itself makes): the sha256 of, in order, each row's sentence,
start, end, token count and nested level count; the length of each nested level; every row's
outermost tags, then every row's nested tags, level after level; the UTF-8 length of each
token; the tokens' bytes. Integers as little-endian int64.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from sahifa.schema import labels
from sahifa.write.features import view_features

OUTSIDE = 0  # the id of O


def digest_rows(rows: list[dict[str, Any]]) -> str:
    """The canonical digest of a record's `ner` rows (tags as label ids)."""
    ints = lambda values: np.asarray(values, dtype="<i8").tobytes()  # noqa: E731
    nested = [level for row in rows for level in row["ner_tags_nested"]]
    tokens = [t.encode("utf-8") for row in rows for t in row["tokens"]]
    digest = hashlib.sha256()
    for part in (ints([[r["sentence"], r["start"], r["end"], len(r["tokens"]),
                        len(r["ner_tags_nested"])] for r in rows]),
                 ints([len(level) for level in nested]),
                 ints([tag for r in rows for tag in r["ner_tags"]]),
                 ints([tag for level in nested for tag in level]),
                 ints([len(t) for t in tokens]), b"".join(tokens)):
        digest.update(part)
    return digest.hexdigest()


@cache
def _tag_ids() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each entity label id, the ids of its B- and I- tags in the view's inventory; and
    for each tag id, the tag a sentence starts with in its place (B- for I-)."""
    names = view_features("ner")["ner_tags"].feature.names
    entity = labels("entity_label")
    begin = np.array([names.index(f"B-{label}") for label in entity])
    inside = np.array([names.index(f"I-{label}") for label in entity])
    opening = np.arange(len(names))
    opening[inside] = begin
    return begin, inside, opening


def expected_digests(batch: pa.RecordBatch, rows: list[int]) -> dict[str, str | None]:
    """{record id: digest of the `ner` rows the record should have} for the given rows of a
    `default` batch whose records are valid; None for a record whose tokens are not in order
    (the bisections of the view's own code would then differ from numpy's: the caller digests
    its rows from the record)."""
    ids = batch.column("id").to_pylist()
    texts = batch.column("text").to_pylist()
    tokens, sentences, entities = (_Spans(batch.column(n)) for n in
                                   ("tokens", "sentences", "entities"))
    entity_labels = _numpy(pc.struct_field(entities.values, "label"))
    out: dict[str, str | None] = {}
    for i in rows:
        starts, ends = tokens.of(i)
        if np.any(np.diff(starts) < 0) or np.any(np.diff(ends) < 0):
            out[ids[i]] = None
            continue
        lo, hi = entities.bounds(i)
        found = (*entities.of(i), entity_labels[lo:hi])
        out[ids[i]] = _digest_record(texts[i], starts, ends, sentences.of(i), found)
    return out


class _Spans:
    """A list-of-spans column, flattened: each record's starts and ends as numpy slices."""

    def __init__(self, column: pa.Array | pa.ChunkedArray) -> None:
        lists = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
        self.values = lists.flatten()
        self.offsets = np.concatenate([[0], np.cumsum(_numpy(pc.list_value_length(lists)))])
        self.start = _numpy(pc.struct_field(self.values, "start"))
        self.end = _numpy(pc.struct_field(self.values, "end"))

    def bounds(self, i: int) -> tuple[int, int]:
        return int(self.offsets[i]), int(self.offsets[i + 1])

    def of(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = self.bounds(i)
        return self.start[lo:hi], self.end[lo:hi]


def _numpy(array: pa.Array) -> np.ndarray:
    return np.asarray(array.to_numpy(zero_copy_only=False), dtype=np.int64)


def _digest_record(text: str, starts: np.ndarray, ends: np.ndarray,
                   sentences: tuple[np.ndarray, np.ndarray],
                   entities: tuple[np.ndarray, np.ndarray, np.ndarray]) -> str:
    """`digest_rows` of the record's rows, made as `write.views._ner_rows` makes them."""
    first = np.searchsorted(starts, sentences[0], side="left")  # iob.sentence_tokens
    end = np.searchsorted(starts, sentences[1], side="left")
    tags = _level_tags(starts, ends, entities, len(starts))
    heads = first[first < end]
    for level in tags:  # a range that runs into a sentence starts it with B- (iob.encode)
        level[heads] = _tag_ids()[2][level[heads]]
    lengths = end - first
    index = _ranges(first, lengths)  # the tokens of the rows, row after row
    kept = _kept_levels(tags, first, end)
    nested = [tags[level][a:b] for a, b, n in zip(first.tolist(), end.tolist(), kept.tolist(),
                                                   strict=True) for level in range(1, n + 1)]
    encoded = text.encode("utf-8")
    byte_at = _byte_offsets(encoded, len(text))
    token_starts, token_ends = byte_at[starts[index]], byte_at[ends[index]]
    digest = hashlib.sha256()
    counts = np.stack([np.arange(len(first)), sentences[0], sentences[1], lengths, kept],
                      axis=1)
    for part in (counts, np.repeat(lengths, kept), tags[0][index],
                 np.concatenate(nested) if nested else np.zeros(0),
                 token_ends - token_starts):
        digest.update(np.asarray(part, dtype="<i8").tobytes())
    digest.update(_gathered(encoded, token_starts, token_ends))
    return digest.hexdigest()


def _gathered(encoded: bytes, starts: np.ndarray, ends: np.ndarray) -> bytes:
    """The bytes of encoded[starts[i]:ends[i]] for every i, one after the other."""
    return np.frombuffer(encoded, dtype=np.uint8)[_ranges(starts, ends - starts)].tobytes()


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """start, start + 1, …, start + length - 1 for each (start, length), one after the other."""
    offsets = _starts(lengths)
    return np.repeat(starts - offsets[:-1], lengths) + np.arange(offsets[-1], dtype=np.int64)


def _level_tags(starts: np.ndarray, ends: np.ndarray,
                entities: tuple[np.ndarray, np.ndarray, np.ndarray],
                count: int) -> list[np.ndarray]:
    """The tags of every token at each nesting level (iob.levels, then iob.encode without the
    sentence starts)."""
    first = np.searchsorted(ends, entities[0], side="right")  # iob.token_ranges
    end = np.searchsorted(starts, entities[1], side="left")
    ranges = sorted((f, -e, label) for f, e, label in zip(
        first.tolist(), end.tolist(), entities[2].tolist(), strict=True) if f < e)
    placed: list[list[tuple[int, int, int]]] = []
    level_ends: list[int] = []
    for f, negative_end, label in ranges:
        level = next((i for i, e in enumerate(level_ends) if e <= f), len(placed))
        if level == len(placed):
            placed.append([])
            level_ends.append(0)
        placed[level].append((f, -negative_end, label))
        level_ends[level] = -negative_end
    return [_tags_of(np.array(level, dtype=np.int64).reshape(-1, 3), count)
            for level in placed or [[]]]


def _tags_of(ranges: np.ndarray, count: int) -> np.ndarray:
    """The tags of `count` tokens for one level's (first, end, label) ranges: B- on the
    first token, I- on the others."""
    begin, inside, _ = _tag_ids()
    first, end, label = ranges[:, 0], ranges[:, 1], ranges[:, 2]
    tags = np.zeros(count, dtype=np.int64)
    tags[_ranges(first + 1, end - first - 1)] = np.repeat(inside[label], end - first - 1)
    tags[first] = begin[label]
    return tags


def _kept_levels(tags: list[np.ndarray], first: np.ndarray, end: np.ndarray) -> np.ndarray:
    """How many nested levels each sentence's row keeps: up to the last with a tag that is
    not O in the sentence (an empty sentence keeps them all, as `set([]) != {"O"}` in the
    view's code)."""
    nested = len(tags) - 1
    if not nested:
        return np.zeros(len(first), dtype=np.int64)
    tagged = np.stack([level != OUTSIDE for level in tags[1:]])
    running = np.concatenate([np.zeros((nested, 1), dtype=np.int64),
                              np.cumsum(tagged, axis=1)], axis=1)
    present = (running[:, end] - running[:, first]) > 0
    kept = np.max(np.where(present, np.arange(1, nested + 1)[:, None], 0), axis=0)
    kept[end == first] = nested
    return kept


def _byte_offsets(encoded: bytes, length: int) -> np.ndarray:
    """The UTF-8 byte offset of each code point of the text, and of its end."""
    octets = np.frombuffer(encoded, dtype=np.uint8)
    return np.append(np.flatnonzero((octets & 0xC0) != 0x80), len(encoded))[:length + 1]


def found_digests(batches: Iterator[pa.RecordBatch]) -> Iterator[tuple[str, str]]:
    """(document id, digest) for each run of rows of one document in `ner` batches, in order
    (a run may go on into the next batch)."""
    pending: pa.Table | None = None
    for batch in batches:
        table = pa.Table.from_batches([batch])
        table = table if pending is None else pa.concat_tables([pending, table])
        runs = _runs(table.column("document_id").to_pylist())
        if not runs:
            continue
        stored = _Stored(table.slice(0, runs[-1][1]))
        for doc, a, b in runs[:-1]:
            yield doc, stored.digest(a, b)
        pending = table.slice(runs[-1][1])
    if pending is not None and pending.num_rows:
        yield str(pending.column("document_id")[0].as_py()), _Stored(pending).digest(
            0, pending.num_rows)


def _runs(ids: list) -> list[tuple[str, int, int]]:
    runs: list[tuple[str, int, int]] = []
    for i, doc in enumerate(ids):
        if runs and runs[-1][0] == str(doc):
            runs[-1] = (runs[-1][0], runs[-1][1], i + 1)
        else:
            runs.append((str(doc), i, i + 1))
    return runs


class _Stored:
    """`ner` rows as stored, flattened to numpy once: any run of rows digested by slicing."""

    def __init__(self, rows: pa.Table) -> None:
        self.nulls = any(column.null_count for column in rows.columns)
        col = {name: rows.column(name).combine_chunks() for name in rows.column_names}
        nested, tokens = col["ner_tags_nested"], col["tokens"]
        levels = nested.flatten()
        flat_tokens = tokens.flatten()
        self.rows = np.stack([_numpy(col["sentence"]), _numpy(col["start"]), _numpy(col["end"]),
                              _numpy(pc.list_value_length(tokens)),
                              _numpy(pc.list_value_length(nested))], axis=1)
        self.token_at = _starts(self.rows[:, 3])  # row → its first token
        self.level_at = _starts(self.rows[:, 4])  # row → its first nested level
        self.level_lengths = _numpy(pc.list_value_length(levels))
        self.nested_at = _starts(self.level_lengths)  # level → its first tag
        self.tags = _numpy(col["ner_tags"].flatten())
        self.nested = _numpy(levels.flatten())
        self.token_lengths = _numpy(pc.binary_length(flat_tokens))
        self.byte_at = _starts(self.token_lengths)
        self.encoded = _string_bytes(flat_tokens)

    def digest(self, a: int, b: int) -> str:
        if self.nulls:
            return "rows with nulls"
        t0, t1 = self.token_at[a], self.token_at[b]
        l0, l1 = self.level_at[a], self.level_at[b]
        digest = hashlib.sha256()
        for part in (self.rows[a:b], self.level_lengths[l0:l1], self.tags[t0:t1],
                     self.nested[self.nested_at[l0]:self.nested_at[l1]],
                     self.token_lengths[t0:t1]):
            digest.update(np.asarray(part, dtype="<i8").tobytes())
        digest.update(self.encoded[self.byte_at[t0]:self.byte_at[t1]])
        return digest.hexdigest()


def _starts(counts: np.ndarray) -> np.ndarray:
    """Where each of consecutive runs of `counts` items starts, and the end of the last."""
    return np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)


def _string_bytes(strings: pa.Array) -> bytes:
    """The UTF-8 bytes of a string array's values, one after the other."""
    if not len(strings):
        return b""
    _, offsets, data = strings.buffers()
    width = np.int64 if pa.types.is_large_string(strings.type) else np.int32
    bounds = np.frombuffer(offsets, dtype=width)[strings.offset:strings.offset + len(strings) + 1]
    return bytes(memoryview(data)[int(bounds[0]):int(bounds[-1])])
