"""The seed's gold brat file imports completely, every span projected onto the record text."""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import replace

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from sahifa.annotate import AnnotationError, brat
from sahifa.ingest.inputs import RawInput
from sahifa.ingest.normalize import normalize
from sahifa.ingest.readers.plaintext import input_files, iter_inputs
from sahifa.offsets import OffsetMap
from sahifa.pipeline import convert
from sahifa.record import Record, Source
from tests.conftest import SEEDS

SEED = "000_19ff7663056b0340"


@pytest.fixture(scope="module")
def seed_record():
    (item,) = iter_inputs(SEEDS)
    return convert(item)


@pytest.fixture(scope="module")
def gold():
    standoff, problems = brat.parse((SEEDS / f"{SEED}.ann").read_text("utf-8"))
    assert problems == []
    return standoff


def test_every_gold_annotation_is_in_the_record(seed_record, gold):
    types = Counter(tb.type for tb in gold.spans.values())
    assert len(seed_record.entities) == 164 == sum(
        n for t, n in types.items() if t not in ("QUOTE", "CUE", "SPELLING"))
    assert len(seed_record.quotes) == types["QUOTE"] == 11
    assert sum(q.cue is not None for q in seed_record.quotes) == types["CUE"] == 11
    assert len(seed_record.corrections) == types["SPELLING"] == 3
    assert [q.id for q in seed_record.quotes if not q.closed] == ["T76"]
    assert {q.speaker for q in seed_record.quotes} <= {e.id for e in seed_record.entities}
    assert {(c.text, c.correction, c.kind) for c in seed_record.corrections} == {
        ("العمليلت", "العمليات", "typo"), ("مازال", "ما زال", "spacing"),
        ("العلميات", "العمليات", "typo")}


def test_every_gold_span_maps_back_to_its_raw_offsets(seed_record, gold):
    offsets = OffsetMap(seed_record.offset_map)
    spans = [*seed_record.entities, *seed_record.quotes, *seed_record.corrections,
             *(q.cue for q in seed_record.quotes)]
    for span in spans:
        tb = gold.spans[span.id]
        assert seed_record.text[span.start:span.end] == span.text == tb.text
        assert offsets.span_to_raw(span.start, span.end) == (tb.start, tb.end)


def test_gold_provenance(seed_record):
    assert {(e.origin, e.annotator) for e in seed_record.entities} == {
        ("gold", f"{SEED}.ann")}


def test_the_annotation_file_is_an_input_file():
    assert [p.name for p in input_files(SEEDS)] == [f"{SEED}.ann", f"{SEED}.txt"]


def _read(ann: str, source: str = "قال زيد: «نعم» وذهب"):
    return brat.read(ann, source, lambda s, e: (s, e), source, "x.ann")


def test_unlinked_cue_and_spelling_without_correction_are_findings():
    _, problems = _read("T1\tCUE 0 3\tقال\nT2\tSPELLING 4 7\tزيد\n")
    assert [(p.id, p.span, p.line) for p in problems] == [
        ("ann-reference-unresolved", "T1", 1), ("ann-reference-unresolved", "T2", 2)]


def test_a_quote_with_speaker_cue_and_unclosed():
    layers, problems = _read("T1\tPERS 4 7\tزيد\nT2\tCUE 0 3\tقال\nT3\tQUOTE 10 13\tنعم\n"
                             "R1\tSpeaker Arg1:T3 Arg2:T1\nR2\tCue Arg1:T3 Arg2:T2\n"
                             "A1\tUnclosed T3\n")
    assert problems == []
    (quote,) = layers.quotes
    assert (quote.speaker, quote.cue.text, quote.closed) == ("T1", "قال", False)


def test_a_gold_quote_needs_a_speaker_an_automatic_one_not():
    _, problems = _read("T3\tQUOTE 10 13\tنعم\n")
    assert [(p.id, p.span) for p in problems] == [("ann-reference-unresolved", "T3")]
    layers, problems = _read("T3\tQUOTE 10 13\tنعم\nA1\tOrigin T3 auto\n")
    assert problems == [] and layers.quotes[0].speaker is None


