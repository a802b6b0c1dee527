"""A linear-chain CRF (trained by python-crfsuite) that tags the outermost entities of a text,
token by token, with the rule annotators' own labels among its features, so that what the rules
know they keep and what they miss (a name with no title before it) the model may find. Tagging
reads the model's weights as arrays (`crfsuite_model`) and gives crfsuite's own tags: a word's
features are looked up in the model once, not at every token.

Features of a token (FEATURES_VERSION): its lookup key (hamza forms, ى/ي, ة/ه, marks and tatweel
out), its form without proclitics (و ف ب ك ل، لل) and which proclitics it had, ال, prefixes and
suffixes of two and three letters, its shape (Arabic, Latin, digits, punctuation), the word lists
of the lexicons it is in, its word clusters (data/word-clusters.json.gz: learnt without labels
from SaudiNewsNet by scripts/word_clusters.py; the stem's where the word has none), the word,
stem, lists and clusters of the words two before and after, and the rules' IOB2 tags
of the outermost entity at the token and its neighbours and of the entity nested in it; for the
Wojood sample's sentences, a copy of each marked with its domain. A person
it names once is found at the article's other mentions of the name or its surname. Nested
entities are left to the rules: the CRF's outermost spans join the rules' mentions and the usual
reconciliation keeps the longer of two that cross.
"""

from __future__ import annotations

import gzip
import json
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import regex

from sahifa.annotate import iob
from sahifa.annotate.crfsuite_model import Blocks, Weights, decode
from sahifa.annotate.persons import with_other_mentions
from sahifa.annotate.text import (
    DOCUMENT_CACHE,
    WORD_CACHE,
    WORD_CHARACTERS,
    Mention,
    Word,
    Words,
    document,
    key,
    list_keys,
    load,
    readings,
)
from sahifa.schema import labels

NAME, VERSION = "crf", "12"
ANNOTATOR = f"{NAME}@{VERSION}"
FEATURES_VERSION = "5"
WOJOOD = "wojood"  # the domain of the Wojood sample's sentences (their own copy of each feature)
MODEL_FILE = "crf.model"
WINDOW = 2
NUMEX_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "UNIT",
                          "MONEY", "CURR"})  # their spans may end in a stopword: عام، يوم …
WHOLE_LABELS = NUMEX_LABELS | {"WEBSITE"}  # spans never cut at punctuation
SPAN_BREAKS = frozenset("،,؛;:«»“”\"()")  # no name goes on past one of these
FUNCTION_WORD_NAMES = frozenset({"علي"})  # the key of على and of the name علي
OUTSIDE_OFFICES = ("PERS", "DATE", "TIME")  # the rules' mentions an office stops before
PLACE_AND_BODY_LABELS = ("ORG", "GPE", "LOC", "FAC")  # names `_name_end` may cut
OFFICE_TIMES = frozenset({"اليوم", "امس", "غدا"})  # keys no office goes on past
TABLES = 4  # models and domains whose numbered words are kept (`_tables`)
SEARCHED_TEXT = 20_000  # characters: `_after_a_space` sorts the words of a longer text
CLUSTERS_FILE = "word-clusters.json.gz"  # scripts/word_clusters.py writes it
CLUSTER_LEVELS = (64, 512, 2048)  # a word's cluster at each level is a feature (c64=3 …)
CLUSTER_NAMES = tuple(f"c{n}" for n in CLUSTER_LEVELS)  # the features' and the file's keys
NEIGHBOUR = (b"w=", b"stem=", b"lex=", *(f"{name}=".encode() for name in CLUSTER_NAMES))  # what
# a word's features tell of its neighbours
_AFTER_A_SPACE = regex.compile(f"(?<= ){WORD_CHARACTERS}+")
TRAINING = {"c1": 0.05, "c2": 0.05, "max_iterations": 200,
            "feature.possible_transitions": True}


def model_path() -> Path:
    return Path(str(resources.files("sahifa.annotate").joinpath("data", MODEL_FILE)))


@cache
def model_weights(path: Path) -> Weights | None:
    """The model's weights, read once per process (None: no model there)."""
    return Weights.read(path) if path.is_file() else None


