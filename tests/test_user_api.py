"""What a user's code calls outside `datasets`: `sahifa.read`, `Record.from_dict` on a row of
`load_dataset` (and its refusals), `OffsetMap` over a row's `offset_map`."""

from __future__ import annotations

import datasets
import pyarrow.parquet as pq
import pytest

import sahifa
from sahifa.offsets import OffsetMap
from sahifa.record import Record

pytestmark = pytest.mark.usefixtures("hf_offline")


def test_read_gives_typed_records_with_label_names(built_seeds):
    records = list(sahifa.read(built_seeds))
    assert len(records) == 57 and all(isinstance(r, Record) for r in records)
    seed = next(r for r in records if r.id.startswith("000_"))
    assert {e.label for e in seed.entities} >= {"PERS", "GPE", "ORG"}
    assert all(seed.text[e.start:e.end] == e.text for e in seed.entities)


def test_read_of_nothing_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="no Parquet file of the default config"):
        sahifa.read(tmp_path)


def test_a_load_dataset_row_becomes_the_same_record(built_seeds):
    split = datasets.load_dataset(str(built_seeds), split="train")
    row = split[0]
    assert isinstance(row["entities"][0]["label"], int)
    from_row = Record.from_dict(row)
    expected = next(r for r in sahifa.read(built_seeds) if r.id == row["id"])
    assert from_row == expected


def test_rows_that_are_not_records_are_refused(built_seeds):
    ner = datasets.load_dataset(str(built_seeds), "ner", split="train")[0]
    with pytest.raises(ValueError, match="not a record of the default config: no id, source, text"):
        Record.from_dict(ner)
    row = pq.read_table(built_seeds / "corpus/default/train-00000-of-00001.parquet").to_pylist()[0]
    with pytest.raises(ValueError, match="fields the record schema does not know: extra"):
        Record.from_dict({**row, "extra": 1})
    row["entities"][0]["label"] = 99
    with pytest.raises(ValueError, match="label value 99 is outside"):
        Record.from_dict(row)


def test_offset_map_takes_a_row_offset_map(built_seeds):
    row = pq.read_table(built_seeds / "corpus/default/train-00000-of-00001.parquet").to_pylist()[0]
    record = Record.from_dict(row)
    from_row, from_record = OffsetMap(row["offset_map"]), OffsetMap(record.offset_map)
    assert [from_row.to_raw(i) for i in range(0, len(record.text), 97)] == \
        [from_record.to_raw(i) for i in range(0, len(record.text), 97)]
