"""A columnar screen for batches of `default` rows: Arrow and numpy checks, a column at a time,
that clear a batch whose every record certainly has no finding of level 1 or 2.

The screen never reports a problem. A batch it does not clear goes through the record checks
(`record_checks`), which say what is wrong and where; so the screen can make validation faster
but never different. It holds a batch to the JSON Schema (nulls, label ids, integer bounds,
string lengths and patterns, compiled from `schema/record.schema.json`; the Arrow types and
fields are the file's features, checked before) and to the level-2 rules: NFC text, a
contiguous offset map, spans inside the text and non-empty, annotation texts equal to their
slices, unique annotation ids, paragraphs in order, sentences inside paragraphs and tokens
inside sentences, annotations inside one paragraph, entities that nest without crossing,
speakers that are entities, gold entities without a proclitic.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from sahifa.record import SPAN_LAYERS
from sahifa.schema import labels, record_schema, resolve_in, types_of
from sahifa.validate.record_checks import PROCLITICS, clitic_names
from sahifa.validate.spans import (
    BatchSpans,
    SpanColumn,
    alone,
    combined,
    gathered,
    ints,
    string_bytes,
)

Check = Callable[[pa.Array], bool]
KEYWORDS = {"type", "$ref", "properties", "required", "additionalProperties", "items", "enum",
            "minimum", "maximum", "minLength", "pattern", "description", "title", "examples",
            "x-arrow", "x-parquet-encoding", "x-label-source", "x-version", "$schema", "$id",
            "$defs"}
END_OF_STRING = "$(?![\\s\\S])"  # ECMA's end of input, as the schema writes it


class Unscreenable(Exception):
    """The schema uses something the screen cannot check in bulk: every batch takes the record
    checks."""


def batch_is_clean(batch: pa.RecordBatch, spans: BatchSpans | None = None) -> bool:
    """True only if no record of `batch` has a finding of level 1 or 2. `spans`: the batch's,
    if the caller reads them too."""
    check = _schema_check()
    if check is None or not check(pa.StructArray.from_arrays(batch.columns,
                                                               names=batch.schema.names)):
        return False
    return _records_clean(batch, spans or BatchSpans(batch))


@cache
def _schema_check() -> Check | None:
    try:
        return _compile(record_schema(), record_schema())
    except Unscreenable:
        return None


def _compile(node: dict[str, Any], root: dict[str, Any]) -> Check:
    """A bulk check of an Arrow array against the schema node (types are the features')."""
    node, root = resolve_in(node, root)
    if set(node) - KEYWORDS:
        raise Unscreenable(f"keywords {sorted(set(node) - KEYWORDS)}")
    kinds = types_of(node)
    nullable = "null" in kinds
    checks: list[Check] = [] if nullable else [lambda a: a.null_count == 0]
    if "enum" in node:
        checks.append(_bounded(0, len(node["enum"]) - 1))
    elif "object" in kinds:
        props = {name: _compile(sub, root) for name, sub in node["properties"].items()}
        checks.append(lambda a: _fields_pass(a, props))
    elif "array" in kinds:
        item = _compile(node["items"], root)
        checks.append(lambda a: item(a.flatten()))
    elif "integer" in kinds:
        checks.append(_bounded(node.get("minimum"), node.get("maximum")))
    elif "string" in kinds:
        checks += _string_checks(node)
    return lambda array: all(check(array) for check in checks)


def _fields_pass(array: pa.StructArray, props: dict[str, Check]) -> bool:
    """Every field of the struct's non-null rows passes its check."""
    if array.null_count:
        array = array.filter(array.is_valid())
    return all(props[name](pc.struct_field(array, name)) for name in props)


def _bounded(low: int | None, high: int | None) -> Check:
    def check(array: pa.Array) -> bool:
        if len(array) == array.null_count:
            return True
        bounds = pc.min_max(array)
        return (low is None or bounds["min"].as_py() >= low) and \
            (high is None or bounds["max"].as_py() <= high)
    return check


def _string_checks(node: dict[str, Any]) -> list[Check]:
    checks: list[Check] = []
    if "minLength" in node:
        checks.append(lambda a: _bounded(node["minLength"], None)(pc.utf8_length(a)))
    if "pattern" in node:
        pattern = _re2(node["pattern"])
        checks.append(lambda a: pc.all(pc.match_substring_regex(a, pattern),
                                       skip_nulls=True).as_py() is not False)
    return checks


def _re2(pattern: str) -> str:
    """The schema's pattern (ECMA, anchored with ^ and an end of input) for Arrow's RE2."""
    if not pattern.startswith("^") or not pattern.endswith(END_OF_STRING):
        raise Unscreenable(f"pattern {pattern!r}")
    body = pattern[:-len(END_OF_STRING)]
    if "(?" in body or "\\" in body:
        raise Unscreenable(f"pattern {pattern!r}")
    return body + "\\z"


def _records_clean(batch: pa.RecordBatch, spans: BatchSpans) -> bool:
    """The level-2 rules over the whole batch."""
    texts = spans.texts
    if not all(unicodedata.is_normalized("NFC", t) for t in texts):
        return False
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    layers = {name: spans.layer(name) for name in
              (*SPAN_LAYERS, "cues")}
    return (_offset_map_clean(batch.column("offset_map"), lengths)
            and all(layer.inside_texts(lengths) for layer in layers.values())
            and _texts_match(spans, [layers[n] for n in ("entities", "quotes", "cues",
                                                          "corrections")])
            and _each_inside(layers["sentences"], layers["paragraphs"], sorted_inner=True)
            and _each_inside(layers["tokens"], layers["sentences"])
            and all(_each_inside(layers[n], layers["paragraphs"])
                    for n in ("entities", "quotes", "cues", "corrections"))
            and _per_record_clean(batch, layers))


def _offset_map_clean(column: pa.Array, lengths: np.ndarray) -> bool:
    """Each record's map runs from 0 to the end of its text without gaps, its segments forward
    in the text and never back in the raw input."""
    lists = combined(column)
    segments = lists.flatten()
    start, end = (ints(pc.struct_field(segments, k)) for k in ("start", "end"))
    raw_start, raw_end = (ints(pc.struct_field(segments, k)) for k in ("raw_start", "raw_end"))
    offsets = ints(lists.offsets)
    first, last = offsets[:-1], offsets[1:] - 1
    empty = first > last
    if np.any(empty & (lengths != 0)):
        return False
    if not len(start):
        return True
    follows = np.ones(len(start), dtype=bool)
    follows[first[~empty]] = False  # a record's first segment follows nothing
    previous_end = np.concatenate([[0], end[:-1]])
    previous_raw = np.concatenate([[0], raw_end[:-1]])
    return bool(np.all(end >= start) and np.all(raw_end >= raw_start)
                and np.all(start[first[~empty]] == 0)
                and np.all(end[last[~empty]] == lengths[~empty])
                and np.all(start[follows] == previous_end[follows])
                and np.all(raw_start[follows] >= previous_raw[follows]))


def _texts_match(spans: BatchSpans, layers: list[SpanColumn]) -> bool:
    """Every annotation span's text is its slice of the record's text: the UTF-8 bytes of all
    the slices, gathered from the batch's text, against the bytes of all the texts stored."""
    encoded, byte_at = spans.encoded, spans.byte_at
    for layer in layers:
        said = pc.struct_field(layer.values, "text")
        first, last = byte_at[layer.gstart], byte_at[layer.gend]
        if not np.array_equal(last - first, ints(pc.binary_length(said))) or \
                gathered(encoded, first, last) != string_bytes(said):
            return False
    return True


def _each_inside(inner: SpanColumn, outer: SpanColumn, sorted_inner: bool = False) -> bool:
    """Every inner span lies inside the outer span of its record that starts last at or
    before it. With outer spans in order and apart (checked first: for paragraphs, that is
    the paragraph-order rule), that is the one span that can hold it, as the record checks
    find it. `sorted_inner`: the inner spans must also
    be in order and apart (sentences, as the tokens' check needs)."""
    if not _apart(outer) or (sorted_inner and not _apart(inner)):
        return False
    if not len(inner.gstart):
        return True
    at = np.searchsorted(outer.gstart, inner.gstart, side="right") - 1
    if np.any(at < 0):
        return False
    return bool(np.all((outer.parents[at] == inner.parents) & (inner.gend <= outer.gend[at])))


def _apart(layer: SpanColumn) -> bool:
    """Spans in order on the batch's axis and not overlapping."""
    return bool(np.all(layer.gstart[1:] >= layer.gend[:-1]))


def _per_record_clean(batch: pa.RecordBatch, layers: dict[str, SpanColumn]) -> bool:
    """What each record's annotations must say of each other: ids used once, speakers that
    are entities, entities that nest without crossing, gold entities without a proclitic."""
    keyed = {name: _keys(layers[name].parents, pc.struct_field(layers[name].values, "id"))
             for name in ("entities", "quotes", "cues", "corrections")}
    ids = pa.concat_arrays(list(keyed.values()))
    if pc.count_distinct(ids).as_py() != len(ids):
        return False
    quotes = layers["quotes"]
    speakers = pc.drop_null(_keys(quotes.parents, pc.struct_field(quotes.values, "speaker")))
    if not pc.all(pc.is_in(speakers, value_set=keyed["entities"])).as_py():
        return False
    entities = layers["entities"]
    return not _crossing(entities.gstart, entities.gend) and not _gold_clitics(entities.values)


def _keys(parents: np.ndarray, ids: pa.Array) -> pa.Array:
    """Ids made unique across records: the record's index, a separator, the id (null ids stay
    null)."""
    return pc.binary_join_element_wise(pc.cast(pa.array(parents), pa.string()), ids, "\x1f")


def _crossing(starts: np.ndarray, ends: np.ndarray) -> bool:
    """Two spans overlap without one holding the other (records apart on the axis)."""
    order = np.lexsort((-ends, starts))
    order = order[~alone(starts[order], ends[order])]
    open_ends: list[int] = []
    for start, end in zip(starts[order].tolist(), ends[order].tolist(), strict=True):
        open_ends = [e for e in open_ends if e > start]
        if open_ends and end > min(open_ends):
            return True
        open_ends.append(end)
    return False


def _gold_clitics(entities: pa.StructArray) -> bool:
    """A gold entity starts with a proclitic the guidelines leave out (and is no listed
    name)."""
    gold = pc.equal(pc.struct_field(entities, "origin"), labels("origin").index("gold"))
    texts = pc.struct_field(entities, "text")
    head = pc.utf8_slice_codeunits(texts, 0, 1)
    suspect = pc.and_(gold, pc.or_(pc.starts_with(texts, "لل"), pc.and_(
        pc.is_in(head, value_set=pa.array(list(PROCLITICS))),
        pc.equal(pc.utf8_slice_codeunits(texts, 1, 3), "ال"))))
    names = clitic_names()
    return any(_clitic(text, names) for text in pc.filter(texts, suspect).to_pylist())


def _clitic(text: str, names: frozenset[str]) -> bool:
    return text.split(" ", 1)[0] not in names and (
        text.startswith("لل") or (text[:1] in PROCLITICS and text[1:3] == "ال"))



def first_gold_annotators(batch: pa.RecordBatch) -> list[str | None]:
    """For each record, the annotator (gold file) of its first gold span, in the order of
    `write.splits.declared_split` (entities, quotes, corrections), or None."""
    gold = labels("origin").index("gold")
    found: list[str | None] = [None] * batch.num_rows
    for layer in ("corrections", "quotes", "entities"):  # the first layer's answer wins
        lists = combined(batch.column(layer))
        values = lists.flatten()
        spans = np.flatnonzero(ints(pc.struct_field(values, "origin")) == gold)
        if not len(spans):
            continue
        parents = ints(pc.list_parent_indices(lists))[spans]
        records, first = np.unique(parents, return_index=True)
        names = pc.struct_field(values, "annotator").take(pa.array(spans[first])).to_pylist()
        for record, name in zip(records.tolist(), names, strict=True):
            found[record] = name
    return found
