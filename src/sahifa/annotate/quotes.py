"""Quotations with attribution (guidelines §6, §10).

Quotations: quote marks «» “” "" (and ” “ reversed, as some sites write them) are paired inside
a paragraph (three or more white-space characters in a row count as a paragraph break: scraped
pages lose theirs so); nested pairs stay inside the outer quote; an opener left unclosed runs to
the paragraph's end; white space inside the marks is left out. Marks around one or two words, up to
five after a classifier (وكالة «انترفاكس»، فيلم «…»), a short name right after a reporting word
(ذكرت «ذي دايلي مايل») or a list of short names only mark names; so does a short closed quote
with no reporting word in its sentence (a title).

Cue: the nearest reporting word before the quote in its sentence, else one right after it
(«…»، قال الوزير). A quote that opens a paragraph right after an unclosed one continues it.

Speaker: the cue's subject when the text names it right after the cue (past a nationality, an
office or a rank: قال القطري ناصر الخليفي، قال وزير الخارجية جون كيري، قال المتحدث … العقيد منصور
الدوسري); a name no entity annotator found is made a PERS mention here. An unnamed source gives
the entity inside its phrase (مصادر فلسطينية → فلسطينية) or nobody. An elided or pronoun subject
(وأضاف:، لكنه أوضح) or a role without a name (وقال المدير الفني) refers back: to the subject of
the last reporting verb before it in the article, else the previous quote's speaker, else the
nearest person before it; a bare organisation noun (وقالت الوزارة) to the nearest organisation.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from operator import attrgetter

from sahifa.annotate.persons import SON, name_after
from sahifa.annotate.text import (
    CONJUNCTIONS,
    Mention,
    Phrases,
    Word,
    Words,
    document,
    follows,
    key,
    list_keys,
    load,
    readings,
)
from sahifa.record import Span
from sahifa.segment import sentences_of

NAME, VERSION = "quotes", "10"
ANNOTATOR = f"{NAME}@{VERSION}"
PAIRS = {"«": "»", "“": "”"}
REVERSED = {"”": "“"}  # an opener only when its partner follows in the paragraph
# after a colon these open a quote (وقال:» نحن …، قال: ” …), closed by their partner or themselves
COLON_OPENERS = {"»": "«", "”": "“"}
STRAIGHT = '"'
NAME_MARK_WORDS = 2
CLASSIFIED_NAME_WORDS = 5
NAME_AFTER_CUE_WORDS = 4
UNCUED_TITLE_WORDS = 6
SHORT_CUE_REACH = 12  # a short quote's cue stands within this many words before it
COMPLEMENT_REACH = 15  # or further, when أن/إن stands within this many words before the quote
LIST_ITEM_WORDS = 3
ROLE_REACH_WORDS = 12
SOURCE_REACH_WORDS = 3
SPEAKER_LABELS = ("PERS", "ORG", "GPE")
SOURCE_LABELS = ("NORP",)  # the entity in an unnamed source's phrase: مسؤول تركي
SUBJECT_REACH_WORDS = 3
REPORTING_REACH_WORDS = 400
MENTION_CHARS = 200  # no mention is longer: the window a lookup by end searches
ORG_WORDS = 5
FUNCTION_WORD_NAMES = frozenset({"علي"})  # علي الحازمي: the name, not على misspelt
MAX_NAME_WORDS = 3
NISBA_LETTERS = 6  # ال and four letters: القبنجي، الدوسري; الغربي is an adjective as often
COMPOUND_ENDS = frozenset({"الدين", "الله", "الرحمن", "الرحيم", "العزيز"})  # keys: عبد الله …
HOLDER_REACH_CHARS = 3000  # how far back an office named alone looks for its holder
HONOURED_REACH_CHARS = 3000  # how far back an honorific pronoun's person is looked for
TITLE_CHARS, TITLE_WORDS = 60, 4  # the words before a name where its titles stand
SUBJECT_ENDS = frozenset({"ان", "بان"})  # إن، أن، بأن as keys
COMPLEMENTISERS = SUBJECT_ENDS | frozenset(  # أن/إن/بأن with a pronoun: reported speech follows
    f"{head}{suffix}" for head in ("ان", "بان")
    for suffix in ("ه", "ها", "هم", "هن", "هما", "ني", "نا"))
NEGATING_WORDS = frozenset({"عدم", "دون"})  # keys: فضل عدم ذكر اسمه، دون أن يذكر: nothing said
PREPOSITION_CUES = frozenset({"عبر"})  # keys: a cue only before عن (عبّر عن), else a preposition
RELAYING = frozenset({"نقل", "نقلت", "نقلا", "نقلوا"})  # keys: who relays, from whom
ON_BEHALF = frozenset({"نيابه", "بالنيابه"})  # keys: نقل … نيابة عن, on someone's behalf
ROLE_STOPS = frozenset({"يوم", "امس", "اليوم", "خلال", "اثناء", "هامش", "عقب", "بعد", "قبل",
                        "حيث", "عندما", "حين", "لدي", "امام",  # time and place: a new clause
                        "الاسبوع", "الشهر",  # وقال دادلي الأسبوع الماضي
                        "لم", "لن", "لا", "ما", "قد", "لقد"})  # a verb's particles: a new clause
DAY_PARTS = frozenset({"ظهر", "صباح", "مساء", "فجر", "عصر", "ليل", "ليله", "ظهيره"})
PREPOSITIONS_APART = frozenset({"في", "من", "عن", "علي", "الي", "مع"})  # keys: no name after
SAME = frozenset({"نفس", "ذات"})  # keys: وقال نفس المصدر, the source named before
KUNYA = "ابو"  # the key of أبو: أبو عباة is a name
KANA = frozenset({"كان", "وكان", "كانت", "وكانت"})
KANA_REACH_WORDS = 15
ISSUER_REACH = 3  # reporting words back to the organisation a document without issuer is by
ISSUED = frozenset({"صادر", "الصادر", "صادره", "الصادره"})  # keys: بيان صادر عن …
ISSUING = frozenset({"اصدره", "اصدرته", "اصدرها", "اصدرتها", "نشره", "نشرته", "نشرها",
                     "نشرتها"})  # keys: تقرير أصدرته المنظمة
RELATIVE_DAYS = frozenset({"اليوم", "امس"})  # keys: with the weekdays, when a document was issued
RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين"})
PRONOUN_SUFFIXES = ("ته", "تها", "تهم", "تنا", "ها", "هم", "هما", "نا", "كم")
PREPOSITION_PRONOUNS = frozenset({"له", "لها", "لهم", "لنا", "لي", "لك", "به", "بها", "بهم",
                                  "عنه", "عنها", "عنهم", "منه", "منها", "منهم", "عليه", "عليها",
                                  "عليهم", "اليه", "اليها", "اليهم"})
OUTLET_ASIDE = re.compile(r"[ \t]*لـ?[ \t]*[«“\"][^«»“”\"\n]{1,40}[»”\"][ \t]*[،,]?[ \t]*")
ATTRIBUTION_ASIDE = re.compile(  # وأضاف وفقاً لوكالة الأنباء الألمانية، أن: who passed it on
    r"[ \t]*(?:وفق|طبق|نقل)[اًٌ]*[ \t]+(?:ل|عن[ \t])[^،,.:؛\n«»“”\"]{1,60}[،,][ \t]*")
CUE_GLUE = " \t،,:؛"  # what may stand between a quote's closing mark and a cue after it
_start, _end = attrgetter("start"), attrgetter("end")
_NON_SPACE = re.compile(r"\S+")
_GLUED_SENTENCE_END = re.compile(r"[»”\"][.!?؟]+(?=[^\W\d_])")  # «…».وقال: no space after
_COLLAPSED_BREAK = re.compile(r"\s{3,}")  # where scraped text lost a paragraph break (سبق)
_QUOTE_MARKS = re.compile(  # every character marked_spans reads
    "[" + "".join(sorted({*PAIRS, *PAIRS.values(), *REVERSED, *REVERSED.values(), STRAIGHT}))
    + "]")


@dataclass(slots=True, frozen=True)
class FoundQuote:
    start: int
    end: int
    closed: bool
    cue: tuple[int, int] | None
    speaker: Mention | None
    annotator: str = ANNOTATOR


@dataclass(slots=True, frozen=True)
class Subject:
    """What a reporting word says of its subject: a mention, nobody (an unnamed source), or
    a reference back (`refers`: `person` for a pronoun, elision or role, `ORG` for a bare
    organisation noun, `source` for a definite source noun, `issuer` for a document whose
    issuer is not named). A role's OCC mention comes with its reference back: the speaker when
    it refers to nobody (guidelines §10: a person identified only by an office)."""

    mention: Mention | None = None
    refers: str | None = None


ELIDED = Subject(refers="person")


_CUES = Phrases(lambda: load("lexicon")["reporting_verbs"] + load("lexicon")["claim_verbs"])
_CLASSIFIERS = Phrases(lambda: load("lexicon")["media_classifiers"]
                       + load("lexicon")["title_classifiers"])
_MEDIA = Phrases(lambda: load("lexicon")["media_classifiers"])
_TITLES = Phrases(lambda: load("lexicon")["title_classifiers"])
_RANKS = Phrases(lambda: load("lexicon")["ranks"] + load("lexicon")["honorifics"])


@cache
def _lexicon() -> dict:
    lex, keys = load("lexicon"), list_keys
    return {"stop": keys("stopwords"), "pronouns": keys("pronoun_subjects"),
            "sources": keys("anonymous_sources"), "roles": keys("role_nouns"),
            "organisations": keys("organisation_nouns"),
            "heads": keys("office_heads") | keys("office_modifiers") | keys("spokesman_heads"),
            "known": keys("organisation_nouns") | keys("stopwords") | keys("reporting_verbs"),
            "saying": keys("saying_nouns"), "given": keys("given_names"),
            "eponym_heads": keys("eponym_heads"),
            "cue_words": keys("reporting_verbs") | keys("claim_verbs"),
            "openers": keys("partial_quote_openers"), "manner": keys("manner_words"),
            "documents": keys("document_nouns"), "initials": keys("latin_initials"),
            "days": keys("days", "gazetteer"),
            "issue_times": keys("days", "gazetteer") | RELATIVE_DAYS,  # بيان أصدرته أمس الوزارة
            "honorifics": {key(pronoun): frozenset(map(key, titles))
                           for pronoun, titles in lex["honorific_pronouns"].items()},
            "formulas": frozenset(" ".join(map(key, f.split()))
                                  for f in lex["religious_formulas"]),
            "said": keys("reporting_verbs") | keys("claim_verbs") | keys("saying_nouns"),
            "org_heads": frozenset(k for k in keys("organisation_heads") if not k.startswith("ال"))}


def marked_spans(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of the outermost quote-mark pairs in text[start:end] (a paragraph),
    marks and the white space inside them left out; an opener never closed runs to `end`."""
    marks = [m.start() for m in _QUOTE_MARKS.finditer(text, start, end)]
    straight = [i for i in marks if text[i] == STRAIGHT]
    last = {ch: text.rfind(partner, start, end) for ch, partner in REVERSED.items()}
    spans, stack, at, opened = [], [], [], 0  # at: where each mark on the stack stands
    for i in marks:
        ch = text[i]
        if stack and ch == STRAIGHT == stack[-1] and _opens_inside(text, i, straight):
            stack.append(ch)
            at.append(i)
        elif stack and (ch == _closer(stack[-1]) or _misused_closer(text, at[-1], i) or (
                stack[-1] == ch and ch in COLON_OPENERS)):
            stack.pop()
            at.pop()
            if not stack:
                spans.append(_trimmed(text, opened, i, True))
        elif ch in PAIRS or ch == STRAIGHT or (ch in REVERSED and last[ch] > i) or (
                not stack and ch in COLON_OPENERS and _after_colon(text, i)):
            if not stack:
                opened = i + 1
            stack.append(ch)
            at.append(i)
    if stack and opened < end:
        spans.append(_trimmed(text, opened, end, False))
    return [s for s in spans if s[1] > s[0]]


