"""Label Studio: record → task → record is exact (UTF-16 offsets in the task, code points in
the record, an emoji before the spans), edited regions come back as gold, and what cannot be
mapped is reported (the import-unmapped fixture)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from sahifa.annotate import labelstudio
from sahifa.ingest.readers.plaintext import iter_inputs
from sahifa.pipeline import convert
from sahifa.record import Correction, Cue, Entity, Quote, Record
from tests.conftest import FIXTURES, SEEDS


@pytest.fixture(scope="module")
def seed_record() -> Record:
    (item,) = iter_inputs(SEEDS)
    return convert(item)


def emoji_record(minimal_record: Record) -> Record:
    """A record whose text starts with two characters outside the BMP, with nested entities,
    a quotation with its speaker and cue, and a correction."""
    text = "😀🇸🇾 قال وزير خارجية روسيا سيرغي لافروف: «نحن مستعدون» للحوار فى موسكو"
    def at(word, start=0):
        i = text.index(word, start)
        return i, i + len(word)
    occ, rus, pers = at("وزير خارجية روسيا"), at("روسيا"), at("سيرغي لافروف")
    quote, cue, typo = at("نحن مستعدون"), at("قال"), at("فى")
    entities = [Entity("T1", *occ, text[slice(*occ)], "OCC", "gold", "x.ann"),
                Entity("T2", *rus, text[slice(*rus)], "GPE", "auto", "names@1"),
                Entity("T3", *pers, text[slice(*pers)], "PERS", "gold", "x.ann")]
    quotes = [Quote("T4", *quote, text[slice(*quote)], "T3", Cue("T5", *cue, "قال"), True,
                    "gold", "x.ann")]
    corrections = [Correction("T6", *typo, "فى", "في", "alif-maqsura", "gold", "x.ann")]
    return replace(minimal_record, id="emoji", text=text, entities=entities, quotes=quotes,
                   corrections=corrections, paragraphs=[], sentences=[], tokens=[],
                   offset_map=[])


def _round_trip(record: Record) -> Record:
    task = json.loads(json.dumps(labelstudio.write(record), ensure_ascii=False))
    back, problems = labelstudio.read(task, record, "tasks.json")
    assert problems == []
    return back


def test_offsets_are_utf16_in_the_task(minimal_record):
    record = emoji_record(minimal_record)
    task = labelstudio.write(record)
    region = next(r for r in task["annotations"][0]["result"] if r.get("id") == "T3")
    assert region["value"]["start"] == record.entities[2].start + 3  # 😀 and two flag halves
    units = labelstudio.utf16_offsets(record.text)
    assert units[-1] == len(record.text.encode("utf-16-le")) // 2


def test_the_emoji_record_comes_back_exactly(minimal_record):
    record = emoji_record(minimal_record)
    assert _round_trip(record) == record


def test_the_seed_comes_back_exactly(seed_record):
    assert _round_trip(seed_record) == seed_record


def test_an_edited_region_is_the_annotators(minimal_record):
    record = emoji_record(minimal_record)
    task = labelstudio.write(record)
    region = next(r for r in task["annotations"][0]["result"] if r.get("id") == "T2")
    region["value"]["labels"] = ["LOC"]
    back, _ = labelstudio.read(task, record, "tasks.json")
    edited = next(e for e in back.entities if e.id == "T2")
    assert (edited.label, edited.origin, edited.annotator) == ("LOC", "gold", "label-studio")
    assert back.entities[0] == record.entities[0]


def test_what_cannot_be_mapped_is_reported(minimal_record):
    folder = FIXTURES / "invalid" / "import-unmapped"
    task = json.loads((folder / "task.json").read_text("utf-8"))
    back, problems = labelstudio.read(task, minimal_record, "task.json")
    assert [str(p) for p in problems] == json.loads((folder / "expected.json").read_text("utf-8"))
    assert [q.speaker for q in back.quotes] == [None]