def test_a_speaker_must_be_an_entity():
    _, problems = _read("T1\tCUE 0 3\tقال\nT3\tQUOTE 10 13\tنعم\n"
                        "R1\tSpeaker Arg1:T3 Arg2:T1\nR2\tCue Arg1:T3 Arg2:T1\n")
    assert [(p.id, p.span) for p in problems] == [("ann-reference-unresolved", "R1")]


WORDS = st.sampled_from(["سورية", "مو\u0640سكو", "وا\u200bشنطن", "الرقة", "تدمر", "قال"])


@settings(max_examples=100)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=6), min_size=1, max_size=4), st.data())
def test_gold_spans_project_onto_the_normalised_text(paragraphs, data):
    """Spans on raw words, some with marks the normaliser removes, land on the same words of
    `text` and map back to their raw offsets; a span on the byline is rejected."""
    raw = "سورية\n\nعنوان\n\n| زيد – وكالات\n\n" + "\n".join(map(" ".join, paragraphs)) + "\n"
    body = raw.index("وكالات") + len("وكالات")
    words = [(m.start(), m.end()) for m in regex.finditer(r"\S+", raw, pos=body)]
    chosen = sorted(data.draw(st.sets(st.sampled_from(words), min_size=1)))
    ann = "".join(f"T{i}\tGPE {a} {b}\t{raw[a:b]}\n" for i, (a, b) in enumerate(chosen, 1))
    item = RawInput("plaintext", "x.txt", None, raw.encode(), ann.encode(), "x.ann")
    record = convert(item)
    offsets = OffsetMap(record.offset_map)
    assert [offsets.span_to_raw(e.start, e.end) for e in record.entities] == chosen
    assert [e.text for e in record.entities] == [
        normalize(raw[a:b]).text for a, b in chosen]
    byline = raw.index("زيد")
    bad = replace(item, annotations=f"T1\tPERS {byline} {byline + 3}\tزيد\n".encode())
    with pytest.raises(AnnotationError, match="ann-outside-text"):
        convert(bad)


def test_attribute_values_come_from_the_schema_inventories():
    _, problems = _read("T1\tSPELLING 4 7\tزيد\nA1\tKind T1 grammar\n#1\tAnnotatorNotes T1\tز\n"
                        "A2\tOrigin T1 guessed\n")
    assert [(p.id, p.span, p.line) for p in problems] == [
        ("ann-reference-unresolved", "T1", 1), ("ann-syntax", "A1", 2), ("ann-syntax", "A2", 4)]


def test_a_gold_quote_whose_source_names_no_entity_says_so():
    layers, problems = _read("T3\tQUOTE 10 13\tنعم\nA1\tNoSpeaker T3\n")
    assert problems == [] and layers.quotes[0].speaker is None
    _, problems = _read("T1\tPERS 4 7\tزيد\nT3\tQUOTE 10 13\tنعم\n"
                        "R1\tSpeaker Arg1:T3 Arg2:T1\nA1\tNoSpeaker T3\n")
    assert [(p.id, p.span) for p in problems] == [("ann-reference-unresolved", "T3")]
    _, problems = _read("T3\tQUOTE 10 13\tنعم\nA1\tNoSpeaker T3 yes\n")
    assert [(p.id, p.line) for p in problems] == [("ann-reference-unresolved", 1),
                                                  ("ann-syntax", 2)]


def test_no_speaker_survives_the_brat_round_trip():
    ann = "T3\tQUOTE 10 13\tنعم\nA1\tNoSpeaker T3\n"
    layers, _ = _read(ann)
    record = Record(id="x", source=Source("x.txt", "0" * 64, "plaintext"), text="",
                    quotes=layers.quotes)
    assert brat.write(record, "x.ann") == ann


def test_a_gold_file_that_starts_with_a_byte_order_mark_imports(tmp_path):
    shutil.copy(SEEDS / f"{SEED}.txt", tmp_path / "a.txt")
    (tmp_path / "a.ann").write_bytes(b"\xef\xbb\xbf" + (SEEDS / f"{SEED}.ann").read_bytes())
    (item,) = iter_inputs(tmp_path)
    assert convert(item).entities
