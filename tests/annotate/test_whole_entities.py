from dataclasses import replace

from sahifa.annotate import whole_entities
from sahifa.record import Span
from sahifa.write.views import VIEWS


def _split(record, at: int):
    """The record with its second sentence cut in two at `at`."""
    first, second = record.sentences
    return replace(record, sentences=[first, Span(second.start, at), Span(at, second.end)])


def test_sentences_an_entity_runs_across_are_joined(minimal_record):
    cut = _split(minimal_record, 24)  # inside لافروف [21, 27)
    joined = whole_entities(cut)
    assert [(s.start, s.end) for s in joined.sentences] == [(0, 15), (16, 43)]
    assert whole_entities(minimal_record) is minimal_record


def test_the_ner_view_tags_an_entity_once_when_its_sentences_are_joined(minimal_record):
    rows = list(VIEWS["ner"].rows(whole_entities(_split(minimal_record, 24))))
    begins = [tag for row in rows for tag in row["ner_tags"]
              if VIEWS["ner"].features()["ner_tags"].feature.int2str(tag) == "B-PERS"]
    assert len(rows) == 2 and len(begins) == 2  # لافروف in each sentence, once each
