"""Person names (PERS): the name-like words right after an office or an honorific (وزير
الخارجية الروسي سيرغي لافروف، السيد …، نظيره الأميركي توماس شينون) or from a common given name
on, two words at least (سعد العازمي), then every later mention of
a found name or of its last word (… سيرومولوتوف، كوك). A name word is not a function word, a
title or a word of the lexicons, and takes ال only after a connector (عبد الفتاح), after a
given name (خالد الفالح) or as a nisba surname (الحسيني); a name has four words at most
besides its connectors (بن، آل …); a given name inside a name already found starts none."""

from __future__ import annotations

from functools import cache

from sahifa.annotate.text import (
    Mention,
    PhraseAutomaton,
    Phrases,
    Word,
    Words,
    document,
    follows,
    key,
    load,
    readings,
)

NAME, VERSION = "persons", "3"
ANNOTATOR = f"{NAME}@{VERSION}"
MAX_NAME_WORDS = 4  # and the connectors between them: محمد بن سلمان بن عبدالعزيز آل سعود
MAX_NAME_TOKENS = 8
SON = frozenset({"بن", "ابن", "بنت"})  # keys
MIN_SURNAME_LETTERS = 3


_HONORIFICS = Phrases(lambda: load("lexicon")["honorifics"])
_NATIONALITIES = Phrases(lambda: load("gazetteer")["nationalities"]
                         + load("lexicon")["extra_nationalities"])


@cache
def _lexicon() -> dict:
    lex, gaz = load("lexicon"), load("gazetteer")
    known = set(lex["stopwords"]) | set(lex["office_heads"])
    known |= set(lex["office_modifiers"]) | set(lex["classifiers"]) | set(lex["media_classifiers"])
    known |= set(lex["title_classifiers"]) | set(lex["saying_nouns"]) | set(lex["role_nouns"])
    known |= set(lex["numbers"]) | set(gaz["months"]) | set(lex["organisation_heads"])
    known |= set(gaz["countries"]) | set(gaz["cities"]) | set(lex["extra_places"])
    known |= set(gaz["nationalities"]) | set(lex["extra_nationalities"]) | set(lex["honorifics"])
    known |= {title for titles in lex["honorific_pronouns"].values() for title in titles}
    return {
        "known": {key(w) for w in known if " " not in w},
        "verbs": {key(w) for w in lex["reporting_verbs"] if " " not in w},
        "connectors": {key(w) for w in lex["name_connectors"]},
        "ordinals": {key(w) for w in lex["ordinals"]},
        "given": {key(w) for w in lex["given_names"]},
    }


def find(text: str, paragraphs: list[tuple[int, int]], found=()) -> list[Mention]:
    offices = {m.end for m in found if m.label == "OCC"}
    spans: list[tuple[int, int]] = []
    all_words = document(text, paragraphs).paragraphs
    for words in all_words:
        named_to = 0  # where the last name found ends: a given name inside it starts none
        for i in _name_cues(words, offices):
            word = words[i]
            if word.start < named_to:
                continue
            if word.end in offices or _honorific_ends(text, words, i):
                name = name_after(text, words, i + 1)
                if name:
                    spans.append((words[i + 1].start, name))
                    named_to = name
            elif key(word.text) in _lexicon()["given"]:
                name = name_after(text, words, i)
                if name and len(text[word.start:name].split()) > 1:
                    spans.append((word.start, name))
                    named_to = name
    return propagate(text, all_words, spans)


def _name_cues(words: Words, offices: set[int]) -> list[int]:
    """In order, the words a name may follow or start at: an office's last word, an honorific's
    first word and the word after it (the last of a two-word honorific, or a nationality after
    one), a given name."""
    given = _lexicon()["given"]
    cues = {i for i, (word, k) in enumerate(zip(words, words.keys(), strict=True))
            if word.end in offices or k in given}
    honorifics = words.starts(_HONORIFICS)
    return sorted(cues | honorifics | {i + 1 for i in honorifics if i + 1 < len(words)})


def _honorific_ends(text: str, words: Words, i: int) -> bool:
    """words[i] ends an honorific, or a relational noun with its nationality (نظيره الأميركي)."""
    for j in (i, i - 1):
        hit = _HONORIFICS.match(words, j) if j >= 0 else None
        if hit and hit[1] == i + 1:
            return True
        if hit and hit[1] == i and _NATIONALITIES.match(words, i):
            return True
    return False


