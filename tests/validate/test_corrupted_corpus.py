"""A copy of the real corpus with one span offset changed fails validation, naming the file,
the record and the span."""

from __future__ import annotations

import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sahifa.cli import main
from sahifa.ingest.article import IngestError
from sahifa.ingest.fields import record_id
from sahifa.validate.runner import validate_path
from sahifa.write.parquet import write_table
from tests.conftest import ROOT


def _copy_with_shifted_entity(tmp_path, built):
    shutil.copytree(built / "corpus", tmp_path / "corpus")
    shutil.copy(built / "README.md", tmp_path / "README.md")
    path = next((tmp_path / "corpus" / "default").glob("*.parquet"))
    table = pq.read_table(path)
    rows = table.to_pylist()
    rows[0]["entities"][5]["start"] += 1
    write_table(pa.Table.from_pylist(rows, schema=table.schema), path)
    return path.relative_to(tmp_path).as_posix(), rows[0]


def test_the_repository_corpus_is_valid():
    report = validate_path(ROOT)
    assert report.findings == []
    assert report.records >= 1


def test_one_changed_offset_is_found_and_located(tmp_path, built_seeds, capsys):
    name, row = _copy_with_shifted_entity(tmp_path, built_seeds)
    report = validate_path(tmp_path)
    assert [(f.id, f.file, f.record, f.span) for f in report.findings] == [
        ("span-text-mismatch", name, row["id"], row["entities"][5]["id"])]
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{name} {row['id']}:{row['entities'][5]['id']}@" in out
    assert "[L2 span-text-mismatch]" in out


def test_json_output_lists_the_findings(tmp_path, built_seeds, capsys):
    import json

    _copy_with_shifted_entity(tmp_path, built_seeds)
    assert main(["validate", "--json", str(tmp_path)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [f["id"] for f in report["findings"]] == ["span-text-mismatch"]


def _corrupt(tmp_path, built_seeds, config: str, change) -> str:
    """A copy of a fresh build with one row of `config` changed by `change(rows)`."""
    shutil.copytree(built_seeds / "corpus", tmp_path / "corpus")
    shutil.copy(built_seeds / "README.md", tmp_path / "README.md")
    path = sorted((tmp_path / "corpus" / config).glob("train-*.parquet"))[0]
    table = pq.read_table(path)
    rows = table.to_pylist()
    change(rows)
    write_table(pa.Table.from_pylist(rows, schema=table.schema), path)
    return path.relative_to(tmp_path).as_posix()


def _tag_changed(rows):
    row = next(r for r in rows if any(r["ner_tags"]))
    first = next(i for i, tag in enumerate(row["ner_tags"]) if tag)
    row["ner_tags"][first] = 0


def _quote_moved(rows):
    rows[0]["start"] += 1


def _nowhere(rows):
    rows[0]["document_id"] = "nobody"


def _row_dropped(rows):
    rows.pop()


def test_a_change_in_any_config_is_found(tmp_path, built_seeds):
    for config, change, record in [("ner", _tag_changed, None), ("quotes", _quote_moved, None),
                                   ("quotes", _nowhere, "nobody"), ("ner", _row_dropped, None)]:
        target = tmp_path / f"{config}-{change.__name__}"
        name = _corrupt(target, built_seeds, config, change)
        findings = validate_path(target).findings
        assert {f.id for f in findings} >= {"view-row-mismatch"}, change.__name__
        assert all(f.file == name for f in findings if f.id == "view-row-mismatch")
        if record:
            assert record in {f.record for f in findings}


def test_a_negative_label_is_out_of_range_not_the_last_name(tmp_path, built_seeds):
    def negative(rows):
        rows[0]["entities"][0]["label"] = -1

    name = _corrupt(tmp_path, built_seeds, "default", negative)
    assert [(f.id, f.file) for f in validate_path(tmp_path).findings] == [
        ("label-out-of-range", name)]


def test_a_card_count_that_differs_from_the_files_is_found(tmp_path, built_seeds):
    _corrupt(tmp_path, built_seeds, "quotes", _row_dropped)
    findings = validate_path(tmp_path).findings
    assert ("card-count-mismatch", "README.md") in {(f.id, f.file) for f in findings}


def test_validate_says_when_there_is_nothing_to_validate(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "missing")]) == 1
    assert "[L3 no-data] does not exist" in capsys.readouterr().out
    assert main(["validate", str(tmp_path)]) == 1
    assert "[L3 no-data] holds no Parquet file" in capsys.readouterr().out


def test_an_id_with_a_trailing_newline_is_refused():
    assert record_id("abc", "x") == "abc"
    with pytest.raises(IngestError, match="not a valid record id"):
        record_id("abc\n", "x")


def test_a_card_whose_yaml_does_not_parse_and_a_lone_parquet_file_are_found(tmp_path, built_seeds):
    shutil.copytree(built_seeds / "corpus", tmp_path / "corpus")
    card = (built_seeds / "README.md").read_text("utf-8")
    (tmp_path / "README.md").write_text(card.replace("configs:", "configs: [", 1), "utf-8")
    shutil.copy(next((tmp_path / "corpus" / "default").glob("*.parquet")),
                tmp_path / "corpus" / "stray.parquet")
    found = {(f.id, f.file) for f in validate_path(tmp_path).findings}
    assert ("card-config-mismatch", "README.md") in found
    assert ("card-config-mismatch", "corpus/stray.parquet") in found


def test_findings_are_the_same_with_a_pool_of_workers(tmp_path, built_seeds):
    _copy_with_shifted_entity(tmp_path, built_seeds)
    one = validate_path(tmp_path)
    assert one.findings and validate_path(tmp_path, workers=2) == one
