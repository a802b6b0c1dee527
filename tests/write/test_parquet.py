from __future__ import annotations

import pyarrow.parquet as pq

from sahifa.ingest.readers import plaintext
from sahifa.pipeline import convert
from sahifa.record import Record
from sahifa.schema import LabelCodec
from sahifa.write.features import features, record_encodings
from sahifa.write.parquet import ShardWriter
from tests.conftest import SEEDS


def _write(records, folder, max_shard_bytes=1 << 30):
    writer = ShardWriter(folder, "train", features(), record_encodings(), max_shard_bytes)
    for record in records:
        writer.add(LabelCodec().encode(record.to_dict()))
    return writer.close()


def _read(paths):
    codec = LabelCodec()
    return [Record.from_dict(codec.decode(row))
            for path in paths for row in pq.read_table(path).to_pylist()]


def test_raw_to_record_to_parquet_to_record_is_identity(tmp_path):
    records = [convert(item) for item in plaintext.iter_inputs(SEEDS)]
    assert _read(_write(records, tmp_path)) == records


def test_same_rows_give_identical_bytes(tmp_path, minimal_record):
    first = _write([minimal_record] * 3, tmp_path / "a")
    second = _write([minimal_record] * 3, tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_shards_close_at_the_size_limit_and_are_numbered(tmp_path, minimal_record):
    from sahifa.write import parquet

    rows = 3 * parquet.BATCH_ROWS
    paths = _write([minimal_record] * rows, tmp_path, max_shard_bytes=1)
    assert [p.name for p in paths] == [f"train-0000{i}-of-00003.parquet" for i in range(3)]
    assert sum(pq.read_metadata(p).num_rows for p in paths) == rows
    assert not list(tmp_path.glob(".*.part"))


def test_every_column_chunk_has_a_page_index(built_seeds):
    """Offset indexes everywhere, column indexes where Parquet keeps statistics."""
    import pyarrow.parquet as pq

    for file in (built_seeds / "corpus").glob("*/*.parquet"):
        meta = pq.ParquetFile(file).metadata
        for g in range(meta.num_row_groups):
            for c in range(meta.num_columns):
                column = meta.row_group(g).column(c)
                assert column.has_offset_index, (file, column.path_in_schema)
                # a column index needs page statistics, which Parquet omits for long values
                # (an article's text)
                assert column.has_column_index or column.path_in_schema == "text", \
                    (file, column.path_in_schema)


def test_offsets_are_delta_encoded_and_other_columns_dictionary_encoded(tmp_path):
    (path,) = _write([convert(item) for item in plaintext.iter_inputs(SEEDS)], tmp_path)
    meta = pq.ParquetFile(path).metadata.row_group(0)
    encodings = {meta.column(i).path_in_schema: meta.column(i).encodings
                 for i in range(meta.num_columns)}
    assert "DELTA_BINARY_PACKED" in encodings["tokens.list.element.start"]
    assert "DELTA_BINARY_PACKED" in encodings["entities.list.element.end"]
    assert "RLE_DICTIONARY" in encodings["entities.list.element.label"]
    assert "DELTA_BINARY_PACKED" not in encodings["entities.list.element.label"]
