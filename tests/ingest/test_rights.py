"""Per-record rights from the nearest rights.json; a bad rights.json rejects its inputs."""

from __future__ import annotations

import json
import shutil

from sahifa.pipeline import Reject, convert_or_reject, iter_inputs
from tests.conftest import SEEDS

SEED = "000_19ff7663056b0340.txt"


def _records(folder):
    return [convert_or_reject(item) for item in iter_inputs(folder)]


def test_the_nearest_rights_file_gives_license_and_attribution(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(SEEDS / SEED, tmp_path / "top.txt")
    shutil.copy(SEEDS / SEED, tmp_path / "a" / "b" / "deep.txt")
    (tmp_path / "rights.json").write_text(json.dumps(
        {"license": "CC-BY-4.0", "attribution": "{publication}, by courtesy"}), "utf-8")
    (tmp_path / "a" / "rights.json").write_text(json.dumps({"license": "CC0-1.0"}), "utf-8")
    records = {r.source.file: r for r in _records(tmp_path)}
    top, deep = records["top.txt"], records["a/b/deep.txt"]
    assert (top.license, top.attribution) == ("CC-BY-4.0", f"{top.publication}, by courtesy")
    assert (deep.license, deep.attribution) == ("CC0-1.0", None)


def test_without_a_rights_file_the_terms_are_unknown(tmp_path):
    shutil.copy(SEEDS / SEED, tmp_path / "a.txt")
    (record,) = _records(tmp_path)
    assert (record.license, record.attribution) == (None, None)


def test_a_bad_rights_file_rejects_every_input_it_governs_and_names_itself(tmp_path):
    shutil.copy(SEEDS / SEED, tmp_path / "a.txt")
    (tmp_path / "rights.json").write_text('{"licence": "CC-BY-4.0"}', "utf-8")
    (reject,) = _records(tmp_path)
    assert isinstance(reject, Reject) and reject.reason == "invalid-rights"
    assert "rights.json" in reject.message and "license" in reject.message
