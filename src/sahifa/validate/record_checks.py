"""Level 1 and level 2 checks of one record. Each check says what is wrong, not where the record
is: the runner adds that."""

from __future__ import annotations

import copy
import json
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from operator import itemgetter
from typing import Any

import fastjsonschema
import jsonschema

from sahifa.findings import Finding, Problem, ValidationError, locate
from sahifa.record import ANNOTATION_LAYERS, SEGMENTATION_LAYERS, SPAN_LAYERS, Record
from sahifa.schema import record_schema, resolve, types_of

PROCLITICS = "وفبكل"


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(record_schema())


@cache
def _fast_validator():
    """The same schema compiled to Python code by fastjsonschema, about a thousand times faster
    than walking it. Its keywords (type, $ref, properties, required, additionalProperties,
    items, enum, pattern, minLength, minimum) mean the same in draft-07, which fastjsonschema
    implements, as in 2020-12; tests/validate/test_fast_schema.py holds the two to agreeing."""
    return fastjsonschema.compile({**copy.deepcopy(record_schema()),
                                   "$schema": "http://json-schema.org/draft-07/schema#"})


FLAT_KEYWORDS = {"type", "minimum", "maximum", "minLength", "enum", "description", "x-arrow",
                 "x-parquet-encoding"}
ColumnCheck = Callable[[list], bool]


@cache
def _flat_tables() -> dict[str, dict[str, ColumnCheck]]:
    """The record's array fields whose items are objects of scalars the bulk path can check
    (sentences, tokens, the offset map, entities …: most of a record's items), with a check of
    each property's values, as the schema declares them."""
    tables = {}
    for name, node in record_schema()["properties"].items():
        if types_of(node) != ["array"]:
            continue
        items = resolve(node["items"])
        checks = {k: _column_check(resolve(v)) for k, v in items.get("properties", {}).items()}
        if (checks and items.get("additionalProperties") is False
                and set(items.get("required", ())) == set(checks)
                and all(check is not None for check in checks.values())):
            tables[name] = checks
    return tables


def _column_check(prop: dict[str, Any]) -> ColumnCheck | None:
    """A check that all the values of a property are valid, for a property that is a bounded
    integer (not a bool), a label (an enum of strings) or a string with at most a least length;
    None for any other."""
    keywords, kinds = set(prop), types_of(prop)
    if not keywords <= FLAT_KEYWORDS:
        return None
    if kinds == ["integer"] and keywords >= {"minimum", "maximum"} and \
            not keywords & {"minLength", "enum"}:
        low, high = prop["minimum"], prop["maximum"]
        return lambda values: _all_of_type(values, int) and (
            not values or (low <= min(values) and max(values) <= high))
    if kinds == ["string"] and "enum" in keywords and \
            not keywords & {"minimum", "maximum", "minLength"}:
        names = frozenset(prop["enum"])
        return lambda values: _all_of_type(values, str) and set(values) <= names
    if kinds == ["string"] and not keywords & {"minimum", "maximum", "enum"}:
        shortest = prop.get("minLength", 0)
        return lambda values: _all_of_type(values, str) and (
            not values or min(map(len, values)) >= shortest)
    return None


def _flat_items_valid(items: Any, checks: dict[str, ColumnCheck]) -> bool:
    """Whether `items` is a list of objects with exactly the properties of `checks`, each
    property's values passing its check: a sufficient condition for those items to be valid,
    checked a column at a time (the compiled validator takes ~10-20 µs an item)."""
    if type(items) is not list or not _all_of_type(items, dict) or \
            not set(map(len, items)) <= {len(checks)}:
        return False
    try:
        return all(check(list(map(itemgetter(key), items))) for key, check in checks.items())
    except KeyError:  # an item with another property in place of one of these
        return False


def _all_of_type(values: list, kind: type) -> bool:
    """Whether every value is of type `kind` exactly (a bool is no int here), read in C."""
    return set(map(type, values)) <= {kind}


def _schema_valid(data: dict[str, Any]) -> bool:
    """The fast verdict: True only for a valid record. The flat tables are checked in bulk,
    the rest by the compiled validator."""
    tables = _flat_tables()
    if not all(_flat_items_valid(data.get(name), tables[name]) for name in tables
               if name in data):
        return False
    try:
        _fast_validator()({**data, **{name: [] for name in tables if name in data}})
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


def check_schema(data: dict[str, Any]) -> Iterator[Problem]:
    """Level 1: the record's plain data against the JSON Schema. The fast path answers for
    valid records; any other gets jsonschema's verdict, with every error and its message."""
    if type(data) is dict and _schema_valid(data):
        return
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path)):
        path = "/".join(map(str, error.absolute_path)) or "(record)"
        yield Problem("schema-invalid", f"{path}: {error.message}")


