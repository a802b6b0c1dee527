"""Annotate: the stage after segmentation that gives a record its entities, quotes and
corrections. Gold annotations authored beside the input (brat standoff, offsets into the raw
input) are imported and projected onto the text through the offset map."""

from __future__ import annotations

from dataclasses import replace

from sahifa.annotate import auto, brat
from sahifa.findings import Finding, Problem, locate
from sahifa.ingest.article import IngestError, RawArticle
from sahifa.ingest.inputs import RawInput
from sahifa.offsets import OffsetMap
from sahifa.record import Record, Span


class AnnotationError(IngestError):
    """Gold annotations that do not import; carries every finding."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("invalid-annotation", "; ".join(map(str, findings)))
        self.findings = findings


def annotate(record: Record, article: RawArticle, item: RawInput,
             tagger: auto.Tagger = auto.DEFAULT_TAGGER) -> Record:
    """The record with its annotation layers: gold where the input has it (gold always wins),
    else the automatic annotators' (`tagger`: crf+rules or rules); then no sentence boundary
    cuts an entity."""
    if item.annotations is not None:
        return whole_entities(import_gold(record, article.raw, item))
    return whole_entities(auto.auto_annotate(record, tagger))


def whole_entities(record: Record) -> Record:
    """The record with the sentences an entity runs across joined into one (an abbreviation's
    full stop, a name the splitter cut): every entity lies inside a sentence, so the ner view
    never tags one as two."""
    if not record.sentences:
        return record
    spans = sorted((e.start, e.end) for e in record.entities)
    joined, current = [], record.sentences[0]
    k, reach = 0, -1
    for sentence in record.sentences[1:]:
        while k < len(spans) and spans[k][0] < current.end:
            reach = max(reach, spans[k][1])
            k += 1
        if reach > current.end:
            current = Span(current.start, sentence.end)
        else:
            joined.append(current)
            current = sentence
    joined.append(current)
    return record if len(joined) == len(record.sentences) else replace(record, sentences=joined)


def import_gold(record: Record, raw: str, item: RawInput) -> Record:
    """Fill the record's layers from the input's `.ann` file; AnnotationError if it has
    problems."""
    file = item.annotations_file or item.file
    try:
        text = (item.annotations or b"").decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        problem = Problem("ann-syntax", f"not UTF-8: byte {err.start} ({err.reason})")
        raise AnnotationError([locate(problem, file=file, record=record.id)]) from None
    layers, problems = brat.read(text, raw, OffsetMap(record.offset_map).raw_span_to_text,
                                 record.text, annotator=file)
    problems = brat.unreviewed(text) or problems
    if problems:
        raise AnnotationError([locate(p, file=file, record=record.id) for p in problems])
    return replace(record, entities=layers.entities, quotes=layers.quotes,
                   corrections=layers.corrections)