def _misused_closer(text: str, opener: int, i: int) -> bool:
    """A « at i that closes the « at `opener` (فريق «8 مارس « وقام …): white space after it, so
    it opens nothing, and a name's few words (NAME_MARK_WORDS) since that « opened."""
    return text[opener] == text[i] == "«" and text[i + 1:i + 2].isspace() and \
        len(text[opener + 1:i].split()) <= NAME_MARK_WORDS


def _leading_closer(text: str, start: int, end: int) -> int | None:
    """The closing mark that ends a paragraph's first words, when the paragraph opens inside
    the quote the one before left open (a quote over paragraphs, reopened without «): the
    first mark of the paragraph is » or a ” no “ follows."""
    first = _QUOTE_MARKS.search(text, start, end)
    if first is None or first.group() not in "»”" or (
            first.group() == "”" and text.find("“", first.end(), end) >= 0):
        return None
    return first.start()


def _opens_inside(text: str, i: int, straight: list[int]) -> bool:
    """A straight mark inside a straight quote that opens a nested one (صحيفة " سبق" بالشكر):
    white space before it, and two more straight marks in the paragraph (`straight`, their
    positions) to close both."""
    return text[i - 1].isspace() and len(straight) - bisect_right(straight, i) >= 2


def _closer(opener: str) -> str:
    return PAIRS.get(opener) or REVERSED.get(opener) or COLON_OPENERS.get(opener) or STRAIGHT


def _trimmed(text: str, start: int, end: int, closed: bool) -> tuple[int, int, bool]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, closed


def is_name_mark(text: str, start: int, end: int, words: Words) -> bool:
    """Marks around a name or a term, not a quotation: «البنتاغون»، موقع «روسيا اليوم»، فيلم
    «…» (up to five words after a classifier), ذكرت «ذي دايلي مايل» (a short name right after a
    reporting word), «نواف العابد، عبدالمجيد السواط، …» (a list of short names)."""
    inner = text[start:end]
    n = len(inner.split())
    last = bisect_left(words, start, key=_end) - 1  # the last word before the quote
    if _after_colon(text, start):
        return last >= 0 and _ends_at(_TITLES, words, last)  # وتحت عنوان: «…»
    if n <= NAME_MARK_WORDS:
        return True
    items = [item.split() for item in inner.replace("،", ",").split(",")]
    if len(items) >= 3 and all(0 < len(item) <= LIST_ITEM_WORDS for item in items):
        return True
    if last < 0:
        return False
    if n <= CLASSIFIED_NAME_WORDS and _ends_at(_CLASSIFIERS, words, last):
        return True
    return n <= NAME_AFTER_CUE_WORDS and _ends_at(_CUES, words, last)


def _after_colon(text: str, start: int) -> bool:
    """The quote's opening mark follows a colon: what comes is speech (قال: «نعم»)."""
    i = start
    while i > 0 and text[i - 1] in " «“\"”":
        i -= 1
    return i > 0 and text[i - 1] == ":"


def _ends_at(phrases: Phrases, words: Words, last: int) -> bool:
    """Whether a phrase of `phrases` ends with words[last]."""
    return any((hit := phrases.match(words, i)) and hit[1] == last + 1
               for i in range(max(0, last - 2), last + 1))


@dataclass(slots=True)
class _Article:
    """What the attribution of every quote of a text looks at."""

    text: str
    words: Words
    named: list[Mention]  # given: the entity annotators' mentions; kept: those outside quotes
    inside: list[tuple[int, int]]
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    named_starts: list[int] = field(default_factory=list)
    by_label: dict[str, tuple[list[int], list[Mention]]] = field(default_factory=dict)
    surnames: dict[str, int] = field(default_factory=dict)  # a PERS's last word: its first end
    quoted: list[tuple[int, int]] = field(default_factory=list)  # `inside`, merged, in order
    quoted_starts: list[int] = field(default_factory=list)
    sentences: dict[tuple[int, int], list[Span]] = field(default_factory=dict)  # by paragraph
    families: dict[str, int] | None = None  # family_names(), made when first asked

    def __post_init__(self) -> None:
        self.starts = [w.start for w in self.words]
        self.ends = [w.end for w in self.words]
        for start, end in sorted(self.inside):
            if self.quoted and start <= self.quoted[-1][1]:
                self.quoted[-1] = (self.quoted[-1][0], max(end, self.quoted[-1][1]))
            else:
                self.quoted.append((start, end))
        self.quoted_starts = [start for start, _ in self.quoted]
        named = sorted((m for m in self.named if m.label in (*SPEAKER_LABELS, "OCC", "NORP")
                        and not self.quoted_at(m.start)), key=lambda m: (m.start, -m.end))
        self.named, self.named_starts = [], []
        for mention in named:
            self._insert(mention)

    def add(self, mention: Mention) -> None:
        """A mention made for a speaker, which later quotes may refer back to (وقال العازمي)."""
        same_start = slice(bisect_left(self.named_starts, mention.start),
                           bisect_right(self.named_starts, mention.start))
        if mention not in self.named[same_start]:
            self._insert(mention)

    def _insert(self, mention: Mention) -> None:
        """`mention` after those that start where it starts or before, in every index."""
        for starts, mentions in (
                (self.named_starts, self.named),
                self.by_label.setdefault(mention.label, ([], []))):
            i = bisect_right(starts, mention.start)
            starts.insert(i, mention.start)
            mentions.insert(i, mention)
        if mention.label == "PERS":
            surname = key(self.text[mention.start:mention.end].split()[-1])
            self.surnames[surname] = min(mention.end, self.surnames.get(surname, mention.end))

    def family_names(self) -> dict[str, int]:
        """{key: index of its first word} of the words with ال that follow a given name: in ي
        after a word with no ال (جمال العلوجي), else after a listed given name or a compound's
        end (محمد العمرة، عبد الرحمن البنيان, not كتب الأطفال); made once per article (a scan
        for each reporting word would be quadratic)."""
        if self.families is None:
            self.families = {}
            for j in range(1, len(self.words)):
                k = key(self.words[j].text)
                if k.startswith("ال") and k not in self.families and _after_given_name(
                        self, j) and (k.endswith("ي") or _listed_given(self, j - 1)):
                    self.families[k] = j
        return self.families

    def nearest(self, position: int, earliest: int, label: str,
                where: Callable[[Mention], bool] = lambda _: True) -> Mention | None:
        """The last mention of `label` (in text order) inside [earliest, position] that is
        `where`."""
        starts, mentions = self.by_label.get(label, ([], []))
        for i in range(bisect_right(starts, position) - 1, bisect_left(starts, earliest) - 1,
                       -1):
            if mentions[i].end <= position and where(mentions[i]):
                return mentions[i]
        return None

    def sentence_spans(self, paragraph: tuple[int, int]) -> list[Span]:
        """The sentences of a paragraph (segmented once)."""
        if paragraph not in self.sentences:
            self.sentences[paragraph] = sentences_of(self.text, *paragraph) or []
        return self.sentences[paragraph]

    def outside(self, word: Word) -> bool:
        return not self.quoted_at(word.start)

    def quoted_at(self, position: int) -> bool:
        at = bisect_right(self.quoted_starts, position) - 1
        return at >= 0 and position < self.quoted[at][1]

    def ending_at(self, end: int) -> list[Mention]:
        """The mentions that end at `end` (a mention is shorter than MENTION_CHARS)."""
        lo = bisect_left(self.named_starts, end - MENTION_CHARS)
        return [m for m in self.named[lo:bisect_left(self.named_starts, end)] if m.end == end]

    def covering(self, position: int) -> list[Mention]:
        """The mentions that hold `position` strictly inside them."""
        lo = bisect_left(self.named_starts, position - MENTION_CHARS)
        return [m for m in self.named[lo:bisect_left(self.named_starts, position)]
                if position < m.end]


