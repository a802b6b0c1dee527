"""One minimal invalid corpus per corpus-level finding id: each fixture declares a dataset
folder (Parquet files from records, other files verbatim, the card), the test lays it out and
validates it."""

from __future__ import annotations

import datasets
import pyarrow as pa
import pytest

from sahifa.record import Record
from sahifa.schema import LabelCodec
from sahifa.validate.runner import validate_path
from sahifa.write.features import features
from sahifa.write.parquet import write_table
from sahifa.write.views import VIEWS
from tests.conftest import FIXTURES, load_fixture

CORPUS_LEVEL = sorted(f.stem for f in (FIXTURES / "invalid").glob("*.json")
                      if load_fixture(f"invalid/{f.name}").get("corpus"))
MINIMAL = "valid/minimal.json"


def _features(relabel: dict[str, list[str]] | None) -> datasets.Features:
    """The schema's features, with the named top-level list's ClassLabel renamed."""
    feats = features().copy()
    for column, names in (relabel or {}).items():
        inner = dict(feats[column].feature)
        inner["label"] = datasets.ClassLabel(names=names)
        feats[column] = datasets.List(inner)
    return feats


def _rows(part: dict, records: list[dict]) -> list[dict]:
    """The encoded rows of a part: the records themselves, or the rows of another config's
    view of them; then the part's patches ([row, field, value]: a value changed after
    encoding, as a corrupted file would hold it)."""
    config = part.get("config", "default")
    if config == "default":
        rows = [LabelCodec().encode(r) for r in records]
    else:
        rows = [row for r in records for row in VIEWS[config].rows(Record.from_dict(r))]
    for index, name, value in part.get("patch", []):
        target = rows[index]
        *path, last = name.split(".")
        for step in path:
            target = target[int(step) if step.isdigit() else step]
        target[int(last) if last.isdigit() else last] = value
    return rows


def lay_out(spec: dict, root) -> None:
    for name, part in spec.get("parquet", {}).items():
        records = [load_fixture(r) if isinstance(r, str) else r for r in part["records"]]
        config = part.get("config", "default")
        feats = _features(part.get("relabel")) if config == "default" else \
            VIEWS[config].features()
        rows = _rows(part, records)
        table = pa.Table.from_pylist(rows, schema=feats.arrow_schema)
        if part.get("strip_features"):
            table = table.replace_schema_metadata(None)
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        write_table(table, root / name)
    for name, text in spec.get("files", {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_a_valid_corpus_has_no_findings(tmp_path):
    lay_out({
        "parquet": {"corpus/default/test-00000-of-00001.parquet": {"records": [MINIMAL]}},
        "files": {"README.md": load_fixture("invalid/card-config-mismatch.json")["valid_card"]},
    }, tmp_path)
    report = validate_path(tmp_path)
    assert report.findings == []
    assert (report.records, report.files) == (1, 1)


@pytest.mark.parametrize("finding_id", CORPUS_LEVEL)
def test_fixture_gives_exactly_its_finding(finding_id, tmp_path):
    fixture = load_fixture(f"invalid/{finding_id}.json")
    lay_out(fixture["corpus"], tmp_path)
    report = validate_path(tmp_path)
    assert [str(f) for f in report.findings] == fixture["expected"]
    assert {f.id for f in report.findings} == {finding_id}
