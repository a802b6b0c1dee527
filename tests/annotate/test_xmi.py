"""UIMA CAS XMI (INCEpTION): record → XMI → record is exact on the seed and on a record with an
emoji (UTF-16 offsets in the XMI), an edited span comes back as gold, and the export and import
commands give back the brat files of every record."""

from __future__ import annotations

import re

import cassis
import pytest

from sahifa.annotate import xmi
from sahifa.ingest.readers.plaintext import iter_inputs
from sahifa.pipeline import convert
from sahifa.record import Record
from tests.annotate.test_labelstudio import emoji_record
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def seed_record() -> Record:
    (item,) = iter_inputs(SEEDS)
    return convert(item)


def test_the_seed_comes_back_exactly(seed_record):
    assert xmi.read(xmi.write(seed_record), seed_record) == seed_record


def test_offsets_are_utf16_in_the_xmi_and_code_points_back(minimal_record):
    record = emoji_record(minimal_record)
    text = xmi.write(record)
    pers = record.entities[2]
    found = re.search(r'<[^>]*NamedEntity[^>]*identifier="T3"[^>]*>', text)
    assert f'begin="{pers.start + 3}"' in found.group(0)  # 😀 and the flag's two halves
    assert xmi.read(text, record) == record


def test_an_edited_entity_is_the_annotators(minimal_record):
    record = emoji_record(minimal_record)
    cas = cassis.load_cas_from_xmi(xmi.write(record), typesystem=xmi.typesystem())
    (russia,) = [a for a in cas.select(xmi.NAMED_ENTITY) if a.identifier == "T2"]
    russia.value = "LOC"
    back = xmi.read(cas.to_xmi(), record)
    edited = next(e for e in back.entities if e.id == "T2")
    assert (edited.label, edited.origin, edited.annotator) == ("LOC", "gold", "inception")
