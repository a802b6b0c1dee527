from dataclasses import asdict

from sahifa.record import Record


def test_to_dict_is_what_asdict_gives(minimal_record: Record):
    assert minimal_record.to_dict() == asdict(minimal_record)
    assert list(minimal_record.to_dict()) == list(asdict(minimal_record))
    assert Record.from_dict(minimal_record.to_dict()) == minimal_record
