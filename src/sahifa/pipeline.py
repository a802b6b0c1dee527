"""The conversion of one raw input into a validated record: a pure function of the input, so
any engine (a process pool here) can run it.

ingest (read, parse the layout, normalise, assemble) → segment → annotate → validate.
"""

from __future__ import annotations

from dataclasses import dataclass

from sahifa.annotate import annotate
from sahifa.ingest.article import IngestError, assemble
from sahifa.ingest.inputs import RawInput
from sahifa.ingest.readers import plaintext
from sahifa.record import Record
from sahifa.segment import segment
from sahifa.validate.runner import record_findings

READERS = {"plaintext": plaintext}


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
