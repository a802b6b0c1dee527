"""brat standoff (`.ann`): the authoring format of the gold annotations, read and written.

Text-bound `T` lines carry entities (Wojood's 21 types), QUOTE, CUE and SPELLING spans;
relations `Speaker` and `Cue` (Arg1 = the quote) give a quote its speaker entity and its cue;
attributes `Unclosed T<q>`, `NoSpeaker T<q>` and `Kind T<s> <kind>` and the note
`AnnotatorNotes T<s>` (the corrected form) complete quotes and corrections. Provenance other
than the file's default (origin gold, annotator = the `.ann` file's path) travels as
`Origin`/`Annotator` attributes, so that any record's layers survive the round trip.
Annotation ids are the record's span ids.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sahifa.findings import Problem
from sahifa.record import Correction, Cue, Entity, Quote, Record
from sahifa.schema import labels

QUOTE, CUE, SPELLING = "QUOTE", "CUE", "SPELLING"
SPEAKER_RELATION, CUE_RELATION = "Speaker", "Cue"
UNCLOSED, KIND, ORIGIN, ANNOTATOR = "Unclosed", "Kind", "Origin", "Annotator"
NO_SPEAKER = "NoSpeaker"  # a gold quote whose source names no entity (guidelines §10)
FLAGS = (UNCLOSED, NO_SPEAKER)  # attributes without a value
NOTE = "AnnotatorNotes"
VALUES = {KIND: "correction_kind", ORIGIN: "origin"}  # attribute → its label inventory
GOLD = "gold"

_TEXT_BOUND = re.compile(r"(\S+) (\d+) (\d+)")
_RELATION = re.compile(r"(\S+) Arg1:(\S+) Arg2:(\S+)")

# A projection of annotation offsets onto the record text: (start, end) or None if impossible.
Projection = Callable[[int, int], "tuple[int, int] | None"]


@dataclass(slots=True, frozen=True)
class TextBound:
    id: str
    type: str
    start: int
    end: int
    text: str
    line: int


@dataclass(slots=True, frozen=True)
class Link:
    """A relation (`name` Arg1 → Arg2), an attribute (`name` target [value]) or a note."""

    id: str
    name: str
    source: str
    target: str | None
    line: int


@dataclass
class Standoff:
    spans: dict[str, TextBound] = field(default_factory=dict)
    relations: list[Link] = field(default_factory=list)
    attributes: list[Link] = field(default_factory=list)
    notes: list[Link] = field(default_factory=list)
    invalid: set[str] = field(default_factory=set)


@dataclass
class Layers:
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)


def _syntax(line: int, message: str, span: str | None = None) -> Problem:
    return Problem("ann-syntax", message, span, line=line)


def _unresolved(link: Link | TextBound, message: str) -> Problem:
    return Problem("ann-reference-unresolved", message, link.id, line=link.line)


def parse(text: str) -> tuple[Standoff, list[Problem]]:
    """The annotations of a `.ann` file, and what in it is not well-formed brat."""
    standoff, problems = Standoff(), []
    seen: set[str] = set()
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        ann_id = line.split("\t", 1)[0]
        if ann_id in seen:
            problems.append(_syntax(number, f"annotation id {ann_id} is used twice", ann_id))
            continue
        seen.add(ann_id)
        problem = _parse_line(ann_id, line, number, standoff)
        if problem is not None:
            problems.append(problem)
            standoff.invalid.add(ann_id)
    return standoff, problems


def _parse_line(ann_id: str, line: str, number: int, standoff: Standoff) -> Problem | None:
    fields = line.split("\t")
    kind = ann_id[:1]
    if kind == "T" and len(fields) == 3 and (m := _TEXT_BOUND.fullmatch(fields[1])):
        start, end = int(m[2]), int(m[3])
        if end <= start:
            return _syntax(number, f"{ann_id} has an empty or reversed span {start} {end}", ann_id)
        standoff.spans[ann_id] = TextBound(ann_id, m[1], start, end, fields[2], number)
    elif kind == "R" and len(fields) == 2 and (m := _RELATION.fullmatch(fields[1])):
        standoff.relations.append(Link(ann_id, m[1], m[2], m[3], number))
    elif kind == "A" and len(fields) == 2 and 2 <= len(parts := fields[1].split(" ")) <= 3:
        value = parts[2] if len(parts) == 3 else None
        standoff.attributes.append(Link(ann_id, parts[0], parts[1], value, number))
    elif kind == "#" and len(fields) == 3 and len(parts := fields[1].split(" ")) == 2:
        standoff.notes.append(Link(ann_id, parts[0], parts[1], fields[2], number))
    else:
        return _syntax(number, f"{ann_id}: not a supported brat line (text-bound `T`, relation "
                       f"`R`, attribute `A` or note `#`, tab-separated, one span): {line[:60]!r}",
                       ann_id)
    return None


def unreviewed(text: str) -> list[Problem]:
    """The spans a gold file still marks as automatic: a file is gold only once its reviewer
    has removed every `Origin auto` line (and so every span is the reviewer's)."""
    standoff, _ = parse(text)
    return [Problem("ann-unreviewed", f"{a.source} is still marked {ORIGIN} {a.target}: "
                    "review the pre-annotation, then delete its Origin and Annotator lines",
                    a.source, line=a.line)
            for a in standoff.attributes if a.name == ORIGIN and a.target != GOLD]


def read(text: str, source: str, project: Projection, record_text: str,
         annotator: str) -> tuple[Layers, list[Problem]]:
    """The record layers a `.ann` file gives, its offsets into `source` projected onto
    `record_text`; and every problem found on the way."""
    standoff, problems = parse(text)
    entity_labels = set(labels("entity_label"))
    spans: dict[str, tuple[TextBound, int, int]] = {}
    broken = set(standoff.invalid)
    for tb in standoff.spans.values():
        problem = _check_span(tb, source, project, entity_labels)
        if problem is None:
            spans[tb.id] = (tb, *project(tb.start, tb.end))
        else:
            problems.append(problem)
            broken.add(tb.id)
    builder = _LayerBuilder(spans, broken, record_text, annotator)
    for link in standoff.attributes:
        builder.attribute(link)
    for link in standoff.notes:
        builder.note(link)
    for link in standoff.relations:
        builder.relation(link)
    layers = builder.layers()
    return layers, sorted(problems + builder.problems, key=lambda p: p.line or 0)


def _check_span(tb: TextBound, source: str, project: Projection,
                entity_labels: set[str]) -> Problem | None:
    if tb.type not in entity_labels | {QUOTE, CUE, SPELLING}:
        return _syntax(tb.line, f"{tb.id} has type {tb.type!r}, not a Wojood entity type, "
                       f"{QUOTE}, {CUE} or {SPELLING}", tb.id)
    if source[tb.start:tb.end] != tb.text:
        return Problem("ann-text-mismatch", f"{tb.id} says {tb.text!r} but the text at "
                       f"[{tb.start}, {tb.end}) is {source[tb.start:tb.end]!r}", tb.id,
                       line=tb.line)
    if project(tb.start, tb.end) is None:
        return Problem("ann-outside-text", f"{tb.id} {tb.text!r} [{tb.start}, {tb.end}) falls "
                       "in text the record leaves out (section line, byline, boilerplate or a "
                       "block separator)", tb.id, line=tb.line)
    return None


class _LayerBuilder:
    """Collects what the attributes, notes and relations say about the checked spans."""

    def __init__(self, spans: dict[str, tuple[TextBound, int, int]], broken: set[str],
                 record_text: str, annotator: str) -> None:
        self.spans, self.broken = spans, broken
        self.text, self.annotator = record_text, annotator
        self.problems: list[Problem] = []
        self.values: dict[tuple[str, str], str | bool] = {}
        self.linked_cues: set[str] = set()
        self.speaker_lines: set[str] = set()  # quotes with a Speaker line, valid or not

    def _target(self, link: Link, ann_id: str | None, types: set[str] | None) -> bool:
        """Whether `ann_id` is a checked span of one of `types` (None: any type)."""
        if ann_id in self.broken:
            return False
        found = self.spans.get(ann_id or "")
        if found is None or (types is not None and found[0].type not in types):
            wanted = "an annotation" if types is None else "a " + " or ".join(sorted(types))
            self.problems.append(_unresolved(
                link, f"{link.name} {link.id} names {ann_id}, which is not {wanted} of this "
                "file"))
            return False
        return True

    def _set(self, link: Link, key: tuple[str, str], value: str | bool) -> None:
        if key in self.values:
            self.problems.append(_syntax(link.line, f"{key[1]} of {key[0]} is given twice",
                                         link.id))
        self.values[key] = value

    def attribute(self, link: Link) -> None:
        types = {UNCLOSED: {QUOTE}, NO_SPEAKER: {QUOTE}, KIND: {SPELLING}, ORIGIN: None,
                 ANNOTATOR: None}
        if link.name not in types:
            self.problems.append(_syntax(link.line, f"unknown attribute {link.name!r} (known: "
                                         f"{', '.join(types)})", link.id))
        elif (link.target is None) != (link.name in FLAGS):
            self.problems.append(_syntax(link.line, f"attribute {link.name} "
                                         f"{'takes no' if link.name in FLAGS else 'needs a'} "
                                         "value", link.id))
        elif link.name in VALUES and link.target not in labels(VALUES[link.name]):
            self.problems.append(_syntax(link.line, f"{link.name} {link.target!r} is not one of "
                                         f"{', '.join(labels(VALUES[link.name]))}", link.id))
        elif self._target(link, link.source, types[link.name]):
            self._set(link, (link.source, link.name), link.target or True)

    def note(self, link: Link) -> None:
        if link.name != NOTE:
            self.problems.append(_syntax(link.line, f"unknown note type {link.name!r}",
                                         link.id))
        elif self._target(link, link.source, {SPELLING}):
            self._set(link, (link.source, NOTE), link.target or "")

    def relation(self, link: Link) -> None:
        arg2 = {SPEAKER_RELATION: set(labels("entity_label")), CUE_RELATION: {CUE}}
        if link.name == SPEAKER_RELATION:
            self.speaker_lines.add(link.source)
        if link.name not in arg2:
            self.problems.append(_syntax(link.line, f"unknown relation {link.name!r} (known: "
                                         f"{', '.join(arg2)})", link.id))
        elif self._target(link, link.source, {QUOTE}) and self._target(
                link, link.target, arg2[link.name]):
            self._set(link, (link.source, link.name), link.target or "")
            if link.name == CUE_RELATION:
                self.linked_cues.add(link.target or "")

    def _provenance(self, ann_id: str) -> dict[str, str]:
        return {"origin": str(self.values.get((ann_id, ORIGIN), GOLD)),
                "annotator": str(self.values.get((ann_id, ANNOTATOR), self.annotator))}

    def _span(self, ann_id: str) -> dict:
        _, start, end = self.spans[ann_id]
        return {"id": ann_id, "start": start, "end": end, "text": self.text[start:end]}

    def layers(self) -> Layers:
        out = Layers()
        for ann_id, (tb, _, _) in self.spans.items():
            if tb.type == QUOTE:
                self._quote(tb, out)
            elif tb.type == SPELLING:
                self._correction(tb, out)
            elif tb.type == CUE:
                if ann_id not in self.linked_cues:
                    self.problems.append(_unresolved(tb, f"CUE {ann_id} is the cue of no quote"))
            else:
                out.entities.append(Entity(**self._span(ann_id), label=tb.type,
                                           **self._provenance(ann_id)))
        for layer in (out.entities, out.quotes, out.corrections):
            layer.sort(key=text_order)
        return out

    def _quote(self, tb: TextBound, out: Layers) -> None:
        """A quote; a gold one must name its speaker (guidelines §8) or say that its source
        names none (`NoSpeaker`, §10), not both."""
        cue = self.values.get((tb.id, CUE_RELATION))
        speaker = self.values.get((tb.id, SPEAKER_RELATION))
        provenance = self._provenance(tb.id)
        no_speaker = (tb.id, NO_SPEAKER) in self.values
        if tb.id in self.speaker_lines and no_speaker:
            self.problems.append(_unresolved(tb, f"QUOTE {tb.id} has a Speaker relation and "
                                             f"{NO_SPEAKER}"))
            return
        if tb.id not in self.speaker_lines and not no_speaker and provenance["origin"] == GOLD:
            self.problems.append(_unresolved(tb, f"QUOTE {tb.id} has no Speaker relation (nor "
                                             f"{NO_SPEAKER})"))
            return
        out.quotes.append(Quote(**self._span(tb.id), speaker=str(speaker) if speaker else None,
                                cue=Cue(**self._span(str(cue))) if cue else None,
                                closed=(tb.id, UNCLOSED) not in self.values, **provenance))

    def _correction(self, tb: TextBound, out: Layers) -> None:
        note, kind = self.values.get((tb.id, NOTE)), self.values.get((tb.id, KIND))
        if not note or not kind:
            missing = " and ".join(x for x, v in (("note", note), ("Kind", kind)) if not v)
            self.problems.append(_unresolved(tb, f"SPELLING {tb.id} has no {missing}"))
            return
        out.corrections.append(Correction(**self._span(tb.id), correction=str(note),
                                          kind=str(kind), **self._provenance(tb.id)))


def text_order(span) -> tuple[int, int]:
    """Spans in reading order, a containing span before those inside it (a stable sort keeps
    the file's order between equal spans): the order of imported layers and written lines."""
    return span.start, -span.end


def write(record: Record, annotator: str) -> str:
    """The record's entities, quotes and corrections as brat standoff over `record.text`
    (provenance other than gold by `annotator` is written as attributes)."""
    bounds = [(e, e.label) for e in record.entities]
    bounds += [(q, QUOTE) for q in record.quotes]
    bounds += [(q.cue, CUE) for q in record.quotes if q.cue is not None]
    bounds += [(c, SPELLING) for c in record.corrections]
    bounds.sort(key=lambda bound: text_order(bound[0]))
    lines = [f"{span.id}\t{kind} {span.start} {span.end}\t{span.text}" for span, kind in bounds]
    relations, attributes, notes = [], [], []
    for q in record.quotes:
        if q.speaker is not None:
            relations.append(f"{SPEAKER_RELATION} Arg1:{q.id} Arg2:{q.speaker}")
        if q.cue is not None:
            relations.append(f"{CUE_RELATION} Arg1:{q.id} Arg2:{q.cue.id}")
        if not q.closed:
            attributes.append(f"{UNCLOSED} {q.id}")
        if q.speaker is None and q.origin == GOLD:
            attributes.append(f"{NO_SPEAKER} {q.id}")
    for c in record.corrections:
        attributes.append(f"{KIND} {c.id} {c.kind}")
        notes.append(f"{NOTE} {c.id}\t{c.correction}")
    for span in sorted([*record.entities, *record.quotes, *record.corrections], key=text_order):
        if span.origin != GOLD:
            attributes.append(f"{ORIGIN} {span.id} {span.origin}")
        if span.annotator != annotator:
            attributes.append(f"{ANNOTATOR} {span.id} {span.annotator}")
    lines += [f"R{n}\t{r}" for n, r in enumerate(relations, 1)]
    lines += [f"A{n}\t{a}" for n, a in enumerate(attributes, 1)]
    lines += [f"#{n}\t{note}" for n, note in enumerate(notes, 1)]
    return "".join(line + "\n" for line in lines)


def annotation_conf(annotators: Iterable[str]) -> str:
    """brat's `annotation.conf` for our files: the entity types, QUOTE, CUE and SPELLING, the
    Speaker and Cue relations, nesting allowed, and the attributes with their values
    (`annotators`: the Annotator values the files use)."""
    entity_types = labels("entity_label")
    speakers = "|".join(entity_types)
    return "\n".join([
        "[entities]", *entity_types, QUOTE, CUE, SPELLING, "",
        "[relations]",
        f"{SPEAKER_RELATION}\tArg1:{QUOTE}, Arg2:{speakers}",
        f"{CUE_RELATION}\tArg1:{QUOTE}, Arg2:{CUE}",
        "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:contain", "",
        "[events]", "",
        "[attributes]",
        f"{UNCLOSED}\tArg:{QUOTE}",
        f"{NO_SPEAKER}\tArg:{QUOTE}",
        f"{KIND}\tArg:{SPELLING}, Value:{'|'.join(labels(VALUES[KIND]))}",
        f"{ORIGIN}\tArg:<ENTITY>, Value:{'|'.join(labels(VALUES[ORIGIN]))}",
        *([f"{ANNOTATOR}\tArg:<ENTITY>, Value:{'|'.join(sorted(set(annotators)))}"]
          if annotators else []),
        "",
    ])
