"""Sharded, deterministic Parquet output.

Rows are buffered into record batches and written a row group at a time; a shard is closed when
its row groups reach the maximum size (uncompressed Arrow bytes), so the file on disk is smaller
than that. Shards get their
final `<split>-NNNNN-of-NNNNN.parquet` names once the count is known. The same rows in the same
order give byte-identical files with the same pyarrow.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import datasets
import pyarrow as pa
import pyarrow.parquet as pq

from sahifa.record import Record
from sahifa.schema import LabelCodec
from sahifa.write.card import CORPUS_DIR

BATCH_ROWS = 64
ROW_GROUP_ROWS = 4096
DEFAULT_SHARD_BYTES = 256 * 1024 * 1024
ROW_GROUP_BYTES = 8 * 1024 * 1024
COMPRESSION = "zstd"
COMPRESSION_LEVEL = 9
# a page index (column and offset indexes), as `datasets` writes its Parquet, so that the Hub's
# viewer and readers that filter by page can seek without reading whole row groups
WRITER_OPTIONS = {"compression": COMPRESSION, "compression_level": COMPRESSION_LEVEL,
                  "write_statistics": True, "write_page_index": True}


def shard_name(split: str, index: int, total: int) -> str:
    return f"{split}-{index:05d}-of-{total:05d}.parquet"


def writer_options(schema: pa.Schema, encodings: dict[str, str] | None = None
                   ) -> dict[str, Any]:
    """The settings of every file: zstd, statistics, a page index; the columns the schema
    declares an encoding for (`x-parquet-encoding`: offsets) in that encoding, every other
    column dictionary-encoded (labels and repeated strings)."""
    encodings = encodings or {}
    return {**WRITER_OPTIONS, "column_encoding": encodings or None,
            "use_dictionary": [p for p in leaf_paths(schema) if p not in encodings]}


def leaf_paths(schema: pa.Schema) -> list[str]:
    """The Parquet column paths of an Arrow schema's leaves (`tokens.list.element.start`)."""
    def walk(kind: pa.DataType, path: str) -> Iterator[str]:
        if pa.types.is_struct(kind):
            for child in kind:
                yield from walk(child.type, f"{path}.{child.name}")
        elif pa.types.is_list(kind) or pa.types.is_large_list(kind):
            yield from walk(kind.value_type, f"{path}.list.element")
        else:
            yield path

    return [p for f in schema for p in walk(f.type, f.name)]


def write_table(table: pa.Table, path: Path, encodings: dict[str, str] | None = None) -> None:
    """One Parquet file with the settings every shard uses."""
    pq.write_table(table, path, row_group_size=ROW_GROUP_ROWS,
                   **writer_options(table.schema, encodings))


class ShardWriter:
    """Writes the rows of one (config, split) into numbered shards under `folder`, streaming:
    rows become record batches, batches become a row group once they reach ROW_GROUP_ROWS rows
    or ROW_GROUP_BYTES (the shard size when smaller), and a shard is closed once its row groups
    reach the maximum size. So memory holds at most one row group, whatever the corpus size."""

    def __init__(self, folder: Path, split: str, features: datasets.Features,
                 encodings: dict[str, str], max_shard_bytes: int = DEFAULT_SHARD_BYTES) -> None:
        self.folder = folder
        self.split = split
        self.schema = features.arrow_schema
        self.options = writer_options(self.schema, encodings)
        self.max_shard_bytes = max_shard_bytes
        self.rows: list[dict[str, Any]] = []
        self.batches: list[pa.RecordBatch] = []
        self.batch_rows = 0
        self.batch_bytes = 0
        self.shard: pq.ParquetWriter | None = None
        self.shard_bytes = 0
        self.parts: list[Path] = []
        self.num_rows = 0
        self.num_bytes = 0

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH_ROWS:
            self._flush_rows()

    def _flush_rows(self) -> None:
        if not self.rows:
            return
        batch = pa.RecordBatch.from_pylist(self.rows, schema=self.schema)
        self.rows = []
        self.batches.append(batch)
        self.batch_rows += batch.num_rows
        self.batch_bytes += batch.nbytes
        if self.batch_rows >= ROW_GROUP_ROWS or self.batch_bytes >= min(ROW_GROUP_BYTES,
                                                                         self.max_shard_bytes):
            self._write_row_group()

    def _write_row_group(self) -> None:
        if not self.batches:
            return
        table = pa.Table.from_batches(self.batches, schema=self.schema)
        self.batches, self.batch_rows, self.batch_bytes = [], 0, 0
        if self.shard is None:
            part = self.folder / f".{self.split}-{len(self.parts):05d}.part"
            self.folder.mkdir(parents=True, exist_ok=True)
            self.shard = pq.ParquetWriter(part, self.schema, **self.options)
            self.parts.append(part)
        self.shard.write_table(table, row_group_size=table.num_rows)
        self.shard_bytes += table.nbytes
        self.num_rows += table.num_rows
        self.num_bytes += table.nbytes
        if self.shard_bytes >= self.max_shard_bytes:
            self._close_shard()

    def _close_shard(self) -> None:
        if self.shard is not None:
            self.shard.close()
            self.shard, self.shard_bytes = None, 0

    def close(self) -> list[Path]:
        """Write what is left and give every shard its final name."""
        self._flush_rows()
        self._write_row_group()
        self._close_shard()
        final = []
        for i, part in enumerate(self.parts):
            path = self.folder / shard_name(self.split, i, len(self.parts))
            part.rename(path)
            final.append(path)
        return final


def read_documents(file: Path, batch_size: int = 256) -> Iterator[dict[str, Any]]:
    """The rows of a `default` config Parquet file as record data (labels as strings)."""
    for batch in pq.ParquetFile(file).iter_batches(batch_size=batch_size):
        yield from decode_documents(batch)


def decode_documents(batch: pa.RecordBatch) -> Iterator[dict[str, Any]]:
    """The rows of a batch of the `default` config as record data (labels as strings)."""
    codec = _codec()
    for row in batch.to_pylist():
        yield codec.decode(row)


@cache
def _codec() -> LabelCodec:
    return LabelCodec()


def document_files(path: Path) -> list[Path]:
    """One Parquet file, or the `default` config's files of a dataset folder."""
    if path.is_file():
        return [path]
    return sorted((path / CORPUS_DIR / "default").glob("*.parquet"))


def iter_records(path: Path) -> Iterator[Record]:
    for file in document_files(path):
        for data in read_documents(file):
            yield Record.from_dict(data)
