"""The conversion of one raw input into a validated record: a pure function of the input, so
any engine (a process pool here) can run it.

ingest (read, parse the layout, normalise, assemble) → segment → annotate → validate.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from sahifa.annotate import annotate
from sahifa.ingest.article import IngestError, assemble
from sahifa.ingest.inputs import RIGHTS, RawInput, Rights
from sahifa.ingest.readers import jsonl, plaintext, trec
from sahifa.record import Record
from sahifa.segment import segment
from sahifa.validate.runner import record_findings

READERS = {"plaintext": plaintext, "jsonl": jsonl, "trec": trec}


@dataclass(slots=True, frozen=True)
class Reject:
    """An input that did not become a record, and why."""

    file: str
    line: int | None
    reason: str
    message: str

    @property
    def where(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where} [{self.reason}] {self.message}"


def detect_formats(path: Path) -> list[str]:
    """The readers for `path` by file type. A file: `.jsonl`/`.jsonl.gz` → jsonl, one that starts
    with `<DOC>` → trec, else plaintext. A folder: its `.txt` files are trec when the first of
    them starts with `<DOC>`, else plaintext; its JSON Lines files are jsonl (except a manifest
    beside `.txt` articles); a folder with both is read by both readers, `.txt` files first.
    """
    if path.is_file():
        if path.name.endswith(jsonl.SUFFIXES):
            return ["jsonl"]
        return ["trec" if trec.is_trec(path) else "plaintext"]
    found = []
    if texts := plaintext.articles(path):
        found.append("trec" if trec.is_trec(texts[0]) else "plaintext")
    if jsonl.data_files(path):
        found.append("jsonl")
    return found or ["plaintext"]


def formats_of(path: Path, fmt: str = "auto") -> list[str]:
    """The readers a build of `path` uses: the detected ones, or the one asked for."""
    if fmt == "auto":
        return detect_formats(path)
    if fmt not in READERS:
        raise ValueError(f"unknown input format {fmt!r}; known: {', '.join(sorted(READERS))}")
    return [fmt]


def iter_inputs(path: Path, fmt: str = "auto", **options) -> Iterator[RawInput]:
    """The inputs under `path` in the readers' order; `options` go to the reader (jsonl:
    `mapping`)."""
    for name in formats_of(path, fmt):
        yield from READERS[name].iter_inputs(path, **(options if name == "jsonl" else {}))


def input_files(path: Path, fmt: str = "auto") -> list[Path]:
    """Every file the readers of `path` read: articles, annotation files, rights files."""
    rights = path.rglob(RIGHTS) if path.is_dir() else ()
    return sorted({*rights, *(f for name in formats_of(path, fmt)
                              for f in READERS[name].input_files(path))})


def convert(item: RawInput) -> Record:
    """Raw input to a validated record; raises IngestError with the reason."""
    article = READERS[item.format].parse(item)
    record = annotate(segment(with_rights(assemble(article), item.rights)), article, item)
    findings = record_findings(record, file=item.where)
    if findings:
        raise IngestError("invalid-record", "; ".join(map(str, findings)))
    return record


def with_rights(record: Record, rights: Rights) -> Record:
    return replace(record, license=rights.license,
                   attribution=rights.attribution_for(record.publication))


def convert_or_reject(item: RawInput) -> Record | Reject:
    try:
        return convert(item)
    except IngestError as err:
        return Reject(item.file, item.line, err.reason, str(err))
