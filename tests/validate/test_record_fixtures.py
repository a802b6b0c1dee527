"""One minimal invalid fixture per record-level finding id, with its expected findings."""

from __future__ import annotations

import pytest

from sahifa.findings import FINDING_IDS, ValidationError
from sahifa.record import Record
from sahifa.validate.record_checks import ensure_valid, record_findings
from tests.conftest import FIXTURES, load_fixture

RECORD_LEVEL = sorted(f.stem for f in (FIXTURES / "invalid").glob("*.json")
                      if load_fixture(f"invalid/{f.name}").get("record"))


def test_every_finding_id_has_a_fixture():
    fixtures = {f.stem for f in (FIXTURES / "invalid").glob("*.json")}
    fixtures |= {f.name for f in (FIXTURES / "invalid").iterdir() if f.is_dir()}
    assert sorted(set(FINDING_IDS) - fixtures) == []


def test_the_minimal_record_is_valid(minimal_record):
    assert record_findings(minimal_record) == []


@pytest.mark.parametrize("finding_id", RECORD_LEVEL)
def test_fixture_gives_exactly_its_finding(finding_id):
    fixture = load_fixture(f"invalid/{finding_id}.json")
    data = fixture["record"]
    findings = record_findings(Record.from_dict(data), file=f"{finding_id}.json", data=data)
    assert [str(f) for f in findings] == fixture["expected"]
    assert {f.id for f in findings} == {finding_id}


def test_fail_fast_raises_with_every_finding_of_the_record():
    data = load_fixture("invalid/span-text-mismatch.json")["record"]
    with pytest.raises(ValidationError) as err:
        ensure_valid(Record.from_dict(data), file="x.json")
    assert [f.id for f in err.value.findings] == ["span-text-mismatch"]
    assert "x.json minimal:T2@11" in str(err.value)


def test_names_that_begin_like_a_proclitic_are_listed_as_data(minimal_record):
    from dataclasses import replace

    from sahifa.validate.record_checks import check_clitics, clitic_names

    entity = minimal_record.entities[0]
    for text, flagged in (("فالنسيا", False), ("فالنسيا سيتي", False), ("والرقة", True),
                          ("للتنظيمات", True)):
        record = replace(minimal_record, entities=[replace(entity, text=text)])
        assert bool(list(check_clitics(record))) is flagged, text
    assert "فالكاو" in clitic_names()
