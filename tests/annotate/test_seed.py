"""The seed article: its automatic quotations equal its gold ones, with the same cues and
speakers, and no name-marking guillemets become quotations. Gold comes from the record when
the build imports it, else from seeds/*.ann read here (offsets mapped from the raw file)."""

from __future__ import annotations

from dataclasses import replace

from sahifa.annotate.auto import auto_annotate
from sahifa.ingest.readers import plaintext
from sahifa.offsets import OffsetMap
from sahifa.pipeline import convert
from tests.annotate.helpers import brat_lines
from tests.conftest import SEEDS

SEED = "000_19ff7663056b0340"


def gold_quotes(record) -> set[tuple]:
    """(quote, cue, speaker) offsets in the record's text."""
    if any(q.origin == "gold" for q in record.quotes):
        entities = {e.id: (e.start, e.end) for e in record.entities}
        return {((q.start, q.end), (q.cue.start, q.cue.end) if q.cue else None,
                 entities[q.speaker]) for q in record.quotes}
    spans, relations = brat_lines(SEEDS / f"{SEED}.ann")
    offsets = OffsetMap(record.offset_map)
    text_span = {t: offsets.raw_span_to_text(s, e) for t, (_, s, e) in spans.items()}
    links = {(rel, quote): arg for rel, quote, arg in relations}
    return {(text_span[t], text_span[links[("Cue", t)]], text_span[links[("Speaker", t)]])
            for t, (kind, _, _) in spans.items() if kind == "QUOTE"}


def test_seed_automatic_quotations_equal_gold_with_cues_and_speakers():
    record = convert(next(i for i in plaintext.iter_inputs(SEEDS) if i.file == f"{SEED}.txt"))
    gold = gold_quotes(record)
    auto = auto_annotate(replace(record, entities=[], quotes=[]))
    entities = {e.id: (e.start, e.end) for e in auto.entities}
    predicted = {((q.start, q.end), (q.cue.start, q.cue.end) if q.cue else None,
                  entities[q.speaker]) for q in auto.quotes}
    assert len(gold) == 11
    assert predicted == gold
    assert [q.closed for q in auto.quotes].count(False) == 1
    assert not any(q.text == "البنتاغون" for q in auto.quotes)
