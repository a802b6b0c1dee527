"""What every annotator shares: words with their offsets, lookup keys, proclitics, data files,
and the `Mention` an annotator finds.

Annotators work on a plain text and its paragraphs, not on a record, so the evaluation can run
them on CoNLL sentences as well as on articles.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Protocol

import regex

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_MARKS = regex.compile(r"[\p{Mn}\u0640]")
_KEY_TABLE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})

CONJUNCTIONS = "وف"
PREPOSITIONS = "بكل"

WORD_CACHE = 1 << 18  # words whose keys and readings are kept: bounded, for millions of articles


class EntityAnnotator(Protocol):
    """What every entity annotator module offers: the mentions of `text`, paragraph by
    paragraph, seeing what the annotators before it `found`."""

    NAME: str
    VERSION: str

    def find(self, text: str, paragraphs: list[tuple[int, int]],
             found: Sequence[Mention] = ()) -> list[Mention]: ...


@dataclass(slots=True, frozen=True)
class Mention:
    """An entity an annotator found: text [start, end) with a Wojood label."""

    start: int
    end: int
    label: str
    annotator: str


@dataclass(slots=True, frozen=True)
class Word:
    start: int
    end: int
    text: str


def follows(text: str, words: Sequence[Word], j: int) -> bool:
    """words[j] follows words[j - 1] with nothing but white space between."""
    return not text[words[j - 1].end:words[j].start].strip()


def words_of(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """Runs of letters, marks and digits in text[start:end], clitics attached."""
    end = len(text) if end is None else end
    return [Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]


@lru_cache(maxsize=WORD_CACHE)
def key(word: str) -> str:
    """A lookup key: no diacritics or tatweel, one alef, ى as ي, ة as ه."""
    return _MARKS.sub("", word).translate(_KEY_TABLE)


def readings(word: str) -> Iterator[tuple[int, str]]:
    """(characters of proclitics, key of the rest) for each way to read `word`, the word as it
    stands first: و/ف, then ب/ك/ل, come off; ل + ال written لل leaves the span after لل and the
    lookup with its ال (guidelines §3.1, §3.3)."""
    yield 0, key(word)
    skip = 1 if word[:1] in CONJUNCTIONS and len(word) > 3 else 0
    if skip:
        yield skip, key(word[skip:])
    rest = word[skip:]
    if rest.startswith("لل") and len(rest) > 3:
        yield skip + 2, key("ال" + rest[2:])
    elif rest[:1] in PREPOSITIONS and len(rest) > 3:
        yield skip + 1, key(rest[1:])


@cache
def load(name: str) -> dict:
    """A data file of the package (src/sahifa/annotate/data/NAME.json)."""
    data = resources.files("sahifa.annotate").joinpath(f"data/{name}.json")
    return json.loads(data.read_text("utf-8"))


class Phrases:
    """Multi-word phrases by their word keys, matched longest first at a word position; the
    first word may carry proclitics."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases: set[tuple[str, ...]] = set()
        lengths: dict[str, set[int]] = {}
        for phrase in phrases:
            keys = tuple(key(w) for w in phrase.split())
            self.phrases.add(keys)
            lengths.setdefault(keys[0], set()).add(len(keys))
        self.lengths = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}

    def match(self, words: list[Word], i: int, text: str) -> tuple[int, int] | None:
        """(start offset, index after the last word) of the longest phrase at words[i]."""
        best = None
        for skip, first in _readings(words[i].text):
            for n in self.lengths.get(first, ()):
                if best and n <= best[1] - i:
                    break
                if i + n > len(words) or not _adjacent(words[i:i + n], text):
                    continue
                if (first, *(key(w.text) for w in words[i + 1:i + n])) in self.phrases:
                    best = (words[i].start + skip, i + n)
                    break
        return best


@lru_cache(maxsize=WORD_CACHE)
def _readings(word: str) -> tuple[tuple[int, str], ...]:
    return tuple(readings(word))


def _adjacent(words: list[Word], text: str) -> bool:
    """Words separated by white space only (a phrase never runs over punctuation)."""
    return all(not text[a.end:b.start].strip() for a, b in itertools.pairwise(words))
