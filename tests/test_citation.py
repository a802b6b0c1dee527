"""Versions and citation: CITATION.cff is valid Citation File Format 1.2.0 and gives the card's
dataset version; the card's citation block is the build's; the toolkit knows its version."""

from __future__ import annotations

import json
from importlib.metadata import version

import jsonschema
import pytest
import yaml
from huggingface_hub import DatasetCard

import sahifa
from sahifa.cli import main
from sahifa.errors import UserError
from sahifa.write.citation import bibtex, dataset_version
from tests.conftest import ROOT

SCHEMA = ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json"


def _cff() -> dict:
    # CFF dates are strings to its schema; YAML would read them as dates
    return json.loads(json.dumps(yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8")),
                                 default=str))


def test_citation_cff_is_valid():
    schema = json.loads(SCHEMA.read_text("utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(_cff())


def test_the_card_citation_and_changelog_give_one_dataset_version():
    card = DatasetCard((ROOT / "README.md").read_text("utf-8")).data.to_dict()
    assert dataset_version(card) == _cff()["version"]
    assert f"## Dataset {_cff()['version']}" in (ROOT / "CHANGELOG.md").read_text("utf-8")


def test_the_built_card_cites_the_cff(built_seeds):
    card = (built_seeds / "README.md").read_text("utf-8")
    meta = DatasetCard(card).data.to_dict()
    assert bibtex(meta, _cff()) in card


def test_a_version_that_is_not_semantic_is_refused():
    with pytest.raises(UserError, match=r"version '2\.1' is not semantic"):
        dataset_version({"version": "2.1"})


def test_the_toolkit_knows_its_version(capsys):
    assert sahifa.__version__ == version("sahifa")
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"sahifa {sahifa.__version__}"
    assert (ROOT / "src" / "sahifa" / "py.typed").is_file()
