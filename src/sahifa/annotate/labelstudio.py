"""Label Studio tasks: a record's layers as one annotation of one task, and an edited task's
annotation back onto the record.

Label Studio counts offsets in UTF-16 code units (JavaScript string indices), not code points:
an emoji or any character outside the BMP counts two. Both directions convert, so a span after
an emoji lands where it was. Regions keep our span ids: a region that comes back with the id,
offsets and label it left with keeps its origin and annotator; any other region is the
annotator's work (origin gold, annotator `label-studio`). Quotations link to their speaker and
cue by relations (`speaker`, `cue`), corrections carry their corrected form in a per-region
text area and their kind in per-region choices. What cannot be mapped back (an unknown label, a
region whose text is not the record's at its offsets, a relation to nothing) is reported with
the task and region, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from sahifa.annotate.edits import unchanged
from sahifa.findings import Finding, Problem, locate
from sahifa.record import Correction, Cue, Entity, Quote, Record
from sahifa.schema import labels

EDITOR = "label-studio"
QUOTE, CUE, SPELLING = "QUOTE", "CUE", "SPELLING"
FROM_NAME, TO_NAME = "label", "text"


def utf16_offsets(text: str) -> list[int]:
    """The UTF-16 offset of every code point offset 0..len(text)."""
    out, position = [0], 0
    for char in text:
        position += 2 if ord(char) > 0xFFFF else 1
        out.append(position)
    return out


def labeling_config() -> str:
    """The Label Studio labeling interface for our layers (right-to-left text)."""
    names = [*labels("entity_label"), QUOTE, CUE, SPELLING]
    label_tags = "\n".join(f'    <Label value="{name}"/>' for name in names)
    kinds = "\n".join(f'    <Choice value="{kind}"/>' for kind in labels("correction_kind"))
    return f"""<View style="direction: rtl">
  <Relations>
    <Relation value="speaker"/>
    <Relation value="cue"/>
  </Relations>
  <Labels name="{FROM_NAME}" toName="{TO_NAME}">
{label_tags}
  </Labels>
  <Text name="{TO_NAME}" value="$text" granularity="symbol"/>
  <TextArea name="correction" toName="{TO_NAME}" perRegion="true" editable="true"/>
  <Choices name="kind" toName="{TO_NAME}" perRegion="true">
{kinds}
  </Choices>
</View>
"""


def write(record: Record) -> dict[str, Any]:
    """One task: the record's text and id, its layers as one annotation."""
    units = utf16_offsets(record.text)
    result: list[dict[str, Any]] = []

    def region(span_id: str, start: int, end: int, text: str, label: str) -> dict[str, Any]:
        value = {"start": units[start], "end": units[end], "text": text, "labels": [label]}
        return {"id": span_id, "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
                "value": value}

    for e in record.entities:
        result.append(region(e.id, e.start, e.end, e.text, e.label))
    for q in record.quotes:
        result.append(region(q.id, q.start, q.end, q.text, QUOTE))
        if q.speaker:
            result.append(_relation(q.id, q.speaker, "speaker"))
        if q.cue:
            result.append(region(q.cue.id, q.cue.start, q.cue.end, q.cue.text, CUE))
            result.append(_relation(q.id, q.cue.id, "cue"))
    for c in record.corrections:
        result.append(region(c.id, c.start, c.end, c.text, SPELLING))
        where = {"start": units[c.start], "end": units[c.end]}
        result.append({"id": c.id, "from_name": "correction", "to_name": TO_NAME,
                       "type": "textarea", "value": {**where, "text": [c.correction]}})
        result.append({"id": c.id, "from_name": "kind", "to_name": TO_NAME,
                       "type": "choices", "value": {**where, "choices": [c.kind]}})
    return {"data": {"text": record.text, "record_id": record.id},
            "annotations": [{"result": result}]}


def _relation(from_id: str, to_id: str, kind: str) -> dict[str, Any]:
    return {"from_id": from_id, "to_id": to_id, "type": "relation", "direction": "right",
            "labels": [kind]}


@dataclass
class _Region:
    id: str
    start: int
    end: int
    text: str
    label: str


