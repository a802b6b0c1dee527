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
from sahifa.validate.spans import (
    BatchSpans,
    SpanColumn,
    alone,
    gathered,
    ints,
    ranges,
    run_starts,
    string_bytes,
)
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


def expected_digests(batch: pa.RecordBatch,
                     spans: BatchSpans | None = None) -> dict[str, str | None]:
    """{record id: digest of the `ner` rows the record should have} for the records of a
    cleared `default` batch; None for a record whose tokens are not in order (the view's own
    bisections would then differ from numpy's: the caller digests its rows from the record).
    `spans`: the batch's, if the caller has read them already."""
    spans = spans or BatchSpans(batch)
    ids = batch.column("id").to_pylist()
    backwards = spans.layer("tokens").backwards()
    if not backwards:
        return _in_bulk(spans, ids)
    ordered = [i for i in range(len(ids)) if i not in backwards]
    return {**{ids[i]: None for i in backwards},
            **_in_bulk(BatchSpans(batch.take(pa.array(ordered, pa.int64()))),
                       [ids[i] for i in ordered])}


def _in_bulk(spans: BatchSpans, ids: list[str]) -> dict[str, str]:
    """`digest_rows` of every record's rows, made as `write.views._ner_rows` makes them, for a
    batch whose records have their tokens in order: the whole batch on one axis (records a
    code point apart), so each step is one numpy operation, and a record's digest is made of
    slices."""
    texts = spans.texts
    tokens, sentences, entities = (spans.layer(n) for n in ("tokens", "sentences", "entities"))
    token_start, token_end = tokens.gstart, tokens.gend
    sentence_start, sentence_end = sentences.gstart, sentences.gend
    first = np.searchsorted(token_start, sentence_start, side="left")  # iob.sentence_tokens
    end = np.searchsorted(token_start, sentence_end, side="left")
    lengths = end - first
    tags, depth = _level_tags(token_start, token_end, entities, len(texts))
    heads = first[first < end]
    tags[:, heads] = _tag_ids()[2][tags[:, heads]]  # a range running into a sentence: B-
    kept = _kept_levels(tags, first, end, depth[sentences.parents])
    index = ranges(first, lengths)  # the tokens of every row, row after row
    rows = np.repeat(np.arange(len(first)), kept)  # each nested level of each row
    level = np.arange(len(rows)) - np.repeat(run_starts(kept)[:-1], kept) + 1
    nested = tags[np.repeat(level, lengths[rows]), ranges(first[rows], lengths[rows])]
    encoded, byte_at = spans.encoded, spans.byte_at
    token_bytes = (byte_at[token_start[index]], byte_at[token_end[index]])
    row_fields = np.stack([np.arange(len(first)) - sentences.offsets[sentences.parents],
                           sentences.start, sentences.end, lengths, kept], axis=1)
    parts = [
        (row_fields, np.arange(len(first) + 1)),
        (np.repeat(lengths, kept), run_starts(kept)),
        (tags[0][index], run_starts(lengths)),
        (nested, run_starts(kept * lengths)),
        (token_bytes[1] - token_bytes[0], run_starts(lengths)),
    ]
    token_text = gathered(encoded, *token_bytes)
    byte_bounds = run_starts(token_bytes[1] - token_bytes[0])[run_starts(lengths)]
    out = {}
    for record, (lo, hi) in enumerate(zip(sentences.offsets[:-1].tolist(),
                                          sentences.offsets[1:].tolist(), strict=True)):
        digest = hashlib.sha256()
        for values, bounds in parts:
            digest.update(np.asarray(values[bounds[lo]:bounds[hi]], dtype="<i8").tobytes())
        digest.update(token_text[byte_bounds[lo]:byte_bounds[hi]])
        out[ids[record]] = digest.hexdigest()
    return out


def _level_tags(token_start: np.ndarray, token_end: np.ndarray, entities: SpanColumn,
                records: int) -> tuple[np.ndarray, np.ndarray]:
    """The tags of every token at each nesting level (iob.levels, then iob.encode without
    the sentence starts), and each record's number of levels (one at least)."""
    first = np.searchsorted(token_end, entities.gstart, side="right")  # iob.token_ranges
    last = np.searchsorted(token_start, entities.gend, side="left")
    label = ints(pc.struct_field(entities.values, "label"))
    tagged = np.flatnonzero(first < last)  # entities over at least one token
    order = tagged[np.lexsort((label[tagged], -last[tagged], first[tagged],
                               entities.parents[tagged]))]
    levels = np.zeros(len(first), dtype=np.int64)
    depth = np.ones(records, dtype=np.int64)
    level_ends: list[int] = []
    record = -1
    nesting = order[~alone(first[order], last[order])]  # the others are on level 0
    for i, f, e, parent in zip(nesting.tolist(), first[nesting].tolist(),
                               last[nesting].tolist(), entities.parents[nesting].tolist(),
                               strict=True):
        if parent != record:
            record, level_ends = parent, []
        level = next((n for n, end_of in enumerate(level_ends) if end_of <= f), len(level_ends))
        if level == len(level_ends):
            level_ends.append(e)
            depth[parent] = len(level_ends)
        level_ends[level] = e
        levels[i] = level
    token_spans = np.stack([first, last, label], axis=1)[order]
    return np.stack([_tags_of(token_spans[levels[order] == n], len(token_start))
                     for n in range(int(depth.max(initial=1)))]), depth


def _tags_of(spans: np.ndarray, count: int) -> np.ndarray:
    """The tags of `count` tokens for one level's (first, end, label) token spans: B- on the
    first token, I- on the others."""
    begin, inside, _ = _tag_ids()
    first, end, label = spans[:, 0], spans[:, 1], spans[:, 2]
    tags = np.zeros(count, dtype=np.int64)
    tags[ranges(first + 1, end - first - 1)] = np.repeat(inside[label], end - first - 1)
    tags[first] = begin[label]
    return tags


def _kept_levels(tags: np.ndarray, first: np.ndarray, end: np.ndarray,
                 depth: np.ndarray) -> np.ndarray:
    """How many nested levels each sentence's row keeps: up to the last with a tag that is
    not O in the sentence (an empty sentence keeps all its record's levels, as
    `set([]) != {"O"}` in the view's code)."""
    nested = len(tags) - 1
    if not nested:
        return np.zeros(len(first), dtype=np.int64)
    running = np.concatenate([np.zeros((nested, 1), dtype=np.int64),
                              np.cumsum(tags[1:] != OUTSIDE, axis=1)], axis=1)
    present = (running[:, end] - running[:, first]) > 0
    kept = np.max(np.where(present, np.arange(1, nested + 1)[:, None], 0), axis=0)
    return np.where(end == first, depth - 1, kept)


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
        self.rows = np.stack([ints(col["sentence"]), ints(col["start"]), ints(col["end"]),
                              ints(pc.list_value_length(tokens)),
                              ints(pc.list_value_length(nested))], axis=1)
        self.token_at = run_starts(self.rows[:, 3])  # row → its first token
        self.level_at = run_starts(self.rows[:, 4])  # row → its first nested level
        self.level_lengths = ints(pc.list_value_length(levels))
        self.nested_at = run_starts(self.level_lengths)  # level → its first tag
        self.tags = ints(col["ner_tags"].flatten())
        self.nested = ints(levels.flatten())
        self.token_lengths = ints(pc.binary_length(flat_tokens))
        self.byte_at = run_starts(self.token_lengths)
        self.encoded = string_bytes(flat_tokens)

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
