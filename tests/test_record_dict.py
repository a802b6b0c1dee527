from dataclasses import asdict

from sahifa.pipeline import convert, iter_inputs
from sahifa.record import Record
from tests.conftest import SEEDS


def test_to_dict_is_what_asdict_gives(minimal_record: Record):
    assert minimal_record.to_dict() == asdict(minimal_record)
    assert list(minimal_record.to_dict()) == list(asdict(minimal_record))
    assert Record.from_dict(minimal_record.to_dict()) == minimal_record


def test_a_row_of_dataset_0x_with_segmentation_text_reads_as_the_lean_record(
        minimal_record: Record):
    old = minimal_record.to_dict()
    assert all(old[layer] for layer in ("paragraphs", "sentences", "tokens"))
    for layer in ("paragraphs", "sentences", "tokens"):
        old[layer] = [{**span, "text": minimal_record.text[span["start"]:span["end"]]}
                      for span in old[layer]]
    assert Record.from_dict(old) == minimal_record


def test_to_dict_is_what_asdict_gives_for_every_seed_record():
    """The seeds' records hold every layer (gold entities, quotes with cues and speakers,
    corrections, an offset map): msgspec's conversion must give asdict's data, key order too."""
    records = [convert(item) for item in iter_inputs(SEEDS)]
    assert any(r.quotes for r in records) and any(r.corrections for r in records)
    for record in records:
        assert record.to_dict() == asdict(record)
        assert list(record.to_dict()) == list(asdict(record))
