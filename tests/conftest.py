"""Shared paths and fixtures of the test suite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sahifa.record import Record

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = ROOT / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"


def load_fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text("utf-8"))


@pytest.fixture
def hf_offline(monkeypatch, tmp_path):
    """`datasets` offline, with a cache of the test's own (as a user's fresh machine)."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def minimal_record() -> Record:
    return Record.from_dict(load_fixture("valid/minimal.json"))


@pytest.fixture(scope="session")
def built_seeds(tmp_path_factory) -> Path:
    """seeds/ built into a scratch dataset folder once per test session (the committed corpus/
    is compared with a fresh build by the freshness check, not read by these tests)."""
    import shutil

    from sahifa.build import BuildOptions, build

    output = tmp_path_factory.mktemp("built-seeds")
    for doc in ("README.md", "DATASHEET.md", "CITATION.cff"):
        shutil.copy(ROOT / doc, output / doc)
    build(BuildOptions(input=SEEDS, output=output, command="sahifa build (test)"))
    return output


@pytest.fixture
def shared_data() -> Path:
    """../shared/data, or a clean skip where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} is absent")
    return SHARED_DATA
