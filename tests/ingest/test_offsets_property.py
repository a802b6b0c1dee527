"""Property: whatever marks the raw input carries, every paragraph of a JSON Lines record maps
back to the raw span that normalises to exactly its text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sahifa.ingest.normalize import normalize
from sahifa.offsets import OffsetMap
from tests.ingest.helpers import converted, raw_of_jsonl

PIECES = st.sampled_from([
    "قال", "الوزير", "إن", "النمو", "مستمر", " ", " ", "\u00a0", "\u200f", "\u200e", "\u0640",
    "&quot;", "&amp;", "&nbsp;", "\r\n", "\n", "\n\n", "\ufeff", "ـــ", "«", "»", ".", "1",
    "٢٠١٥", "e\u0301",
])
TEXT = st.lists(PIECES, min_size=1, max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(title=TEXT, body=TEXT)
def test_paragraphs_map_back_to_raw_spans_that_normalise_to_them(title, body):
    obj = {"title": title, "body": "الخبر " + body}
    record = converted(obj)
    raw = raw_of_jsonl(obj)
    offsets = OffsetMap(record.offset_map)
    for p in record.paragraphs:
        a, b = offsets.span_to_raw(p.start, p.end)
        assert normalize(raw, a, b).text == record.text_of(p)
