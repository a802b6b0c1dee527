"""The README's code blocks run as written: the Python blocks in order in one namespace (as a
reader pastes them), the SQL in DuckDB, the shell blocks a user runs on a clone, each with the
placeholders (`path/to/sahifa`, `out/`, `<id>`) replaced by a built dataset and scratch folders.
Every block is either run or named here with the reason it is not."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT

BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)
SEED_ID = "000_19ff7663056b0340"
NOT_RUN = {  # first line of a block → why the test does not run it
    "./scripts/build.sh": "the set-up and build themselves: CI runs them",
    "# 1. automatic spans": "a workflow over a user's own new_articles.jsonl",
    ".venv/bin/sahifa build --input my_articles/": "a user's own articles",
    "HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 .venv/bin/python scripts/benchmark.py":
        "the benchmark: minutes, and it needs ../shared/data",
    "@misc{": "a citation, not code",
    ".venv/bin/sahifa publish --repo-id": "an upload: a Hub account and the network",
    "# Slurm, or any machines": "a Ray cluster of several machines",
}


def blocks() -> list[tuple[str, str]]:
    return BLOCK.findall((ROOT / "README.md").read_text("utf-8"))


def _skipped(code: str) -> bool:
    return any(code.lstrip().startswith(first) for first in NOT_RUN)


pytestmark = pytest.mark.usefixtures("hf_offline")


def test_every_block_is_run_or_named():
    langs = {lang for lang, _ in blocks()}
    assert langs <= {"python", "sql", "bash", "bibtex"}, langs
    stale = [first for first in NOT_RUN
             if not any(code.lstrip().startswith(first) for _, code in blocks())]
    assert not stale, f"NOT_RUN entries that match no block any more: {stale}"


def test_the_python_and_sql_blocks_run(built_seeds, monkeypatch, capsys):
    monkeypatch.chdir(built_seeds)
    namespace: dict = {}
    for lang, code in blocks():
        code = code.replace("path/to/sahifa", str(built_seeds))
        if lang == "python":
            exec(compile(code, "README.md", "exec"), namespace)
        elif lang == "sql":
            assert duckdb.sql(code).fetchall()
    assert capsys.readouterr().out


def test_the_shell_blocks_run(tmp_path):
    """The shell blocks for a clone, in a copy of the repository's data and docs, with
    `sahifa` on PATH as `.venv/bin/sahifa` is."""
    clone = tmp_path / "clone"
    clone.mkdir()
    for name in ("README.md", "DATASHEET.md", "LICENSE.md", "CHANGELOG.md", "CITATION.cff",
                 "croissant.json"):
        shutil.copy(ROOT / name, clone / name)
    for folder in ("corpus", "seeds", "schema", "annotation"):
        shutil.copytree(ROOT / folder, clone / folder)
    (clone / ".venv").symlink_to(Path(sys.executable).parent.parent)
    env = {**os.environ, "PATH": f"{clone / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    for lang, code in blocks():
        if lang != "bash" or _skipped(code):
            continue
        script = code.replace("<id>", SEED_ID)
        done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=clone, env=env,
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{script}\n{done.stdout}\n{done.stderr}"


def test_the_example_script_runs(built_seeds, tmp_path):
    folder = tmp_path / "dataset"
    shutil.copytree(built_seeds, folder)
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "examples.py"), str(folder)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "57 articles" in done.stdout and "most quoted:" in done.stdout
    written = Path(done.stdout.rsplit("spaCy DocBin in ", 1)[1].strip())
    assert written.is_file() and written.stat().st_size > 0
