"""UIMA CAS XMI (through `dkpro-cassis`), the format INCEpTION imports without experimental
flags: the record's text as the document, its sentences and tokens as DKPro Core's `Sentence`
and `Token`, its entities as DKPro Core's `NamedEntity` (INCEpTION's built-in named-entity layer:
`value` the label, `identifier` our span id), and quotations, cues and corrections as types of
our own (`sahifa.Quote` with `speaker` and `cue` links, `sahifa.Cue`, `sahifa.Correction` with
`correction` and `kind`), declared in the type system written beside the files.

UIMA counts offsets in UTF-16 code units; `cassis` converts to and from code points, so a span
after an emoji comes back where it was. Reading back keeps a span's origin and annotator when it
returns with its id, offsets and label; any other span is the annotator's (origin gold,
annotator `inception`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import cassis
from cassis.typesystem import load_dkpro_core_typesystem

from sahifa.annotate.edits import unchanged
from sahifa.record import Correction, Cue, Entity, Quote, Record

EDITOR = "inception"
DKPRO = "de.tudarmstadt.ukp.dkpro.core.api"
NAMED_ENTITY, TOKEN, SENTENCE = (f"{DKPRO}.ner.type.NamedEntity",
                                 f"{DKPRO}.segmentation.type.Token",
                                 f"{DKPRO}.segmentation.type.Sentence")
QUOTE, CUE, CORRECTION = "sahifa.Quote", "sahifa.Cue", "sahifa.Correction"
ANNOTATION, STRING, BOOLEAN = "uima.tcas.Annotation", "uima.cas.String", "uima.cas.Boolean"


@cache
def typesystem() -> cassis.TypeSystem:
    """DKPro Core's types and ours."""
    ts = load_dkpro_core_typesystem()
    cue = ts.create_type(CUE, supertypeName=ANNOTATION)
    ts.create_feature(cue, "identifier", STRING)
    quote = ts.create_type(QUOTE, supertypeName=ANNOTATION)
    for name, kind in (("identifier", STRING), ("closed", BOOLEAN)):
        ts.create_feature(quote, name, kind)
    ts.create_feature(quote, "speaker", NAMED_ENTITY)
    ts.create_feature(quote, "cue", CUE)
    correction = ts.create_type(CORRECTION, supertypeName=ANNOTATION)
    for name in ("identifier", "correction", "kind"):
        ts.create_feature(correction, name, STRING)
    return ts


def write(record: Record) -> str:
    """The record as XMI text (its type system: `typesystem().to_xml()`)."""
    ts = typesystem()
    cas = cassis.Cas(typesystem=ts)
    cas.sofa_string = record.text
    cas.sofa_mime = "text/plain"
    Sentence, Token, NE = ts.get_type(SENTENCE), ts.get_type(TOKEN), ts.get_type(NAMED_ENTITY)
    for s in record.sentences:
        cas.add(Sentence(begin=s.start, end=s.end))
    for t in record.tokens:
        cas.add(Token(begin=t.start, end=t.end))
    entities = {e.id: NE(begin=e.start, end=e.end, value=e.label, identifier=e.id)
                for e in record.entities}
    cas.add_all(entities.values())
    Quote_, Cue_, Correction_ = (ts.get_type(QUOTE), ts.get_type(CUE), ts.get_type(CORRECTION))
    for q in record.quotes:
        cue = Cue_(begin=q.cue.start, end=q.cue.end, identifier=q.cue.id) if q.cue else None
        if cue is not None:
            cas.add(cue)
        cas.add(Quote_(begin=q.start, end=q.end, identifier=q.id, closed=q.closed,
                       speaker=entities.get(q.speaker) if q.speaker else None, cue=cue))
    for c in record.corrections:
        cas.add(Correction_(begin=c.start, end=c.end, identifier=c.id,
                            correction=c.correction, kind=c.kind))
    return cas.to_xmi()


def read(xmi: str, record: Record) -> Record:
    """The record with the layers of an XMI document made from it (and edited)."""
    cas = cassis.load_cas_from_xmi(xmi, typesystem=typesystem())
    old = {s.id: s for s in [*record.entities, *record.quotes, *record.corrections]}
    entities = sorted((_entity(a, old) for a in cas.select(NAMED_ENTITY)),
                      key=lambda e: (e.start, -e.end))  # text order, the outer span first
    quotes = [_quote(a, old) for a in cas.select(QUOTE)]
    corrections = [_correction(a, old) for a in cas.select(CORRECTION)]
    return replace(record, entities=entities, quotes=quotes, corrections=corrections)


def _provenance(span_id: str, begin: int, end: int, label: str | None, old: dict):
    span = unchanged(old, span_id, begin, end, label)
    return (span.origin, span.annotator) if span else ("gold", EDITOR)


def _entity(a, old) -> Entity:
    return Entity(a.identifier, a.begin, a.end, a.get_covered_text(), a.value,
                  *_provenance(a.identifier, a.begin, a.end, a.value, old))


def _quote(a, old) -> Quote:
    cue = Cue(a.cue.identifier, a.cue.begin, a.cue.end, a.cue.get_covered_text()) \
        if a.cue is not None else None
    return Quote(a.identifier, a.begin, a.end, a.get_covered_text(),
                 a.speaker.identifier if a.speaker is not None else None, cue, bool(a.closed),
                 *_provenance(a.identifier, a.begin, a.end, None, old))


def _correction(a, old) -> Correction:
    return Correction(a.identifier, a.begin, a.end, a.get_covered_text(), a.correction, a.kind,
                      *_provenance(a.identifier, a.begin, a.end, None, old))
