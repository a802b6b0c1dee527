"""The conversion of one raw input into a validated record: a pure function of the input, so
any engine (a process pool here) can run it.

ingest (read, parse the layout, normalise, assemble) → segment → annotate → validate.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sahifa.annotate import annotate
from sahifa.ingest.article import IngestError, assemble
from sahifa.ingest.inputs import RawInput
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


def detect_format(path: Path) -> str:
    """The reader for `path` by file type. A file: `.jsonl`/`.jsonl.gz` → jsonl, one that starts
    with `<DOC>` → trec, else plaintext. A folder: by the kind most of its files are, JSON Lines
    files or `.txt` files (a manifest.jsonl beside the articles does not decide); `.txt` files
    are trec when the first of them starts with `<DOC>`, else plaintext.
    """
    if path.is_file():
        if path.name.endswith(jsonl.SUFFIXES):
            return "jsonl"
        return "trec" if trec.is_trec(path) else "plaintext"
    texts = plaintext.articles(path)
    if len(jsonl.input_files(path)) >= len(texts):
        return "jsonl"
    return "trec" if trec.is_trec(texts[0]) else "plaintext"


def iter_inputs(path: Path, fmt: str = "auto", **options):
    """The inputs under `path` in the reader's order; `options` go to the reader (jsonl:
    `mapping`)."""
    fmt = detect_format(path) if fmt == "auto" else fmt
    if fmt not in READERS:
        raise ValueError(f"unknown input format {fmt!r}; known: {', '.join(sorted(READERS))}")
    return READERS[fmt].iter_inputs(path, **options)


def convert(item: RawInput) -> Record:
    """Raw input to a validated record; raises IngestError with the reason."""
    article = READERS[item.format].parse(item)
    record = annotate(segment(assemble(article)), article, item)
    findings = record_findings(record, file=item.where)
    if findings:
        raise IngestError("invalid-record", "; ".join(map(str, findings)))
    return record


def convert_or_reject(item: RawInput) -> Record | Reject:
    try:
        return convert(item)
    except IngestError as err:
        return Reject(item.file, item.line, err.reason, str(err))
