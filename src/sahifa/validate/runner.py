"""Runs the checks and gives each problem its place.

Collect-all for CI (`validate_path`, the `sahifa validate` command); fail-fast for the library
(`ensure_valid`, which raises on the first invalid record with all of its findings).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import yaml
from huggingface_hub import DatasetCardData

from sahifa.findings import Finding, Problem, locate
from sahifa.parallel import ordered_map
from sahifa.record import Record
from sahifa.schema import LabelError
from sahifa.validate.columnar import batch_is_clean, first_gold_annotators
from sahifa.validate.corpus_checks import (
    check_card,
    check_counts,
    check_features,
    check_metadata,
    front_matter,
)
from sahifa.validate.ner_digests import digest_rows, expected_digests, found_digests
from sahifa.validate.quote_digests import (
    expected_quote_digests,
    found_json_digests,
    json_digest,
)
from sahifa.validate.record_checks import record_findings
from sahifa.validate.spans import BatchSpans
from sahifa.write.card import CORPUS_DIR, configs_of
from sahifa.write.parquet import decode_documents
from sahifa.write.splits import folder_split, record_split, split_of
from sahifa.write.views import VIEWS

RECORD_BATCH = 512  # records a worker checks at a time (the columnar checks pay per batch)


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


@dataclass
class _Corpus:
    """What the checks of one file leave for the corpus-wide ones: ids seen, rows counted per
    config and split, and the digest of the view rows each record should have and has."""

    seen: dict[str, str] = field(default_factory=dict)
    rows: Counter = field(default_factory=Counter)
    expected: dict[tuple[str, str], str] = field(default_factory=dict)  # (config, id) → digest
    found: dict[tuple[str, str], str] = field(default_factory=dict)  # (config, id) → digest
    where: dict[tuple[str, str], str] = field(default_factory=dict)  # (config, id) → file
    view_configs: set[str] = field(default_factory=set)
    invalid: set[str] = field(default_factory=set)  # records with findings of their own
    failed: set[str] = field(default_factory=set)  # configs with a file not read to its end
    workers: int = 1


def validate_path(path: Path, workers: int = 1) -> Report:
    """Collect every finding in a dataset folder (README.md + corpus/) or one Parquet file.
    With `workers` > 1 the records are checked in a process pool; the findings are the same,
    in the same order."""
    report = Report()
    if not path.exists():
        return _no_data(report, path.as_posix(), "does not exist")
    corpus = _Corpus(workers=workers)
    if path.is_file():
        _validate_file(path, path.parent.name, path.as_posix(), report, corpus)
        return report
    root = _dataset_root(path)
    files = sorted((root / CORPUS_DIR).rglob("*.parquet"))
    if not files:
        return _no_data(report, f"{CORPUS_DIR}/", "holds no Parquet file: there is no data "
                        "to validate")
    for file in files:
        name = file.relative_to(root).as_posix()
        if len(file.relative_to(root / CORPUS_DIR).parts) != 2:
            report.findings.append(locate(Problem(
                "card-config-mismatch", "a Parquet file outside corpus/<config>/ belongs to no "
                "config"), file=name))
            continue
        _validate_file(file, file.parent.name, name, report, corpus)
    report.findings += _view_findings(corpus)
    report.findings += _card_findings(root, corpus)
    return report


def _no_data(report: Report, where: str, message: str) -> Report:
    report.findings.append(locate(Problem("no-data", message), file=where))
    return report


def _card_findings(root: Path, corpus: _Corpus) -> list[Finding]:
    card = root / "README.md"
    if not card.exists():
        return [locate(Problem("card-config-mismatch", "there is no README.md declaring the "
                               "configs"), file=root.as_posix())]
    text = card.read_text("utf-8")
    try:
        meta = front_matter(text)
    except yaml.YAMLError as err:
        first = str(err).splitlines()[0]
        return [locate(Problem("card-config-mismatch", f"the YAML front matter does not parse: "
                               f"{first}"), file="README.md")]
    declared = configs_of(DatasetCardData(**meta))
    problems = (list(check_card(root, declared)) + list(check_counts(meta, corpus.rows))
                + list(check_metadata(meta, corpus.rows)))
    return [locate(p, file="README.md") for p in problems]


def _validate_file(file: Path, config: str, name: str, report: Report, corpus: _Corpus) -> None:
    report.files += 1
    view = VIEWS.get(config)
    if view is None:
        report.findings.append(locate(Problem(
            "card-config-mismatch", f"folder {config!r} is not a config of the dataset"),
            file=name))
        return
    split = file.name.split("-", 1)[0]
    try:
        corpus.rows[config, split] += pq.ParquetFile(file).metadata.num_rows
        problems = list(check_features(file, view.features()))
        report.findings += [locate(p, file=name) for p in problems]
        if problems:
            corpus.failed.add(config)
            return
        if config == "default":
            _validate_records(file, name, split, report, corpus)
        else:
            _read_view_rows(file, name, config, corpus)
    except LabelError as err:
        report.findings.append(locate(Problem("label-out-of-range", str(err)), file=name))
        corpus.failed.add(config)
    except (OSError, pa.ArrowException, ValueError, KeyError) as err:
        report.findings.append(locate(Problem("parquet-unreadable", str(err)), file=name))
        corpus.failed.add(config)


@dataclass(slots=True, frozen=True)
class _Checked:
    """What the checks of one record leave for the runner: its findings, the split its id
    belongs to, and the digest of the rows each other config should hold for it."""

    id: str
    split: str
    findings: list[Finding]
    view_digests: dict[str, str]


def _validate_records(file: Path, name: str, split: str, report: Report,
                      corpus: _Corpus) -> None:
    batches = pq.ParquetFile(file).iter_batches(batch_size=RECORD_BATCH)
    died = "a worker process died (killed, or out of memory); validation stopped"
    for checked in ordered_map(partial(_check_batch, name=name), batches, corpus.workers, died):
        report.records += 1
        report.findings += checked.findings
        report.findings += [locate(p, file=name, record=checked.id)
                            for p in _corpus_problems(checked, split, name, corpus.seen)]
        if checked.findings:
            corpus.invalid.add(checked.id)
        else:
            corpus.expected.update({(config, checked.id): digest
                                    for config, digest in checked.view_digests.items()})


def _check_batch(batch: pa.RecordBatch, name: str) -> list[_Checked]:
    """The record checks of a batch of `default` rows: what depends on one record alone, so a
    worker can do it. A batch the columnar screen clears needs no record check; any other
    goes record by record, to say what is wrong and where."""
    spans = BatchSpans(batch)
    if batch_is_clean(batch, spans):
        return _clean_batch(batch, spans)
    out = []
    for data in decode_documents(batch):
        record = Record.from_dict(data)
        findings = record_findings(record, file=name, data=data)
        digests = {} if findings else _view_digests(record)
        out.append(_Checked(record.id, record_split(record), findings, digests))
    return out


def _clean_batch(batch: pa.RecordBatch, spans: BatchSpans) -> list[_Checked]:
    """A cleared batch: each record's split and view digests, in bulk."""
    ids = batch.column("id").to_pylist()
    ner = expected_digests(batch, spans)
    quotes = expected_quote_digests(batch, spans)
    out = []
    for record_id, annotator in zip(ids, first_gold_annotators(batch), strict=True):
        if ner[record_id] is None:
            ner[record_id] = _ner_digest(Record.from_dict(next(decode_documents(
                batch.filter(pc.equal(batch.column("id"), record_id))))))
        split = (annotator and folder_split(annotator)) or split_of(record_id)
        out.append(_Checked(record_id, split, [], {"ner": ner[record_id],
                                                   "quotes": quotes[record_id]}))
    return out


