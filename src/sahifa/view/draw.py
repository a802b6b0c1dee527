"""A record's spans as boxes: what each box prints, its hover text (label, origin, text and raw
offsets) and its links (a quotation to its speaker and cue, and back).

DOM ids are `<kind>-<span id>` under a prefix; the diff page draws two versions of a record on
one text, so it gives each version a prefix and maps a span both versions agree on to the one
box drawn for it (`alias`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sahifa.offsets import OffsetMap
from sahifa.record import Correction, Entity, Paragraph, Quote, Record
from sahifa.view.boxes import Box


@dataclass
class Drawer:
    record: Record
    prefix: str = ""
    alias: dict[str, str] = field(default_factory=dict)  # a DOM id → the one drawn instead

    def __post_init__(self) -> None:
        self.raw = OffsetMap(self.record.offset_map) if self.record.offset_map else None
        self.entities = {e.id: e for e in self.record.entities}
        self.spoken: dict[str, list[Quote]] = defaultdict(list)
        for quote in self.record.quotes:
            if quote.speaker:
                self.spoken[quote.speaker].append(quote)

    def dom(self, kind: str, span_id: str) -> str:
        name = f"{self.prefix}{kind}-{span_id}"
        return self.alias.get(name, name)

    def where(self, start: int, end: int) -> str:
        """The offsets shown on hover: in the text and, where known, in the raw input."""
        shown = f"text [{start}, {end})"
        if self.raw is not None:
            raw_start, raw_end = self.raw.span_to_raw(start, end)
            shown += f" · raw [{raw_start}, {raw_end})"
        return shown

    def paragraph(self, paragraph: Paragraph) -> Box:
        return Box(paragraph.start, paragraph.end, "paragraph", self.dom("p", paragraph.id),
                   classes=(paragraph.label,),
                   title=f"{paragraph.label} {paragraph.id} · "
                         f"{self.where(paragraph.start, paragraph.end)}")

    def entity(self, entity: Entity, classes: tuple[str, ...] = (), note: str = "") -> Box:
        links = []
        for quote in self.spoken.get(entity.id, []):
            links += [self.dom("q", quote.id)] + ([self.dom("c", quote.id)] if quote.cue else [])
        return Box(entity.start, entity.end, "entity", self.dom("e", entity.id),
                   label=f"{entity.label}{note}",
                   classes=(f"l-{entity.label}", entity.origin, *classes),
                   title=self._title(entity.label, entity, note),
                   data=_links(links))

    def quote(self, quote: Quote, classes: tuple[str, ...] = (), note: str = "") -> list[Box]:
        """The quotation's box and its cue's."""
        speaker = self.entities.get(quote.speaker or "")
        said = f"QUOTE ← {speaker.text}" if speaker else "QUOTE, no speaker"
        state = "" if quote.closed else " (unclosed)"
        speaker_id = [self.dom("e", speaker.id)] if speaker else []
        cue_id = [self.dom("c", quote.id)] if quote.cue else []
        boxes = [Box(quote.start, quote.end, "quote", self.dom("q", quote.id),
                     label=f"{said}{state}{note}",
                     classes=(quote.origin, *classes) + (("unclosed",) if state else ()),
                     title=self._title(f"quotation{state}", quote, note),
                     data=_links(speaker_id + cue_id))]
        if quote.cue:
            cue = quote.cue
            boxes.append(Box(cue.start, cue.end, "cue", self.dom("c", quote.id),
                             label=f"CUE{note}", classes=(quote.origin, *classes),
                             title=f"cue of quotation {quote.id}{note} · "
                                   f"{self.where(cue.start, cue.end)}",
                             data=_links([self.dom("q", quote.id), *speaker_id])))
        return boxes

    def correction(self, correction: Correction, classes: tuple[str, ...] = (),
                   note: str = "") -> Box:
        return Box(correction.start, correction.end, "correction",
                   self.dom("x", correction.id),
                   label=f"← {correction.correction}{note}",
                   classes=(correction.origin, *classes),
                   title=self._title(f"correction ({correction.kind}) to «{correction.correction}»",
                                     correction, note),
                   data=(("data-correction", correction.correction),
                         ("data-kind", correction.kind)))

    def all_boxes(self) -> list[Box]:
        """Every span of the record: paragraphs, entities, quotations with cues, corrections."""
        return [*map(self.paragraph, self.record.paragraphs),
                *map(self.entity, self.record.entities),
                *(box for quote in self.record.quotes for box in self.quote(quote)),
                *map(self.correction, self.record.corrections)]

    def _title(self, what: str, span: Entity | Quote | Correction, note: str) -> str:
        return (f"{what}{note} · {span.origin} ({span.annotator}) · id {span.id} · "
                f"{self.where(span.start, span.end)}")


def _links(ids: list[str]) -> tuple[tuple[str, str], ...]:
    return (("data-links", " ".join(ids)),) if ids else ()