def check_text(record: Record) -> Iterator[Problem]:
    if not unicodedata.is_normalized("NFC", record.text):
        yield Problem("text-not-nfc", "text is not in NFC")


def check_offset_map(record: Record) -> Iterator[Problem]:
    position, raw_position = 0, None
    for i, seg in enumerate(record.offset_map):
        if seg.start != position or seg.end < seg.start or seg.raw_end < seg.raw_start:
            yield Problem("offset-map-invalid", f"segment {i} [{seg.start}, {seg.end}) does not "
                          f"continue the map at text offset {position}", offset=seg.start)
            return
        if raw_position is not None and seg.raw_start < raw_position:
            yield Problem("offset-map-invalid", f"segment {i} goes back in the raw input "
                          f"({seg.raw_start} < {raw_position})", offset=seg.start)
            return
        position, raw_position = seg.end, seg.raw_end
    if position != len(record.text):
        yield Problem("offset-map-invalid",
                      f"the map covers text [0, {position}) of {len(record.text)} characters")


def _layers(record: Record, layers: tuple[str, ...] = SPAN_LAYERS) -> Iterator[tuple[str, list]]:
    """(layer, its spans) for the given layers; the quotes' cues, as "cues", after them."""
    for layer in layers:
        yield layer, getattr(record, layer)
    if "quotes" in layers:
        yield "cues", [quote.cue for quote in record.quotes if quote.cue is not None]


def _spans(record: Record, layers: tuple[str, ...] = SPAN_LAYERS
           ) -> Iterator[tuple[str, str | None, Any]]:
    """(layer, id, span) for every span of the given layers; cues come with the quotes."""
    for layer, spans in _layers(record, layers):
        for i, span in enumerate(spans):
            yield layer, _span_id(layer, i, span), span


def _span_id(layer: str, index: int, span) -> str:
    """An annotation span's id; a segmentation span's layer and index (tokens[3])."""
    return getattr(span, "id", None) or f"{layer}[{index}]"


def check_spans(record: Record) -> Iterator[Problem]:
    """Offsets in range and non-empty; an annotation span's text equal to the slice it claims
    (`_holds`; segmentation spans are offsets only). A layer at a time, a span's id and
    message made only for a span that fails (a record has a span for every token)."""
    text = record.text
    n = len(text)
    for layer, spans in _layers(record):
        if layer in SEGMENTATION_LAYERS:
            failed = (i for i, span in enumerate(spans) if not 0 <= span.start < span.end <= n)
        else:
            failed = (i for i, span in enumerate(spans) if not _holds(text, span))
        for i in failed:
            yield _span_problem(text, layer, _span_id(layer, i, spans[i]), spans[i])


def _span_problem(text: str, layer: str, span_id: str, span) -> Problem:
    """What is wrong with a span that fails check_spans' test."""
    if not 0 <= span.start <= span.end <= len(text):
        return Problem("span-out-of-range", f"{layer} {span_id} [{span.start}, {span.end}) "
                       f"is not inside text [0, {len(text)})", span_id, span.start)
    if span.start == span.end:
        return Problem("span-empty", f"{layer} {span_id} is empty at {span.start}", span_id,
                       span.start)
    return Problem("span-text-mismatch", f"{layer} {span_id} says {span.text!r} but "
                   f"text[{span.start}:{span.end}] is {text[span.start:span.end]!r}", span_id,
                   span.start)


def check_ids(record: Record) -> Iterator[Problem]:
    """Annotation ids (entities, quotes, cues, corrections) share one namespace, as in brat."""
    seen: set[str] = set()
    for _, span_id, span in _spans(record, ANNOTATION_LAYERS):
        if span_id in seen:
            yield Problem("span-id-duplicate", f"id {span_id} is used twice", span_id, span.start)
        seen.add(span_id)


def _inside(span, outer) -> bool:
    return outer.start <= span.start and span.end <= outer.end


def _first_not_inside(inner: list, outer: list):
    """The first inner span not inside some outer span; both lists sorted by start."""
    j = 0
    for span in inner:
        while j < len(outer) and outer[j].end <= span.start:
            j += 1
        if j == len(outer) or not _inside(span, outer[j]):
            return span
    return None


