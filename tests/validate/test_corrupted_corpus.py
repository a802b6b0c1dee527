"""A copy of the real corpus with one span offset changed fails validation, naming the file,
the record and the span."""

from __future__ import annotations

import shutil

import pyarrow as pa
import pyarrow.parquet as pq

from sahifa.cli import main
from sahifa.validate.runner import validate_path
from sahifa.write.parquet import write_table
from tests.conftest import ROOT


def _copy_with_shifted_token(tmp_path):
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    path = next((tmp_path / "corpus" / "default").glob("*.parquet"))
    table = pq.read_table(path)
    rows = table.to_pylist()
    rows[0]["tokens"][5]["start"] += 1
    write_table(pa.Table.from_pylist(rows, schema=table.schema), path)
    return path.relative_to(tmp_path).as_posix(), rows[0]


def test_the_repository_corpus_is_valid():
    report = validate_path(ROOT)
    assert report.findings == []
    assert report.records >= 1


def test_one_changed_offset_is_found_and_located(tmp_path, capsys):
    name, row = _copy_with_shifted_token(tmp_path)
    report = validate_path(tmp_path)
    assert [(f.id, f.file, f.record, f.span) for f in report.findings] == [
        ("span-text-mismatch", name, row["id"], "tokens[5]")]
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{name} {row['id']}:tokens[5]@" in out and "[L2 span-text-mismatch]" in out


def test_json_output_lists_the_findings(tmp_path, capsys):
    import json

    _copy_with_shifted_token(tmp_path)
    assert main(["validate", "--json", str(tmp_path)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [f["id"] for f in report["findings"]] == ["span-text-mismatch"]
