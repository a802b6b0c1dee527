"""Offices and titles (OCC): a title (الرئيس), or a head with its portfolio or country
(وزير الخارجية، سفير روسيا), a deputy before it (نائب وزير …), a nationality adjective after it
(… الروسي) and a لل phrase (للشؤون السياسية); a spokesman of someone (المتحدث باسمه، المتحدث
باسم وزارة الخارجية الروسية). Names inside the office are left to the names annotator."""

from __future__ import annotations

from sahifa.annotate.text import Mention, Phrases, Words, document, follows, key, load

NAME, VERSION = "offices", "1"
ANNOTATOR = f"{NAME}@{VERSION}"


_PHRASES = {name: Phrases(lambda name=name: load("lexicon")[name]) for name in (
    "office_titles", "office_heads", "office_modifiers", "spokesman_heads", "portfolios")}


def find(text: str, paragraphs: list[tuple[int, int]], found=()) -> list[Mention]:
    names = {(m.start, m.label): m.end for m in found}
    out: list[Mention] = []
    for words in document(text, paragraphs).paragraphs:
        after = 0
        for i in sorted(words.starts(*_PHRASES.values())):  # every office starts with a phrase
            hit = _office(text, words, i, names) if i >= after else None
            if hit:
                begin, after = hit
                out.append(Mention(begin, words[after - 1].end, "OCC", ANNOTATOR))
    return out


def _adjacent(name: str, text: str, words: Words, j: int):
    if j >= len(words) or not follows(text, words, j):
        return None
    return _PHRASES[name].match(words, j)


def _name_at(text, words, j, names, labels) -> int | None:
    """Index after a name of one of `labels` that starts at words[j], or None."""
    if j >= len(words) or not follows(text, words, j):
        return None
    for label in labels:
        end = names.get((words[j].start, label))
        k = j
        while end is not None and k < len(words) and words[k].end < end:
            k += 1
        if k < len(words) and words[k].end == end:
            return k + 1
    return None


def _office(text, words, i, names):
    """(start offset, index after) of the office phrase at words[i], or None."""
    modifier = _PHRASES["office_modifiers"].match(words, i)
    j = modifier[1] if modifier else i
    begin = modifier[0] if modifier else None
    core = _core(text, words, j, names, first=modifier is None)
    if not core:
        return None
    start, j = core
    j = _name_at(text, words, j, names, ("NORP",)) or j
    if (j + 1 < len(words) and words[j].text.startswith("لل")
            and _adjacent("portfolios", text, words, j) is None
            and follows(text, words, j)
            and words[j + 1].text.startswith("ال")
            and follows(text, words, j + 1)):
        j += 2
    return (begin if begin is not None else start), j


def _core(text, words, j, names, first):
    if j >= len(words):
        return None
    spokesman = _PHRASES["spokesman_heads"].match(words, j) if first or j else None
    if spokesman:
        return _spokesman(text, words, spokesman, names)
    head = _PHRASES["office_heads"].match(words, j)
    if head:
        after = (_adjacent("portfolios", text, words, head[1])
                 or _name_hit(text, words, head[1], names, ("GPE", "ORG")))
        return (head[0], after[1]) if after else None
    title = _PHRASES["office_titles"].match(words, j)
    return title


def _name_hit(text, words, j, names, labels):
    end = _name_at(text, words, j, names, labels)
    return (words[j].start, end) if end else None


def _spokesman(text, words, hit, names):
    """المتحدث باسمه / باسم + an organisation or country."""
    j = hit[1]
    if j >= len(words) or not follows(text, words, j):
        return None
    word = key(words[j].text)
    if word in _PRONOUN_NAMES:
        return hit[0], j + 1
    if word == key("باسم"):
        end = _name_at(text, words, j + 1, names, ("ORG", "GPE"))
        return (hit[0], end) if end else None
    return None


_PRONOUN_NAMES = {key("باسم" + p) for p in ("ه", "ها", "هم", "هما")}