def available() -> bool:
    return model_weights(model_path()) is not None


def token_features(words: Words, rule_tags: Sequence[str],
                   inner_tags: Sequence[str] | None = None,
                   domain: str | None = None) -> list[list[str]]:
    """The features of each word of a sentence (strings, as training reads them); `inner_tags`:
    the rules' tags of the entities nested inside the outermost ones. A `domain` (text that is
    not news: the Wojood sample) adds a copy of every feature marked with it, so that the
    weights its data need apart from news go to the copies (Daumé's feature augmentation);
    news has the shared features only."""
    return [[f.decode() for f in token]
            for token in _encoded_features(words, rule_tags, inner_tags, domain)]


def _encoded_features(words: Words, rule_tags: Sequence[str],
                      inner_tags: Sequence[str] | None = None,
                      domain: str | None = None) -> list[tuple[bytes, ...]]:
    """`token_features` as UTF-8 bytes, what crfsuite reads (given str, it encodes every feature
    at every call), put together from tuples made once per word type and tag."""
    inner = inner_tags or [iob.OUTSIDE] * len(words)
    blocks = [_word_blocks(w.text, r, x) for w, r, x in zip(words, rule_tags, inner, strict=True)]
    sides = [_side_column(blocks, k, step, side) for k, (step, side) in enumerate(_SIDES, 1)]
    punctuation = [(_AFTER_PUNCTUATION,) if after else ()
                   for after in words.apart_from_previous()]
    out = [(*b[0], *left, *right, *left2, *right2, *p)  # _SIDES' order: -1, +1, -2, +2
           for b, left, right, left2, right2, p in zip(blocks, *sides, punctuation, strict=True)]
    if domain:
        out = [features + _marked(features, domain) for features in out]
    return out


def _marked(features: tuple[bytes, ...], domain: str) -> tuple[bytes, ...]:
    """A copy of `features` marked with their `domain` (wojood|w=…)."""
    marked = f"{domain}|".encode()
    return tuple(marked + f for f in features)


_SIDES = tuple((sign * d, f"{'-' if sign < 0 else '+'}{d}:")
               for d in range(1, WINDOW + 1) for sign in (-1, 1))  # (-1, "-1:"), (1, "+1:") …
_SIDE_MARKS = tuple(side.encode() for _, side in _SIDES)
_BIAS, _AFTER_PUNCTUATION = b"bias", b"after-punctuation"


def _side_column(blocks: list[tuple[tuple[bytes, ...], ...]], k: int, step: int,
                 side: str) -> list[tuple[bytes, ...]]:
    """For each word, what the word `step` away tells of itself (its block `k`; `side`: the
    mark of those features, "-1:" …), or that the sentence ends there."""
    told = [b[k] for b in blocks]
    edge = [(_feature(side, "edge"),)] * min(abs(step), len(told))
    return edge + told[:len(told) + step] if step < 0 else told[step:] + edge


def _word_blocks(word: str, rule_tag: str,
                 inner_tag: str) -> tuple[tuple[bytes, ...], ...]:
    """A word's own features with the rules' tags at it, then what it tells of itself to the
    word it is each of _SIDES of (its word, stem, lexicon and cluster features, and its rule
    tag, after the side's mark), put together from the word's cached features and its tags'
    (tagging keeps them as a table's attribute numbers, `_tables`)."""
    own, told = _parts(word, rule_tag, inner_tag)
    return (own, *(tuple([side + f for f in told]) for side in _SIDE_MARKS))


def _parts(word: str, rule_tag: str, inner_tag: str) -> tuple[tuple[bytes, ...], ...]:
    """A word's own features with its tags', and those it tells its neighbours, each without
    the side's mark: in both, the word's features, then the tags'."""
    own = _word_features(word)
    rule = _feature("rule=", rule_tag)
    return ((_BIAS, *own, rule, _feature("inner=", inner_tag)),
            (*(f for f in own if f.startswith(NEIGHBOUR)), rule))


