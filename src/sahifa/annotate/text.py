"""What every annotator shares: words with their offsets, lookup keys, proclitics, data files,
and the `Mention` an annotator finds.

Annotators work on a plain text and its paragraphs, not on a record, so the evaluation can run
them on CoNLL sentences as well as on articles.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import accumulate, pairwise
from operator import add
from typing import NamedTuple, Protocol

import ahocorasick
import regex

WORD_CHARACTERS = r"[\p{L}\p{M}\p{N}]"  # what a word is made of
_WORD = regex.compile(f"{WORD_CHARACTERS}+")
_MARKS = regex.compile(r"[\p{Mn}\u0640]")
_KEY_TABLE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})

CONJUNCTIONS = "وف"
PREPOSITIONS = "بكل"

WORD_CACHE = 1 << 18  # words whose keys and readings are kept: bounded, for millions of articles
DOCUMENT_CACHE = 2  # texts whose words are kept: the one being annotated
END, ADJACENT, APART = "\x1f", " ", "\n"  # in a ScanText: no key holds them


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


class Word(NamedTuple):
    """A word of a text: text[start:end]. A named tuple rather than a frozen dataclass: a text's
    words are made by the hundred thousand, and a tuple is made at about two thirds the cost."""

    start: int
    end: int
    text: str


def follows(text: str, words: Sequence[Word], j: int) -> bool:
    """words[j] follows words[j - 1] with nothing but white space between."""
    return not text[words[j - 1].end:words[j].start].strip()


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


@cache
def list_keys(name: str, data: str = "lexicon") -> frozenset[str]:
    """The lookup keys of a list of a data file (the lexicon, or the gazetteer), made once per
    process for every annotator."""
    return frozenset(key(w) for w in load(data)[name])


class Words(list[Word]):
    """Words of a text (a list of `Word`) that know their phrases: one pass of an automaton
    over their keys finds every phrase of every inventory at every word, and a lookup reads
    that pass (`phrase`). A `part` cut from them shares their pass: the phrases it sees are the
    ones that end inside it."""

    __slots__ = ("_found", "_scan_text", "base", "offset", "text")

    def __init__(self, text: str, words: Iterable[Word] = (), base: Words | None = None,
                 offset: int = 0) -> None:
        super().__init__(words)
        self.text, self.offset = text, offset
        self.base = base if base is not None else self
        self._scan_text: ScanText | None = None
        self._found: list[Hits] | None = None

    def part(self, start: int, end: int) -> Words:
        """self[start:end], sharing the automaton's pass."""
        return Words(self.text, self[start:end], self.base, self.offset + start)

    def scan_text(self) -> ScanText:
        """The keys of the base's words as the automata read them (made once)."""
        base = self.base
        if base._scan_text is None:
            base._scan_text = ScanText.of(base)
        return base._scan_text

    def apart_from_previous(self) -> list[bool]:
        """Whether more than white space stands before each word (never the first: what is
        before these words is not read)."""
        apart = self.scan_text().apart
        return [False, *apart[self.offset:self.offset + len(self) - 1]] if self else []

    def keys(self) -> list[str]:
        """The lookup key of each word."""
        return self.scan_text().keys[self.offset:self.offset + len(self)]

    def found(self) -> list[Hits]:
        """The hits of every declared inventory over the base (the process's automaton, one
        pass over all the base's words)."""
        base = self.base
        if base._found is None:
            base._found = automaton().scan(base)
        return base._found

    def phrase(self, hits: Hits, i: int) -> tuple[int, int] | None:
        """(start offset, index after the last word) of the best phrase of `hits` at self[i]
        that ends inside these words."""
        if not 0 <= i < len(self):
            raise IndexError(i)
        offset = self.offset
        for after, start in hits.at.get(i + offset, ()):
            if after - offset <= len(self):
                return start, after - offset
        return None

    def starts(self, *phrases: Phrases) -> set[int]:
        """The indices of the words where a phrase of one of `phrases` starts (one that runs
        past these words' end too): where a pattern that begins with one may match."""
        found, lo, hi = self.found(), self.offset, self.offset + len(self)
        return {i - lo for p in phrases for i in found[p.index].between(lo, hi)}


def words_of(text: str, start: int = 0, end: int | None = None) -> Words:
    """Runs of letters, marks and digits in text[start:end], clitics attached."""
    end = len(text) if end is None else end
    return Words(text, [Word(m.start(), m.end(), m.group())
                        for m in _WORD.finditer(text, start, end)])


@dataclass(slots=True, frozen=True)
class Document:
    """A text's words, all of them and each paragraph's, read once for every annotator."""

    words: Words
    paragraphs: list[Words]


def document(text: str, paragraphs: Iterable[tuple[int, int]]) -> Document:
    """The words of `text` and of its paragraphs; the annotators of one text share them (a
    small cache: the text being annotated)."""
    return _document(text, tuple((start, end) for start, end in paragraphs))


@lru_cache(maxsize=DOCUMENT_CACHE)
def _document(text: str, paragraphs: tuple[tuple[int, int], ...]) -> Document:
    words = words_of(text)
    starts = [w.start for w in words]
    return Document(words, [_paragraph_words(words, starts, start, end)
                            for start, end in paragraphs])


def _paragraph_words(words: Words, starts: list[int], start: int, end: int) -> Words:
    """The words of text[start:end]: a part of the text's words (sharing their pass) unless a
    word runs over the paragraph's edge, where the paragraph's own words cut it."""
    first, after = bisect_left(starts, start), bisect_left(starts, end)
    if (first == 0 or words[first - 1].end <= start) and (
            first == after or words[after - 1].end <= end):
        return words.part(first, after)
    return words_of(words.text, start, end)


