"""`sahifa publish`: the offline checks run first, the dry run lists exactly the allowlisted
files (never an environment, a cache or raw input), and the upload is one exact call to the Hub
API (a fake here: no test needs the network)."""

from __future__ import annotations

import shutil

import pytest
import yaml

from sahifa.cli import main
from sahifa.errors import UserError
from sahifa.publish import files_to_publish, plan
from tests.conftest import SEEDS


class FakeHub:
    def __init__(self):
        self.calls = []

    def upload_folder(self, **kwargs):
        self.calls.append(("upload_folder", kwargs))

    def create_tag(self, repo_id, **kwargs):
        self.calls.append(("create_tag", {"repo_id": repo_id, **kwargs}))


@pytest.fixture
def folder(built_seeds, tmp_path):
    """A built dataset folder with what must never be uploaded beside it."""
    root = tmp_path / "dataset"
    shutil.copytree(built_seeds, root)
    for junk in (".venv/lib/corpus/default/x.parquet", ".cache/huggingface/a.lock",
                 "raw/000_x.txt", "corpus/rejects.jsonl", "src/sahifa/x.py",
                 "__pycache__/a.pyc", "notes/corpus/default/x.parquet"):
        (root / junk).parent.mkdir(parents=True, exist_ok=True)
        (root / junk).write_text("x", encoding="utf-8")
    return root


def test_a_stale_corpus_is_not_published(folder, tmp_path, capsys):
    seeds = tmp_path / "other-seeds"
    seeds.mkdir()
    for raw in SEEDS.glob("000_*"):
        shutil.copy(raw, seeds / raw.name)
    assert main(["publish", str(folder), "--dry-run", "--seeds", str(seeds)]) == 1
    assert "is stale: " in capsys.readouterr().err


def test_the_dry_run_lists_the_allowlist_only(folder, capsys):
    assert main(["publish", str(folder), "--dry-run"]) == 0
    out = capsys.readouterr().out
    listed = [line.split()[0] for line in out.splitlines()
              if line and not line.startswith("ok:") and " files, " not in line]
    parquet = sorted(p.relative_to(folder).as_posix()
                     for p in (folder / "corpus").glob("[!.]*/[!.]*.parquet"))
    assert listed == sorted(["README.md", "DATASHEET.md", "CITATION.cff", "croissant.json",
                             *parquet])
    assert "ok: validation: valid" in out


def test_an_invalid_folder_is_not_published(folder):
    (folder / "README.md").write_text("---\nversion: '1'\n---\n", encoding="utf-8")
    with pytest.raises(UserError, match="is not semantic"):
        plan(folder)


def test_the_upload_is_one_call_then_a_tag(folder, capsys):
    from sahifa.cli import _run_publish

    hub = FakeHub()
    args = type("Args", (), {"path": folder, "seeds": None, "dry_run": False,
                             "repo_id": "someone/sahifa", "pr": True, "revision": None,
                             "tag": True})()
    assert _run_publish(args, api=hub) == 0
    (name, upload), (tag_name, tag) = hub.calls
    assert name == "upload_folder" and upload["repo_id"] == "someone/sahifa"
    assert upload["repo_type"] == "dataset" and upload["create_pr"] is True
    assert upload["folder_path"] == str(folder)
    assert "corpus/*/*.parquet" in upload["allow_patterns"]
    card = yaml.safe_load((folder / "README.md").read_text(encoding="utf-8").split("---")[1])
    assert tag_name == "create_tag" and tag["tag"] == f"v{card['version']}"
    files = len(files_to_publish(folder))
    assert f"uploaded {files} files to datasets/someone/sahifa" in capsys.readouterr().out


def test_hidden_and_partial_files_are_never_listed(folder):
    (folder / "corpus" / "default" / ".partial.parquet").write_bytes(b"x")
    (folder / ".git").mkdir()
    (folder / ".git" / "README.md").write_text("x", encoding="utf-8")
    names = [name for name, _ in files_to_publish(folder)]
    assert not [n for n in names if n.startswith(".") or "/." in n]


def test_upload_needs_a_repo_id(folder, capsys):
    assert main(["publish", str(folder)]) == 2
    assert "--repo-id: is needed to upload" in capsys.readouterr().err
