"""Property tests of the offset map over every character of generated raw strings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sahifa.ingest.normalize import normalize
from sahifa.offsets import OffsetMap, is_linear
from sahifa.record import Record, Source
from sahifa.validate.record_checks import check_offset_map

# Arabic letters, a combining hamza (composes under NFC), harakat, tatweel, no-break space,
# bidi and zero-width marks, a BOM, CR/LF and HTML entities: everything the normaliser edits.
PIECES = st.sampled_from([
    "ا", "و", "ي", "س", "ر", "ة", "\u0654", "\u064e", "\u0651", "\u0640", "\xa0", "\u200f",
    "\u200b", "\ufeff", "\r\n", "\r", "\n", " ", "&amp;", "&quot;", "&nosuch;", "a", "1",
])
RAW = st.lists(PIECES, min_size=1, max_size=30).map("".join)


def _map(raw: str):
    norm = normalize(raw)
    return norm.text, norm.builder.segments


@settings(max_examples=300)
@given(RAW)
def test_segments_tile_the_text(raw):
    text, segments = _map(raw)
    record = Record(id="x", source=Source("x", "0" * 64, "plaintext"), text=text,
                    offset_map=segments)
    assert list(check_offset_map(record)) == []
    assert segments == [] or (segments[0].raw_start == 0 and segments[-1].raw_end == len(raw))


@settings(max_examples=300)
@given(RAW)
def test_each_segment_is_the_normalised_raw_it_stands_for(raw):
    text, segments = _map(raw)
    for seg in segments:
        assert normalize(raw[seg.raw_start:seg.raw_end]).text == text[seg.start:seg.end]


@settings(max_examples=300)
@given(RAW)
def test_raw_offsets_grow_with_text_offsets(raw):
    text, segments = _map(raw)
    if not segments:
        return
    omap = OffsetMap(segments)
    positions = [omap.to_raw(i) for i in range(len(text) + 1)]
    assert positions == sorted(positions)
    assert positions[-1] == len(raw)


def _boundaries(text_length, segments):
    """Text offsets a span may start or end at: not strictly inside a non-linear segment."""
    inside = {i for seg in segments if not is_linear(seg) for i in range(seg.start + 1, seg.end)}
    return [i for i in range(text_length + 1) if i not in inside]


@settings(max_examples=200)
@given(RAW)
def test_every_text_span_projects_to_raw_and_back(raw):
    text, segments = _map(raw)
    if not segments:
        return
    omap = OffsetMap(segments)
    cuts = _boundaries(len(text), segments)
    for start in cuts:
        for end in (e for e in cuts if e > start):
            raw_start, raw_end = omap.span_to_raw(start, end)
            assert omap.raw_span_to_text(raw_start, raw_end) == (start, end)