@lru_cache(maxsize=TABLES)
def _tables(weights: Weights, domain: str | None) -> tuple[Blocks, Blocks]:
    """The blocks of the words tagged with `weights` (a word with its rules' tags: its own
    features, then what it tells each of _SIDES), and of the marks (no word each of _SIDES, and
    punctuation before), in each copy of the features (a `domain` adds one, marked with it), as
    the model's attribute numbers. What a word tells its neighbours is looked up once for all
    the sides (`Weights.prefixed`), with no side's mark put before it."""
    copies = (b"", f"{domain}|".encode()) if domain else (b"",)
    own = weights.prefixed(copies)
    told = weights.prefixed(tuple(c + side for c in copies for side in _SIDE_MARKS))
    words = Blocks(lambda item: _numbered_blocks(_parts(*item), own, told, len(copies)),
                   WORD_CACHE)
    marks = Blocks(lambda _: [weights.rows((c + f,)) for c in copies for f in (
        *(_feature(side, "edge") for _, side in _SIDES), _AFTER_PUNCTUATION)], 1)
    marks.number(None)
    return words, marks


def _numbered_blocks(parts: tuple[tuple[bytes, ...], ...], own: dict[bytes, tuple[int, ...]],
                     told: dict[bytes, tuple[int, ...]], copies: int) -> list[list[int]]:
    """The attribute numbers of a word's blocks in each copy: its own features, then what it
    tells each of _SIDES (`own`, `told`: `Weights.prefixed` of the copies' marks and of the
    copies' side marks)."""
    features, shared = parts
    found = [e for f in shared if (e := told.get(f))]
    blocks = []
    for c in range(copies):
        blocks.append([e[c] for f in features if (e := own.get(f)) and e[c] >= 0])
        for k in range(c * len(_SIDES), (c + 1) * len(_SIDES)):
            blocks.append([e[k] for e in found if e[k] >= 0])
    return blocks


@lru_cache(maxsize=WORD_CACHE)
def _word_features(word: str) -> tuple[bytes, ...]:
    k, found = key(word), list(readings(word))
    skip, stem = max(found, key=lambda r: r[0])
    stem_key = key(word[skip:]) if skip else k
    lists = _classes()
    classes = sorted({c for _, r in found for c in lists.get(r, ())})
    return tuple(f.encode() for f in (
        f"w={k}", f"stem={stem_key}", *(f"lex={c}" for c in classes),
        *_cluster_features(k, stem_key),
        f"clitics={word[:skip]}", f"al={stem.startswith('ال')}", f"p2={stem_key[:2]}",
        f"p3={stem_key[:3]}", f"s2={stem_key[-2:]}", f"s3={stem_key[-3:]}",
        f"shape={_shape(word)}", f"len={min(len(stem_key), 8)}"))


@lru_cache(maxsize=WORD_CACHE)
def _feature(prefix: str, value: str) -> bytes:
    """A feature of a tag or an edge (rule=B-PERS, -1:edge …), encoded once."""
    return (prefix + value).encode()


@cache
def _classes() -> dict[str, tuple[str, ...]]:
    """{word key: the word lists it is in}: given names, titles and roles, reporting verbs,
    organisation heads, places and nationalities (one-word entries of the lexicons)."""
    lex, gaz = load("lexicon"), load("gazetteer")
    lists = {
        "given": lex["given_names"], "honorific": lex["honorifics"] + lex["ranks"],
        "role": lex["role_nouns"] + lex["office_heads"], "said": lex["reporting_verbs"],
        "org-head": lex["organisation_heads"], "country": gaz["countries"],
        "city": gaz["cities"] + lex["extra_places"],
        "nationality": gaz["nationalities"] + lex["extra_nationalities"],
        "month": gaz["months"], "number": lex["numbers"],
    }
    found: dict[str, set[str]] = {}
    for name, words in lists.items():
        for word in words:
            if " " not in word:
                found.setdefault(key(word), set()).add(name)
    return {k: tuple(sorted(v)) for k, v in found.items()}


