"""Where the viewer's records come from: a built dataset (its folder, its `corpus/` folder or a
Parquet file, read by `sahifa.read`), raw inputs (converted in memory as the build converts
them), or a folder of one annotation pass's `.ann` files over raw inputs (loaded as `sahifa
agreement` loads it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import sahifa
from sahifa import agreement
from sahifa.errors import USAGE, UserError
from sahifa.ingest.article import IngestError
from sahifa.ingest.inputs import ANNOTATIONS
from sahifa.ingest.survey import survey
from sahifa.pipeline import Reject, convert_or_reject, iter_inputs
from sahifa.record import Record
from sahifa.write.parquet import document_files


def parquet_files(path: Path) -> list[Path]:
    """The `default` config's Parquet files of a dataset folder, of its `corpus/` folder, or
    the Parquet file itself."""
    if path.is_file():
        return [path] if path.suffix == ".parquet" else []
    return document_files(path) or sorted((path / "default").glob("*.parquet"))


def is_pass(path: Path) -> bool:
    """A folder of `.ann` files with no article the readers take: an annotation pass."""
    return (path.is_dir() and any(path.glob(f"*{ANNOTATIONS}"))
            and not survey(path).formats)


def records(path: Path, rejects: list[Reject], texts: Path | None = None) -> Iterator[Record]:
    """The records of `path`, in its order; inputs that do not convert go to `rejects`."""
    if not path.exists():
        raise UserError(str(path), "does not exist", USAGE)
    if files := parquet_files(path):
        for file in files:
            yield from sahifa.read(file)
    elif is_pass(path):
        yield from _pass_records(path, texts)
    else:
        yield from _converted(path, rejects, gold=True)


def automatic(path: Path, rejects: list[Reject]) -> Iterator[Record]:
    """The raw inputs of `path` converted without their gold: the automatic annotators'."""
    if not path.exists():
        raise UserError(str(path), "does not exist", USAGE)
    if parquet_files(path) or is_pass(path):
        raise UserError(str(path), "automatic versions are made from raw inputs (articles "
                        "with their gold), not from a built dataset or a pass", USAGE)
    return _converted(path, rejects, gold=False)


def _converted(path: Path, rejects: list[Reject], gold: bool) -> Iterator[Record]:
    read = 0
    for item in iter_inputs(path):
        read += 1
        if not gold:
            item = replace(item, annotations=None, annotations_file=None)
        record = convert_or_reject(item)
        if isinstance(record, Reject):
            rejects.append(record)
        else:
            yield record
    if not read:
        raise UserError(str(path), "no article the readers take, no Parquet file of a "
                        "dataset, and no annotation pass is there")


def _pass_records(folder: Path, texts: Path | None) -> Iterator[Record]:
    if texts is None:
        raise UserError(str(folder), "holds annotation files but no article: give the texts "
                        "they annotate with --texts", USAGE)
    ids = agreement.pass_ids(folder)
    try:
        items = agreement.inputs_by_id(texts, ids)
    except ValueError as err:
        raise UserError(str(texts), str(err)) from err
    for record_id in sorted(ids):
        ann = folder / (record_id + ANNOTATIONS)
        try:
            record = agreement.pass_record(items[record_id], ann)
        except IngestError as err:
            raise UserError(str(ann), str(err)) from err
        yield record