def find(text: str, paragraphs: list[tuple[int, int]], found=()) -> list[FoundQuote]:
    """The quotations of `text` with their cues and speakers; `found` are the mentions the
    entity annotators found (speakers are among them, or made here as PERS)."""
    all_words = document(text, paragraphs).words  # the entity annotators' words, scanned once
    paragraphs = _unpacked(text, paragraphs)  # the same words: only white space is cut out
    starts = [w.start for w in all_words]
    names = {(m.start, m.end): m.label for m in found if m.label in SPEAKER_LABELS}
    ends = {label: {end for (_, end), other in names.items() if other == label}
            for label in ("ORG", "GPE")}
    spans, short = [], []
    open_before = False  # the paragraph before ended inside an unclosed quote
    for start, end in paragraphs:
        words = all_words.part(bisect_left(starts, start), bisect_left(starts, end))
        marked = marked_spans(text, start, end)
        if open_before and (closer := _leading_closer(text, start, end)) is not None:
            marked.insert(0, _trimmed(text, start, closer, True))
        open_before = bool(marked) and not marked[-1][2]
        for q in marked:
            if not is_name_mark(text, q[0], q[1], words):
                if not _alias(text, q[0], q[1], names, ends) and \
                        not _formula(text[q[0]:q[1]]):
                    spans.append((q, (start, end), words))
            elif len(text[q[0]:q[1]].split()) == NAME_MARK_WORDS:
                short.append((q, (start, end), words))
    if short:
        article = _Article(text, all_words, list(found), [(q[0], q[1]) for q, _, _ in spans])
        spans = sorted(spans + [s for s in short if _partial_quote(article, *s)],
                       key=lambda s: s[0][0])
    article = _Article(text, all_words, list(found), [(q[0], q[1]) for q, _, _ in spans])
    out: list[FoundQuote] = []
    for (qs, qe, closed), paragraph, words in spans:
        found_quote = _attributed(article, qs, qe, closed, paragraph, words, out)
        if found_quote is not None:
            out.append(found_quote)
            if found_quote.speaker is not None and found_quote.speaker.annotator == ANNOTATOR:
                article.add(found_quote.speaker)
    return out