def _cluster_features(word_key: str, stem_key: str) -> list[str]:
    """The word's cluster at each level, or its stem's where the word has none."""
    clusters = _clusters()
    found = clusters.get(word_key) or clusters.get(stem_key)
    return [f"{name}={c}" for name, c in zip(CLUSTER_NAMES, found, strict=True)] if found else []


def cluster_file() -> Path:
    return Path(str(resources.files("sahifa.annotate").joinpath("data", CLUSTERS_FILE)))


def cluster_data() -> dict:
    """The word clusters' file as written (provenance, words, each level's cluster numbers)."""
    return json.loads(gzip.decompress(cluster_file().read_bytes()))


@cache
def _clusters() -> dict[str, tuple[int, ...]]:
    """{word key: its cluster at each of CLUSTER_LEVELS}."""
    found = cluster_data()
    return dict(zip(found["words"], zip(*(found[name] for name in CLUSTER_NAMES), strict=True),
                    strict=True))


def clustered_words() -> int:
    """How many words the cluster file gives clusters for."""
    return len(_clusters())


def _shape(word: str) -> str:
    if word.isdigit():
        return "digits"
    if word.isascii() and word.isalpha():
        return "latin"
    return "arabic" if word.isalpha() else "other"


def outermost_tags(words: Sequence[Word], mentions: Sequence[Mention]) -> list[str]:
    """IOB2 tags of the outermost mentions over `words` (a mention covers the words it
    overlaps)."""
    return level_tags(words, mentions)[0]


def level_tags(words: Sequence[Word], mentions: Sequence[Mention]) -> list[list[str]]:
    """IOB2 tags of the outermost mentions over `words`, then of the ones nested in them (a
    mention covers the words it overlaps)."""
    spans = iob.levels(words, mentions, labels("entity_label"))[:2]
    tags = [iob.encode(level, len(words)) for level in spans]
    return tags + [[iob.OUTSIDE] * len(words)] * (2 - len(tags))


def tag(text: str, paragraphs: list[tuple[int, int]], rules: Sequence[Mention],
        path: Path | None = None, domain: str | None = None) -> list[Mention]:
    """The CRF's outermost mentions in `text`, paragraph by paragraph; none without a model.
    `domain`: WOJOOD to tag with the Wojood sample's own weights too (the evaluation on its test
    split); news, and so every build, has none."""
    path = path or model_path()
    weights = model_weights(path)
    if weights is None:
        return []
    rules = sorted(rules, key=lambda m: m.start)
    starts = [m.start for m in rules]
    all_words = document(text, paragraphs).paragraphs
    inside = [[m for m in rules[bisect_left(starts, start):bisect_left(starts, end)]
               if m.end <= end] for start, end in paragraphs]
    tags, found, at = paragraph_tags(all_words, inside, weights, domain), [], 0
    for words, rules_inside in zip(all_words, inside, strict=True):
        found += spans_of(text, words, tags[at:at + len(words)], rules_inside)
        at += len(words)
    return with_other_mentions(text, all_words, found, ANNOTATOR)


def paragraph_tags(paragraphs: Sequence[Words],
                   rules: Sequence[Sequence[Mention]], weights: Weights,
                   domain: str | None = None) -> list[str]:
    """The model's tags of the words of `paragraphs` (`rules`: each one's rule mentions), one
    paragraph after another: the tags crfsuite's tagger gives their `token_features`, from the
    weights as arrays and each word's blocks of features found once (`_tables`)."""
    words_table, marks_table = _tables(weights, domain)
    words_table.begin()
    numbers, after = [], []
    for words, found in zip(paragraphs, rules, strict=True):
        numbers += words_table.numbered(zip((w.text for w in words), *level_tags(words, found),
                                            strict=True))
        after += words.apart_from_previous()
    labels = decode(weights, words_table, marks_table, numbers, list(map(len, paragraphs)),
                    after, [step for step, _ in _SIDES])
    return [weights.labels[i] for i in labels]