def _ner_digest(record: Record) -> str:
    return digest_rows(list(VIEWS["ner"].rows(record)))


def _view_digests(record: Record) -> dict[str, str]:
    """The digest of the rows each other config should hold for `record`."""
    return {"ner": _ner_digest(record), "quotes": json_digest(VIEWS["quotes"].rows(record))}


def _read_view_rows(file: Path, name: str, config: str, corpus: _Corpus) -> None:
    corpus.view_configs.add(config)
    batches = pq.ParquetFile(file).iter_batches()
    runs = found_digests(batches) if config == "ner" else found_json_digests(batches)
    for record_id, digest in runs:
        key = (config, record_id)
        # a record's rows come in one run; rows of one record found apart are not its view
        corpus.found[key] = digest if key not in corpus.found else "rows apart"
        corpus.where.setdefault(key, name)


def _view_findings(corpus: _Corpus) -> Iterator[Finding]:
    """Rows of the views that are not what the records of `default` give, record by record."""
    for key in sorted(corpus.found):
        config, record_id = key
        digest = corpus.found[key]
        if record_id in corpus.invalid or corpus.failed & {config, "default"}:
            continue  # the record's own findings, or the file's, say what is wrong
        if key not in corpus.expected:
            message = f"rows of document_id {record_id!r}, which is no record of default"
        elif digest != corpus.expected[key]:
            message = f"the rows of record {record_id} differ from the view of the record"
        else:
            continue
        yield locate(Problem("view-row-mismatch", message), file=corpus.where[key],
                     record=record_id)
    empty = hashlib.sha256().hexdigest()
    for (config, record_id), digest in sorted(corpus.expected.items()):
        if config in corpus.view_configs - corpus.failed and digest != empty and \
                (config, record_id) not in corpus.found:
            yield locate(Problem("view-row-mismatch", f"record {record_id} has no rows in "
                                 f"config {config}"), file=f"{CORPUS_DIR}/{config}",
                         record=record_id)


def _corpus_problems(checked: _Checked, split: str, name: str,
                     seen: dict[str, str]) -> Iterator[Problem]:
    record_id = checked.id
    if record_id in seen:
        yield Problem("record-id-duplicate", f"id {record_id} is also in {seen[record_id]}")
    seen.setdefault(record_id, name)
    expected = checked.split
    if expected != split:
        yield Problem("split-mismatch", f"id {record_id} belongs to split {expected}, not {split}")
