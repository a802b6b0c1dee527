"""Runs the checks and gives each problem its place.

Collect-all for CI (`validate_path`, the `sahifa validate` command); fail-fast for the library
(`ensure_valid`, which raises on the first invalid record with all of its findings).
"""

from __future__ import annotations

from sahifa.record import Record
from sahifa.validate.findings import Finding, ValidationError, locate
from sahifa.validate.record_checks import check_record, check_schema


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
