"""The columnar screen clears valid batches and never one that holds a record with a finding:
every record-level fixture, and random mutations of real records, against the record checks."""

from __future__ import annotations

import copy

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sahifa.record import Record
from sahifa.schema import LabelCodec
from sahifa.validate.columnar import batch_is_clean
from sahifa.validate.record_checks import record_findings
from sahifa.write.features import arrow_schema
from sahifa.write.parquet import document_files, read_documents
from tests.conftest import FIXTURES, load_fixture

RECORD_LEVEL = sorted(f.stem for f in (FIXTURES / "invalid").glob("*.json")
                      if load_fixture(f"invalid/{f.name}").get("record"))
LAYERS = ("paragraphs", "sentences", "tokens", "entities", "quotes", "corrections",
          "offset_map")


def batch_of(*records: dict) -> pa.RecordBatch:
    """The rows the writer would store for these records (labels as ids)."""
    rows = [LabelCodec().encode(copy.deepcopy(r)) for r in records]
    return pa.RecordBatch.from_pylist(rows, schema=arrow_schema())


def arrow_batch_or_none(data: dict) -> pa.RecordBatch | None:
    """None when the data cannot be stored with the features at all (a wrong type, a label
    that is no name): the file's feature check, or the label codec, finds that first."""
    try:
        return batch_of(data)
    except (pa.ArrowException, ValueError, TypeError, KeyError, AttributeError):
        return None


def test_a_valid_record_and_the_built_seeds_are_cleared(built_seeds):
    assert batch_is_clean(batch_of(load_fixture("valid/minimal.json")))
    for file in document_files(built_seeds):
        for batch in pq.ParquetFile(file).iter_batches(batch_size=16):
            assert batch_is_clean(batch)


@pytest.mark.parametrize("finding_id", RECORD_LEVEL)
def test_no_fixture_with_a_finding_is_cleared(finding_id):
    data = load_fixture(f"invalid/{finding_id}.json")["record"]
    batch = arrow_batch_or_none(data)
    if batch is None:
        pytest.skip("not storable with the features: the feature check finds it")
    assert not batch_is_clean(batch)
    valid = load_fixture("valid/minimal.json")
    assert not batch_is_clean(batch_of(valid, data)), "one bad record taints its batch"


@pytest.fixture(scope="module")
def seed_records(built_seeds) -> list[dict]:
    return [d for f in document_files(built_seeds) for d in read_documents(f)][:6]


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_mutated_record_is_cleared_only_when_it_has_no_finding(seed_records, data):
    record = copy.deepcopy(data.draw(st.sampled_from(seed_records)))
    layer = data.draw(st.sampled_from([n for n in LAYERS if record[n]]))
    item = data.draw(st.sampled_from(record[layer]))
    field = data.draw(st.sampled_from([k for k in ("start", "end", "raw_start", "raw_end",
                                                   "text", "id", "speaker") if k in item]))
    if field == "text":
        item["text"] = data.draw(st.sampled_from(["", item["text"] + " ", item["text"][1:],
                                                  "لل" + item["text"]]))
    elif field in ("id", "speaker"):
        others = [x.get("id") for x in record["entities"]] + ["nobody"]
        item[field] = data.draw(st.sampled_from(others))
    else:
        item[field] += data.draw(st.integers(-3, 3))
    findings = record_findings(Record.from_dict(record), data=record)
    batch = arrow_batch_or_none(record)
    event("has findings" if findings else "valid")
    if batch is not None and findings:
        assert not batch_is_clean(batch), [str(f) for f in findings]


def test_the_first_gold_annotator_gives_the_declared_split(built_seeds):
    from sahifa.validate.columnar import first_gold_annotators
    from sahifa.write.splits import declared_split, folder_split

    for file in document_files(built_seeds):
        for batch in pq.ParquetFile(file).iter_batches(batch_size=8):
            records = [Record.from_dict(d) for d in batch.to_pylist()]
            annotators = first_gold_annotators(batch)
            assert [a and folder_split(a) for a in annotators] == \
                [declared_split(r) for r in records]
            assert any(annotators)


def test_a_batch_with_a_null_text_goes_to_the_record_checks():
    """The screen's shared spans are read after its schema check: a null text is a finding of
    its record, not an error of the screen."""
    from sahifa.validate.runner import _check_batch

    valid = load_fixture("valid/minimal.json")
    checked = _check_batch(batch_of(valid, {**copy.deepcopy(valid), "id": "b", "text": None}),
                           name="default.parquet")
    assert checked[0].findings == []
    assert {f.id for f in checked[1].findings} == {"schema-invalid"}
