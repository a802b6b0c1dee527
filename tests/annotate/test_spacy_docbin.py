"""spaCy DocBin: the Doc's text is the record's, outermost entities are doc.ents, all of them
doc.spans, entities inside a clitic-attached token are listed and come back; record → DocBin
(on disk) → record is exact, on the seed and on a record with an emoji."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sahifa.annotate import spacy_docbin
from sahifa.annotate.iob import levels
from sahifa.cli import main
from sahifa.ingest.readers.plaintext import iter_inputs
from sahifa.pipeline import convert
from sahifa.record import Entity, Record, Span
from sahifa.schema import labels
from tests.conftest import SEEDS

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def seed_record() -> Record:
    (item,) = iter_inputs(SEEDS)
    return convert(item)


def _through_disk(records: list[Record], tmp_path) -> list:
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    docs, _ = spacy_docbin.write(records)
    docs.to_disk(tmp_path / "x.spacy")
    return list(DocBin().from_disk(tmp_path / "x.spacy").get_docs(Vocab()))


def test_the_seed_comes_back_exactly(seed_record, tmp_path):
    (doc,) = _through_disk([seed_record], tmp_path)
    assert doc.text == seed_record.text
    spans = {(t.idx, t.idx + len(t.text)) for t in doc}
    assert {(t.start, t.end) for t in seed_record.tokens} <= spans
    assert spacy_docbin.read(doc, seed_record) == (seed_record, [])


def test_outermost_entities_are_the_docs_ents(seed_record, tmp_path):
    (doc,) = _through_disk([seed_record], tmp_path)
    unaligned = {row[0] for row in doc.user_data["unaligned_entities"]}
    aligned = [e for e in seed_record.entities if e.id not in unaligned]
    outer = levels(seed_record.tokens, aligned, labels("entity_label"))[0]
    index = {t.start: i for i, t in enumerate(seed_record.tokens)}
    got = [(index[e.start_char], index[e[-1].idx] + 1, e.label_) for e in doc.ents]
    assert got == outer
    assert len(doc.spans["entities"]) + len(doc.user_data["unaligned_entities"]) == \
        len(seed_record.entities)


def test_an_entity_inside_a_clitic_token_is_listed_and_kept(minimal_record, tmp_path):
    text = "😀 زار بسورية\n\nوفد"
    tokens = [Span(2, 5), Span(6, 12), Span(14, 17)]
    entity = Entity("T1", 7, 12, "سورية", "GPE", "gold", "x.ann")
    record = replace(minimal_record, id="clitic", text=text, tokens=tokens, entities=[entity],
                     quotes=[], corrections=[], paragraphs=[], sentences=[], offset_map=[])
    _, unaligned = spacy_docbin.write([record])
    assert unaligned == [("clitic", entity)]
    (doc,) = _through_disk([record], tmp_path)
    assert doc.text == text and list(doc.ents) == []
    assert spacy_docbin.read(doc, record) == (record, [])


def test_the_export_command_lists_unaligned_entities(built_seeds, tmp_path):
    assert main(["export", "spacy", "--input", str(built_seeds),
                 "--output", str(tmp_path)]) == 0
    assert (tmp_path / "corpus.spacy").stat().st_size > 0
    lines = (tmp_path / "unaligned.jsonl").read_text("utf-8").splitlines()
    assert lines and all('"record"' in line for line in lines)


def test_entities_edited_in_spacy_come_back(seed_record, tmp_path):
    """A new entity is the editor's; a removed speaker is reported and the quote keeps none."""
    (doc,) = _through_disk([seed_record], tmp_path)
    speaker = next(q.speaker for q in seed_record.quotes if q.speaker)
    gone = next(e for e in seed_record.entities if e.id == speaker)
    kept = [s for s in doc.spans["entities"] if (s.start_char, s.end_char) != (gone.start,
                                                                                gone.end)]
    new = doc[0:1]
    new.label_ = "EVENT"
    doc.spans["entities"] = [*kept, new]
    back, problems = spacy_docbin.read(doc, seed_record, "x.spacy")
    added = next(e for e in back.entities if (e.start, e.label) == (new.start_char, "EVENT"))
    assert (added.origin, added.annotator) == ("gold", "spacy")
    assert all(e.id != gone.id for e in back.entities)
    assert problems and all(p.id == "import-unmapped" for p in problems)
    assert all(q.speaker != gone.id for q in back.quotes)


def test_an_article_with_an_emoji_and_nested_entities_comes_back(tmp_path):
    from tests.annotate.test_ud import EMOJI_ARTICLE

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "emoji.txt").write_text(EMOJI_ARTICLE, encoding="utf-8")
    (item,) = iter_inputs(tmp_path / "in")
    record = convert(item, "rules")
    assert len(levels(record.tokens, record.entities, labels("entity_label"))) > 1
    (doc,) = _through_disk([record], tmp_path)
    assert doc.text == record.text
    assert spacy_docbin.read(doc, record) == (record, [])