def _is_name_word(word: str, previous: str | None) -> bool:
    """A word of a name, given the name's word before it (None for the first word): no
    function or lexicon word; ال only after أبو، عبد … or as a nisba surname (الحسيني); و only
    at the start."""
    lex = _lexicon()
    k = key(word)
    if k == "علي" and previous is not None and key(previous) in SON:
        return True  # بن علي: the name, not على
    if (not word.isalpha() or "ـ" in word or len(word) < 2 or word.endswith(("ً", "اً"))
            or any(r in lex["known"] for _, r in readings(word))
            or any(r in lex["verbs"] for skip, r in readings(word) if skip <= _conjunction(word))):
        return False
    if (previous is not None and word.startswith("و")) or any(
            skip and r.startswith("ال") for skip, r in readings(word)):
        return False
    if not word.startswith("ال"):
        return True
    if previous is None or k in lex["ordinals"]:
        return False
    return key(previous) in lex["connectors"] or k.endswith("ي") or (
        key(previous) in lex["given"] and not word.endswith("ة"))  # العامة is an adjective


def _conjunction(word: str) -> int:
    """How many letters of `word` a conjunction (و، ف) takes: a verb takes no preposition, so
    كيري is no ك + يرى."""
    return 1 if word[:1] in "وف" and len(word) > 3 else 0


def name_after(text: str, words: list[Word], i: int, adjacent: bool = True) -> int | None:
    """End offset of the name at words[i:], or None; a name does not end on أبو، عبد …; with
    `adjacent`, words[i] must follow the word before it with white space only. Up to
    MAX_NAME_WORDS words besides the connectors between them (محمد بن سلمان بن عبدالعزيز آل
    سعود); nothing follows a family name in ال, and past بن and the father's name only a family
    name in ال or a given name (ياسر القحطاني أداء، محمد بن سلمان يحضر are cut before their
    last word)."""
    j, named, connectors = i, 0, _lexicon()["connectors"]
    while (j < len(words) and j - i < MAX_NAME_TOKENS
           and _is_name_word(words[j].text, words[j - 1].text if j > i else None)
           and ((j == i and not adjacent) or follows(text, words, j))):
        connector = key(words[j].text) in connectors
        if not connector and (named == MAX_NAME_WORDS or (
                named and not _may_follow(words, i, j, named))):
            break
        named += not connector
        j += 1
    while j > i and key(words[j - 1].text) in connectors:
        j -= 1
    return words[j - 1].end if j > i else None


def _may_follow(words: list[Word], i: int, j: int, named: int) -> bool:
    """Whether words[j], not a connector, may go on the name words[i:j] (`named` of them not
    connectors): right after a connector, anything; after a family name in ال, nothing; past
    بن and the father's name, or as a fourth name word, only a family name in ال or a given
    name (رجب طيب أردوغان اتفقا is cut before the verb)."""
    lex = _lexicon()
    previous, k = key(words[j - 1].text), key(words[j].text)
    if previous in lex["connectors"]:
        return True
    if previous.startswith("ال") and (j - 2 < i or key(words[j - 2].text) not in lex["connectors"]):
        return False  # ياسر القحطاني أداء; عبد الفتاح السيسي goes on
    son = any(key(w.text) in SON for w in words[i:j])
    return not (son or named >= 3) or k.startswith("ال") or k in lex["given"]


def propagate(text: str, all_words: list[Words], spans, annotator: str = ANNOTATOR):
    """The found names, and every other mention of a full name or of its last word (the
    names in an automaton of their own, the article's), looked up where the automaton found
    one starting."""
    names = {tuple(key(w) for w in text[s:e].split()) for s, e in spans}
    names |= {n[-1:] for n in names if len(n[-1]) >= MIN_SURNAME_LETTERS}
    if not names:
        return []
    automaton = PhraseAutomaton([[" ".join(n) for n in names]])
    out = []
    for words in all_words:
        found, after = automaton.scan(words)[0], 0  # after: where the last name found ends
        for start in found.between(words.offset, words.offset + len(words)):
            i = start - words.offset
            hit = words.phrase(found, i) if i >= after else None
            if hit:
                out.append(Mention(hit[0], words[hit[1] - 1].end, "PERS", annotator))
                after = hit[1]
    return out


def with_other_mentions(text: str, all_words: list[Words], found: list[Mention],
                        annotator: str) -> list[Mention]:
    """A tagger's mentions, and the other mentions in the article of the persons among them
    (their full name or surname elsewhere), made by the same annotator."""
    names = [(m.start, m.end) for m in found if m.label == "PERS"]
    spans = {(m.start, m.end) for m in found}
    return found + [m for m in propagate(text, all_words, names, annotator)
                    if (m.start, m.end) not in spans]
