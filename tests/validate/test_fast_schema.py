"""The compiled schema validator (the fast path) must agree with jsonschema's 2020-12 one."""

import copy
import json

import fastjsonschema
import pytest

from sahifa.validate.record_checks import (
    _fast_validator,
    _flat_tables,
    _schema_valid,
    _validator,
)
from tests.conftest import FIXTURES, load_fixture


def _agree(data) -> None:
    slow_valid = not list(_validator().iter_errors(data))
    try:
        _fast_validator()(data)
        fast_valid = True
    except fastjsonschema.JsonSchemaValueException:
        fast_valid = False
    assert fast_valid == slow_valid
    bulk_valid = _schema_valid(data)
    assert slow_valid or not bulk_valid  # the bulk path never passes an invalid record
    assert bulk_valid or not slow_valid or _integral_float(data)


def _integral_float(data) -> bool:
    """An integral float in a flat table (2020-12 counts 2.0 as an integer): the bulk check
    leaves such a record to jsonschema, which the runner then asks."""
    return any(type(v) is float and v.is_integer()
               for name in _flat_tables() for item in data.get(name) or []
               if isinstance(item, dict) for v in item.values())


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
    "bool for a token offset": _set(["tokens", 0, "start"], True),
    "float for a token offset": _set(["tokens", 1, "end"], 2.5),
    "integral float token offset": _set(["tokens", 0, "end"], 3.0),
    "negative token offset": _set(["tokens", 0, "start"], -1),
    "token offset past int32": _set(["tokens", 0, "end"], 2**31),
    "token with text": _set(["tokens", 0, "text"], "x"),
    "token without end": _delete(["tokens", 0, "end"]),
    "token with another key in place of end": _set(["tokens", 0], {"start": 0, "stop": 3}),
    "token not an object": _set(["tokens", 0], [0, 1]),
    "tokens not a list": _set(["tokens"], {"start": 0}),
    "null sentence offset": _set(["sentences", 0, "start"], None),
    "offset map string": _set(["offset_map", 0, "raw_end"], "9"),
    "unknown entity label": _set(["entities", 0, "label"], "PERSON"),
    "entity label id": _set(["entities", 0, "label"], 0),
    "unknown entity origin": _set(["entities", 0, "origin"], "silver"),
    "empty entity text": _set(["entities", 0, "text"], ""),
    "number for entity text": _set(["entities", 0, "text"], 7),
    "null annotator": _set(["entities", 0, "annotator"], None),
    "empty entity id": _set(["entities", 0, "id"], ""),
    "bool for an entity offset": _set(["entities", 0, "start"], False),
    "integral float entity offset": _set(["entities", 0, "end"], 4.0),
    "entity past int32": _set(["entities", 0, "end"], 2**31),
    "entity without annotator": _delete(["entities", 0, "annotator"]),
    "entity with extra": _set(["entities", 0, "score"], 0.5),
}


def test_the_bulk_checked_tables_are_those_of_scalars_only():
    assert sorted(_flat_tables()) == ["corrections", "entities", "offset_map", "sentences",
                                      "tokens"]


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
