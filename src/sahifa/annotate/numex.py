"""Time and number expressions: DATE, TIME, CARDINAL, ORDINAL, PERCENT, MONEY (with CURR) and
QUANTITY (with UNIT), in words and in digits (Western and Arabic-Indic), Gregorian and Hijri
months, relative dates. The preposition before an expression stays out; an approximator before a
duration stays in (guidelines §4 DATE)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cache, lru_cache

import regex

from sahifa.annotate.text import (
    WORD_CACHE,
    Mention,
    Phrases,
    Words,
    document,
    follows,
    key,
    load,
    readings,
)

NAME, VERSION = "numex", "2"
ANNOTATOR = f"{NAME}@{VERSION}"

_DIGITS = regex.compile(r"^\p{Nd}+(?:[.,٫٬]\p{Nd}+)*$")
_YEAR = regex.compile(r"^(1[3-9]|20)\d\d$")
_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_YEAR_ERA = regex.compile(r"^\p{Nd}{3,4}(?:هـ|ه|م)$")
_NUMERIC_DATE = regex.compile(
    r"(?<![\p{Nd}/])\p{Nd}{1,2} ?[/.-] ?\p{Nd}{1,2} ?[/.-] ?\p{Nd}{4}(?![\p{Nd}/])")
_BRACKETED = regex.compile(r" ?\)")
_DEMONSTRATIVES = ("هذه", "هذا", "تلك", "ذلك")
_PERCENT_SIGN = regex.compile(r"\s*[%٪]")


def _months() -> set[str]:
    return set(load("gazetteer")["months"]) | set(load("lexicon")["hijri_months"])


_PHRASES = {
    **{name: Phrases(lambda name=name: load("lexicon")[name])
       for name in ("relative_dates", "percent_words", "units", "time_units", "date_units",
                    "ordinals", "approximators", "year_words", "period_words")},
    "months": Phrases(_months),
    "sure_months": Phrases(lambda: _months() - set(load("lexicon")["ambiguous_months"])),
    "currencies": Phrases(lambda: set(load("lexicon")["currency_words"])
                          | set(load("gazetteer")["currencies"])),
    "nationalities": Phrases(lambda: load("gazetteer")["nationalities"]
                             + load("lexicon")["extra_nationalities"]),
    "days": Phrases(lambda: load("gazetteer")["days"]
                    + ["يوم " + d for d in load("gazetteer")["days"]]),
}


@cache
def _lexicon() -> dict:
    lex = load("lexicon")
    return {
        "numbers": {key(w) for w in lex["numbers"]},
        "alone_blocked": {key(w) for w in lex["number_words_alone_blocklist"]},
        "ordinal_blocked": {key(w) for w in lex["ordinal_blocklist"]},
        "dual": {key(w) for w in lex["dual_date_units"]},
        "plural": {key(w) for w in lex["plural_date_units"]},
        "time_plural": {key(w) for w in lex["time_units"]},
        "preps": {key(w) for w in lex["temporal_prepositions"]},
        "identifiers": {key(w) for w in lex["identifier_heads"]},
        "era": set(lex["era_suffixes"]),
        "year_context": {key(w) for w in lex["year_words"] + lex["temporal_prepositions"]}
        | {key("في"), key("حتى")},
    }


def find(text: str, paragraphs: list[tuple[int, int]], found=()) -> list[Mention]:
    found: list[Mention] = []
    for words in document(text, paragraphs).paragraphs:
        found += _paragraph(text, words)
    return found


def _paragraph(text: str, words: Words) -> list[Mention]:
    found = _numeric_dates(text, words)
    starts = [w.start for w in words]
    taken = {i for m in found
             for i in range(bisect_left(starts, m.start), bisect_left(starts, m.end))}
    after = 0
    for i in _expression_starts(words):
        if i < after or i in taken:
            continue
        for matcher in (_relative, _month, _expression, _duration_word, _ordinal):
            hit = matcher(text, words, i)
            if hit:
                mentions, after = hit
                found += mentions
                break
    return found


def _expression_starts(words: Words) -> list[int]:
    """In order, the words an expression may start at: a phrase of the inventories the
    matchers begin with, or a word that begins one by itself (a number, شهر, a duration)."""
    starts = words.starts(*(_PHRASES[name] for name in (
        "period_words", "relative_dates", "days", "months", "approximators", "ordinals")))
    return sorted(starts | {i for i, word in enumerate(words) if _starts_alone(word.text)})


@lru_cache(maxsize=WORD_CACHE)
def _starts_alone(word: str) -> bool:
    lex, k = _lexicon(), key(word)
    return (_number_reading(word, lex["numbers"], first=True) is not None
            or bool(_YEAR_ERA.match(word)) or k == key("شهر")
            or k in lex["dual"] or k in lex["time_plural"] or k in lex["plural"])


def _numeric_dates(text: str, words: Words) -> list[Mention]:
    """Dates in digits (28/2/1945, 28 / 2 / 1945), with a month name before them in brackets
    (شباط ( 28 / 2 / 1945 ))."""
    if not words:
        return []
    found = []
    ends = [w.end for w in words]
    for match in _NUMERIC_DATE.finditer(text, words[0].start, words[-1].end):
        start, end = match.span()
        before = bisect_right(ends, start)  # the words before the date
        bracket = _BRACKETED.match(text, match.end())
        if before and bracket and text[words[before - 1].end:start].strip() == "(":
            month = _PHRASES["months"].match(words, before - 1)  # no phrase runs over "("
            if month:
                start, end = month[0], bracket.end()
        found.append(_m(start, end, "DATE"))
    return found


def _m(start: int, end: int, label: str) -> Mention:
    return Mention(start, end, label, ANNOTATOR)


def _phrase(name: str, text: str, words: Words, i: int):
    return _PHRASES[name].match(words, i) if i < len(words) else None


def _relative(text, words, i):
    """أول من أمس، الأسبوع الماضي، يوم الأحد، مطلع الشهر الماضي."""
    period = _phrase("period_words", text, words, i)
    if period:
        i = period[1]
    hit = _phrase("relative_dates", text, words, i) or _phrase("days", text, words, i)
    if not hit:
        return None
    begin = period[0] if period else hit[0]
    if key(text[hit[0]:words[hit[1] - 1].end]) == key("عشية"):
        return _eve(text, words, begin, hit[1])
    return [_m(begin, words[hit[1] - 1].end, "DATE")], hit[1]


def _eve(text, words, begin, i):
    """عشية + the definite noun phrase after it (هذه المباحثات، الانتخابات; three words at
    most): the eve of a recoverable day (guidelines §9)."""
    j = i
    while (j < len(words) and j - i < 3 and follows(text, words, j)
           and (words[j].text.startswith("ال") or words[j].text in _DEMONSTRATIVES)):
        j += 1
    if j == i:
        return None
    return [_m(begin, words[j - 1].end, "DATE")], j


def _month(text, words, i):
    """A month with its year (آذار 2016), or a month whose name is no other word (أيلول);
    شهر before it stays in."""
    start = i
    if key(words[i].text) == key("شهر"):
        i += 1
    hit = _phrase("months", text, words, i)
    if not hit or (start < i and hit[0] != words[i].start):
        return None
    mentions, j = _date(text, words, words[start].start if start < i else hit[0], hit[1])
    sure = _phrase("sure_months", text, words, i)
    if j == hit[1] and start == i and not sure:
        return None
    return mentions, j


def _number_run(text, words, i):
    """(start offset, index after) of consecutive number words or digits at words[i]."""
    lex = _lexicon()
    j, begin = i, None
    while j < len(words):
        if j > i and not follows(text, words, j):
            break
        skip = _number_reading(words[j].text, lex["numbers"], first=j == i)
        if skip is None:
            break
        begin = words[j].start + skip if begin is None else begin
        j += 1
    return (begin, j) if j > i else None


def _number_reading(word: str, numbers: set[str], first: bool) -> int | None:
    """Characters of proclitics before a number word or digits, or None: و joins number words
    (خمسة وعشرون), and a first word may carry و ف ب ل (و20)."""
    for skip, k in readings(word):
        rest = word[skip:]
        if (skip == 0 or first or word[0] == "و") and (k in numbers or _DIGITS.match(rest)):
            return skip
    if word[0] in "وفبل" and _DIGITS.match(word[1:]) and (first or word[0] == "و"):
        return 1
    return None


def _expression(text, words, i):
    """A number and what follows it: % or بالمئة, a currency, a unit, a time or date unit, a
    month; otherwise a cardinal (or a year, or nothing after an identifier head)."""
    approx = _phrase("approximators", text, words, i)
    run = _number_run(text, words, approx[1] if approx else i)
    if not run:
        return None
    begin, j = run
    last = words[j - 1]
    sign = _PERCENT_SIGN.match(text, last.end)
    if sign:
        return [_m(begin, sign.end(), "PERCENT")], j
    for name, label in (("percent_words", "PERCENT"), ("currencies", "MONEY"),
                        ("units", "QUANTITY"), ("time_units", "TIME"), ("date_units", "DATE")):
        hit = _adjacent_phrase(name, text, words, j)
        if hit:
            return _unit_expression(text, words, begin, approx, hit, label)
    month = _adjacent_phrase("months", text, words, j)
    if month:
        return _date(text, words, begin, month[1])
    return _bare_number(text, words, i, begin, j)


def _adjacent_phrase(name, text, words, j):
    if j >= len(words) or not follows(text, words, j):
        return None
    hit = _phrase(name, text, words, j)
    return hit if hit and hit[0] == words[j].start else None


def _unit_expression(text, words, begin, approx, hit, label):
    unit_start, j = hit
    unit_end = words[j - 1].end
    inner = []
    if label == "MONEY":
        nat = _adjacent_phrase("nationalities", text, words, j)
        if nat:
            j, unit_end = nat[1], words[nat[1] - 1].end
        inner = [_m(unit_start, unit_end, "CURR")]
    elif label == "QUANTITY":
        inner = [_m(unit_start, unit_end, "UNIT")]
    if approx and label in ("DATE", "TIME"):
        begin = approx[0]
    return [_m(begin, unit_end, label), *inner], j


def _date(text, words, begin, j):
    """A day and month, and the year after it if there is one."""
    end = words[j - 1].end
    year = _number_run(text, words, j) if j < len(words) else None
    if year and _is_year(words[year[1] - 1].text) and not text[end:words[j].start].strip():
        j = year[1]
        end = words[j - 1].end
        j, end = _era(text, words, j, end)
    return [_m(begin, end, "DATE")], j


def _era(text, words, j, end):
    """A year's era letter (2016م، 1437هـ), written apart or not."""
    if j < len(words) and words[j].text in _lexicon()["era"] and words[j].start - end <= 1:
        tail = words[j].end + (1 if text[words[j].end:words[j].end + 1] == "ـ" else 0)
        return j + 1, tail
    return j, end


