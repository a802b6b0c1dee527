"""The build end to end on the seeds: determinism, freshness check, accounting, atomicity."""

from __future__ import annotations

import gc
import json
import shutil

import pytest

from sahifa import build as build_module
from sahifa.build import BuildOptions, build, stale_files
from sahifa.cli import main
from tests.conftest import ROOT, SEEDS


def _options(tmp_path, input_path=SEEDS, name="out"):
    output = tmp_path / name
    output.mkdir(exist_ok=True)
    for doc in ("README.md", "DATASHEET.md"):
        shutil.copy(ROOT / doc, output / doc)
    return BuildOptions(input=input_path, output=output, command="sahifa build (test)")


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_give_identical_bytes(tmp_path):
    first, second = _options(tmp_path, name="a"), _options(tmp_path, name="b")
    build(first)
    build(second)
    assert _files(first.output) == _files(second.output)
    assert any(name.endswith(".parquet") for name in _files(first.output))


def _seed_inputs() -> int:
    """The articles in seeds/: the plain-text seed and the lines of the JSON Lines files."""
    lines = sum(len(p.read_bytes().splitlines()) for p in SEEDS.rglob("*.jsonl"))
    return len(list(SEEDS.glob("*.txt"))) + lines


def test_check_finds_a_stale_corpus(tmp_path):
    options = _options(tmp_path)
    written = build(options).written
    parquet = options.output / "corpus" / "default" / "train-00000-of-00001.parquet"
    parquet.write_bytes(parquet.read_bytes()[:-10])
    sheet = options.output / "DATASHEET.md"
    text = sheet.read_text("utf-8")
    assert f"| articles | {written} |" in text
    sheet.write_text(text.replace(f"| articles | {written} |", f"| articles | {written + 1} |"),
                     encoding="utf-8")
    assert stale_files(options) == ["DATASHEET.md", parquet.relative_to(options.output).as_posix()]


def test_every_input_is_accounted_for(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEEDS / "000_19ff7663056b0340.txt", inputs / "a.txt")
    (inputs / "b.txt").write_bytes(b"\xff\xfe not utf-8")
    (inputs / "c.txt").write_text("  \n", encoding="utf-8")
    result = build(_options(tmp_path, inputs))
    assert (result.read, result.written, result.rejected) == (3, 1, 2)
    assert result.rejected_by_reason == {"not-utf8": 1, "empty": 1}
    report = (tmp_path / "out" / "corpus" / "rejects.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["file"] for line in report] == ["b.txt", "c.txt"]


def test_the_cli_exits_non_zero_when_inputs_were_rejected(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "b.txt").write_bytes(b"\x00\x01")
    out = _options(tmp_path).output
    assert main(["build", "--input", str(inputs), "--output", str(out)]) == 1
    assert "read 1 = written 0 + rejected 1" in capsys.readouterr().out


def test_an_interrupted_build_leaves_the_previous_corpus(tmp_path, monkeypatch):
    options = _options(tmp_path)
    build(options)
    before = _files(options.output)

    def fail(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "_write_docs", fail)
    with pytest.raises(KeyboardInterrupt):
        build(options)
    assert _files(options.output) == before


def test_a_corpus_built_outside_the_repository_gets_card_and_datasheet(tmp_path):
    from sahifa.validate.runner import validate_path

    output = tmp_path / "elsewhere"
    result = build(BuildOptions(input=SEEDS, output=output, command="sahifa build (test)"))
    assert result.written == _seed_inputs() == 57
    assert "configs:" in (output / "README.md").read_text("utf-8")
    assert f"| records written | {result.written} |" in (output / "DATASHEET.md").read_text(
        "utf-8")
    assert validate_path(output).findings == []


def test_conversions_run_with_rarer_collections_and_leave_the_thresholds_as_they_were(
        tmp_path, monkeypatch):
    seen, convert = [], build_module.convert_for_build

    def converting(*args, **kwargs):
        seen.append(gc.get_threshold())
        return convert(*args, **kwargs)

    monkeypatch.setattr(build_module, "convert_for_build", converting)
    before = gc.get_threshold()
    build(_options(tmp_path))
    assert seen and set(seen) == {build_module.GC_THRESHOLDS} != {before}
    assert gc.get_threshold() == before