def spans_of(text: str, words: Sequence[Word], tags: Sequence[str],
             rules: Sequence[Mention] = ()) -> list[Mention]:
    """Mentions of IOB2 tags over words (`rules`: the rules' mentions, sorted by start), cut at
    punctuation (`_unpunctuated`), without a function word at the end of a name or of a piece
    cut off it (الجيش الأفغاني نحو، عدنان أو), a person's titles, على or a document noun at its
    front (الفريق المحرج → المحرج، تصريح سيرومولوتوف → سيرومولوتوف), a name the rules found at
    a date's front (عدن الشهر الماضي → الشهر الماضي), a plural nisba at a person's end
    (ريابكوف العسكريين → ريابكوف), the proclitics the guidelines leave out (بسورية → سورية,
    للرئيس → رئيس), an office cut as `_office_pieces` says and a place or body's name ended as
    `_name_end` says."""
    out = []
    for first, end, label in _unpunctuated(text, words, iob.decode(list(tags))):
        while label == "PERS" and end - first > 1 and (
                key(words[first].text) in _titles() or _not_a_name_start(words[first].text)):
            first += 1
        first, end, label = _unclosed(words, first, end, label)
        if label in NUMEX_LABELS:
            first = _past_names(words, first, end, rules)
        while label == "PERS" and end > first and _plural_nisba(words[end - 1].text):
            end -= 1  # العسكريين، ريابكوف العسكريين: a class of people, not a name
        if end == first:
            continue
        pieces = _office_pieces(words, first, end, rules) if label == "OCC" else [
            (first, _name_end(words, first, end, label, rules), label)]
        out += filter(None, (_mention(text, words, *_unclosed(words, *piece))
                             for piece in pieces))
    return out


def _past_names(words: Sequence[Word], first: int, end: int, rules: Sequence[Mention]) -> int:
    """Where a number's or date's span starts: past a name the rules found at its front (عدن
    الشهر الماضي → الشهر الماضي)."""
    front = next((m for m in rules if m.start == words[first].start and
                  m.label not in NUMEX_LABELS and m.end < words[end - 1].end), None)
    return first if front is None else next(
        j for j in range(first + 1, end) if words[j].start >= front.end)


def _unclosed(words: Sequence[Word], first: int, end: int,
              label: str) -> tuple[int, int, str]:
    """A piece of a span without the function words a cut left at its end (سفير خادم الحرمين
    الشريفين لدى | الأمير …)."""
    while label not in NUMEX_LABELS and end - first > 1 and \
            key(words[end - 1].text) in _closing_words():
        end -= 1
    return first, end, label


def _not_a_name_start(word: str) -> bool:
    """A word no name starts with: على spelt with ى (علي is the name), a document noun
    (تصريح سيرومولوتوف)."""
    k = key(word)
    return (k in FUNCTION_WORD_NAMES and word.endswith("ى")) or \
        k.removeprefix("ال") in list_keys("document_nouns")


def _plural_nisba(word: str) -> bool:
    """A definite plural of a relative adjective (العسكريين، السعوديون)."""
    k = key(word)
    return k.startswith("ال") and k.endswith(("يين", "يون"))


def _mention(text: str, words: Sequence[Word], first: int, end: int,
             label: str) -> Mention | None:
    start = words[first].start + _proclitic(text, words[first], label)
    return Mention(start, words[end - 1].end, label, ANNOTATOR) if start < words[
        end - 1].end else None


