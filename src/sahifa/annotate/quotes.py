"""Quotations with attribution. Quote marks «» “” and "" are paired inside a paragraph (nested
pairs stay inside the outer quote; an opener left unclosed runs to the paragraph's end). Marks
around one or two words, or around up to three after a classifier (وكالة «انترفاكس»), only mark
a name. The cue is the nearest reporting word before the quote in its sentence (else after it);
the speaker is the cue's explicit subject, else the previous quote's speaker in the paragraph,
else the sentence's subject, else the nearest preceding person (then organisation) outside
quotes (guidelines §6)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from sahifa.annotate.text import Mention, Phrases, Word, load, words_of
from sahifa.segment import sentences_of

NAME, VERSION = "quotes", "1"
ANNOTATOR = f"{NAME}@{VERSION}"
PAIRS = {"«": "»", "“": "”"}
STRAIGHT = '"'
NAME_MARK_WORDS = 2
CLASSIFIED_NAME_WORDS = 3
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
            "classifiers": Phrases(lex["media_classifiers"])}


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
    """Marks around a name or a term, not a quotation: «البنتاغون»، موقع «روسيا اليوم»."""
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
        previous = out[-1].speaker if out and out[-1].start >= paragraph[0] else None
        speaker = _speaker(text, words, named, cue, sentence, previous, qs)
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
    anchor = cue[0] if cue else qs
    return (_subject_after(text, named, cue[1]) if cue else None) or previous or \
        _subject_after(text, named, _first_word_end(words, sentence)) or \
        _nearest_before(named, anchor, "PERS") or _nearest_before(named, anchor, "ORG")


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


def _nearest_before(named, position, label) -> Mention | None:
    return next((m for m in reversed(named) if m.label == label and m.end <= position), None)
