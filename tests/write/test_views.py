"""The `ner` and `quotes` configs, loaded with `datasets` as a user would (offline), agree with
the documents of the `default` config."""

from __future__ import annotations

import shutil

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from datasets import load_dataset

from sahifa.annotate import iob
from sahifa.record import Record
from sahifa.schema import labels, view_schema
from sahifa.validate.runner import validate_path
from sahifa.write.features import view_features
from sahifa.write.parquet import read_documents, write_table


@pytest.fixture(scope="module")
def records(built_seeds) -> dict[str, Record]:
    files = sorted((built_seeds / "corpus" / "default").glob("*.parquet"))
    return {d["id"]: Record.from_dict(d) for f in files for d in read_documents(f)}


@pytest.fixture(scope="module")
def config(tmp_path_factory, built_seeds):
    """A config of the built dataset, every split in one (the tests run offline)."""
    cache = tmp_path_factory.mktemp("hf-cache")
    return lambda name: datasets.concatenate_datasets(list(load_dataset(
        str(built_seeds), name, cache_dir=str(cache)).values()))


def test_the_iob_inventory_is_the_entity_labels_in_iob2():
    declared = view_schema("ner")["$defs"]["iob_label"]["enum"]
    assert declared == iob.iob_labels(labels("entity_label"))


def _outermost(record: Record) -> set[tuple[int, int, str]]:
    """Token ranges of the entities no other entity contains."""
    def contains(o, e):
        return o is not e and o.start <= e.start and e.end <= o.end and (
            o.end - o.start > e.end - e.start)
    outermost = [e for e in record.entities if not any(contains(o, e) for o in record.entities)]
    return set(iob.token_ranges(record.tokens, outermost))


def _decoded(rows, column: str, record: Record) -> set[tuple[int, int, str]]:
    """Token ranges (in document token numbers) decoded from one tag column of the rows."""
    names = iob.iob_labels(labels("entity_label"))
    starts = [t.start for t in record.tokens]
    found = set()
    for row in rows:
        offset = starts.index(record.sentences[row["sentence"]].start)
        levels = [row[column]] if column == "ner_tags" else row[column]
        for tags in levels:
            found |= {(a + offset, b + offset, label)
                      for a, b, label in iob.decode([names[t] for t in tags])}
    return found


def test_ner_tags_decode_to_the_outermost_entities(config, records):
    ner = config("ner")
    for doc_id, record in records.items():
        rows = [r for r in ner if r["document_id"] == doc_id]
        assert [r["sentence"] for r in rows] == list(range(len(record.sentences)))
        assert [t for r in rows for t in r["tokens"]] == [record.text_of(t) for t in record.tokens]
        assert _decoded(rows, "ner_tags", record) == _outermost(record)
        every_level = _decoded(rows, "ner_tags", record) | _decoded(rows, "ner_tags_nested",
                                                                   record)
        assert every_level == set(iob.token_ranges(record.tokens, record.entities))


def test_the_seed_has_nested_entities_in_the_ner_view(config):
    assert any(row["ner_tags_nested"] for row in config("ner"))


def test_the_quotes_view_agrees_with_the_documents(config, records):
    quotes = config("quotes")
    names = quotes.features["speaker_label"].names
    assert len(quotes) == sum(len(r.quotes) for r in records.values())
    rows = {(row["document_id"], row["quote_id"]): row for row in quotes}
    for doc_id, record in records.items():
        entities = {e.id: e for e in record.entities}
        for q in record.quotes:
            row = rows[doc_id, q.id]
            assert record.text[row["start"]:row["end"]] == row["text"] == q.text
            if q.speaker is None:  # a source that names no entity (guidelines §10)
                assert (row["speaker_id"], row["speaker_text"], row["speaker_label"]) == (
                    None, None, None)
            else:
                speaker = entities[q.speaker]
                assert (row["speaker_id"], row["speaker_text"], names[row["speaker_label"]]) \
                    == (speaker.id, speaker.text, speaker.label)
            assert record.text[row["cue_start"]:row["cue_end"]] == row["cue_text"] == q.cue.text
            assert row["closed"] == q.closed
            paragraph = next(p for p in record.paragraphs if p.id == row["paragraph_id"])
            assert paragraph.start <= row["start"] < row["end"] <= paragraph.end


def test_the_validator_checks_the_views_label_inventories(tmp_path, built_seeds):
    shutil.copytree(built_seeds / "corpus", tmp_path / "corpus")
    shutil.copy(built_seeds / "README.md", tmp_path / "README.md")
    path = next((tmp_path / "corpus" / "ner").glob("*.parquet"))
    feats = view_features("ner").copy()
    tags = iob.iob_labels(labels("entity_label"))
    feats["ner_tags"] = datasets.List(datasets.ClassLabel(names=tags[::-1]))
    write_table(pa.Table.from_pylist(pq.read_table(path).to_pylist(),
                                     schema=feats.arrow_schema), path)
    findings = validate_path(tmp_path).findings
    assert [(f.id, f.file) for f in findings] == [
        ("label-inventory-mismatch", path.relative_to(tmp_path).as_posix())]
