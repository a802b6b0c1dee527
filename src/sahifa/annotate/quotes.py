"""Quotations with attribution. Quote marks «» “” and "" are paired inside a paragraph (nested
pairs stay inside the outer quote; an opener left unclosed runs to the paragraph's end). Marks
around one or two words, or up to five after a classifier (وكالة «انترفاكس»، فيلم «…»), only
mark a name; so does a short closed quote with no reporting word in its sentence (a title).
The cue is the nearest reporting word before the quote in its sentence (else after it); the
speaker is the cue's named subject (none if the subject is a noun that names nobody); for a
pronoun or an elided subject, the previous quote's speaker in the paragraph, else the
sentence's subject, else the nearest person before it in this paragraph or the one before
(guidelines §6). A quotation without a cue takes only the previous quote's speaker."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from sahifa.annotate.text import Mention, Phrases, Word, key, load, readings, words_of
from sahifa.segment import sentences_of

NAME, VERSION = "quotes", "1"
ANNOTATOR = f"{NAME}@{VERSION}"
PAIRS = {"«": "»", "“": "”"}
STRAIGHT = '"'
NAME_MARK_WORDS = 2
CLASSIFIED_NAME_WORDS = 5
UNCUED_TITLE_WORDS = 6
SPEAKER_LABELS = ("PERS", "ORG", "GPE")


@dataclass(slots=True, frozen=True)
class FoundQuote:
    start: int
    end: int
    closed: bool
    cue: tuple[int, int] | None
    speaker: Mention | None
    annotator: str = ANNOTATOR


@cache
def _lexicon() -> dict:
    lex = load("lexicon")
    return {"cues": Phrases(lex["reporting_verbs"]),
            "classifiers": Phrases(lex["media_classifiers"] + lex["title_classifiers"]),
            "stop": {key(w) for w in lex["stopwords"]},
            "pronouns": {key(w) for w in lex["pronoun_subjects"]}}


def marked_spans(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of the outermost quote-mark pairs in text[start:end] (a paragraph),
    marks left out; an opener never closed runs to `end`."""
    spans, stack, opened = [], [], 0
    for i in range(start, end):
        ch = text[i]
        if stack and (ch == PAIRS.get(stack[-1]) or (ch == STRAIGHT and stack[-1] == STRAIGHT)):
            stack.pop()
            if not stack:
                spans.append((opened, i, True))
        elif ch in PAIRS or ch == STRAIGHT:
            if not stack:
                opened = i + 1
            stack.append(ch)
    if stack and opened < end:
        spans.append((opened, end, False))
    return spans


def is_name_mark(text: str, start: int, end: int, words: list[Word]) -> bool:
    """Marks around a name or a term, not a quotation: «البنتاغون»، موقع «روسيا اليوم»،
    فيلم «…» (up to five words after a classifier)."""
    n = len(text[start:end].split())
    if n <= NAME_MARK_WORDS:
        return True
    before = [w for w in words if w.end < start]
    return (n <= CLASSIFIED_NAME_WORDS and bool(before)
            and _lexicon()["classifiers"].match(before, len(before) - 1, text) is not None)


def find(text: str, paragraphs: list[tuple[int, int]], found=()) -> list[FoundQuote]:
    spans = []
    for start, end in paragraphs:
        words = words_of(text, start, end)
        for q in marked_spans(text, start, end):
            if q[1] > q[0] and not is_name_mark(text, q[0], q[1], words):
                spans.append((q, (start, end), words))
    inside = [(q[0], q[1]) for q, _, _ in spans]
    named = sorted((m for m in found if m.label in (*SPEAKER_LABELS, "OCC")
                    and not any(s <= m.start < e for s, e in inside)),
                   key=lambda m: (m.start, -m.end))
    out: list[FoundQuote] = []
    for (qs, qe, closed), paragraph, words in spans:
        sentence = _sentence(text, paragraph, qs, qe)
        cue = _cue(text, words, sentence, qs, qe, inside)
        if cue is None and closed and len(text[qs:qe].split()) <= UNCUED_TITLE_WORDS:
            continue
        previous = out[-1].speaker if out and out[-1].start >= paragraph[0] else None
        speaker = _speaker(text, words, named, cue, sentence, previous, qs) if cue else previous
        out.append(FoundQuote(qs, qe, closed, cue, speaker))
    return out


