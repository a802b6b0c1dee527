"""Automatic pre-annotation: the annotators in order (each sees what the earlier ones found),
their mentions reconciled (same span: one label by priority; a span inside another of the same
label: dropped; crossing spans: the longer kept), ids given in text order. Every span records
origin "auto" and its annotator as name@version."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sahifa.annotate import crf, hf, names, numex, offices, persons, quotes
from sahifa.annotate import text as text_module
from sahifa.annotate.quotes import FoundQuote
from sahifa.annotate.text import EntityAnnotator, Mention
from sahifa.record import Cue, Entity, Quote, Record

ENTITY_ANNOTATORS: tuple[EntityAnnotator, ...] = (numex, names, offices, persons)
LABEL_PRIORITY = ("OCC", "ORG", "PERS", "FAC", "LOC", "GPE", "EVENT", "LAW", "PRODUCT",
                  "WEBSITE", "LANGUAGE", "NORP", "MONEY", "PERCENT", "QUANTITY", "DATE", "TIME",
                  "CURR", "UNIT", "ORDINAL", "CARDINAL")
STRETCH = 64  # characters: reconcile looks for overlapping mentions by stretches this long


@dataclass(slots=True)
class Found:
    mentions: list[Mention]
    quotes: list[FoundQuote]


TAGGERS = ("crf+rules", "rules", "crf")
DEFAULT_TAGGER = "crf+rules"  # the rules alone where no model is installed
Tagger = str | hf.HFTagger  # one of TAGGERS, or a Hugging Face model beside the rules


def forget_texts() -> None:
    """Empty the annotators' bounded caches (words and their features, whole documents, the
    CRF's numbered words), not what is loaded once (lexicons, the automaton, the model): texts
    annotated before are then as new to them as to a build. For timing one tagger after
    another on the same texts."""
    for module in (text_module, *ENTITY_ANNOTATORS, quotes, crf):
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if info is not None and info().maxsize is not None:
                value.cache_clear()


def annotate_text(text: str, paragraphs: list[tuple[int, int]], tagger: Tagger = DEFAULT_TAGGER,
                  model: Path | None = None, domain: str | None = None) -> Found:
    """Entities and quotations of `text`, found paragraph by paragraph: the rule annotators,
    then (`crf+rules`, when a model is there) the CRF's outermost entities, which see the rules'
    labels, or a Hugging Face model's; a speaker the entity annotators missed (a PERS mention
    the attribution made) joins the entities unless it crosses one of them. `crf` keeps the
    CRF's mentions alone (the rules still feed its features): the evaluation's middle column.
    `domain`: the CRF's domain features (crf.tag), for text that is not news."""
    if not isinstance(tagger, hf.HFTagger) and tagger not in TAGGERS:
        raise ValueError(f"unknown tagger {tagger!r}; known: {', '.join(TAGGERS)}, hf:<model>")
    mentions: list[Mention] = []
    for annotator in ENTITY_ANNOTATORS:
        mentions += annotator.find(text, paragraphs, mentions)
    kept = reconcile(mentions)
    if isinstance(tagger, hf.HFTagger):
        kept = reconcile([*kept, *hf.tag(text, paragraphs, tagger)])
    elif tagger == "crf+rules":
        kept = reconcile([*kept, *crf.tag(text, paragraphs, kept, model, domain)])
    elif tagger == "crf":
        kept = reconcile(crf.tag(text, paragraphs, kept, model, domain))
    found = quotes.find(text, paragraphs, kept)
    known = set(kept)
    made = {q.speaker for q in found if q.speaker is not None and q.speaker not in known}
    if made:
        kept = reconcile([*kept, *made])
    return Found(kept, found)


def reconcile(mentions: list[Mention]) -> list[Mention]:
    """Mentions that can stand together, sorted by (start, -end)."""
    best: dict[tuple[int, int], Mention] = {}
    for m in mentions:
        other = best.get((m.start, m.end))
        if other is None or _rank(m) < _rank(other):
            best[(m.start, m.end)] = m
    # longest first: a kept mention that overlaps a later one is at least as long, so it holds
    # the later one's first or last character, and is found in the stretch of either
    kept: list[Mention] = []
    stretches: dict[int, list[Mention]] = {}  # kept mentions by the STRETCH characters they cover
    for m in sorted(best.values(), key=lambda m: (m.start - m.end, _rank(m), m.start)):
        near = {m.start // STRETCH, max(m.start, m.end - 1) // STRETCH}
        if not any(_crosses(m, k) or (_inside(m, k) and m.label == k.label)
                   for s in near for k in stretches.get(s, ())):
            kept.append(m)
            for s in range(m.start // STRETCH, max(m.start, m.end - 1) // STRETCH + 1):
                stretches.setdefault(s, []).append(m)
    return sorted(kept, key=lambda m: (m.start, -m.end))


def _rank(m: Mention) -> int:
    return LABEL_PRIORITY.index(m.label)


def _inside(a, b) -> bool:
    return b.start <= a.start and a.end <= b.end


def _crosses(a, b) -> bool:
    return a.start < b.end and b.start < a.end and not _inside(a, b) and not _inside(b, a)


def auto_annotate(record: Record, tagger: Tagger = DEFAULT_TAGGER) -> Record:
    """The record with automatic entities and quotations (corrections are left as they are)."""
    found = annotate_text(record.text, [(p.start, p.end) for p in record.paragraphs], tagger)
    text = record.text
    entities = [
        Entity(f"E{i}", m.start, m.end, text[m.start:m.end], m.label, "auto", m.annotator)
        for i, m in enumerate(found.mentions, 1)
    ]
    ids = {(m.start, m.end, m.label): e.id for m, e in zip(found.mentions, entities,
                                                           strict=True)}
    quotes = [_quote(text, i, q, ids) for i, q in enumerate(found.quotes, 1)]
    return replace(record, entities=entities, quotes=quotes)


def _quote(text: str, i: int, q: FoundQuote, ids: dict) -> Quote:
    cue = Cue(f"C{i}", q.cue[0], q.cue[1], text[q.cue[0]:q.cue[1]]) if q.cue else None
    speaker = ids.get((q.speaker.start, q.speaker.end, q.speaker.label)) if q.speaker else None
    return Quote(f"Q{i}", q.start, q.end, text[q.start:q.end], speaker, cue, q.closed, "auto",
                 q.annotator)
