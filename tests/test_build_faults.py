"""Faults during a build: a dead worker, a second build, a swap cut short, nothing to build,
an interrupt; each ends in one line, and the output holds the old corpus or the new one."""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading

import pytest

from sahifa import build as build_module
from sahifa.build import BuildOptions, build, locked, recover, staging_dir, swap_in
from sahifa.cli import main
from sahifa.errors import UserError
from tests.conftest import SEEDS

SEED = SEEDS / "000_19ff7663056b0340.txt"


def _inputs(tmp_path, copies: int = 3):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(copies):
        text = SEED.read_text("utf-8").replace("موسكو", f"موسكو{i}", 1)
        (folder / f"{i:03}_a.txt").write_text(text, encoding="utf-8")
    return folder


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_killed_worker_fails_the_build_at_once_and_keeps_the_old_corpus(tmp_path, monkeypatch):
    options = BuildOptions(input=_inputs(tmp_path), output=tmp_path / "out", workers=2)
    build(options)
    before = _files(options.output)
    convert = build_module.convert_for_build

    def die_on_the_second(item, *args):
        if item.file.startswith("001"):
            os.kill(os.getpid(), signal.SIGKILL)
        return convert(item, *args)

    monkeypatch.setattr(build_module, "convert_for_build", die_on_the_second)
    with pytest.raises(UserError, match="worker process died"):
        build(options)
    assert _files(options.output) == before


def test_a_second_build_into_the_same_folder_is_refused(tmp_path):
    options = BuildOptions(input=_inputs(tmp_path, 1), output=tmp_path / "out")
    held, release = threading.Event(), threading.Event()

    def hold():
        with locked(options.output):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(10)
    try:
        with pytest.raises(UserError, match="another build"):
            build(options)
    finally:
        release.set()
        holder.join()
    assert build(options).written == 1


@pytest.mark.parametrize("two_step", [False, True])
def test_a_swap_cut_short_is_finished_or_undone_by_the_next_build(tmp_path, monkeypatch,
                                                                  two_step):
    options = BuildOptions(input=_inputs(tmp_path, 1), output=tmp_path / "out")
    build(options)
    old = _files(options.output)
    if two_step:
        monkeypatch.setattr(build_module, "_exchange", lambda a, b: False)

    def killed(staging, output):
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "_move_documents", killed)
    staging = tmp_path / "out" / ".sahifa-staging-cut"
    staging.mkdir()
    (staging / "corpus").mkdir()
    shutil.copytree(options.output / "corpus", staging / "corpus", dirs_exist_ok=True)
    (staging / "corpus" / "new.txt").write_text("new", encoding="utf-8")
    (staging / "README.md").write_text("new card", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        swap_in(staging, options.output)
    assert (options.output / "corpus" / "new.txt").exists()
    assert (options.output / "README.md").read_bytes() == old["README.md"]
    monkeypatch.undo()
    recover(options.output)
    assert (options.output / "README.md").read_text("utf-8") == "new card"
    assert not list(options.output.glob(".sahifa-staging-*"))


def test_a_corpus_moved_aside_is_put_back_when_the_swap_died_between_renames(tmp_path):
    output = tmp_path / "out"
    build(BuildOptions(input=_inputs(tmp_path, 1), output=output))
    old = _files(output / "corpus")
    with staging_dir(output) as staging:
        (staging / "corpus").mkdir()
        (staging / ".swap").write_text(str((staging / "corpus").stat().st_ino), "utf-8")
        (output / "corpus").rename(staging / "corpus-old")
        recover(output)
    assert _files(output / "corpus") == old


def test_leftover_staging_folders_are_removed_by_the_next_build(tmp_path):
    output = tmp_path / "out"
    (output / ".sahifa-staging-dead").mkdir(parents=True)
    (output / ".sahifa-staging-dead" / "x").write_text("x", encoding="utf-8")
    build(BuildOptions(input=_inputs(tmp_path, 1), output=output))
    assert not list(output.glob(".sahifa-staging-*"))


def test_nothing_to_build_is_an_error_that_touches_no_output(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    output = tmp_path / "out"
    assert main(["build", "--input", str(empty), "--output", str(output)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"sahifa build: {empty}: no input to build") and err.count("\n") == 1
    assert not output.exists()


def test_an_interrupt_is_one_line_and_changes_nothing(tmp_path, monkeypatch, capsys):
    inputs, output = _inputs(tmp_path, 1), tmp_path / "out"
    assert main(["build", "--input", str(inputs), "--output", str(output)]) == 0
    before = _files(output)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "_write_docs", interrupted)
    capsys.readouterr()
    assert main(["build", "--input", str(inputs), "--output", str(output)]) == 130
    assert capsys.readouterr().err == "sahifa build: interrupted; nothing was changed\n"
    assert _files(output) == before


def test_an_output_the_build_may_not_write_is_one_line(tmp_path, capsys):
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    inputs, output = _inputs(tmp_path, 1), tmp_path / "out"
    output.mkdir()
    output.chmod(0o500)
    try:
        assert main(["build", "--input", str(inputs), "--output", str(output)]) == 2
    finally:
        output.chmod(0o700)
    err = capsys.readouterr().err
    assert err.startswith("sahifa build: ") and "Permission denied" in err
    assert err.count("\n") == 1


def test_an_output_path_that_is_a_file_is_one_line(tmp_path, capsys):
    inputs, output = _inputs(tmp_path, 1), tmp_path / "out"
    output.write_text("a file", encoding="utf-8")
    assert main(["build", "--input", str(inputs), "--output", str(output)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"sahifa build: {output}: ") and err.count("\n") == 1
    assert output.read_text("utf-8") == "a file"


def test_a_bug_on_one_input_is_a_reject_with_its_traceback_and_the_build_goes_on(
        tmp_path, monkeypatch, capsys):
    inputs, output = _inputs(tmp_path, 3), tmp_path / "out"
    convert = build_module.convert_to_data

    def buggy(item, *args):
        if item.file.startswith("001"):
            return {}["no such key"]
        return convert(item, *args)

    monkeypatch.setattr(build_module, "convert_to_data", buggy)
    assert main(["build", "--input", str(inputs), "--output", str(output)]) == 1
    captured = capsys.readouterr()
    assert "read 3 = written 2 + rejected 1" in captured.out
    assert "Traceback (most recent call last)" in captured.err and "KeyError" in captured.err
    (row,) = [json.loads(line) for line in
              (output / "corpus" / "rejects.jsonl").read_text("utf-8").splitlines()]
    assert (row["file"], row["reason"]) == ("001_a.txt", "internal-error")
    assert "KeyError" in row["traceback"]


@pytest.mark.parametrize("size", ["nan", "inf", "-1", "0"])
def test_a_shard_size_that_is_no_size_is_a_usage_error(size, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--input", str(_inputs(tmp_path, 1)), "--output", str(tmp_path / "o"),
              "--max-shard-mb", size])
    assert exit_.value.code == 2
    assert "is not a positive size in MB" in capsys.readouterr().err


def test_dev_null_or_a_fifo_as_input_is_nothing_to_build(tmp_path, capsys):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for source in (os.devnull, str(fifo)):
        assert main(["build", "--input", source, "--output", str(tmp_path / "out")]) == 1
        assert "no input to build" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