def _sentence(text, paragraph, qs, qe) -> tuple[int, int]:
    """The sentence around the quote: from the start of the one holding its first character to
    the end of the one holding its last."""
    sentences = sentences_of(text, *paragraph) or []
    first = next((s for s in sentences if s.start <= qs - 1 < s.end), None)
    last = next((s for s in sentences if s.start < qe + 1 <= s.end), None)
    return (first.start if first else paragraph[0]), (last.end if last else paragraph[1])


def _cue(text, words, sentence, qs, qe, inside):
    """The reporting word nearest before the quote in its sentence, else the first after it;
    words inside quotes do not count."""
    cues = _lexicon()["cues"]
    outside = [i for i, w in enumerate(words)
               if sentence[0] <= w.start and w.end <= sentence[1]
               and not any(s <= w.start < e for s, e in inside)]
    before = [i for i in outside if words[i].end <= qs]
    after = [i for i in outside if words[i].start >= qe]
    for i in [*reversed(before), *after]:
        hit = cues.match(words, i, text)
        if hit:
            return hit[0], words[hit[1] - 1].end
    return None


def _speaker(text, words, named, cue, sentence, previous, qs):
    """The cue's named subject; none when its subject is a noun that names nobody (وقال
    المصدر); else, for a pronoun or elided subject, the previous speaker in the paragraph, the
    sentence's subject, or the nearest person before in this paragraph or the one before."""
    subject = _subject_after(text, named, cue[1])
    if subject or _unnamed_subject(text, words, cue):
        return subject
    return previous or _subject_after(text, named, _first_word_end(words, sentence)) or \
        _nearest_person(named, cue[0], _paragraph_before(text, sentence[0]))


def _unnamed_subject(text, words, cue) -> bool:
    """A word right after the cue that is not a function word, a preposition's object or the
    verb's pronoun: the cue has a subject, and it is not a name."""
    after = next((i for i, w in enumerate(words) if w.start >= cue[1]), None)
    if after is None or text[cue[1]:words[after].start].strip():
        return False
    lex = _lexicon()
    word = words[after].text
    before = next((w for w in reversed(words) if w.end <= cue[0]), None)
    pronoun = before is not None and not text[before.end:cue[0]].strip() and \
        any(k in lex["pronouns"] for _, k in readings(before.text))
    preposition = any(skip and word[skip - 1] in "بلك" for skip, _ in readings(word))
    return not (pronoun or preposition or key(word) in lex["stop"])


def _paragraph_before(text: str, position: int) -> int:
    """Start of the paragraph before the one holding `position` (the text's start at most)."""
    start = text.rfind("\n", 0, position)
    return 0 if start < 0 else text.rfind("\n", 0, start) + 1


def _first_word_end(words, sentence) -> int | None:
    first = next((w for w in words if w.start >= sentence[0]), None)
    return first.end if first else None


def _subject_after(text, named, position) -> Mention | None:
    """The name right after `position` (white space between): a person after an office
    (وزير الخارجية الروسي سيرغي لافروف), or a person, organisation or country."""
    if position is None:
        return None
    here = _starting_at(text, named, position)
    if here and here.label == "OCC":
        return _starting_at(text, named, here.end)
    return here


def _starting_at(text, named, position) -> Mention | None:
    gap = len(text[position:]) - len(text[position:].lstrip(" "))
    if gap != 1:
        return None
    starts = [m.start for m in named]
    i = bisect_right(starts, position + gap - 1)
    return named[i] if i < len(named) and named[i].start == position + gap else None


def _nearest_person(named, position, earliest) -> Mention | None:
    return next((m for m in reversed(named)
                 if m.label == "PERS" and earliest <= m.start and m.end <= position), None)
