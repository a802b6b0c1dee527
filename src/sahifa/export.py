"""Export: the records of a built dataset as files in the annotation formats.

`brat`: `<id>.txt` (the record text) and `<id>.ann` (standoff over that text) per record, for
brat or INCEpTION. `conll`: `<id>.conll`, token-per-line IOB2 with nested levels as columns.
"""

from __future__ import annotations

from pathlib import Path

from sahifa.annotate import brat, conll
from sahifa.record import Record
from sahifa.write.parquet import iter_records

FORMATS = ("brat", "conll")


def annotation_file(record_id: str) -> str:
    return f"{record_id}.ann"


def export_brat(record: Record, output: Path) -> None:
    (output / f"{record.id}.txt").write_text(record.text, encoding="utf-8", newline="")
    (output / annotation_file(record.id)).write_text(
        brat.write(record, annotation_file(record.id)), encoding="utf-8", newline="")


def export_conll(record: Record, output: Path) -> None:
    (output / f"{record.id}.conll").write_text(
        "".join(conll.write([record])), encoding="utf-8", newline="")


def export(path: Path, fmt: str, output: Path) -> int:
    """Write every record of `path` in format `fmt` under `output`; the number of records."""
    write = {"brat": export_brat, "conll": export_conll}[fmt]
    output.mkdir(parents=True, exist_ok=True)
    count = 0
    for record in iter_records(path):
        write(record, output)
        count += 1
    return count
