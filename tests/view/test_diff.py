from __future__ import annotations

from dataclasses import replace

import pytest

from sahifa.offsets import OffsetMap
from sahifa.record import Entity
from sahifa.view.diff import compare
from tests.view.conftest import logged_disagreements


def entity(record, id_, start, end, label):
    return Entity(id_, start, end, record.text[start:end], label, "gold", "test")


def test_an_overlap_of_other_bounds_or_label_is_one_disagreement(minimal_record):
    t1, t2, t3 = minimal_record.entities
    a = replace(minimal_record, entities=[t1, t2, t3, entity(minimal_record, "T9", 7, 9, "ORG")])
    b = replace(minimal_record, entities=[
        entity(minimal_record, "T1", 0, 9, "PERS"), replace(t2, label="LOC"), t3,
        entity(minimal_record, "T8", 28, 29, "ORG")])
    result = compare(a, b)
    assert [(d.what, d.a and d.a.id, d.b and d.b.id) for d in result.differences] == [
        ("boundary", "T1", "T1"), ("only A", "T9", None), ("label", "T2", "T2"),
        ("only B", None, "T8")]
    assert [(x.id, y.id) for x, y in result.agreed["entities"]] == [("T3", "T3")]
    assert [(x.id, y.id) for x, y in result.agreed["quotes"]] == [("T4", "T4")]


def test_a_quotation_of_another_speaker_disagrees_on_the_speaker(minimal_record):
    b = replace(minimal_record, quotes=[replace(minimal_record.quotes[0], speaker="T1")])
    [difference] = compare(minimal_record, b).differences
    assert (difference.layer, difference.what) == ("quotes", "speaker")


def test_versions_of_other_texts_are_refused(minimal_record):
    with pytest.raises(ValueError, match="not two versions"):
        compare(minimal_record, replace(minimal_record, text=minimal_record.text + "."))


def test_the_seed_passes_disagree_where_the_adjudication_log_says(seed_passes):
    a, b = seed_passes
    result = compare(a, b)
    raw = OffsetMap(a.offset_map)
    found = []
    for d in result.differences:
        sides = {}
        for side, span in (("A", d.a), ("B", d.b)):
            if span is not None:
                sides[side] = (span.label, *raw.span_to_raw(span.start, span.end), span.text)
        found.append(sides)
    logged = logged_disagreements()
    assert len(logged) == 5
    assert sorted(found, key=str) == sorted(logged, key=str)
    agreed = {layer: len(pairs) for layer, pairs in result.agreed.items()}
    assert agreed == {"entities": len(b.entities) - 1, "quotes": len(a.quotes),
                      "corrections": len(a.corrections)}
