from __future__ import annotations

from sahifa.segment import sentences_of, tokens_of


def _sentences(text):
    return [text[s.start:s.end] for s in sentences_of(text, 0, len(text))]


def _tokens(text):
    return [text[t.start:t.end] for t in tokens_of(text, 0, len(text))]


def test_sentences_end_at_full_stops_and_question_marks_not_commas_or_ellipses():
    text = "قال إنه في الأساس… يعمل هناك، وأضاف: «هل تعلم؟» نعم. انتهى"
    assert _sentences(text) == ["قال إنه في الأساس… يعمل هناك، وأضاف: «هل تعلم؟»",
                                "نعم.", "انتهى"]


def test_a_double_dot_ends_a_sentence():
    assert _sentences("مصر على رفضه.. وموسكو تجدد") == ["مصر على رفضه..", "وموسكو تجدد"]


def test_tokens_keep_clitics_and_split_punctuation():
    assert _tokens("وقال لافروف: «سنعمل»، وبالتالي") == [
        "وقال", "لافروف", ":", "«", "سنعمل", "»", "،", "وبالتالي"]


def test_numbers_keep_their_separators_in_both_digit_systems():
    assert _tokens("قبل 72 ساعة بنسبة 3.5% و٣٫٥ مليون") == [
        "قبل", "72", "ساعة", "بنسبة", "3.5", "%", "و٣٫٥", "مليون"]


def test_words_with_diacritics_are_one_token():
    assert _tokens("كَتَبَ الوَلَدُ") == ["كَتَبَ", "الوَلَدُ"]


def test_span_offsets_are_code_points_of_the_text():
    text = "😀 «موسكو» تجدد."
    assert [(t.start, t.end) for t in tokens_of(text, 0, len(text))] == [
        (0, 1), (2, 3), (3, 8), (8, 9), (10, 14), (14, 15)]
    assert [(s.start, s.end) for s in sentences_of(text, 0, len(text))] == [(0, 15)]
