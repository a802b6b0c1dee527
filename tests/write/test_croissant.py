"""croissant.json: written by the build, valid for mlcroissant, every record set loads, file
hashes, label inventories and Responsible-AI fields from the schema and the datasheet."""

from __future__ import annotations

import hashlib
import itertools
import json

import mlcroissant as mlc
import pyarrow.parquet as pq
import pytest

from sahifa.schema import labels
from sahifa.write.croissant import RAI_FROM_DATASHEET


@pytest.fixture(scope="module")
def dataset(built_seeds):
    return mlc.Dataset(built_seeds / "croissant.json")


def _json(built_seeds) -> dict:
    return json.loads((built_seeds / "croissant.json").read_text("utf-8"))


def test_it_validates_without_errors(dataset):
    assert not dataset.metadata.issues.errors


def test_every_record_set_loads(dataset, built_seeds):
    for record_set in dataset.metadata.record_sets:
        rows = list(itertools.islice(dataset.records(record_set.id), 3))
        assert rows, record_set.id
    config_rows = sum(pq.ParquetFile(f).metadata.num_rows
                      for f in (built_seeds / "corpus" / "quotes").glob("*.parquet"))
    assert len(list(dataset.records("quotes"))) == config_rows


def test_nested_spans_come_with_their_fields(dataset):
    row = next(r for r in dataset.records("default") if r["default/id"].startswith(b"000_"))
    entity = row["default/entities"][0]
    assert set(entity) >= {"default/entities/start", "default/entities/text",
                           "default/entities/label"}


def test_files_carry_their_sha256(built_seeds):
    objects = [d for d in _json(built_seeds)["distribution"] if d["@type"] == "cr:FileObject"]
    assert objects
    for obj in objects:
        data = (built_seeds / obj["contentUrl"]).read_bytes()
        assert obj["sha256"] == hashlib.sha256(data).hexdigest()


def test_label_inventories_are_enumerations(dataset):
    rows = list(dataset.records("labels/entity_label"))
    assert [r["labels/entity_label/name"] for r in rows] == labels("entity_label")


def test_responsible_ai_fields_come_from_the_datasheet(built_seeds):
    meta = _json(built_seeds)
    rai = {k.removeprefix("rai:") for k in meta if k.startswith("rai:")}
    camel = {"".join(w.capitalize() if i else w for i, w in enumerate(name.split("_")))
             for name in RAI_FROM_DATASHEET}
    assert rai == camel
    assert "non-commercial" in json.dumps(meta["rai:dataLimitations"])


def test_licences_are_the_cards_link_and_the_records_own(built_seeds):
    assert _json(built_seeds)["license"] == [
        "LICENSE.md", "https://spdx.org/licenses/CC-BY-NC-SA-4.0.html"]
