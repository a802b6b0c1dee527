"""The views' rows digested in bulk equal the digest of the rows the views make: the ner rows
from the default rows (what they should be) and from the ner files (what they are), the quotes
rows from the default rows."""

from __future__ import annotations

import copy

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sahifa.record import Record
from sahifa.schema import LabelCodec, labels
from sahifa.validate.ner_digests import digest_rows, expected_digests, found_digests
from sahifa.write.features import arrow_schema
from sahifa.write.parquet import decode_documents, document_files, read_documents
from sahifa.write.views import VIEWS


def reference(data: dict) -> str:
    return digest_rows(list(VIEWS["ner"].rows(Record.from_dict(data))))


def test_bulk_digests_equal_the_views_own_rows(built_seeds):
    found = {}
    for file in sorted((built_seeds / "corpus" / "ner").glob("*.parquet")):
        found.update(found_digests(pq.ParquetFile(file).iter_batches(batch_size=7)))
    for file in document_files(built_seeds):
        for batch in pq.ParquetFile(file).iter_batches(batch_size=5):
            bulk = expected_digests(batch)
            for data in decode_documents(batch):
                assert bulk[data["id"]] == reference(data) == found[data["id"]]


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_bulk_digests_follow_any_entities(built_seeds, data):
    record = copy.deepcopy(data.draw(st.sampled_from(
        [d for f in document_files(built_seeds) for d in read_documents(f)][:4])))
    n = len(record["text"])
    spans = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(1, 40),
                                         st.sampled_from(labels("entity_label"))), max_size=30))
    record["entities"] = [{"id": f"X{i}", "start": s, "end": min(n, s + k),
                           "text": record["text"][s:min(n, s + k)], "label": label,
                           "origin": "auto", "annotator": "test"}
                          for i, (s, k, label) in enumerate(spans)]
    batch = pa.RecordBatch.from_pylist([LabelCodec().encode(record)], schema=arrow_schema())
    assert expected_digests(batch)[record["id"]] == reference(record)


def test_bulk_quote_digests_equal_the_views_own_rows(built_seeds):
    from sahifa.validate.quote_digests import expected_quote_digests, json_digest

    quoting = 0
    for file in document_files(built_seeds):
        for batch in pq.ParquetFile(file).iter_batches(batch_size=5):
            bulk = expected_quote_digests(batch)
            for data in decode_documents(batch):
                record = Record.from_dict(data)
                quoting += bool(record.quotes)
                assert bulk[record.id] == json_digest(VIEWS["quotes"].rows(record))
    assert quoting > 10


def test_a_record_with_tokens_out_of_order_is_left_to_the_record(built_seeds):
    records = [d for f in document_files(built_seeds) for d in read_documents(f)][:3]
    records = copy.deepcopy(records)
    tokens = records[1]["tokens"]
    tokens[0], tokens[1] = tokens[1], tokens[0]
    batch = pa.RecordBatch.from_pylist([LabelCodec().encode(r) for r in records],
                                       schema=arrow_schema())
    bulk = expected_digests(batch)
    assert bulk[records[1]["id"]] is None
    assert [bulk[r["id"]] for r in (records[0], records[2])] == \
        [reference(records[0]), reference(records[2])]
