"""Sahifa: an annotated corpus of Arabic news and the toolkit that builds it.

    import sahifa
    for record in sahifa.read("path/to/sahifa"):   # a dataset folder or a Parquet file
        print(record.id, [(e.label, e.text) for e in record.entities])
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import version
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sahifa.record import Record

__version__ = version("sahifa")


def read(path: str | PathLike[str]) -> Iterator[Record]:
    """The records of a dataset folder (its `default` config) or of one `default` Parquet file,
    as typed `Record`s with label names, read without `datasets`. Raises FileNotFoundError
    when there is no such file."""
    from sahifa.write.parquet import document_files, iter_records

    where = Path(path)
    if not document_files(where):
        raise FileNotFoundError(f"{where}: no Parquet file of the default config")
    return iter_records(where)
