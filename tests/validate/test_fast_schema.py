"""The compiled schema validator (the fast path) must agree with jsonschema's 2020-12 one."""

import copy
import json

import fastjsonschema
import pytest

from sahifa.validate.record_checks import _fast_validator, _validator
from tests.conftest import FIXTURES, load_fixture


def _agree(data) -> None:
    slow_valid = not list(_validator().iter_errors(data))
    try:
        _fast_validator()(data)
        fast_valid = True
    except fastjsonschema.JsonSchemaValueException:
        fast_valid = False
    assert fast_valid == slow_valid


def _set(path, value):
    def mutate(d):
        *parents, last = path
        for key in parents:
            d = d[key]
        d[last] = value
    return mutate


def _delete(path):
    def mutate(d):
        *parents, last = path
        for key in parents:
            d = d[key]
        del d[last]
    return mutate


MUTATIONS = {
    "id pattern": _set(["id"], "-bad id"),
    "id empty": _set(["id"], ""),
    "missing field": _delete(["text"]),
    "extra field": _set(["colour"], "red"),
    "null for a string": _set(["text"], None),
    "string for an array": _set(["authors"], "a"),
    "empty author": _set(["authors"], [""]),
    "bool for an integer": _set(["paragraphs", 0, "start"], True),
    "float for an integer": _set(["paragraphs", 0, "end"], 2.5),
    "integral float": _set(["paragraphs", 0, "start"], 0.0),
    "negative offset": _set(["paragraphs", 0, "start"], -1),
    "unknown label": _set(["paragraphs", 0, "label"], "footer"),
    "unknown format": _set(["source", "format"], "xml"),
    "bad sha256": _set(["source", "sha256"], "abc"),
    "nested extra": _set(["source", "extra"], 1),
    "nested missing": _delete(["source", "sha256"]),
    "null date": _set(["date"], None),
    "number date": _set(["date"], 2015),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_fast_and_full_validators_agree_on_a_mutated_record(name):
    data = copy.deepcopy(load_fixture("valid/minimal.json"))
    MUTATIONS[name](data)
    _agree(data)


RECORD_FIXTURES = [p for p in sorted((FIXTURES / "invalid").glob("*.json"))
                   if "record" in json.loads(p.read_text("utf-8"))]


@pytest.mark.parametrize("path", RECORD_FIXTURES, ids=lambda p: p.stem)
def test_fast_and_full_validators_agree_on_every_fixture(path):
    _agree(json.loads(path.read_text("utf-8"))["record"])


def test_the_valid_fixture_passes_both():
    data = load_fixture("valid/minimal.json")
    _fast_validator()(data)
    assert not list(_validator().iter_errors(data))
