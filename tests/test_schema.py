from __future__ import annotations

import json

import datasets
import pytest

from sahifa.schema import LabelCodec, LabelError, labels, record_schema
from sahifa.write.features import arrow_schema, features


def test_enums_become_class_labels_with_the_declared_names():
    feats = features()
    assert feats["entities"].feature["label"].names == labels("entity_label")
    assert feats["paragraphs"].feature["label"].names == ["headline", "deck", "body"]
    assert len(labels("entity_label")) == 21


def test_lists_of_structs_use_list_not_sequence():
    declared = json.dumps(features().to_dict())
    assert '"Sequence"' not in declared
    assert features().to_dict()["entities"]["_type"] == "List"
    assert isinstance(features()["entities"].feature, dict)


def test_arrow_schema_embeds_the_features():
    meta = json.loads(arrow_schema().metadata[b"huggingface"])
    assert datasets.Features.from_dict(meta["info"]["features"]) == features()
    assert arrow_schema().names == list(record_schema()["properties"])


def test_label_codec_round_trip(minimal_record):
    codec = LabelCodec()
    data = minimal_record.to_dict()
    encoded = codec.encode(data)
    assert encoded["entities"][1]["label"] == labels("entity_label").index("GPE")
    assert encoded["source"]["format"] == 0
    assert codec.decode(encoded) == data


def test_label_codec_refuses_a_name_outside_the_inventory(minimal_record):
    data = minimal_record.to_dict()
    data["entities"][0]["label"] = "PERSON"
    with pytest.raises(LabelError, match="'PERSON' is not one of PERS, NORP"):
        LabelCodec().encode(data)