def _unpacked(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs with each run of three or more white-space characters made a break:
    scraped pages whose paragraphs were joined by " \xa0 " (سبق in SaudiNewsNet) keep them so,
    and an unclosed quote must end at its own paragraph, not run into the next."""
    parts = []
    for start, end in paragraphs:
        for gap in _COLLAPSED_BREAK.finditer(text, start, end):
            parts.append((start, gap.start()))
            start = gap.end()
        parts.append((start, end))
    return parts


def _partial_quote(article: _Article, quote: tuple[int, int, bool], paragraph, words) -> bool:
    """Marks around two words that quote, not name: they stand in reported speech (a
    reporting word, then أن/إن/بأن, before them in the sentence: أكد أن الحكومة هي «حكومة
    سوريا»، قالت إنها تمكنت من «وقف هدر»), right after a complementiser, a copula or a
    preposition; they are no list and do not open with ال (a name or a term: «الشياطين
    الحمر»، «التوعية والضبط»), and no entity annotator found a name in them."""
    text = article.text
    qs, qe, _ = quote
    first = text[qs:qe].split()[0]
    last = bisect_left(words, qs, key=_end) - 1
    if "،" in text[qs:qe] or "," in text[qs:qe] or first.removeprefix("و").startswith("ال") or \
            _names_before(text, qs) or article.covering(qs + 1) or _mention_at(article, qs) or \
            not _opens_predicate(text, words, last, qs):
        return False
    sentence = _sentence(article, paragraph, qs, qe)
    return _reported_cue(article, words, sentence, qs) is not None


def _opens_predicate(text: str, words: Words, last: int, qs: int) -> bool:
    """What stands right before the marks makes their words said, not named: a
    complementiser, a copula or a preposition (هي «حكومة سوريا»، ب«حملة انتقامية»), written
    apart or, for ب, joined to the mark, or one opens the marks (علاقتنا مع تركيا "ليست
    جيدة"); a name in marks follows a noun (جريدة «عرب نيوز»)."""
    first = text[qs:qs + MENTION_CHARS].split(maxsplit=1)[:1]
    if text[max(0, qs - 2):qs].lstrip(" «“\"”")[:1] == "ب" or (
            first and key(first[0]) in _lexicon()["openers"]):
        return True
    return last >= 0 and not text[words[last].end:qs].strip(" «“\"”") and \
        any(k in _lexicon()["openers"] for _, k in readings(words[last].text))


def _alias(text: str, qs: int, qe: int, names: dict[tuple[int, int], str],
           ends: dict[str, set[int]]) -> bool:
    """A short name in marks: right after an organisation, its other name (هيئة الإذاعة
    البريطانية «بي بي سي»); after a preposition that names a source or an addressee; or names
    listed with commas, each a mention («سعود كريري، كارلوس إدواردو»); a dateline's outlet.
    `ends`: where the ORG and GPE mentions of `names` end (sets, not a scan of `names` for
    each mark: a long article's marks times its mentions made its conversion quadratic)."""
    if len(text[qs:qe].split()) > CLASSIFIED_NAME_WORDS:
        return False
    before = qs
    while before > 0 and text[before - 1] in " «“\"”(":
        before -= 1
    items = [m for m in re.finditer(r"[^،,]+", text[qs:qe]) if m.group().strip()]
    return (before in ends["ORG"]
            or _names_before(text, qs) or _dateline(text, before, ends["GPE"])
            or (len(items) >= 2 and all(_trimmed(text, qs + m.start(), qs + m.end(), True)[:2]
                                        in names for m in items)))


def _formula(quoted: str) -> bool:
    """Marks around a blessing after a name («صلى الله عليه وسلم») or around numbers and
    function words alone («18 إلى 20»): nobody's words."""
    words = quoted.split()
    return " ".join(map(key, words)) in _lexicon()["formulas"] or all(
        w[0].isdigit() or key(w) in _lexicon()["stop"] for w in words)


def _dateline(text: str, before: int, place_ends: set[int]) -> bool:
    """Marks after a place and a colon hold the outlet of a dateline (لندن - برلين: «الشرق
    الأوسط»), not words said."""
    if before < 1 or text[before - 1] != ":":
        return False
    place_end = before - 1
    while place_end > 0 and text[place_end - 1] in " \t":
        place_end -= 1
    return place_end in place_ends


def _names_before(text: str, qs: int) -> bool:
    """The marks follow a preposition that names a source or an addressee (ل«الوطن»، عن «فالون»,
    لـ "سكاي نيوز"): a name, not words said."""
    before = text[max(0, qs - 6):qs].rstrip(" «“\"”")
    return before.endswith((" ل", " لـ", " عن", "\nل", "\nعن")) or before in ("ل", "لـ", "عن")


def _attributed(article: _Article, qs: int, qe: int, closed: bool, paragraph, words,
                before: list[FoundQuote]) -> FoundQuote | None:
    text = article.text
    previous = before[-1] if before else None
    if previous and not previous.closed and _opens_paragraph(text, paragraph, qs) and \
            not text[previous.end:paragraph[0]].strip():
        return FoundQuote(qs, qe, closed, None, previous.speaker)
    sentence = _sentence(article, paragraph, qs, qe)
    cue = _cue(article, words, sentence, qs, qe)
    if cue is None:
        if closed and len(text[qs:qe].split()) <= UNCUED_TITLE_WORDS and \
                not _after_colon(text, qs):
            return None
        same = previous if previous and previous.start >= paragraph[0] else None
        speaker = same.speaker if same else _named_before_colon(article, paragraph, qs)
        return FoundQuote(qs, qe, closed, None, speaker)
    return FoundQuote(qs, qe, closed, cue, _speaker(article, cue, sentence, before))


def _cue_at(words: Words, i: int, text: str) -> tuple[int, int] | None:
    """A reporting word or phrase at words[i], with و/ف at most before it (كيري is a name, not
    ك + يرى)."""
    hit = _CUES.match(words, i)
    if hit is None or any(ch not in CONJUNCTIONS for ch in text[words[i].start:hit[0]]) or (
            i > 0 and key(words[i - 1].text) in NEGATING_WORDS):
        return None
    if key(words[hit[1] - 1].text).removeprefix("و") in PREPOSITION_CUES and all(
            key(w.text) != "عن" for w in words[hit[1]:hit[1] + 2]):
        return None  # عبر حسابه، عبر تويتر: "via", not عبّر (سابقا) عن
    return hit


def _named_before_colon(article: _Article, paragraph: tuple[int, int], qs: int):
    """The speaker of «X: «…»», a headline's way of quoting: the mention that ends at the
    colon, or the one to three name words that are all the paragraph has before it."""
    text = article.text
    if not _after_colon(text, qs):
        return None
    head_end = text.rfind(":", paragraph[0], qs)
    if head_end < 0:
        return None
    while head_end > paragraph[0] and text[head_end - 1].isspace():
        head_end -= 1
    ending = [m for m in article.ending_at(head_end) if m.label in SPEAKER_LABELS]
    if ending:
        return max(ending, key=lambda m: m.end - m.start)
    i = _word_at_or_after(article, paragraph[0])
    head = [m.group() for m in islice(_NON_SPACE.finditer(text, paragraph[0], head_end),
                                      MAX_NAME_WORDS + 1)]
    if i is None or not head or len(head) > MAX_NAME_WORDS or not all(map(_name_word, head)):
        return None
    end = name_after(text, article.words, i, adjacent=False)
    return Mention(article.words[i].start, end, "PERS", ANNOTATOR) if end == head_end else None


def _opens_paragraph(text: str, paragraph: tuple[int, int], qs: int) -> bool:
    return not text[paragraph[0]:qs].strip(" \t«“”\"")


def _sentence(article: _Article, paragraph, qs, qe) -> tuple[int, int]:
    """The sentence around the quote: from the start of the one holding its first character to
    the end of the one holding its last (sentences are in order and apart), begun after a
    full stop the writer glued to a closing mark and the next word («…».وقال), which the
    segmentation, needing white space, does not split at."""
    sentences = article.sentence_spans(paragraph)
    first = bisect_right(sentences, qs - 1, key=_start) - 1
    last = bisect_left(sentences, qe + 1, key=_end)
    start = sentences[first].start if first >= 0 and qs - 1 < sentences[first].end else None
    end = sentences[last].end if last < len(sentences) and sentences[last].start < qe + 1 \
        else None
    start = paragraph[0] if start is None else start
    glued = list(_GLUED_SENTENCE_END.finditer(article.text, start, qs))
    return (glued[-1].end() if glued else start), (paragraph[1] if end is None else end)


def _cue(article: _Article, words, sentence, qs, qe):
    """The reporting word nearest before the quote in its sentence (for a short quote, within
    SHORT_CUE_REACH words, or any distance when أن/إن stands between: reported speech), else
    one right after the quote's closing mark; words inside quotes do not count."""
    text = article.text
    long = len(text[qs:qe].split()) > UNCUED_TITLE_WORDS
    if (hit := _reported_cue(article, words, sentence, qs, None if long else SHORT_CUE_REACH)):
        return hit
    outside = _outside_words(article, words, sentence)
    after = next((i for i in outside if words[i].start >= qe), None)
    adjacent = after is not None and not text[qe:words[after].start].strip(CUE_GLUE + "»”\"“")
    if adjacent and (hit := _cue_at(words, after, text)):
        return hit[0], words[hit[1] - 1].end
    return None


def _outside_words(article: _Article, words, sentence) -> list[int]:
    """Indices of the sentence's words that stand outside quotes."""
    inside = range(bisect_left(words, sentence[0], key=_start),
                   bisect_right(words, sentence[1], key=_end))
    return [i for i in inside if article.outside(words[i])]


def _reported_cue(article: _Article, words, sentence, qs: int,
                  reach: int | None = 0) -> tuple[int, int] | None:
    """The nearest reporting word before `qs` in its sentence, outside quotes: within `reach`
    words (None: any), or further when أن/إن/بأن stands between it and `qs`, at most
    COMPLEMENT_REACH words before `qs` (past that, the reported clause has likely ended)."""
    text = article.text
    before = [i for i in _outside_words(article, words, sentence) if words[i].end <= qs]
    complement = False
    for n, i in enumerate(reversed(before)):
        if (hit := _cue_at(words, i, text)) and (reach is None or n < reach or complement):
            return hit[0], words[hit[1] - 1].end
        complement = complement or (n < COMPLEMENT_REACH and any(
            k in COMPLEMENTISERS for _, k in readings(words[i].text)))
    return None


def _speaker(article: _Article, cue: tuple[int, int], sentence: tuple[int, int],
             before: list[FoundQuote]):
    subject = _relayed(article, cue) or _named_subject(article, cue)
    if subject.refers is None:
        return subject.mention
    if subject.refers == "ORG":
        return article.nearest(cue[0], 0, "ORG")
    if subject.refers == "source":
        return _source_before(article, cue)
    if subject.refers == "issuer":
        return _organisation_before(article, cue, ISSUER_REACH)
    person = _antecedent(article, cue, sentence, before)
    if person is None or (subject.mention is not None and person.label != "PERS"):
        return subject.mention  # an office's holder is a person, not the body named before
    return _latest_mention(article, person, cue[0])


def _named_subject(article: _Article, cue: tuple[int, int]) -> Subject:
    """The subject after the reporting word, else, when none follows it, the one before it
    (right before it, or after a كان that opens its clause: وكان بومبيو قال، …)."""
    subject = subject_of(article, cue)
    if subject != ELIDED:
        return subject
    return _subject_before(article, cue) or _subject_after_kana(article, cue) or subject


def _subject_after_kana(article: _Article, cue: tuple[int, int]) -> Subject | None:
    """The subject named after كان/وكان a few words before the reporting word (وكان المهاجم
    فخر الدين بن يوسف، الذي …، صرح …), with no sentence end between: a mention, or a name made
    here of two words or more (كانت تتابع: a verb, not a name)."""
    text, words = article.text, article.words
    verb = bisect_right(article.starts, cue[0]) - 1
    for i in range(verb - 1, max(verb - KANA_REACH_WORDS, -1), -1):
        if any(mark in text[words[i].end:words[i + 1].start] for mark in ".:؟!\n"):
            return None
        if key(words[i].text) in KANA:
            found = subject_of(article, (words[i].start, words[i].end)).mention
            return Subject(found) if found is not None and (
                found.annotator != ANNOTATOR or " " in text[found.start:found.end]) else None
    return None


def _relayed(article: _Article, cue: tuple[int, int]) -> Subject | None:
    """Who an agency or paper relays (ونقلت الوكالة عن الوزير قوله …، نقلا عن مصدر): the subject
    after عن, not the one who passes the words on."""
    text, words = article.text, article.words
    if key(text[cue[0]:cue[1]].split()[0]).removeprefix("و") not in RELAYING:
        return None
    i = _word_at_or_after(article, cue[1])
    if i is None:
        return None
    for j in range(i, min(i + ROLE_REACH_WORDS, len(words))):
        if text[words[j - 1].end if j > i else cue[1]:words[j].start].strip(" ،,«»“”\""):
            return None
        if key(words[j].text) in ON_BEHALF:
            return None  # نقل التعازي نيابة عن الملك: the words are his who relays them
        if key(words[j].text) == "عن":
            found = subject_of(article, (words[j].start, words[j].end))
            return found if found.mention is not None or found.refers else None
    return None


def _antecedent(article: _Article, cue: tuple[int, int], sentence: tuple[int, int],
                before: list[FoundQuote]) -> Mention | None:
    """Who an elided or pronoun subject, or a role without a name, refers to: the subject of
    the sentence's first verb (وسارعت الوزارة …، وأكدت أن …; an office, its holder named after
    it or else the office: ووجه مدير الأمن العام رسالة … قائلاً), the named subject of the last
    reporting word before the cue (or the nationality of the unnamed source of the last one:
    وأوضح مسؤول تركي …، وأضاف …; for a cue that opens its sentence after one whose subject is
    elided too, the person named with an office after the verb that opens that one's sentence:
    أبدى فولفجانج شويبله وزير المالية … حيث أوضح أن …، وأضاف; an office alone as that subject:
    the person named in full after an office with all its words, `_office_holder`), the previous
    quote's speaker (a person of the cue's gender: وأضافت is not the man who قال), the subject of
    the sentence before when this one opens with a verb and no subject
    (`_previous_opening_subject`), or the nearest person before the cue in its paragraph or the
    one before."""
    text = article.text
    if (opening := _opening_subject(article, sentence, cue)) is not None:
        return opening
    gender = _gender(article, cue)
    first = _word_at_or_after(article, sentence[0])
    opens = first is not None and article.words[first].end >= cue[1]  # وأضاف … with no subject
    for n, earlier in enumerate(_reporting_before(article, cue[0])):
        found = _relayed(article, earlier) or _named_subject(article, earlier)
        if opens and n == 0 and found is ELIDED and (holder := _holder_opening(
                article, _sentence(article, _paragraph_at(text, earlier[0]), *earlier),
                earlier)) is not None:
            return holder  # أبدى فولفجانج شويبله وزير المالية … حيث أوضح أن …، وأضاف:
        if found.mention is not None and found.mention.label == "OCC" and (
                spoken := next((q.speaker for q in reversed(before) if q.cue == earlier),
                               None)) is not None:
            return spoken  # وقال المتحدث باسم الخارجية …، وأضاف: the office's speaker again
        if found.mention is not None and found.mention.label == "OCC" and (
                holder := _office_holder(article, found.mention)) is not None:
            return _latest_mention(article, holder, cue[0])
        if found.mention is not None and (found.mention.label in SPEAKER_LABELS or (
                n == 0 and found.refers is None and found.mention.label in SOURCE_LABELS)) and (
                found.mention.label != "PERS" or _agree(gender, _gender(article, earlier))):
            return found.mention
    if before and before[-1].speaker is not None and (
            before[-1].cue is None or _agree(gender, _gender(article, before[-1].cue))):
        return before[-1].speaker
    return _previous_opening_subject(article, sentence) or article.nearest(
        cue[0], _paragraph_before(text, cue[0]), "PERS")


def _previous_opening_subject(article: _Article, sentence: tuple[int, int]) -> Mention | None:
    """When the sentence opens with a verb in و whose subject is elided (ونقل التعازي …، وقال),
    the subject of the verb that opens the sentence before it, in its paragraph or the one
    before, when the entity annotators found it (أدى الأمير فيصل بن خالد …)."""
    first = _word_at_or_after(article, sentence[0])
    if first is None or not _elided_opening(article, article.words[first]):
        return None
    earlier = _sentence_before(article, sentence[0])
    opening = None if earlier is None else _word_at_or_after(article, earlier.start)
    if opening is None or not article.outside(article.words[opening]):
        return None
    word = article.words[opening]
    if key(word.text).removeprefix("و") in _lexicon()["stop"]:
        return None  # وفي سياق متصل بعث …: no verb opens it
    found = subject_of(article, (word.start, word.end)).mention
    return found if found is not None and found.annotator != ANNOTATOR and \
        found.label in SPEAKER_LABELS else None


def _elided_opening(article: _Article, word: Word) -> bool:
    """Whether `word` is a verb in و (not a function word) with no subject named after it."""
    k = key(word.text)
    if not k.startswith("و") or len(k) < 4 or k[1:] in _lexicon()["stop"]:
        return False
    return subject_of(article, (word.start, word.end)).mention is None


def _sentence_before(article: _Article, position: int) -> Span | None:
    """The sentence that ends last before `position`, in its line or the one before."""
    text = article.text
    line = _paragraph_at(text, position)
    earlier = [s for s in article.sentence_spans(line) if s.end <= position]
    if not earlier and line[0] > 0:
        earlier = article.sentence_spans(_paragraph_at(text, line[0] - 1))
    return earlier[-1] if earlier else None


def _office_holder(article: _Article, office: Mention) -> Mention | None:
    """The person named in full (two words or more) last before `office`, within
    HOLDER_REACH_CHARS, right after an office that has every word of it (أكد الوزير الأمريكي …
    ← وزير الخارجية الأمريكي جون كيري)."""
    words = _office_words(article, office)
    starts, offices = article.by_label.get("OCC", ([], []))
    lo = bisect_left(starts, office.start - HOLDER_REACH_CHARS)
    for earlier in reversed(offices[lo:bisect_left(starts, office.start)]):
        holder = _mention_at(article, earlier.end + 1)
        if holder is not None and holder.label == "PERS" and " " in article.text[
                holder.start:holder.end] and words <= _office_words(article, earlier):
            return holder
    return None


def _office_words(article: _Article, office: Mention) -> set[str]:
    return {key(w).removeprefix("ال") for w in article.text[office.start:office.end].split()}


def _organisation_before(article: _Article, cue: tuple[int, int],
                         reach: int) -> Mention | None:
    """The organisation that is the named subject of one of the last `reach` reporting words
    before the cue, else nobody. A definite source noun (وأضاف المصدر) looks at the one before
    it (وأوضحت النيابة العامة في بيان …; a person, whom no one calls a source, gives nobody;
    `_source_before` tries an unnamed source's nationality first); a document named with no
    issuer (وأكد البيان) at the last ISSUER_REACH (أكدت الرئاسة الفرنسية …، مشيرة …، وأكد
    البيان)."""
    for earlier in islice(_reporting_before(article, cue[0]), reach):
        found = _named_subject(article, earlier).mention
        if found is not None and found.label == "ORG":
            return found
    return None


def _source_before(article: _Article, cue: tuple[int, int]) -> Mention | None:
    """What a definite source noun (وقال المصدر) refers back to, from the last reporting word:
    the nationality of the unnamed source it named (أفاد مصدر دبلوماسي تركي → تركي), else the
    organisation (`_organisation_before`)."""
    earlier = next(_reporting_before(article, cue[0]), None)
    found = _named_subject(article, earlier) if earlier else None
    if found is not None and found.refers is None and found.mention is not None and \
            found.mention.label in SOURCE_LABELS:
        return found.mention
    return _organisation_before(article, cue, 1)


def _gender(article: _Article, cue: tuple[int, int]) -> str | None:
    """"f" or "m" for a singular reporting verb or participle, None for a plural or a phrase: a
    word is feminine when the lexicon has it as the masculine with ت (قالت، لفتت but not لفت),
    with ة for ا (مشيرة) or with ت for ي (تقول)."""
    word = article.text[cue[0]:cue[1]].rstrip("ًٌٍَُِّْ")
    if " " in word or word.endswith(("وا", "ون")):
        return None
    cues = _lexicon()["cue_words"]
    feminine = (word.endswith("ت") and key(word[:-1]) in cues) or (
        word.endswith("ة") and key(word[:-1] + "ا") in cues) or (
        word.startswith("ت") and key("ي" + word[1:]) in cues)
    return "f" if feminine else "m"


def _agree(gender: str | None, other: str | None) -> bool:
    return gender is None or other is None or gender == other


def _reporting_before(article: _Article, position: int):
    """(start, end) of the reporting words before `position`, outside quotes, latest first,
    within REPORTING_REACH_WORDS (an elided subject's antecedent is near; without a bound every
    quote of a long article would walk back to its start)."""
    words, text = article.words, article.text
    last = bisect_right(article.starts, position) - 1
    for i in range(last - 1, max(last - REPORTING_REACH_WORDS, 0) - 1, -1):
        if article.outside(words[i]) and (hit := _cue_at(words, i, text)) and \
                words[hit[1] - 1].end <= position:
            yield hit[0], words[hit[1] - 1].end


def _latest_mention(article: _Article, person: Mention, position: int) -> Mention:
    """The nearest mention of `person` before `position` (guidelines §6: a pronoun or elided
    subject links the nearest preceding named mention): a later word that is the name's last
    word, as its mention or a new one; else `person` itself."""
    if person.label != "PERS":
        return person
    last = key(article.text[person.start:person.end].split()[-1])
    words = article.words
    for i in range(bisect_right(article.ends, position) - 1, -1, -1):
        word = words[i]
        if word.end <= person.end:
            break
        skip = next((n for n, k in readings(word.text) if k == last), None)
        if skip is None or not article.outside(word):
            continue
        start = word.start + skip
        existing = _mention_at(article, start)
        if existing is not None and existing.label == "PERS":
            return existing
        covering = article.covering(start)
        return Mention(start, word.end, "PERS", ANNOTATOR) if not covering else person
    return person


def subject_of(article: _Article, cue: tuple[int, int]) -> Subject:
    """The subject a reporting word names right after itself (white space between): past a
    nationality, an office and a rank, a mention or a run of name words; an unnamed source
    and the entity in its phrase; or a reference back (elision, pronoun, role, bare
    organisation noun)."""
    text, words = article.text, article.words
    lex = _lexicon()
    if (relative := _before_relative(article, cue)) is not None:
        return Subject(relative)
    if _circumstantial(text[cue[0]:cue[1]]):
        return ELIDED  # صرخ قائلا "الله أكبر": the participle's subject is its clause's
    position = _past_outlet(text, cue[1])
    i = _word_at_or_after(article, position)
    if i is None or text[position:words[i].start].strip(" \t«“\"”") or \
            not article.outside(words[i]) or _pronoun_before(article, cue):
        return ELIDED  # marks between the verb and its subject only hold a name (وقال "الشليل":)
    if (marked := _marked_name(article, i)) is not None:
        return Subject(marked)
    ranked = False  # a rank or honorific was passed: a family name alone may follow
    while i is not None and i < len(words):
        word = words[i]
        mention = _mention_at(article, word.start)
        if ranked and (family := _ranked_family_name(article, i, mention)) is not None:
            return Subject(family)
        if mention is not None and mention.label == "NORP":
            if key(word.text) in lex["given"] and (named := _given_nationality(article, i)):
                return Subject(named)  # وقال تركي الغنيماوي: a given name, not "Turkish"
            i = _after(article, mention.end)
            continue
        if mention is not None and mention.label == "OCC":
            return _named_after_role(article, mention.end) or _named_after_role(
                article, word.end) or Subject(mention, "person")  # a name the OCC swallowed
        k = key(word.text)
        if mention is not None and mention.label == "ORG" and k in lex["org_heads"] and (
                longer := _organisation_run(article, i)) and longer.end > mention.end:
            return Subject(longer)  # سلطة الطاقة والموارد الطبيعية, not سلطة الطاقة
        if mention is not None and (ranked := _ranked_person(article, i)) is not None:
            return Subject(ranked)  # الفريق المحرج tagged ORG as "the team" whole
        if mention is not None:
            return Subject(mention)
        if hit := _RANKS.match(words, i):
            i, ranked = _after(article, words[hit[1] - 1].end), True
            continue
        if (outlet := _classified_name(article, i)) is not None:
            return Subject(outlet)
        if k in lex["roles"] or k in lex["heads"]:
            return _named_after_role(article, word.end) or Subject(refers="person")
        if k in lex["sources"] or (k.startswith("ال") and k[2:] in lex["sources"]):
            entity = _entity_in_source(article, i)
            return Subject(entity, None if entity or not k.startswith("ال") else "source")
        if k in lex["organisations"]:
            national = _national_organisation(article, i)
            return Subject(national) if national else Subject(refers="ORG")
        if k in lex["org_heads"] and (org := _organisation_run(article, i)) is not None:
            return Subject(org)
        if _punctuated_b_name(text, word):
            return Subject(Mention(word.start, word.end, "PERS", ANNOTATOR))
        if k.removeprefix("ال") in lex["documents"]:  # جاء في بيان صادر عن الوزارة
            j = _issuer(article, i)
            if j is None:
                return Subject(refers="issuer")  # وقال البيان: `_organisation_before`
            return Subject(_issuing_mention(article, j) or _organisation_run(article, j))
        if k in lex["manner"] or k in SAME:  # وأضاف مازحا، وقال نفس المصدر: past it
            i = _after(article, word.end)
            if i is None:
                return ELIDED
            continue
        if k in lex["honorifics"]:
            honoured = _honoured(article, cue[0], lex["honorifics"][k])
            return Subject(_latest_mention(article, honoured, cue[0])) if honoured else ELIDED
        if (k in lex["stop"] and word.text not in FUNCTION_WORD_NAMES) or \
                _preposition_object(word.text):
            return ELIDED  # علي, not على: a name (وقال علي الدغريري:)
        if word.text.startswith("ال"):  # a surname named before, a role we do not list, or nobody
            return _known_surname(article, i) or _named_after_role(article, word.end) or \
                Subject(_appositive(article, i) or _family_name_alone(article, i))
        return _known_surname(article, i) or Subject(_name_run(article, i, direct=True)
                                                     or _appositive(article, i))
    return ELIDED


def _given_nationality(article: _Article, i: int) -> Mention | None:
    """A listed given name the names annotator read as a nationality (تركي) right after the
    reporting word, with a family name after it, past بن and the father's name (تركي
    الغنيماوي، تركي الفيصل): a new PERS mention of the name."""
    words, lex = article.words, _lexicon()
    j = _after(article, article.words[i].end)
    if j is not None and key(words[j].text) in SON:
        j = _after(article, words[j].end)  # بن and the father's name
    if j is None or not _name_word(words[j].text) or key(words[j].text) in lex["known"] or \
            not _made_name([words[j].text]) or _mention_at(article, words[j].start) is not None:
        return None
    k = key(words[j].text)
    family = len(k) >= NISBA_LETTERS if k.startswith("ال") else len(k) >= 3
    return Mention(words[i].start, words[j].end, "PERS", ANNOTATOR) if family else None


def _ranked_family_name(article: _Article, i: int, mention: Mention | None) -> Mention | None:
    """A family name alone right after a rank or honorific (وقال الدكتور الشمري:، وأشار اللواء
    التركي إلى أن …): a word with ال of NISBA_LETTERS or more that is no lexicon word, rank or
    role, with punctuation, إن/أن or a function word after it, as a new PERS mention (a
    nationality the names annotator found there is the name: التركي)."""
    word, lex = article.words[i], _lexicon()
    k = key(word.text)
    if not k.startswith("ال") or len(k) < NISBA_LETTERS or not _name_word(word.text) or \
            k in lex["known"] or k in lex["roles"] or k in lex["heads"] or \
            _RANKS.match(article.words, i) or (mention is not None and mention.label != "NORP"):
        return None
    return Mention(word.start, word.end, "PERS", ANNOTATOR) if _ends_clause_subject(
        article, word) else None


def _circumstantial(cue: str) -> bool:
    """A reporting participle in the accusative (قائلا، مضيفاً، مشيرة، شارحا): it names no
    subject after itself."""
    word = cue.rstrip("ًٌٍَُِّْ")
    k = key(word)
    return " " not in word and len(k) >= 5 and (word.endswith("ا") or word.endswith("ة")) and \
        not word.endswith("وا") and (k.startswith("م") or k[1] == "ا")


def _issuer(article: _Article, i: int) -> int | None:
    """Where the issuer of the document named at words[i] is named: after صادر عن / الصادر عن,
    من, or أصدرته and a time (تقرير صادر عن المرصد، تقرير أصدرته مؤخرا المنظمة: a mention or an
    organisation's words there), or right after the noun (بيان للوزارة، بيان الوزارة: a mention
    there); None when nobody is."""
    text, words = article.text, article.words
    j, marked = i + 1, False
    if j < len(words) and key(words[j].text) in ISSUED:
        j += 1
    if j < len(words) and key(words[j].text) in ("عن", "من"):
        j, marked = j + 1, True
    elif j < len(words) and key(words[j].text) in ISSUING:  # تقرير أصدرته مؤخرا المنظمة
        j, marked = j + 1, True
        while j < len(words) and (key(words[j].text) in _lexicon()["issue_times"] or
                                  key(words[j].text) in _lexicon()["manner"]):
            j += 1
    if j >= len(words) or text[words[j - 1].end:words[j].start].strip(" «“\""):
        return None
    return j if marked or _issuing_mention(article, j) is not None or _genitive_issuer(
        article, i, j) else None


def _genitive_issuer(article: _Article, i: int, j: int) -> bool:
    """An indefinite document noun at words[i] before two definite words or more at words[j]
    (بيان البيت الأبيض، تقرير الرئاسات الخمس): their organisation is the issuer, not a time
    (بيان اليوم) or a lexicon word."""
    words, lex = article.words, _lexicon()
    k = key(words[j].text)
    return not key(words[i].text).startswith("ال") and k.startswith("ال") and \
        k not in lex["issue_times"] and k not in lex["known"] and \
        _name_word(words[j].text) and _organisation_run(article, j) is not None


def _issuing_mention(article: _Article, j: int) -> Mention | None:
    """A speaker's mention at words[j], past a ل before it (للوزارة، للأمم المتحدة)."""
    word = article.words[j]
    for skip in (0, 1, 2) if word.text[0] == "ل" else (0,):
        mention = _mention_at(article, word.start + skip)
        if mention is not None and mention.label in SPEAKER_LABELS:
            return mention
    return None


def _ranked_person(article: _Article, i: int) -> Mention | None:
    """The person mention right after a rank at words[i] (الفريق المحرج), when a mention of
    another label starts at the rank."""
    hit = _RANKS.match(article.words, i)
    j = _after(article, article.words[hit[1] - 1].end) if hit else None
    person = _mention_at(article, article.words[j].start) if j is not None else None
    return person if person is not None and person.label == "PERS" else None


def _national_organisation(article: _Article, i: int) -> Mention | None:
    """An organisation noun and the nationality right after it (أكدت الرئاسة الفرنسية،
    وقالت الحكومة السورية): the organisation of that country, as an ORG mention."""
    j = _after(article, article.words[i].end)
    norp = _mention_at(article, article.words[j].start) if j is not None else None
    if norp is None or norp.label != "NORP" or norp.end != article.words[j].end:
        return None
    return Mention(article.words[i].start, norp.end, "ORG", ANNOTATOR)


def _marked_name(article: _Article, i: int) -> Mention | None:
    """A name the writer put in quote marks right after the verb or عن (وقال "الشليل":، نقل عن
    "فالون" الذي …): its mention, or a new PERS mention of its one to three name words."""
    text, words = article.text, article.words
    if not _after_opening_mark(text, words[i].start):
        return None
    for j in range(i, min(i + MAX_NAME_WORDS, len(words))):
        if (j > i and not follows(text, words, j)) or not _name_word(words[j].text):
            return _marked_organisation(article, i)
        if text[words[j].end:words[j].end + 1] in "»”\"":
            existing = _mention_at(article, words[i].start)
            if existing is not None and existing.end == words[j].end:
                return existing if existing.label in SPEAKER_LABELS else None
            name = text[words[i].start:words[j].end].split()
            return Mention(words[i].start, words[j].end, "PERS", ANNOTATOR) if \
                _made_name(name) and key(name[0]) not in _lexicon()["known"] else None
    return _marked_organisation(article, i)


def _marked_organisation(article: _Article, i: int) -> Mention | None:
    """A name of two to ORG_WORDS words in marks right after the verb, its first word with ال
    (أكد «المرصد السوري لحقوق الإنسان»، أن …): its mention, or a new ORG mention. The marks
    hold a name, not a quote: `find` left them outside every quote."""
    text, words = article.text, article.words
    if not key(words[i].text).startswith("ال") or key(words[i].text) in _lexicon()["known"]:
        return None
    for j in range(i + 1, min(i + ORG_WORDS, len(words))):
        if not follows(text, words, j):
            return None
        if text[words[j].end:words[j].end + 1] in "»”\"":
            existing = _mention_at(article, words[i].start)
            if existing is not None and existing.end == words[j].end:
                return existing if existing.label in SPEAKER_LABELS else None
            return Mention(words[i].start, words[j].end, "ORG", ANNOTATOR)
    return None


def _after_opening_mark(text: str, position: int) -> bool:
    """An opening quote mark stands before `position`, spaces or tabs between (a look back from
    `position`, not a copy of the text before it: that made a long article's attribution
    quadratic)."""
    while position > 0 and text[position - 1] in " \t":
        position -= 1
    return position > 0 and text[position - 1] in "«“\""


def _classified_name(article: _Article, i: int) -> Mention | None:
    """An outlet or body named in marks after its classifier (أعلنت وكالة أنباء "فارس"
    الإيرانية): the name's mention, or a new ORG mention of it."""
    hit = _MEDIA.match(article.words, i)
    if hit is None:
        return None
    for j in range(hit[1], min(hit[1] + 2, len(article.words))):
        if (name := _marked_name(article, j)) is not None:
            return name if name.annotator != ANNOTATOR else Mention(name.start, name.end, "ORG",
                                                                     ANNOTATOR)
    return None


def _subject_before(article: _Article, cue: tuple[int, int]) -> Subject | None:
    """The subject named right before a reporting word written without و/ف (subject, verb,
    object: الوكيل … محمد السامرائي أكد أن …، مختصون آخرون يقولون …): a person or organisation
    mention, a name that starts with a given name, or an unnamed source (nobody)."""
    text, words = article.text, article.words
    verb = bisect_right(article.starts, cue[0]) - 1
    i = verb - 1
    if i < 0 or words[verb].start != cue[0] or text[words[i].end:cue[0]].strip():
        return None
    mentions = [m for m in article.ending_at(words[i].end) if m.label in ("PERS", "ORG")]
    if mentions:
        return Subject(max(mentions, key=lambda m: m.end - m.start))
    if key(words[i].text) in _lexicon()["sources"]:
        return Subject()
    for first in range(max(0, i - MAX_NAME_WORDS + 1), i):
        if key(words[first].text) in _lexicon()["given"] and \
                name_after(text, words, first) == words[i].end:
            return Subject(Mention(words[first].start, words[i].end, "PERS", ANNOTATOR))
    return None


def _past_outlet(text: str, position: int) -> int:
    """Past the outlet a reporting word may name first (يقول ل"الاقتصادية"، رالف فالتمان), or
    the one that passed the words on, between commas (وأضاف وفقاً لوكالة الأنباء الألمانية، أن):
    the subject comes after it."""
    outlet = OUTLET_ASIDE.match(text, position) or ATTRIBUTION_ASIDE.match(text, position)
    return outlet.end() if outlet else position


def _organisation_run(article: _Article, i: int) -> Mention | None:
    """An organisation the entity annotators missed, named by its head and the words with ال
    after it (سلطة الطاقة والموارد الطبيعية، وزارة الدفاع): a new ORG mention."""
    text, words = article.text, article.words
    j = i + 1
    while j < len(words) and j - i < ORG_WORDS and not text[words[j - 1].end:words[j].start] \
            .strip() and words[j].text.removeprefix("و").startswith("ال") and \
            key(words[j].text) not in _lexicon()["stop"] and not _ends_role_phrase(words[j].text):
        j += 1
    if j == i + 1:
        return None
    return Mention(words[i].start, words[j - 1].end, "ORG", ANNOTATOR)


def _known_surname(article: _Article, i: int) -> Subject | None:
    """A family name alone (وأكد القحطاني …، يوضح المنسق الدولي إيفانز) that ends a person
    mention earlier in the article (سعود القحطاني، ألكسندر إيفانز): a new mention of that
    person."""
    word = article.words[i]
    if article.surnames.get(key(word.text), word.start + 1) > word.start:
        return None
    if (mention := _mention_at(article, word.start)) is not None and mention.label == "PERS":
        return Subject(mention)
    return Subject(Mention(word.start, word.end, "PERS", ANNOTATOR))


def _opening_subject(article: _Article, sentence: tuple[int, int],
                     cue: tuple[int, int]) -> Mention | None:
    """The subject of the verb that opens the sentence, before the cue (وسارعت الوزارة …،
    وأكدت أن …): a mention, a known surname (وأبدى الحبيب رضاه … وقال:), a name before an
    office (أبدى فولفجانج شويبله وزير المالية الألماني …), or an office, for its holder named
    after it or else itself (ووجه مدير الأمن العام رسالة … قائلاً)."""
    i = _after_opening_verb(article, sentence, cue)
    if i is None:
        return None
    subject = _mention_at(article, article.words[i - 1].end + 1)
    if subject is None and (known := _known_surname(article, i)) is not None:
        subject = known.mention
    subject = subject or _named_before_office(article, i)
    if subject is not None and subject.label == "OCC":
        named = _named_after_role(article, subject.end)
        return named.mention if named else subject
    return subject if subject is not None and subject.label in SPEAKER_LABELS else None


def _holder_opening(article: _Article, sentence: tuple[int, int],
                    cue: tuple[int, int]) -> Mention | None:
    """The person named right after the verb that opens the sentence, before the cue, with
    their office in apposition (أبدى فولفجانج شويبله وزير المالية الألماني …، حيث أوضح)."""
    i = _after_opening_verb(article, sentence, cue)
    return None if i is None else _named_before_office(article, i)


def _after_opening_verb(article: _Article, sentence: tuple[int, int],
                        cue: tuple[int, int]) -> int | None:
    """The index of the word after the sentence's first word (its verb), when that verb
    stands before the cue (the cue's word then comes later, so this word exists)."""
    first = _word_at_or_after(article, sentence[0])
    return None if first is None or article.words[first].end >= cue[0] else first + 1


def _paragraph_at(text: str, position: int) -> tuple[int, int]:
    """The line of `text` that holds `position`."""
    end = text.find("\n", position)
    return text.rfind("\n", 0, position) + 1, len(text) if end < 0 else end


def _named_before_office(article: _Article, i: int) -> Mention | None:
    """A name the entity annotators missed, right before an office that stands in apposition
    to it (أبدى فولفجانج شويبله وزير المالية الألماني استعداده …): the holder."""
    name = _name_run(article, i, direct=True)
    name = name if name is not None and name.label == "PERS" else None
    after = _word_at_or_after(article, name.end) if name is not None else None
    office = _mention_at(article, article.words[after].start) if after is not None else None
    return name if office is not None and office.label == "OCC" and \
        not article.text[name.end:office.start].strip() else None


def _named_after_role(article: _Article, position: int) -> Subject | None:
    """A person named a few words after an office or role, no punctuation between: a person
    mention (قال وزير الخارجية جون كيري), a rank and the name after it (المتحدث باسم المديرية
    العقيد منصور الدوسري), or a name of two words or more (المحلل في شؤون التكنولوجيا كريس
    غرين); not the person a place or institution is named after (وكيل جامعة الملك فهد …
    الدكتور سهل بن نشأت)."""
    text, words = article.text, article.words
    i = _word_at_or_after(article, position)
    if i is None:
        return None
    for j in range(i, min(i + ROLE_REACH_WORDS, len(words))):
        if text[(words[j - 1].end if j > i else position):words[j].start].strip(" ،,«»“”\"") or \
                _ends_role_phrase(words[j].text) or not article.outside(words[j]):
            return None
        if _eponym(article, j) or key(words[j - 1].text) in PREPOSITIONS_APART:
            continue  # في تصريح صحافي: a preposition's object, not a name
        mention = _mention_at(article, words[j].start)
        if mention is not None and mention.label == "PERS":
            return Subject(mention)
        if mention is None and (known := _known_surname(article, j)) is not None:
            return known
        if (hit := _RANKS.match(words, j)) and not _eponym(
                article, _after(article, words[hit[1] - 1].end)):
            run = _name_run(article, _after(article, words[hit[1] - 1].end),
                            after_role=True)
            return Subject(run) if run else None
        if (mention is None or mention.label != "NORP") and not (
                mention is None and _prepositional_phrase(article, j)) and (run := _name_run(
                article, j, min_words=2, after_role=True)) and run.label == "PERS":
            return Subject(run)
    return None


def _prepositional_phrase(article: _Article, i: int) -> bool:
    """words[i] and the next are a preposition's object and its genitive (بملف التوظيف، لشؤون
    الإعلام), not a name: ب/ل before a word that is no given name, and ال opening the next
    (بيار موسكوفيسي is a name)."""
    words = article.words
    j = _after(article, words[i].end)
    return _preposition_object(words[i].text) and key(words[i].text) not in _lexicon()["given"] \
        and j is not None and words[j].text.startswith("ال")


def _appositive(article: _Article, i: int) -> Mention | None:
    """A person named between commas a few words after the verb, in apposition to the
    description that opens the subject (ووصف زعيم الجمهوريين في ولاية إلينوي، جيم دوركين، …)."""
    text, words = article.text, article.words
    for j in range(i, min(i + ROLE_REACH_WORDS, len(words) - 1)):
        gap = text[words[j].end:words[j + 1].start]
        if not article.outside(words[j]) or _ends_role_phrase(words[j].text) or \
                any(mark in gap for mark in ".:؛؟!\n«“\""):
            return None
        if "،" in gap or "," in gap:
            k = j + 1
            if hit := _RANKS.match(words, k):
                k = _after(article, words[hit[1] - 1].end)
            mention = _mention_at(article, words[k].start) if k is not None else None
            if mention is not None and mention.label == "PERS":
                return mention
            return _name_run(article, k, min_words=2, after_role=True)
    return None


def _eponym(article: _Article, i: int | None) -> bool:
    """words[i] names a place or institution after a person (جامعة الملك فهد): a head noun and
    an honorific stand before it."""
    words = article.words
    if i is None or i < 2:
        return False
    for j in (i - 1, i - 2):
        hit = _RANKS.match(words, j) if j > 0 else None
        if hit and hit[1] == i:
            return any(k in _lexicon()["eponym_heads"] for _, k in readings(words[j - 1].text))
    return False


def _ends_role_phrase(word: str) -> bool:
    """A word no role phrase runs past: إن/أن, a pronoun, a relative pronoun, a number, a
    reporting word (what follows is what was said, or another clause), نيابة (on behalf of
    someone else)."""
    k = key(word)
    lex = _lexicon()
    return (k in SUBJECT_ENDS or k in RELATIVES or k in ROLE_STOPS or k in ON_BEHALF
            or k in lex["pronouns"] or k in lex["said"] or word[0].isdigit())


def _name_run(article: _Article, i: int | None, min_words: int = 1,
              after_role: bool = False, direct: bool = False) -> Mention | None:
    """The person named from words[i] on (one to three name words, as the persons annotator
    reads a name after an office): the mention the entity annotators have when it is as long,
    else a new PERS mention when what follows shows it is the subject (`_subject_follows`;
    after a role or rank, within a few words)."""
    text, words = article.text, article.words
    if i is None or not _name_word(words[i].text) or (
            words[i].text.startswith("ل") and _mention_at(article, words[i].start) is None):
        return None
    end = name_after(text, words, i, adjacent=False)
    if end is None and words[i].text in FUNCTION_WORD_NAMES and i + 1 < len(words):
        end = name_after(text, words, i + 1) or words[i].end
    if end is not None:
        end = next((words[j - 1].end for j in range(i + 1, len(words))
                    if words[j].start >= end or not _name_word(words[j].text)
                    or _to_outlet(words, j, text) or _cue_at(words, j, text)), end)
        end = _past_initial(article, _family_name_end(article, end, i), i)
        if end == words[i].end and words[i].text in FUNCTION_WORD_NAMES:
            end = None  # علي alone is على as often as the name
    existing = _mention_at(article, words[i].start)
    if existing is not None and existing.label in SPEAKER_LABELS and (
            end is None or existing.end >= end):
        return existing
    if direct and end is not None and not _subject_follows(article, end, 1):
        end = _comma_closed_name(article, i) or end
    name = text[words[i].start:end].split() if end is not None else []
    if len(name) < min_words:
        return None
    if _given_name(name):
        return Mention(words[i].start, end, "PERS", ANNOTATOR)
    if not _made_name(name) or (not _subject_follows(
            article, end, SUBJECT_REACH_WORDS if after_role else 1) and not (
            direct and _function_word_follows(article, end)
            and not any(w.startswith("ال") for w in name))):
        return None
    return Mention(words[i].start, end, "PERS", ANNOTATOR)


def _to_outlet(words: Words, j: int, text: str) -> bool:
    """words[j] opens with ل, most often a preposition (لـ«الشرق الأوسط»، للصحيفة، لعدد من،
    لصديقه): no name goes on past it, unless it is the name's last word, a comma after it, and
    no outlet or lexicon word (توني لانينج، وهو …)."""
    word = words[j].text
    return word.startswith("ل") and not (
        text[words[j].end:words[j].end + 1] in "،," and not word[1:].startswith(("ال", "ـ"))
        and _CLASSIFIERS.match(words, j) is None and key(word[1:]) not in _lexicon()["known"])


def _comma_closed_name(article: _Article, i: int) -> int | None:
    """The end of two or three name words right after the reporting word that a comma closes
    (وقالت جوليا واتسون، مديرة …): a name is read to its comma, not cut before a word that
    opens with و as if it were "and" (واتسون، ورال). Words with ال, in ة or that are function
    words make no such name."""
    text, words = article.text, article.words
    for j in range(i, min(i + MAX_NAME_WORDS, len(words))):
        word = words[j].text
        if word.startswith("ال") or word.endswith("ة") or not _name_word(word) or \
                key(word) in _lexicon()["stop"] or \
                (j > i and text[words[j - 1].end:words[j].start] != " "):
            return None
        if j > i and text[words[j].end:words[j].end + 1] in ("،", ","):
            return words[j].end
    return None


def _named_in_full_before(article: _Article, family: str, i: int) -> bool:
    """Whether a word before words[i] is `family` (a key) right after a given name."""
    return article.family_names().get(family, i) < i


def _after_given_name(article: _Article, j: int) -> bool:
    words = article.words
    if article.text[words[j - 1].end:words[j].start] != " ":
        return False
    given = key(words[j - 1].text)
    return _listed_given(article, j - 1) or (
        not given.startswith("ال") and not words[j - 1].text.endswith("ة")
        and given not in _lexicon()["known"] and _name_word(words[j - 1].text))


def _listed_given(article: _Article, j: int) -> bool:
    """words[j] is a given name the lexicon lists, علي, or a compound's end (صدر الدين، عبد
    الأمير): what a family name with no nisba ي needs before it (محمد العمرة, not كتب
    الأطفال)."""
    words = article.words
    k = key(words[j].text)
    if k in FUNCTION_WORD_NAMES:
        return words[j].text in FUNCTION_WORD_NAMES  # علي, not على
    return k in _lexicon()["given"] or k in COMPOUND_ENDS or (
        j > 0 and key(words[j - 1].text) == "عبد")


def _made_name(name: list[str]) -> bool:
    """Words that may be a name nobody listed: no word in ة (خطة أمنية، تقارير إخبارية: a noun
    and its adjectives), no document noun after the first (ملخص تقرير; بيان زهران is a name),
    not a participle's plural (متخصصون; تيلرسون is a name), not one word
    in ه (كتابه: a noun with "his"; كزافييه برتران has a second word), no أن/إن with a
    pronoun (إنهم)."""
    return not any(w.endswith("ة") or key(w) in COMPLEMENTISERS for w in name) and not any(
        key(w).removeprefix("ال") in _lexicon()["documents"] for w in name[1:]) and not (
        len(name) == 1 and ((name[0].startswith("م") and name[0].endswith("ون"))
                            or name[0].endswith("ه")))


def _honoured(article: _Article, position: int, titles: frozenset[str]) -> Mention | None:
    """Whom an honorific pronoun stands for (وقال سموه): the nearest person before `position`,
    within HONOURED_REACH_CHARS, with one of the honorific's titles among the words just before
    the name (صاحب السمو الملكي الأمير خالد الفيصل, not the minister named after him)."""
    def titled(person: Mention) -> bool:
        before = article.text[max(0, person.start - TITLE_CHARS):person.start].split()
        return any(key(w) in titles for w in before[-TITLE_WORDS:])

    return article.nearest(position, position - HONOURED_REACH_CHARS, "PERS", titled)


def _family_name_alone(article: _Article, i: int) -> Mention | None:
    """A family name alone right after the reporting word (وقال القبنجي في خطبة …، ويشدد
    العلوجي على أن …، وأضاف العمرة:), a function word, إن/أن or punctuation after it, that the
    article gave in full before (`_Article.family_names`): a person the entity annotators
    missed, as a new PERS mention. A title or an adjective in ي (المفتي، الهادي) follows no
    given name."""
    word, lex = article.words[i], _lexicon()
    k = key(word.text)
    if len(k) < NISBA_LETTERS or not _name_word(word.text) or \
            k in lex["known"] or _mention_at(article, word.start) is not None or \
            article.covering(word.start) or not _named_in_full_before(article, k, i):
        return None
    return Mention(word.start, word.end, "PERS", ANNOTATOR) if _ends_clause_subject(
        article, word) else None


def _ends_clause_subject(article: _Article, word: Word) -> bool:
    """What follows a one-word subject closes it: punctuation, a function word or إن/أن."""
    j = _after(article, word.end)
    lex = _lexicon()
    return article.text[word.end:word.end + 2].lstrip(" ")[:1] in ("،", ",", ":", "؛") or (
        j is not None and (key(article.words[j].text) in lex["stop"]
                           or key(article.words[j].text) in SUBJECT_ENDS))


def _given_name(name: list[str]) -> bool:
    """Two or more name words, the first a common given name (سعد العازمي) or the kunya أبو
    (أبو عباة، أبو عبيدة: the ة is no noun's): a name, whatever follows it."""
    return len(name) >= 2 and (key(name[0]) in _lexicon()["given"] or key(name[0]) == KUNYA)


def _past_initial(article: _Article, end: int, first: int) -> int:
    """A name whose last word so far is a Latin initial with a full stop goes on past it, to
    the name after a space (ديفيد إيه. تومسون، up to MAX_NAME_WORDS words)."""
    text, words = article.text, article.words
    j = _word_at_or_after(article, end)
    if j is None or j - first >= MAX_NAME_WORDS or \
            key(words[j - 1].text) not in _lexicon()["initials"] or \
            text[end:words[j].start].strip() != "." or not _name_word(words[j].text):
        return end
    return name_after(text, words, j, adjacent=False) or end


def _family_name_end(article: _Article, end: int, first: int) -> int:
    """A name may end in a family name with ال (حسام الصالح، عثمان الإمام محمد): one such word,
    not a rank and not in ة or a plural ending (توقيت الحادثة، أسماء المقبولين), and one more
    name word after it, up to three words."""
    text, words = article.text, article.words
    j = _after(article, end)
    if j is None or j - first >= MAX_NAME_WORDS or not words[j].text.startswith("ال") or \
            not _name_word(words[j].text) or key(words[j].text) in _lexicon()["known"] or \
            key(words[j].text) in _lexicon()["days"] or \
            words[j].text.endswith(("ة", "ون", "ات")) or _plural_in_in(words[j].text) or \
            _RANKS.match(words, j):
        return end
    end = words[j].end
    k = _after(article, end)
    if k is not None and k - first < MAX_NAME_WORDS and name_after(text, words, k) == words[k].end:
        end = words[k].end
    return end


def _plural_in_in(word: str) -> bool:
    """A long word in ين is a plural (المقبولين), a short one often a name (الحسين، الدين)."""
    return len(word) >= 8 and word.endswith("ين")


def _function_word_follows(article: _Article, end: int) -> bool:
    """A function word right after the name (وقال دي ماريا بعد التوقيع "…"): a weaker sign,
    taken only right after the verb and for a name without ال (not استخدام الأسلحة في …)."""
    i = _after(article, end)
    return i is not None and key(article.words[i].text) in _lexicon()["stop"]


def _subject_follows(article: _Article, end: int, reach: int) -> bool:
    """What follows a name shows it is the reporting verb's subject: punctuation, a role, an
    office, a nationality, a pronoun (وهو) or ل (لـ«الوطن») right after it, or, within `reach`
    words, إن/أن, a colon or a quote mark."""
    text, words = article.text, article.words
    rest = text[end:end + 2].lstrip(" ")
    if rest[:1] in "،,:«“\"(-–":  # مارادونا (54 عاما)، رفيف القحطاني -طالبة-
        return True
    i = _after(article, end)
    if i is None:
        return False
    mention = _mention_at(article, words[i].start)
    lex, k = _lexicon(), key(words[i].text)
    if (mention is not None and mention.label in ("OCC", "NORP")) or not _name_word(
            words[i].text) or k in lex["pronouns"] or k in lex["saying"] or \
            words[i].text.startswith("ل"):  # قال X لـ«الوطن» / لبي بي سي إن …
        return True
    if key(words[i].text) == "علي" and (j := _after(article, words[i].end)) is not None \
            and key(words[j].text) in SUBJECT_ENDS:
        return True
    for j in range(i, min(i + reach, len(words))):
        gap = text[words[j - 1].end:words[j].start] if j > i else ""
        if any(mark in gap for mark in ":«“\"") or key(words[j].text) in SUBJECT_ENDS:
            return True
        if any(mark in gap for mark in ".؟!"):
            return False
    return False


def _name_word(word: str) -> bool:
    """Not a role, office or source noun, a weekday, a word of manner (مستطردا), a function
    word after و/ف (وهو يبتسم، ولو), nor a word with a pronoun suffix (متابعته، تجربتنا)."""
    lex = _lexicon()
    k = key(word)
    return not (k in lex["roles"] or k in lex["heads"] or k in lex["sources"] or k in lex["saying"]
                or k in ROLE_STOPS or k in DAY_PARTS or k in lex["days"] or k in lex["manner"]
                or (k[:1] in "وف" and k[1:] in lex["stop"]) or k in PREPOSITION_PRONOUNS
                or (len(k) >= 5 and k.endswith(PRONOUN_SUFFIXES)))


def _entity_in_source(article: _Article, i: int) -> Mention | None:
    """The entity in an unnamed source's phrase (مصادر فلسطينية، مصدر في وزارة الداخلية)."""
    words = article.words
    for j in range(i + 1, min(i + 1 + SOURCE_REACH_WORDS, len(words))):
        if not follows(article.text, words, j):
            return None
        mention = _mention_at(article, words[j].start)
        if mention is not None:
            return mention
    return None


def _before_relative(article: _Article, cue: tuple[int, int]) -> Mention | None:
    """The mention a relative pronoun right before the cue refers to (اتصالا بالرويلي الذي
    أكد …): the speaker, named before الذي/التي, or a family name made a mention there."""
    words = article.words
    i = bisect_right(article.ends, cue[0]) - 1
    if i < 1 or key(words[i].text) not in RELATIVES or article.text[words[i].end:cue[0]].strip():
        return None
    found = [m for m in article.ending_at(words[i - 1].end) if m.label in SPEAKER_LABELS
             and not article.text[m.end:words[i].start].strip()]
    if found:
        return max(found, key=lambda m: m.end - m.start)
    return _family_name(words[i - 1]) if not article.text[words[i - 1].end:words[i].start] \
        .strip() else None


def _family_name(word: Word) -> Mention | None:
    """A family name with ال and the nisba ending, after ب/ل (اتصالا بالرويلي الذي): a new PERS
    mention without the preposition."""
    for skip, k in readings(word.text):
        if skip and word.text[skip - 1] in "بل" and k.startswith("ال") and k.endswith("ي") and \
                len(k) > 4 and _name_word(word.text[skip:]):
            return Mention(word.start + skip, word.end, "PERS", ANNOTATOR)
    return None


def _pronoun_before(article: _Article, cue: tuple[int, int]) -> bool:
    """A subject pronoun right before the cue (لكنه أوضح)."""
    words = article.words
    i = bisect_right(article.ends, cue[0]) - 1
    if i < 0 or article.text[words[i].end:cue[0]].strip():
        return False
    return any(k in _lexicon()["pronouns"] for _, k in readings(words[i].text))


def _punctuated_b_name(text: str, word: Word) -> bool:
    """A one-word name beginning with ب right after the verb and closed by a comma or a colon
    (يقول براك، المدير التنفيذي …): a preposition's object would run on (بموقف رئيس …)."""
    return word.text[:1] == "ب" and not word.text.startswith(("بال", "بأ", "بإ")) and \
        text[word.end:word.end + 1] in ("،", ":") and _name_word(word.text) and \
        key(word.text) not in PREPOSITION_PRONOUNS


def _preposition_object(word: str) -> bool:
    """A preposition with its object (للصحيفة، بالقول، بشكل، له): a name that starts with ب or
    ل counts only where an entity annotator found it; ك rarely opens a subject, names often
    (كيري، كوك)."""
    return key(word) in PREPOSITION_PRONOUNS or (word[:1] == "ل" and len(word) > 2) or any(
        skip and word[skip - 1] in "بل" for skip, _ in readings(word))


def _word_at_or_after(article: _Article, position: int) -> int | None:
    i = bisect_right(article.starts, position - 1)
    return i if i < len(article.words) else None


def _after(article: _Article, position: int) -> int | None:
    """The next word after `position` when only white space stands between."""
    i = _word_at_or_after(article, position)
    if i is None or article.text[position:article.words[i].start].strip():
        return None
    return i


def _mention_at(article: _Article, position: int) -> Mention | None:
    """The longest mention starting at `position`."""
    i = bisect_right(article.named_starts, position - 1)
    named = article.named
    return named[i] if i < len(named) and named[i].start == position else None


def _paragraph_before(text: str, position: int) -> int:
    """Start of the paragraph before the one holding `position` (the text's start at most)."""
    start = text.rfind("\n", 0, position)
    return 0 if start < 0 else text.rfind("\n", 0, start) + 1
