"""Runs the checks and gives each problem its place.

Collect-all for CI (`validate_path`, the `sahifa validate` command); fail-fast for the library
(`ensure_valid`, which raises on the first invalid record with all of its findings).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from sahifa.record import Record
from sahifa.validate.corpus_checks import PARQUET_GLOB, check_card, check_features
from sahifa.validate.findings import Finding, Problem, ValidationError, locate
from sahifa.validate.record_checks import check_record, check_schema
from sahifa.write.card import CORPUS_DIR, card_configs
from sahifa.write.parquet import read_documents
from sahifa.write.splits import record_split
from sahifa.write.views import VIEWS


def record_findings(record: Record, *, file: str | None = None,
                    data: dict | None = None) -> list[Finding]:
    """Level 1 then level 2 findings of one record (level 2 only if level 1 passes)."""
    data = record.to_dict() if data is None else data
    problems = list(check_schema(data))
    if not problems:
        problems = list(check_record(record))
    return [locate(p, file=file, record=record.id) for p in problems]


def ensure_valid(record: Record, *, file: str | None = None) -> Record:
    findings = record_findings(record, file=file)
    if findings:
        raise ValidationError(findings)
    return record


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    records: int = 0
    files: int = 0

    def summary(self) -> str:
        levels = Counter(f.level for f in self.findings)
        by_level = ", ".join(f"L{lv} {n}" for lv, n in sorted(levels.items()))
        verdict = "valid" if not self.findings else f"{len(self.findings)} findings ({by_level})"
        return f"{verdict}: {self.records} records in {self.files} Parquet files"

    def to_json(self) -> str:
        return json.dumps({"records": self.records, "files": self.files,
                           "findings": [f.to_dict() for f in self.findings]},
                          ensure_ascii=False, indent=1)


def _dataset_root(path: Path) -> Path:
    """The folder holding README.md and corpus/, whether given it or corpus/ itself."""
    if path.name == CORPUS_DIR and not (path / CORPUS_DIR).exists():
        return path.parent
    return path


def validate_path(path: Path) -> Report:
    """Collect every finding in a dataset folder (README.md + corpus/) or one Parquet file."""
    report = Report()
    if path.is_file():
        _validate_file(path, path.parent.name, path.as_posix(), report, {})
        return report
    root = _dataset_root(path)
    seen: dict[str, str] = {}
    for file in sorted((root / CORPUS_DIR).glob(PARQUET_GLOB)):
        name = file.relative_to(root).as_posix()
        _validate_file(file, file.parent.name, name, report, seen)
    card = root / "README.md"
    if card.exists():
        declared = card_configs(card.read_text("utf-8"))
        report.findings += [locate(p, file="README.md") for p in check_card(root, declared)]
    else:
        report.findings.append(locate(
            Problem("card-config-mismatch", "there is no README.md declaring the configs"),
            file=root.as_posix()))
    return report


def _validate_file(file: Path, config: str, name: str, report: Report,
                   seen: dict[str, str]) -> None:
    report.files += 1
    view = VIEWS.get(config)
    if view is None:
        report.findings.append(locate(Problem(
            "card-config-mismatch", f"folder {config!r} is not a config of the dataset"),
            file=name))
        return
    try:
        problems = list(check_features(file, view.features()))
        report.findings += [locate(p, file=name) for p in problems]
        if config == "default" and not problems:
            _validate_records(file, name, report, seen)
    except (OSError, pa.ArrowException, ValueError, KeyError) as err:
        report.findings.append(locate(Problem("parquet-unreadable", str(err)), file=name))


def _validate_records(file: Path, name: str, report: Report, seen: dict[str, str]) -> None:
    split = file.name.split("-", 1)[0]
    for data in read_documents(file):
        report.records += 1
        record = Record.from_dict(data)
        report.findings += record_findings(record, file=name, data=data)
        report.findings += [locate(p, file=name, record=record.id)
                            for p in _corpus_problems(record, split, name, seen)]


def _corpus_problems(record: Record, split: str, name: str,
                     seen: dict[str, str]) -> Iterator[Problem]:
    record_id = record.id
    if record_id in seen:
        yield Problem("record-id-duplicate", f"id {record_id} is also in {seen[record_id]}")
    seen.setdefault(record_id, name)
    expected = record_split(record)
    if expected != split:
        yield Problem("split-mismatch", f"id {record_id} belongs to split {expected}, not {split}")