def _is_year(word: str) -> bool:
    return bool(_YEAR.match(word.translate(_WESTERN)))


def _bare_number(text, words, i, begin, j):
    lex = _lexicon()
    adjacent = i > 0 and follows(text, words, i)  # not سنة. 2012
    previous = {k for _, k in readings(words[i - 1].text)} if adjacent else set()
    single = words[i:j]
    if previous & lex["identifiers"]:
        return [], j
    counted = _followed_by_word(text, words, j)
    if len(single) == 1 and _is_year(single[0].text) and (
            previous & lex["year_context"] or not counted):
        year_word = _phrase("year_words", text, words, i - 1) if adjacent else None
        start = year_word[0] if year_word and year_word[1] == i else begin
        j2, end = _era(text, words, j, single[0].end)
        return [_m(start, end, "DATE")], j2
    if not counted or (
            len(single) == 1 and key(single[0].text[begin - single[0].start:]) in
            lex["alone_blocked"]):
        return [], j
    return [_m(begin, words[j - 1].end, "CARDINAL")], j


def _followed_by_word(text: str, words: Words, j: int) -> bool:
    """A counted noun follows (50 دولة): a number standing alone is a list number, a page, a
    score, and is left out (precision first)."""
    return j < len(words) and follows(text, words, j) \
        and words[j].text[0].isalpha()


def _duration_word(text, words, i):
    """A dual duration (يومين، نحو أسبوعين), or a bare plural after a temporal preposition
    (قبل أيام → أيام)."""
    lex = _lexicon()
    if _YEAR_ERA.match(words[i].text):
        return [_m(words[i].start, words[i].end, "DATE")], i + 1
    approx = _phrase("approximators", text, words, i)
    w = approx[1] if approx else i
    if w >= len(words):
        return None
    k = key(words[w].text)
    label = "TIME" if k in lex["time_plural"] else "DATE"
    if k in lex["dual"] or (k in lex["time_plural"] and k.endswith("ين")):
        return [_m(approx[0] if approx else words[w].start, words[w].end, label)], w + 1
    previous = {k for _, k in readings(words[w - 1].text)} if w else set()
    if k in lex["plural"] and previous & lex["preps"]:
        return [_m(words[w].start, words[w].end, label)], w + 1
    return None


def _ordinal(text, words, i):
    hit = _phrase("ordinals", text, words, i)
    if not hit or key(text[hit[0]:words[hit[1] - 1].end]) in _lexicon()["ordinal_blocked"]:
        return None
    return [_m(hit[0], words[hit[1] - 1].end, "ORDINAL")], hit[1]
