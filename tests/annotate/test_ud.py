"""CoNLL-U export: the `conllu` package reads it back to the record's tokens (code-point ranges)
and entity levels, on the seed and on an article with an emoji and nested entities."""

from __future__ import annotations

import conllu
import pytest

from sahifa.annotate import iob, ud
from sahifa.cli import main
from sahifa.ingest.readers.plaintext import iter_inputs
from sahifa.pipeline import convert
from sahifa.record import Record
from sahifa.schema import labels
from tests.annotate.helpers import conll_tokens_and_levels
from tests.conftest import SEEDS

EMOJI_ARTICLE = ("أخبار\nوزير الخارجية الروسي يزور دمشق 😀\n\n"
                 "قال وزير الخارجية الروسي سيرغي لافروف 🇸🇾 إن موسكو مستعدة للحوار.\n")


def _record(folder) -> Record:
    (item,) = iter_inputs(folder)
    return convert(item, "rules")


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> list[Record]:
    folder = tmp_path_factory.mktemp("emoji")
    (folder / "emoji.txt").write_text(EMOJI_ARTICLE, encoding="utf-8")
    return [_record(SEEDS), _record(folder)]


def test_tokens_and_entity_levels_come_back(records):
    emoji = records[1]
    assert any(ord(c) > 0xFFFF for c in emoji.text)
    assert len(iob.levels(emoji.tokens, emoji.entities, labels("entity_label"))) > 1  # nested
    for record in records:
        (doc,) = ud.read(ud.write(record))
        assert doc.id == record.id
        assert doc.ranges == [(t.start, t.end) for t in record.tokens]
        forms = [t["form"] for s in conllu.parse(ud.write(record)) for t in s]
        assert forms == [record.text_of(t) for t in record.tokens]
        assert doc.spans == iob.levels(record.tokens, record.entities, labels("entity_label"))


def test_space_after_marks_tokens_with_nothing_after(records):
    text = ud.write(records[0])
    assert "TokenRange=0:1|SpaceAfter=No" in text  # «البنتاغون»: the guillemet is glued


def test_the_export_command_writes_one_file_a_record(built_seeds, tmp_path):
    assert main(["export", "conllu", "--input", str(built_seeds), "--output", str(tmp_path)]) == 0
    assert len(list(tmp_path.glob("*.conllu"))) == 57


def test_a_conllu_document_goes_back_onto_its_record_exactly(records):
    for record in records:
        (doc,) = ud.read(ud.write(record))
        assert ud.read_into(doc, record, "x.conllu") == (record, [])


def test_an_entity_tagged_in_conllu_is_the_editors(records):
    record = records[0]
    text = ud.write(record).replace("TokenRange=12:15\n", "TokenRange=12:15|NER=B-GPE\n", 1)
    (doc,) = ud.read(text)
    back, problems = ud.read_into(doc, record, "x.conllu")
    added = [e for e in back.entities if e.annotator == "conllu"]
    assert [(e.text, e.label, e.origin) for e in added] == [("مصر", "GPE", "gold")]
    assert problems == []


@pytest.mark.parametrize("nested", [False, True])
def test_conll_round_trips_the_emoji_article(records, nested):
    """CoNLL (flat and nested) on an article with an emoji: the tokens and, at token level, the
    outermost (flat) or every (nested) level of entities."""
    from sahifa.annotate import conll

    record = records[1]
    (doc,) = conll.read("".join(conll.write([record], nested)).splitlines(True), record.id)
    tokens, got = conll_tokens_and_levels(doc)
    assert tokens == [record.text_of(t) for t in record.tokens]
    expected = iob.levels(record.tokens, record.entities, labels("entity_label"))
    assert got == (expected if nested else expected[:1])
