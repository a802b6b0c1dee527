"""spaCy `DocBin` (`.spacy`): one Doc a record, its text exactly the record's, its tokens ours
(white space between them kept as spaCy keeps it: a single space as the token's trailing space,
anything else as a white-space token). The outermost entities are `doc.ents`, every entity
(nested ones too) is in `doc.spans["entities"]`, quotations in `doc.spans["quotes"]`.

spaCy spans are whole tokens, and ours are not always: an entity inside a clitic-attached token
(بسورية → سورية) has no spaCy span. Such entities are not lost: they are listed, with their
character offsets, in `doc.user_data["unaligned_entities"]`, counted by the export, and read
back by `read`, which gives the record's entities exactly. Entities edited in spaCy come back
through `read` too (new ones are gold, annotator `spacy`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sahifa.annotate.edits import entities_back
from sahifa.findings import Finding
from sahifa.record import Record, Span

ENTITIES, QUOTES, UNALIGNED = "entities", "quotes", "unaligned_entities"
EDITOR = "spacy"


def words_and_spaces(text: str, tokens: Sequence[Span]) -> tuple[list[str], list[bool]]:
    """spaCy's words and trailing-space flags whose joined text is `text` exactly."""
    words: list[str] = []
    spaces: list[bool] = []
    position = 0
    for token in [*tokens, None]:
        start = token.start if token is not None else len(text)
        gap = text[position:start]
        if words and gap.startswith(" ") and not spaces[-1]:
            spaces[-1], gap = True, gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
        if token is not None:
            words.append(text[token.start:token.end])
            spaces.append(False)
            position = token.end
    return words, spaces


def to_doc(record: Record, vocab):
    """The record as a Doc, and the entities that fit no token boundaries."""
    from spacy.tokens import Doc
    from spacy.util import filter_spans

    words, spaces = words_and_spaces(record.text, record.tokens)
    doc = Doc(vocab, words=words, spaces=spaces)
    aligned, unaligned = [], []
    for e in record.entities:
        span = doc.char_span(e.start, e.end, label=e.label, alignment_mode="strict")
        (aligned if span is not None else unaligned).append((e, span))
    doc.spans[ENTITIES] = [span for _, span in aligned]
    doc.ents = filter_spans([span for _, span in aligned])
    doc.spans[QUOTES] = [s for q in record.quotes
                         if (s := doc.char_span(q.start, q.end, label="QUOTE",
                                                alignment_mode="expand")) is not None]
    doc.user_data["id"] = record.id
    doc.user_data[UNALIGNED] = [[e.id, e.start, e.end, e.label, e.origin, e.annotator]
                                for e, _ in unaligned]
    return doc, [e for e, _ in unaligned]


def write(records: Iterable[Record]):
    """A DocBin of the records, and the entities that needed `unaligned_entities`."""
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    vocab, docs, unaligned = Vocab(), DocBin(store_user_data=True), []
    for record in records:
        doc, missed = to_doc(record, vocab)
        docs.add(doc)
        unaligned += [(record.id, e) for e in missed]
    return docs, unaligned


def read(doc, record: Record, where: str = "") -> tuple[Record, list[Finding]]:
    """The record with the entities of its Doc: `doc.spans["entities"]` and the unaligned
    list; unchanged ones are the record's own (edits.entities_back)."""
    found = [((s.start_char, s.end_char, s.label_), s.start_char, s.end_char, s.label_)
             for s in doc.spans[ENTITIES]]
    found += [((start, end, label), start, end, label)
              for _, start, end, label, *_ in doc.user_data.get(UNALIGNED, [])]
    return entities_back(record, found, lambda e: (e.start, e.end, e.label), EDITOR,
                         where or record.id)