def read(task: dict[str, Any], record: Record, where: str) -> tuple[Record, list[Finding]]:
    """The record with the layers of the task's last annotation; the problems met, each
    located at `where` and the region."""
    units = utf16_offsets(record.text)
    points = {unit: i for i, unit in enumerate(units)}
    annotations = task.get("annotations") or []
    result = annotations[-1].get("result", []) if annotations else []
    problems: list[Finding] = []
    regions = dict(_regions(result, record.text, points, problems, where))
    extras = _per_region(result)
    relations = [(r.get("from_id"), r.get("to_id"), (r.get("labels") or [""])[0])
                 for r in result if r.get("type") == "relation"]
    old = {s.id: s for s in [*record.entities, *record.quotes, *record.corrections]}
    entities = [_entity(r, old) for r in regions.values() if r.label in labels("entity_label")]
    quotes = _quotes(regions, relations, old, problems, where)
    corrections = [_correction(r, extras.get(r.id, {}), old) for r in regions.values()
                   if r.label == SPELLING]
    return replace(record, entities=entities, quotes=quotes, corrections=corrections), problems


def _regions(result, text, points, problems, where) -> Iterator[tuple[str, _Region]]:
    known = {*labels("entity_label"), QUOTE, CUE, SPELLING}
    for item in result:
        if item.get("type") != "labels":
            continue
        value, rid = item.get("value", {}), item.get("id")
        label = (value.get("labels") or [""])[0]
        start, end = points.get(value.get("start")), points.get(value.get("end"))
        if label not in known:
            problems.append(_problem(where, rid, f"label {label!r} is none of ours"))
        elif start is None or end is None or text[start:end] != value.get("text"):
            problems.append(_problem(where, rid, f"says {value.get('text')!r} but the record's "
                                     f"text at UTF-16 {value.get('start')}..{value.get('end')} "
                                     "is not that"))
        else:
            yield rid, _Region(rid, start, end, value["text"], label)


def _per_region(result) -> dict[str, dict[str, str]]:
    """{region id: {"correction": text, "kind": choice}} from the per-region controls."""
    out: dict[str, dict[str, str]] = {}
    for item in result:
        value = item.get("value", {})
        if item.get("type") == "textarea" and value.get("text"):
            out.setdefault(item["id"], {})["correction"] = value["text"][0]
        elif item.get("type") == "choices" and value.get("choices"):
            out.setdefault(item["id"], {})["kind"] = value["choices"][0]
    return out


def _kept(region: _Region, old: dict, label: str) -> Any:
    """The original span when the region came back unchanged."""
    return unchanged(old, region.id, region.start, region.end, label)


def _entity(region: _Region, old: dict) -> Entity:
    kept = _kept(region, old, region.label)
    origin, annotator = (kept.origin, kept.annotator) if kept else ("gold", EDITOR)
    return Entity(region.id, region.start, region.end, region.text, region.label, origin,
                  annotator)


def _quotes(regions, relations, old, problems, where) -> list[Quote]:
    speaker, cue = {}, {}
    for source, target, kind in relations:
        if source not in regions or target not in regions:
            problems.append(_problem(where, source, f"relation {kind} to {target!r}, which is "
                                     "no region of the annotation"))
        elif kind == "speaker":
            speaker[source] = target
        elif kind == "cue":
            cue[source] = regions[target]
    quotes = []
    for region in regions.values():
        if region.label != QUOTE:
            continue
        kept = _kept(region, old, QUOTE)
        c = cue.get(region.id)
        quotes.append(Quote(
            region.id, region.start, region.end, region.text, speaker.get(region.id),
            Cue(c.id, c.start, c.end, c.text) if c else None,
            kept.closed if kept else True, kept.origin if kept else "gold",
            kept.annotator if kept else EDITOR))
    return quotes


def _correction(region: _Region, extra: dict[str, str], old: dict) -> Correction:
    kept = _kept(region, old, SPELLING)
    return Correction(
        region.id, region.start, region.end, region.text,
        extra.get("correction", kept.correction if kept else region.text),
        extra.get("kind", kept.kind if kept else "other"),
        kept.origin if kept else "gold", kept.annotator if kept else EDITOR)


def _problem(where: str, region: str | None, message: str) -> Finding:
    return locate(Problem("import-unmapped", message, span=region), file=where)
