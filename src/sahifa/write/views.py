"""The configs of the dataset: each is a view of the records with its own features.

`default` is one row per document, exactly the record schema. `ner` is one row per sentence
with IOB2 tags by nesting level; `quotes` is one row per quotation with its speaker and cue
resolved. A view's features are declared in `schema/<view>.schema.json`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

import datasets

from sahifa.annotate import iob
from sahifa.record import Paragraph, Quote, Record
from sahifa.schema import LabelCodec, labels, view_schema
from sahifa.write.features import features, record_encodings, view_encodings, view_features


@dataclass(frozen=True)
class View:
    name: str
    features: Callable[[], datasets.Features]
    encodings: Callable[[], dict[str, str]]
    rows: Callable[[Record], Iterator[dict[str, Any]]]
    description: str


@cache
def _codec(view: str | None = None) -> LabelCodec:
    return LabelCodec(None if view is None else view_schema(view))


def _document_rows(record: Record) -> Iterator[dict[str, Any]]:
    yield document_row(record.to_dict())


def document_row(data: dict[str, Any]) -> dict[str, Any]:
    """The `default` row of a record's plain data (`Record.to_dict()`), labels as ids."""
    return _codec().encode(data)


def _ner_rows(record: Record) -> Iterator[dict[str, Any]]:
    levels = iob.levels(record.tokens, record.entities, labels("entity_label")) or [[]]
    ranges = iob.sentence_tokens(record)
    by_level = [iob.encode_windows(level, ranges) for level in levels]
    for index, (sentence, (first, end)) in enumerate(zip(record.sentences, ranges,
                                                         strict=True)):
        tags = [level[index] for level in by_level]
        while len(tags) > 1 and set(tags[-1]) == {iob.OUTSIDE}:
            tags.pop()
        yield _codec("ner").encode({
            "document_id": record.id, "sentence": index,
            "start": sentence.start, "end": sentence.end,
            "tokens": [record.text_of(t) for t in record.tokens[first:end]],
            "ner_tags": tags[0], "ner_tags_nested": tags[1:],
        })


def _quote_rows(record: Record) -> Iterator[dict[str, Any]]:
    entities = {e.id: e for e in record.entities}
    starts = [p.start for p in record.paragraphs]
    for quote in record.quotes:
        speaker = entities.get(quote.speaker or "")
        paragraph = _holding_paragraph(record.paragraphs, starts, quote)
        yield quote_row(record.id, quote, speaker and (speaker.text, speaker.label),
                        paragraph.id)


def quote_row(record_id: str, quote: Quote, speaker: tuple[str, str] | None,
              paragraph_id: str) -> dict[str, Any]:
    """The `quotes` row of a quotation, labels as ids: `speaker` is the (text, label) of the
    entity it names, if any."""
    cue = quote.cue
    return _codec("quotes").encode({
        "document_id": record_id, "quote_id": quote.id, "text": quote.text,
        "start": quote.start, "end": quote.end,
        "speaker_text": speaker and speaker[0], "speaker_id": quote.speaker,
        "speaker_label": speaker and speaker[1],
        "cue_text": cue and cue.text, "cue_start": cue and cue.start, "cue_end": cue and cue.end,
        "closed": quote.closed, "paragraph_id": paragraph_id, "origin": quote.origin,
        "annotator": quote.annotator,
    })


def _holding_paragraph(paragraphs: list[Paragraph], starts: list[int], quote: Quote) -> Paragraph:
    """The paragraph that holds `quote`, the last to start at or before it: a valid record's
    paragraphs are in order and apart, and each of its quotes lies inside one (a scan of the
    paragraphs for each quote made a long article's rows quadratic)."""
    paragraph = paragraphs[bisect_right(starts, quote.start) - 1]
    if not paragraph.start <= quote.start <= quote.end <= paragraph.end:
        raise ValueError(f"quote {quote.id} is not inside a paragraph")
    return paragraph


VIEWS: dict[str, View] = {
    "default": View("default", features, record_encodings, _document_rows,
                    "one row per article: text, metadata, segmentation and all annotation layers"),
    "ner": View("ner", partial(view_features, "ner"), partial(view_encodings, "ner"), _ner_rows,
                "one row per sentence: tokens, IOB2 tags of the outermost entities and of the "
                "nested levels"),
    "quotes": View("quotes", partial(view_features, "quotes"), partial(view_encodings, "quotes"),
                   _quote_rows,
                   "one row per quotation: text, offsets, speaker, cue, closed, paragraph"),
}
