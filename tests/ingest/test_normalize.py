from __future__ import annotations

import pytest

from sahifa.ingest.normalize import normalize
from sahifa.offsets import OffsetMap


@pytest.mark.parametrize(("raw", "text", "kind"), [
    ("أ\r\nب", "أ\nب", "crlf"),
    ("\ufeffسورية", "سورية", "bom"),
    ("موسكو\u200f", "موسكو", "bidi-mark"),
    ("سو\u200bرية", "سورية", "zero-width"),
    ("الرقــة", "الرقة", "tatweel"),
    ("الرقة\xa0اليوم", "الرقة اليوم", "no-break-space"),
    ("سلاح &amp; جو", "سلاح & جو", "html-entity"),
    ("ا\u0654مل", "أمل", "nfc"),
])
def test_each_edit_is_made_and_counted(raw, text, kind):
    norm = normalize(raw)
    assert norm.text == text
    assert dict(norm.counts) == {kind: raw.count("ـ") or 1}


def test_an_unknown_entity_stays_as_written():
    assert normalize("a &nosuch; b").text == "a &nosuch; b"


def test_removed_marks_stay_traceable_to_the_raw_input():
    raw = "قال\u200f «موسكو»"
    norm = normalize(raw)
    omap = OffsetMap(norm.builder.segments)
    start = norm.text.index("موسكو")
    raw_start, raw_end = omap.span_to_raw(start, start + 5)
    assert raw[raw_start:raw_end] == "موسكو"
    assert norm.text[omap.raw_start_to_text(raw.index("«")):][:1] == "«"


@pytest.mark.parametrize(("raw", "text", "kind"), [
    ("بّـَ", "بَّ", "tatweel"),  # the marks join their letter, in canonical order
    ("بَ\u200bّ", "بَّ", "zero-width"),
    ("سو&#8207;رية", "سورية", "html-entity"),  # an entity for an invisible character goes
    ("الرق&#x640;ة", "الرقة", "html-entity"),
    ("سو\x00ر\x1bية\uffff", "سورية", "control"),
    ("سو&#0;رية", "سورية", "html-entity"),
])
def test_what_would_leave_the_text_out_of_nfc_or_with_invisible_characters_is_removed(
        raw, text, kind):
    import unicodedata

    norm = normalize(raw)
    assert norm.text == text and unicodedata.is_normalized("NFC", norm.text)
    assert set(norm.counts) == {kind}
