"""GPE, NORP, LOC, ORG and LANGUAGE from gazetteers (CLDR and ISO 3166 names, nisba adjectives
derived from them, hand lists with their provenance) and patterns: organisation heads (وزارة
الدفاع الأميركية), a classifier before a name in guillemets (وكالة «انترفاكس»), a classifier
before a place (مدينتي الرقة وتدمر), a direction before a country (شرق سورية), a language after
اللغة. Classifier nouns stay out (guidelines §3.6); nested names are found on their own."""

from __future__ import annotations

from functools import cache

from sahifa.annotate.text import (
    Mention,
    Phrases,
    Words,
    document,
    follows,
    key,
    list_keys,
    load,
    readings,
    words_of,
)

NAME, VERSION = "names", "1"
ANNOTATOR = f"{NAME}@{VERSION}"
OPENERS = {"«": "»", "“": "”", '"': '"'}
MAX_MARKED_WORDS = 4


def _nationalities() -> set[str]:
    lex, gaz = load("lexicon"), load("gazetteer")
    nationalities = set(gaz["nationalities"]) | set(lex["extra_nationalities"])
    return nationalities - set(lex["nationality_blocklist"])


_PHRASES = {
    "ORG": Phrases(lambda: load("lexicon")["organisations"]),
    "LOC": Phrases(lambda: load("lexicon")["regions"]),
    "GPE": Phrases(lambda: load("gazetteer")["countries"] + load("gazetteer")["cities"]
                   + load("lexicon")["extra_places"]),
    "NORP": Phrases(_nationalities),
    "heads": Phrases(lambda: load("lexicon")["organisation_heads"]),
    "complements": Phrases(lambda: load("lexicon")["organisation_complements"]),
    "directions": Phrases(lambda: load("lexicon")["directions"]),
    "languages": Phrases(lambda: load("gazetteer")["languages"]),
    "classifiers": Phrases(lambda: load("lexicon")["classifiers"]),
    "media": Phrases(lambda: load("lexicon")["media_classifiers"]),
}


@cache
def _lexicon() -> dict:
    lex = load("lexicon")
    return {
        "stop": list_keys("stopwords"),
        "not_a_name_before": {key(k): {key(w) for w in v}
                              for k, v in lex["not_a_name_before"].items()},
        "office_words": {key(w) for w in lex["office_heads"] + ["وزارة", "وزارتا"]},
    }


def find(text: str, paragraphs: list[tuple[int, int]], found=()) -> list[Mention]:
    mentions: list[Mention] = []
    for words in document(text, paragraphs).paragraphs:
        for i in sorted(words.starts(*_PHRASES.values())):  # every name starts with a phrase
            mentions += _at(text, words, i)
    return mentions


def _at(text: str, words: Words, i: int) -> list[Mention]:
    """Every name that starts at words[i]; the longest of each kind."""
    out = []
    for label in ("ORG", "LOC", "GPE", "NORP"):
        hit = _PHRASES[label].match(words, i)
        if hit and not _false_friend(text, words, hit):
            out.append(Mention(hit[0], words[hit[1] - 1].end, label, ANNOTATOR))
    for pattern in (_organisation, _marked_name, _classified_places, _region, _language):
        out += pattern(text, words, i)
    return out


def _false_friend(text: str, words: Words, hit: tuple[int, int]) -> bool:
    """A name that the next word shows to be another word: مصر على is مُصِرّ على (insisting on),
    as in the seed's headline (guidelines §7)."""
    j = hit[1]
    after = _lexicon()["not_a_name_before"].get(key(text[hit[0]:words[j - 1].end]), ())
    return j < len(words) and key(words[j].text) in after


def _is(name: str, text: str, words: Words, i: int) -> tuple[int, int] | None:
    if i >= len(words) or (i and not follows(text, words, i)):
        return None
    return _PHRASES[name].match(words, i)


def _organisation(text, words, i):
    """A head (وزارة، مجلس، الجيش …) with its complements and nationality adjectives:
    وزارة الدفاع الأميركية، مجلس الأمن الدولي، الجيش العربي السوري."""
    head = _PHRASES["heads"].match(words, i)
    if not head:
        return []
    j, nationality = head[1], False
    while True:
        hit = _is("NORP", text, words, j) or _is("complements", text, words, j)
        if not hit:
            break
        nationality |= bool(_is("NORP", text, words, j))
        j = hit[1]
    bare = _PHRASES["complements"].match(words, i) is not None
    if j == head[1] or (bare and (not nationality or _after_office(words, i))):
        return []
    return [Mention(head[0], words[j - 1].end, "ORG", ANNOTATOR)]


def _after_office(words: Words, i: int) -> bool:
    """A bare portfolio (الخارجية الروسية) right after وزير or وزارة is part of that phrase."""
    return i > 0 and any(k in _lexicon()["office_words"] for _, k in readings(words[i - 1].text))


def _language(text, words, i):
    """A language after اللغة (باللغة العربية → العربية; the classifier stays out)."""
    if i == 0 or not any(k == key("اللغة") for _, k in readings(words[i - 1].text)):
        return []
    hit = _is("languages", text, words, i)
    return [Mention(hit[0], words[hit[1] - 1].end, "LANGUAGE", ANNOTATOR)] if hit else []


def _marked_name(text, words, i):
    """A classifier before a name in quote marks: وكالة «انترفاكس»، موقع «روسيا اليوم»
    (punctuation at the name's end stays out)."""
    if not _PHRASES["media"].match(words, i):
        return []
    after = words[i].end
    while after < len(text) and text[after] == " ":
        after += 1
    close = OPENERS.get(text[after:after + 1])
    end = text.find(close, after + 1) if close else -1
    inner = text[after + 1:end] if end > 0 else ""
    if not inner.strip() or "\n" in inner or len(inner.split()) > MAX_MARKED_WORDS:
        return []
    inside = words_of(text, after + 1, end)
    if not inside or inside[0].start != after + 1:
        return []
    return [Mention(after + 1, inside[-1].end, "ORG", ANNOTATOR)]


def _classified_places(text, words, i):
    """The place names after مدينة، محافظة، مدينتي …, two of them joined by و for a dual."""
    hit = _PHRASES["classifiers"].match(words, i)
    if not hit:
        return []
    out, j = [], hit[1]
    for joined in (False, True):
        if j >= len(words) or not follows(text, words, j):
            break
        word = words[j]
        skip = 1 if joined and word.text.startswith("و") else 0
        if joined and not skip:
            break
        if key(word.text[skip:]) in _lexicon()["stop"] or len(word.text) - skip < 3:
            break
        out.append(Mention(word.start + skip, word.end, "GPE", ANNOTATOR))
        j += 1
    return out


def _region(text, words, i):
    """A direction before a country or city: شرق سورية (LOC, the GPE nested)."""
    hit = _PHRASES["directions"].match(words, i)
    if not hit:
        return []
    place = _is("GPE", text, words, hit[1])
    if not place or place[0] != words[hit[1]].start:
        return []
    return [Mention(hit[0], words[place[1] - 1].end, "LOC", ANNOTATOR)]

