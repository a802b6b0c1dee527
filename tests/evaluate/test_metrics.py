import pytest

from sahifa.evaluate.metrics import ALL, QuoteSpan, iob2, iob_scores, quote_scores, span_scores

GOLD = [[("PERS", 0, 2), ("GPE", 3, 4)]]
PREDICTED = [[("PERS", 0, 2), ("GPE", 3, 5), ("ORG", 6, 7)]]
LABELS = ["PERS", "GPE", "ORG"]


def test_strict_counts_one_correct_one_incorrect_one_spurious():
    scores = span_scores(GOLD, PREDICTED, LABELS)[ALL]["strict"]
    assert (scores.gold, scores.predicted) == (2, 3)
    assert scores.precision == pytest.approx(1 / 3)
    assert scores.recall == pytest.approx(1 / 2)
    assert scores.f1 == pytest.approx(0.4)


def test_partial_and_type_give_overlap_its_credit():
    table = span_scores(GOLD, PREDICTED, LABELS)
    assert table[ALL]["partial"].precision == pytest.approx(1.5 / 3)
    assert table[ALL]["partial"].recall == pytest.approx(1.5 / 2)
    assert table[ALL]["ent_type"].recall == pytest.approx(1.0)
    assert table["GPE"]["strict"].f1 == 0
    assert table["GPE"]["partial"].f1 == pytest.approx(0.5)
    assert table["PERS"]["exact"].f1 == pytest.approx(1.0)


def test_exact_ignores_the_label():
    table = span_scores([[("ORG", 0, 2)]], [[("GPE", 0, 2)]], ["ORG", "GPE"])
    assert table[ALL]["exact"].f1 == pytest.approx(1.0)
    assert table[ALL]["strict"].f1 == 0


def test_iob2_keeps_the_outermost_span_of_a_label():
    assert iob2([("ORG", 0, 3), ("ORG", 1, 2), ("GPE", 1, 2)], 4, "ORG") == [
        "B-ORG", "I-ORG", "I-ORG", "O"]


def test_iob_scores_per_label_and_micro_average():
    table = iob_scores(GOLD, PREDICTED, [8], LABELS)
    assert table["PERS"].f1 == pytest.approx(1.0)
    assert table["GPE"].f1 == 0
    assert table[ALL].precision == pytest.approx(1 / 3)
    assert table[ALL].recall == pytest.approx(1 / 2)


def test_quote_scores_match_exact_spans_then_speakers_and_cues():
    gold = [[QuoteSpan(10, 20, (0, 3), (5, 8)), QuoteSpan(30, 40, (0, 3), None)]]
    predicted = [[QuoteSpan(10, 20, (0, 3), (5, 8)), QuoteSpan(30, 41, (0, 3), None),
                  QuoteSpan(50, 60, None, None)]]
    scores = quote_scores(gold, predicted)
    assert scores.matched == 1
    assert scores.span.precision == pytest.approx(1 / 3)
    assert scores.span.recall == pytest.approx(1 / 2)
    assert scores.speaker_accuracy == 1.0
    wrong_speaker = [[QuoteSpan(10, 20, (4, 6), (5, 8))]]
    assert quote_scores(gold, wrong_speaker).speaker_accuracy == 0.0
