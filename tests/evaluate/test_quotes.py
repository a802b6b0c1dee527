"""Quotation attribution scores, counted by hand on a tiny article."""

from __future__ import annotations

from sahifa.evaluate.quotes import QuoteEvaluation
from sahifa.record import Cue, Entity, Quote, Record, Source

TEXT = "قال جون كيري: «نعم». وقال كيري: «لا». ثم «هنا»."


def _record(quotes, entities) -> Record:
    return Record(id="a", source=Source("a.txt", "0" * 64, "plaintext"), text=TEXT,
                  publication="صحيفة", entities=entities, quotes=quotes)


def _span(text: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(text, after)
    return start, start + len(text)


def _entity(eid: str, text: str, after: int = 0) -> Entity:
    return Entity(eid, *_span(text, after), text, "PERS", "gold", "x")


def _quote(qid: str, text: str, speaker: str | None, cue: str | None, after: int = 0) -> Quote:
    cue_span = Cue("c" + qid, *_span(cue, after), cue) if cue else None
    return Quote(qid, *_span(text), text, speaker, cue_span, True, "gold", "x")


def test_found_speakers_cues_and_false_quotations_per_publication():
    full, short = _entity("e1", "جون كيري"), _entity("e2", "كيري", TEXT.index("وقال"))
    gold = _record([_quote("q1", "نعم", "e1", "قال"), _quote("q2", "لا", "e2", "قال", 15)],
                   [full, short])
    predicted = _record([_quote("p1", "نعم", "e1", "قال"), _quote("p2", "لا", "e9", None),
                         _quote("p3", "هنا", None, None)],
                        [full, Entity("e9", *_span("جون كيري"), "جون كيري", "PERS", "auto",
                                      "x")])
    evaluation = QuoteEvaluation("t")
    evaluation.add(gold, predicted)
    c = evaluation.by_publication["صحيفة"]
    assert (c.articles, c.gold, c.predicted, c.exact, c.overlapping, c.named) == (
        1, 2, 3, 2, 2, 2)
    # q1: the gold mention; q2: جون كيري for كيري, the right person by name only
    assert (c.speaker_exact, c.speaker_name) == (1, 2)
    assert (c.cues, c.cue_right, c.false) == (2, 1, 1)
    assert evaluation.errors == {"speaker: another mention of the right person": 1,
                                 "cue missing": 1, "false quotation": 1}
    assert set(evaluation.examples) == set(evaluation.errors)


def test_a_held_out_evaluation_keeps_no_examples():
    gold = _record([_quote("q1", "نعم", None, None)], [])
    evaluation = QuoteEvaluation("t", with_examples=False)
    evaluation.add(gold, _record([], []))
    assert evaluation.errors == {"missed quotation": 1} and evaluation.examples == {}