Hit = tuple[int, int]  # (index after the phrase's last word, start offset)


@dataclass(slots=True, frozen=True)
class Hits:
    """An inventory's phrases over the words of a base: {word index: hits there, best first}."""

    at: dict[int, tuple[Hit, ...]]
    starts: list[int]  # the keys of `at`, in order

    def between(self, lo: int, hi: int) -> list[int]:
        """The word indices in [lo, hi) where a hit starts."""
        return self.starts[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]


_NO_HITS = Hits({}, [])  # an inventory's hits over words that hold none of its phrases


@dataclass(slots=True, frozen=True)
class ScanText:
    """Word keys as an automaton reads them: each key closed by END, then ADJACENT when the
    next word follows with white space only between, else APART."""

    text: str
    keys: list[str]  # each word's key
    starts: list[int]  # where each word's key starts in `text`, and the text's length
    word_ending_at: dict[int, int]  # position of a word's END in `text`: the word's index
    apart: list[bool]  # whether more than white space stands after each word (not the last)

    @classmethod
    def of(cls, words: Words) -> ScanText:
        """A list at a time (an article can have hundreds of thousands of words): the gap after
        each word is APART where it holds more than white space (see `follows`)."""
        keys = [key(w.text) for w in words]
        apart = [bool(words.text[a.end:b.start].strip()) for a, b in pairwise(words)]
        apart.append(False)
        closers = [END + APART if gap else END + ADJACENT for gap in apart]
        starts = list(accumulate((len(k) + 2 for k in keys), initial=0))
        ending = dict(zip(map(add, starts, map(len, keys)), range(len(keys)), strict=False))
        text = "".join(map(add, keys, closers))
        return cls(text, keys, starts, ending, apart)


class PhraseAutomaton:
    """Phrase inventories in one Aho-Corasick automaton (pyahocorasick) over `ScanText`: a
    phrase is its words' keys, each closed by END and joined by ADJACENT, so that a match ends
    at a word's end and never runs over punctuation. A match may start inside its first word,
    after proclitics: it counts where its first key is one of that word's `readings`, which also
    give the start offset. A first key in ال is also added as لل, the form it takes after ل."""

    def __init__(self, inventories: Sequence[Iterable[str]]) -> None:
        entries: dict[str, set[tuple[str, int, int]]] = {}
        for inventory, phrases in enumerate(inventories):
            for phrase in phrases:
                keys = [key(w) for w in phrase.split()]
                pattern = (END + ADJACENT).join(keys) + END
                entry = (keys[0], len(keys), inventory)
                entries.setdefault(pattern, set()).add(entry)
                if keys[0].startswith("ال"):
                    entries.setdefault("لل" + pattern[2:], set()).add(entry)
        self.size = len(inventories)
        self._automaton = ahocorasick.Automaton() if entries else None
        for pattern, found in sorted(entries.items()):
            self._automaton.add_word(pattern, tuple(sorted(found)))
        if self._automaton is not None:
            self._automaton.make_automaton()

    def scan(self, words: Words) -> list[Hits]:
        """For each inventory, the phrases inside `words`, by index in their base, best first
        (the longest phrase, of two as long the one of the earlier reading)."""
        base = words.base
        found: list[dict[int, list[tuple[int, int, int]]]] = [{} for _ in range(self.size)]
        if self._automaton is not None and words:
            scan_text = words.scan_text()
            keys = scan_text.keys
            start, stop = (scan_text.starts[words.offset],
                           scan_text.starts[words.offset + len(words)])
            # a slice: iter reads its whole string whatever the bounds it is given
            for end, entries in self._automaton.iter(scan_text.text[start:stop]):
                last = scan_text.word_ending_at[start + end]
                for first_key, length, inventory in entries:
                    i = last + 1 - length
                    reading = (0, 0) if keys[i] == first_key else _reading(base[i].text,
                                                                           first_key)
                    if reading is not None:
                        found[inventory].setdefault(i, []).append((-length, *reading))
        return [Hits({i: tuple((i - length, base[i].start + skip)
                           for length, _, skip in sorted(hits))
                      for i, hits in inventory.items()}, sorted(inventory))
                if inventory else _NO_HITS for inventory in found]


def _reading(word: str, first_key: str) -> tuple[int, int] | None:
    """(rank, characters of proclitics) of the first reading of `word` with `first_key` (the
    first is the word as it stands: rank 0, no proclitics, its key)."""
    for rank, (skip, k) in enumerate(_readings(word)):
        if k == first_key:
            return rank, skip
    return None


@lru_cache(maxsize=WORD_CACHE)
def _readings(word: str) -> tuple[tuple[int, str], ...]:
    return tuple(readings(word))


_INVENTORIES: list[Callable[[], Iterable[str]]] = []


class Phrases:
    """A phrase inventory: multi-word phrases by their word keys, matched longest first at a
    word, whose first word may carry proclitics. Every inventory is declared when its module is
    imported and joins the one automaton of the process (`automaton`), built at the first
    lookup; its phrases (`phrases()`) are read then."""

    def __init__(self, phrases: Callable[[], Iterable[str]]) -> None:
        if automaton.cache_info().currsize:
            raise RuntimeError("a phrase inventory is declared after the automaton was built")
        self.index = len(_INVENTORIES)
        _INVENTORIES.append(phrases)

    def match(self, words: Words, i: int) -> tuple[int, int] | None:
        """(start offset, index after the last word) of the longest phrase at words[i]."""
        return words.phrase(words.found()[self.index], i)


@cache
def automaton() -> PhraseAutomaton:
    """The automaton of every declared phrase inventory, built once per process."""
    return PhraseAutomaton([list(phrases()) for phrases in _INVENTORIES])
