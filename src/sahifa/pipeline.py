"""The conversion of one raw input into a validated record: a pure function of the input, so
any engine (a process pool here) can run it.

ingest (read, parse the layout, normalise, assemble) → segment → annotate → validate.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sahifa.annotate import annotate
from sahifa.annotate.auto import DEFAULT_TAGGER, Tagger
from sahifa.errors import REJECT_REASONS
from sahifa.ingest.article import IngestError, assemble
from sahifa.ingest.inputs import RawInput, Rights
from sahifa.ingest.readers import Reader, jsonl, plaintext, trec
from sahifa.ingest.survey import Survey, survey
from sahifa.record import Record
from sahifa.segment import segment
from sahifa.validate.record_checks import record_findings

READERS: dict[str, Reader] = {"plaintext": plaintext, "jsonl": jsonl, "trec": trec}


@dataclass(slots=True, frozen=True)
class Reject:
    """An input that did not become a record, and why."""

    file: str
    line: int | None
    reason: str
    message: str
    traceback: str | None = None  # of an internal error: a bug in sahifa, shown, not hidden

    def __post_init__(self) -> None:
        if self.reason not in REJECT_REASONS:
            raise ValueError(f"reject reason {self.reason!r} is not in REJECT_REASONS")

    @property
    def where(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where} [{self.reason}] {self.message}"


def detect_formats(path: Path) -> list[str]:
    """The readers a build of `path` runs, the format decided per file (see `ingest.survey`)."""
    return survey(path).formats or ["plaintext"]


def formats_of(path: Path, fmt: str = "auto") -> list[str]:
    """The readers a build of `path` uses: the detected ones, or the one asked for."""
    if fmt == "auto":
        return detect_formats(path)
    _check_format(fmt)
    return [fmt]


def _check_format(fmt: str) -> None:
    if fmt != "auto" and fmt not in READERS:
        raise ValueError(f"unknown input format {fmt!r}; known: {', '.join(sorted(READERS))}")


def iter_inputs(path: Path, fmt: str = "auto", found: Survey | None = None,
                **options) -> Iterator[RawInput]:
    """The inputs under `path` in the readers' order, each reader given the files the survey
    assigned it; `options` go to the reader (jsonl: `mapping`)."""
    _check_format(fmt)
    found = found if found is not None else survey(path, fmt)
    for name in found.formats:
        yield from READERS[name].iter_inputs(path, files=found.inputs[name],
                                             **(options if name == "jsonl" else {}))


def orphan_annotations(found: Survey, used: set[str]) -> list[Path]:
    """Annotation files that went with no input: not carried by one (`used`: their names, as
    inputs carried them), and no article of their name beside them (a rejected one counts)."""
    articles = {f for name in ("plaintext", "trec") for f in found.inputs.get(name, ())}
    return [a for a in found.annotations
            if found.name(a) not in used and a.with_suffix(".txt") not in articles]


def convert(item: RawInput, tagger: Tagger = DEFAULT_TAGGER) -> Record:
    """Raw input to a validated record; raises IngestError with the reason. `tagger`: the
    automatic entity annotators for an input without gold (crf+rules, or rules)."""
    return convert_to_data(item, tagger)[0]


def convert_to_data(item: RawInput,
                    tagger: Tagger = DEFAULT_TAGGER) -> tuple[Record, dict[str, Any]]:
    """`convert`, with the record's plain data (`Record.to_dict()`) that its validation read:
    the build writes that data, which takes a long article's record long to make again."""
    article = READERS[item.format].parse(item)
    record = annotate(segment(with_rights(assemble(article), item.rights)), article, item,
                      tagger)
    data = record.to_dict()
    findings = record_findings(record, file=item.where, data=data)
    if findings:
        raise IngestError("invalid-record", "; ".join(map(str, findings)))
    return record, data


def with_rights(record: Record, rights: Rights) -> Record:
    return replace(record, license=rights.license,
                   attribution=rights.attribution_for(record.publication))


def convert_or_reject(item: RawInput, tagger: Tagger = DEFAULT_TAGGER) -> Record | Reject:
    try:
        return convert(item, tagger)
    except IngestError as err:
        return rejected(item, err)


def rejected(item: RawInput, err: IngestError) -> Reject:
    return Reject(item.file, item.line, err.reason, str(err))
