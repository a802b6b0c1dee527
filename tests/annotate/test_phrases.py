"""The phrase automaton against a plain reading of what a phrase lookup means: at words[i], the
longest phrase whose first key is one of the word's readings and whose other words follow with
white space only between, of two as long the one of the earlier reading."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sahifa.annotate.text import PhraseAutomaton, document, key, readings, words_of

STEMS = ["الرئيس", "رئيس", "وزير", "الخارجية", "خارجية", "مصر", "سعد", "الأمن", "أمن", "لبنان",
         "الله", "علي", "عام", "العام", "كيري"]
PROCLITICS = ["", "", "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فك", "لل", "ولل"]
MARKS = ["", "", "َ", "ً"]  # a diacritic on the word's end: its key drops it
GAPS = [" ", " ", " ", "  ", "\n", "، ", ". ", " (", "»: «"]


def reference(phrases: set[tuple[str, ...]], words, i: int, text: str):
    """(start offset, index after) of the longest phrase at words[i], probing every length."""
    best = None
    for skip, first in readings(words[i].text):
        for n in range(len(words) - i, 0, -1):
            if best and n <= best[1] - i:
                break
            keys = (first, *(key(w.text) for w in words[i + 1:i + n]))
            apart = any(text[words[j - 1].end:words[j].start].strip() for j in range(i + 1, i + n))
            if keys in phrases and not apart:
                best = (words[i].start + skip, i + n)
                break
    return best


words_text = st.lists(
    st.tuples(st.sampled_from(PROCLITICS), st.sampled_from(STEMS), st.sampled_from(MARKS),
              st.sampled_from(GAPS)), min_size=1, max_size=14,
).map(lambda parts: "".join(p + s + m + g for p, s, m, g in parts))
phrase_lists = st.lists(
    st.lists(st.sampled_from(STEMS), min_size=1, max_size=3).map(" ".join), max_size=12)


@settings(max_examples=300, deadline=None)
@given(text=words_text, inventories=st.lists(phrase_lists, min_size=1, max_size=3))
def test_the_automaton_finds_at_every_word_what_probing_every_length_finds(text, inventories):
    automaton = PhraseAutomaton(inventories)
    words = words_of(text)
    found = automaton.scan(words)
    for inventory, hits in zip(inventories, found, strict=True):
        phrases = {tuple(key(w) for w in p.split()) for p in inventory}
        for i in range(len(words)):
            assert words.phrase(hits, i) == reference(phrases, words, i, text)


@settings(max_examples=200, deadline=None)
@given(text=words_text, phrases=phrase_lists, cut=st.tuples(st.integers(0, 14),
                                                             st.integers(0, 14)))
def test_a_part_sees_the_phrases_that_end_inside_it(text, phrases, cut):
    automaton = PhraseAutomaton([phrases])
    words = words_of(text)
    start, end = sorted(min(c, len(words)) for c in cut)
    part = words.part(start, end)
    plain = list(part)
    wanted = {tuple(key(w) for w in p.split()) for p in phrases}
    of_all, of_part = automaton.scan(words)[0], automaton.scan(part)[0]
    for i in range(len(part)):
        expected = reference(wanted, plain, i, text)
        assert part.phrase(of_all, i) == expected
        assert part.phrase(of_part, i) == expected


@settings(max_examples=200, deadline=None)
@given(text=words_text, cut=st.tuples(st.integers(0, 14), st.integers(0, 14)))
def test_a_part_knows_which_of_its_words_follow_more_than_white_space(text, cut):
    words = words_of(text)
    start, end = sorted(min(c, len(words)) for c in cut)
    part = words.part(start, end)
    assert part.apart_from_previous() == [
        bool(i and text[part[i - 1].end:part[i].start].strip()) for i in range(len(part))]


def test_proclitics_stay_out_of_the_span_and_punctuation_ends_a_phrase():
    text = "وللرئيس المصري كلمة، ووزير الخارجية. الخارجية"
    words = words_of(text)
    hits = PhraseAutomaton([["الرئيس المصري", "وزير الخارجية", "وزير"]]).scan(words)[0]
    assert words.phrase(hits, 0) == (text.index("رئيس"), 2)  # لل + رئيس: the span after لل
    assert words.phrase(hits, 3) == (text.index("وزير"), 5)  # و is left out
    assert words.phrase(hits, 5) is None


def test_a_document_shares_the_texts_words_with_its_paragraphs_unless_a_word_is_cut():
    text = "قال وزير الخارجية\nإن مصر\nكلمة"
    paragraphs = [(0, 17), (18, 24), (25, 27)]  # the last one cuts كلمة
    doc = document(text, paragraphs)
    for (start, end), words in zip(paragraphs, doc.paragraphs, strict=True):
        assert list(words) == list(words_of(text, start, end))
    assert doc.paragraphs[0].base is doc.words and doc.paragraphs[1].base is doc.words
    assert doc.paragraphs[2].base is doc.paragraphs[2]
    assert document(text, paragraphs) is doc  # the annotators of one text share it