def check_nesting(record: Record) -> Iterator[Problem]:
    """Paragraphs in order; sentences inside paragraphs; tokens inside sentences."""
    for before, after in zip(record.paragraphs, record.paragraphs[1:], strict=False):
        if after.start < before.end:
            yield Problem("paragraph-order", f"paragraph {after.id} starts at {after.start}, "
                          f"inside or before {before.id} [{before.start}, {before.end})",
                          after.id, after.start)
    stray = _first_not_inside(sorted(record.sentences, key=_key), record.paragraphs)
    if stray is not None:
        yield Problem("sentence-outside-paragraph", f"sentence [{stray.start}, {stray.end}) "
                      f"{record.text[stray.start:stray.end][:30]!r} is not inside a paragraph",
                      offset=stray.start)
    stray = _first_not_inside(sorted(record.tokens, key=_key),
                              sorted(record.sentences, key=_key))
    if stray is not None:
        yield Problem("token-outside-sentence", f"token [{stray.start}, {stray.end}) "
                      f"{record.text[stray.start:stray.end]!r} is not inside a sentence",
                      offset=stray.start)


def _key(span) -> tuple[int, int]:
    return span.start, -span.end


def check_annotation_placement(record: Record) -> Iterator[Problem]:
    """Entities, quotes, cues and corrections each inside one paragraph (spans whose offsets
    are already wrong are left to check_spans)."""
    paragraphs = sorted(record.paragraphs, key=lambda p: p.start)
    starts = [p.start for p in paragraphs]
    for layer, span_id, span in _spans(record, ANNOTATION_LAYERS):
        if not _holds(record.text, span):
            continue
        at = bisect_right(starts, span.start) - 1
        if at < 0 or not _inside(span, paragraphs[at]):
            yield Problem("span-crosses-paragraph", f"{layer} {span_id} [{span.start}, "
                          f"{span.end}) is not inside one paragraph", span_id, span.start)


def _holds(text: str, span) -> bool:
    return 0 <= span.start < span.end <= len(text) and text[span.start:span.end] == span.text


def check_crossing(record: Record) -> Iterator[Problem]:
    """Entities may nest but not cross."""
    open_spans: list = []
    for entity in sorted(record.entities, key=_key):
        open_spans = [o for o in open_spans if o.end > entity.start]
        for other in open_spans:
            if entity.end > other.end:
                yield Problem("span-crossing", f"entity {entity.id} [{entity.start}, "
                              f"{entity.end}) crosses {other.id} [{other.start}, {other.end})",
                              entity.id, entity.start)
        open_spans.append(entity)


def check_references(record: Record) -> Iterator[Problem]:
    entity_ids = {e.id for e in record.entities}
    for quote in record.quotes:
        if quote.speaker is not None and quote.speaker not in entity_ids:
            yield Problem("reference-unresolved", f"quote {quote.id} names speaker "
                          f"{quote.speaker}, which is not an entity of the record",
                          quote.id, quote.start)


@cache
def clitic_names() -> frozenset[str]:
    """Names that begin like a proclitic + ال (data/clitic_names.json)."""
    table = resources.files("sahifa.validate").joinpath("data").joinpath("clitic_names.json")
    return frozenset(json.loads(table.read_text("utf-8"))["names"])


def check_clitics(record: Record) -> Iterator[Problem]:
    """Guideline rule for gold spans: proclitics stay outside entity spans (و ف ب ك ل before
    ال, or لل), except in the names listed as data. Automatic spans are not held to it."""
    for entity in record.entities:
        text = entity.text
        if entity.origin != "gold" or text.split(" ", 1)[0] in clitic_names():
            continue
        if text.startswith("لل") or (text[:1] in PROCLITICS and text[1:3] == "ال"):
            yield Problem("clitic-in-span", f"entity {entity.id} {text!r} starts with a "
                          "proclitic the guidelines leave out", entity.id, entity.start)


RECORD_CHECKS = (
    check_text, check_offset_map, check_spans, check_ids, check_nesting,
    check_annotation_placement, check_crossing, check_references, check_clitics,
)


def check_record(record: Record) -> Iterator[Problem]:
    """Every level-2 check of one record."""
    for check in RECORD_CHECKS:
        yield from check(record)


def record_findings(record: Record, *, file: str | None = None,
                    data: dict | None = None) -> list[Finding]:
    """Level 1 then level 2 findings of one record (level 2 only if level 1 passes)."""
    data = record.to_dict() if data is None else data
    problems = list(check_schema(data))
    if not problems:
        problems = list(check_record(record))
    return [locate(p, file=file, record=record.id) for p in problems]


def ensure_valid(record: Record, *, file: str | None = None) -> Record:
    findings = record_findings(record, file=file)
    if findings:
        raise ValidationError(findings)
    return record