def _unpunctuated(text: str, words: Sequence[Word],
                  spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans cut where a comma, colon or quote mark stands between two of their words
    (عبدالمجيد السواط، عبدالله → two; مدرب اللياقة «جريجوريس → two): a list, not a name.
    Numbers, dates, times and web addresses are left whole (10:30، 1,000، https://…)."""
    out = []
    for first, end, label in spans:
        for j in range(first + 1, end if label not in WHOLE_LABELS else first):
            if SPAN_BREAKS.intersection(text[words[j - 1].end:words[j].start]):
                out.append((first, j, label))
                first = j
        out.append((first, end, label))
    return out


def _office_pieces(words: Sequence[Word], first: int, end: int,
                   rules: Sequence[Mention]) -> list[tuple[int, int, str]]:
    """An office the CRF found over words[first:end], as (first, end, label) pieces: an
    honorific is not tagged, and what follows it is a name (الدكتور مساعد العيبان → PERS
    مساعد العيبان); the office ends before the first person, date or time the rules found
    after its first word (مهاجم الفريق ماجد …، أمير المنطقة الشرقية اليوم), before a weekday,
    اليوم، أمس or غدا whether the rules found it or not, and before a given
    name, which with the words after it is the holder's name (مهاجم الفريق مختار فلاتة → OCC
    مهاجم الفريق + PERS مختار فلاتة): guidelines §4, PERS stays a separate span next to the
    OCC. Two offices joined by و are two (المدرب الخبير واللاعب العالمي)."""
    joined = next((j for j in range(first + 1, end) if words[j].text.startswith("و") and
                   key(words[j].text[1:]) in _office_starts()), None)
    if joined is not None:
        return _office_pieces(words, first, joined, rules) + _office_pieces(
            words, joined, end, rules)
    honoured = first
    while honoured < end and key(words[honoured].text) in _honorifics():
        honoured += 1
    if honoured > first:
        return [(honoured, end, "PERS")] if honoured < end and _name_word(words[honoured]) \
            else []
    inside = next((m for m in rules if m.label in OUTSIDE_OFFICES and
                   words[first].end <= m.start < words[end - 1].end), None)
    if inside is not None:
        return [(first, next(j for j in range(first + 1, end) if inside.start < words[j].end),
                 "OCC")]
    days = list_keys("days", "gazetteer")
    end = next((j for j in range(first + 1, end) if key(words[j].text) in days or
                key(words[j].text) in OFFICE_TIMES), end)
    named = next((j for j in range(first + 1, end - 1) if key(words[j].text) in _holders()), None)
    return [(first, end, "OCC")] if named is None else [(first, named, "OCC"),
                                                         (named, end, "PERS")]


def _name_end(words: Sequence[Word], first: int, end: int, label: str,
              rules: Sequence[Mention]) -> int:
    """Where a place's or organisation's name over words[first:end] ends: before a weekday
    (ووقع الهجوم الاثنين، مباراة الفريق السبت), and before a word with no ال and no ل after a
    definite nationality the rules found, which ends a definite noun phrase (اتهمت وزارة
    الخارجية البريطانية روسيا → وزارة الخارجية البريطانية; الاتحاد السعودي لكرة القدم goes on).
    An event keeps its day or year (صلاة الجمعة، حرب 1967), a person a month's name (فيليب
    أغسطس)."""
    if label not in PLACE_AND_BODY_LABELS:
        return end
    nationalities = {m.end for m in rules if m.label == "NORP"}
    days = list_keys("days", "gazetteer")
    return next((j for j in range(first + 1, end) if key(words[j].text) in days or (
        words[j - 1].end in nationalities and words[j - 1].text.startswith("ال")
        and not words[j].text.startswith(("ال", "ل")))), end)


def _proclitic(text: str, word: Word, label: str) -> int:
    """How many letters of a span's first word (of an entity labelled `label`) are a proclitic
    to leave out."""
    w = word.text
    if w.startswith("لل") and len(w) > 4:  # للرئيس → رئيس, but للاعب → لاعب, لليفربول → ليفربول
        return 1 if key(w[1:]) in _entity_starts() or _after_a_space(text, w[1:]) else 2
    if w[:1] in "وف" and w[1:2] in "بكل" and w[2:4] == "ال":
        return 2
    if w[:1] in "وفبكل" and w[1:3] == "ال" and len(w) > 4:
        return 1
    if w[:1] in "وف" and len(w) > 3 and key(w) not in _entity_starts() and \
            _after_a_space(text, w[1:]):
        return 1  # وموسكو, but not فيصل where يصل stands after a space
    for skip in (2, 1):  # وبطولة، لفرنسا، و21: a conjunction or preposition before a known start
        if _clitics(w[:skip]) and len(w) > skip and (w[skip].isdigit() or (
                key(w[skip:]) in _entity_starts() and key(w) not in _entity_starts())):
            return skip
    return 1 if label == "PERS" and _and_before_name(w) else 0


def _and_before_name(word: str) -> bool:
    """A person's name after و/ف (وفيليب لويس، وراضي شراحيلي): a name that is no listed given
    name in و (وليد) nor a transliteration in وي، وا، ول، وو (ويليام، وارن)."""
    return word[:1] in "وف" and len(word) > 3 and word[1] not in "يالو" and \
        key(word) not in _entity_starts()


def _clitics(letters: str) -> bool:
    """و، ف، ب، ك، ل, or و/ف and then ب، ك، ل."""
    return (len(letters) == 1 and letters in "وفبكل") or (
        len(letters) == 2 and letters[0] in "وف" and letters[1] in "بكل")


@cache
def _titles() -> frozenset[str]:
    """Keys of the one-word ranks, honorifics and titles that stand before a name and stay out
    of it (guidelines §4)."""
    lex = load("lexicon")
    titles = (*lex["ranks"], *lex["honorifics"],
              *(t for ts in lex["honorific_pronouns"].values() for t in ts))
    return frozenset(key(t) for t in titles if " " not in t)


@cache
def _honorifics() -> frozenset[str]:
    """Keys of the one-word honorifics (السيد، الدكتور، المهندس), which are not tagged."""
    return frozenset(key(h) for h in load("lexicon")["honorifics"] if " " not in h)


def _name_word(word: Word) -> bool:
    """A word a name may start with: no stopword (على), no proclitic before ال."""
    k = key(word.text)
    return k not in list_keys("stopwords") and not (k[:1] in "وفبكل" and k[1:3] == "ال")


@cache
def _closing_words() -> frozenset[str]:
    """Keys of the function words no name ends in (prepositions, particles, pronouns): all but
    على, whose key is the name علي's. Nouns of time are no function words: روسيا اليوم."""
    return list_keys("function_words") - FUNCTION_WORD_NAMES


@cache
def _office_starts() -> frozenset[str]:
    """Keys of the one-word office heads and role nouns (وزير، المدرب، اللاعب)."""
    lex = load("lexicon")
    return frozenset(key(w) for w in (*lex["office_heads"], *lex["role_nouns"]) if " " not in w)


@cache
def _holders() -> frozenset[str]:
    """Keys of the given names that start an office holder's name: the listed given names
    that are no office, role or rank word themselves (أمين، مساعد، نائب)."""
    lex = load("lexicon")
    offices = {key(w) for w in (*lex["office_heads"], *lex["role_nouns"], *lex["ranks"])}
    return frozenset(key(w) for w in lex["given_names"] if " " not in w) - offices


@cache
def _entity_starts() -> frozenset[str]:
    """Keys of words an entity starts with: given names, places, the heads of organisations,
    facilities, offices and roles, numbers and approximators (the one-word entries of the
    lexicons)."""
    lex, gaz = load("lexicon"), load("gazetteer")
    words = (*lex["given_names"], *gaz["countries"], *gaz["cities"], *lex["extra_places"],
             *lex["organisation_heads"], *lex["classifiers"], *lex["eponym_heads"],
             *lex["media_classifiers"], *lex["title_classifiers"], *lex["office_heads"],
             *lex["role_nouns"], *lex["numbers"], *lex["approximators"])
    return frozenset(key(w) for w in words if " " not in w)


def _after_a_space(text: str, letters: str) -> bool:
    """Whether `letters` (letters, marks or digits) follow a space somewhere in `text`: a word
    after a space begins with them. A text shorter than SEARCHED_TEXT (a news article, asked a
    few times) is searched; a longer one's words after spaces are sorted once and bisected."""
    if len(text) < SEARCHED_TEXT:
        return f" {letters}" in text
    spaced = _words_after_spaces(text)
    i = bisect_left(spaced, letters)
    return i < len(spaced) and spaced[i].startswith(letters)


@lru_cache(maxsize=DOCUMENT_CACHE)
def _words_after_spaces(text: str) -> list[str]:
    """The words of `text` that follow a space, sorted (looked up by bisection: a search of the
    text for each span would make a long article's conversion quadratic)."""
    return sorted(set(_AFTER_A_SPACE.findall(text)))
