from __future__ import annotations

from dataclasses import fields

from sahifa.record import Record
from sahifa.schema import record_schema


def test_record_fields_are_the_schema_columns_in_order():
    assert [f.name for f in fields(Record)] == list(record_schema()["properties"])


def test_dict_round_trip_keeps_every_field(minimal_record):
    data = minimal_record.to_dict()
    assert Record.from_dict(data) == minimal_record
    assert data["quotes"][0]["cue"]["text"] == "قال"
