"""CoNLL-U (through the `conllu` package): one sentence a block, the record's tokens as word
lines, written and read back.

Each document starts with `# newdoc id = <record id>`; each sentence has `# sent_id =
<record id>-<n>` and `# text` (the record's text from its first token to its last). Columns
other than ID and FORM are `_` (no lemmas, tags or trees); MISC carries what we have:
`TokenRange=<start>:<end>` (code points of the record's text), `SpaceAfter=No` where no white
space follows, `NER=<IOB2 tag>` of the outermost entities and `NER1`, `NER2`, … of the levels
nested inside them (left out where the tag is O).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import conllu
from conllu.models import Token, TokenList

from sahifa.annotate import iob
from sahifa.annotate.conll import document
from sahifa.annotate.edits import entities_back
from sahifa.findings import Finding
from sahifa.record import Record

OUTSIDE = iob.OUTSIDE
EDITOR = "conllu"


def write(record: Record) -> str:
    """The record as CoNLL-U text."""
    doc = document(record)
    windows = iob.sentence_tokens(record)
    out = []
    for n, ((first, end), sentence) in enumerate(zip(windows, doc.sentences, strict=True), 1):
        tokens = record.tokens[first:end]
        meta = {"sent_id": f"{record.id}-{n}",
                "text": record.text[tokens[0].start:tokens[-1].end] if tokens else ""}
        if n == 1:
            meta = {"newdoc id": record.id, **meta}
        lines = [_word(i, token, record.text, [level[i - 1] for level in sentence.tags])
                 for i, token in enumerate(tokens, 1)]
        out.append(TokenList(lines, metadata=meta).serialize())
    return "".join(out)


def _word(number: int, token, text: str, tags: list[str]) -> Token:
    misc: dict[str, str] = {"TokenRange": f"{token.start}:{token.end}"}
    if token.end < len(text) and not text[token.end].isspace():
        misc["SpaceAfter"] = "No"
    for level, tag in enumerate(tags):
        if tag != OUTSIDE:
            misc["NER" if level == 0 else f"NER{level}"] = tag
    return Token({"id": number, "form": text[token.start:token.end], "lemma": "_", "upos": "_",
                  "xpos": None, "feats": None, "head": None, "deprel": "_", "deps": None,
                  "misc": misc})


@dataclass
class Document:
    id: str
    ranges: list[tuple[int, int]] = field(default_factory=list)  # every token's, in order
    spans: list[list[iob.TokenRange]] = field(default_factory=list)  # token ranges per level


def read(text: str) -> list[Document]:
    """The documents of a CoNLL-U text written by `write`: token ranges and entity levels."""
    docs: list[Document] = []
    tags: list[dict[int, str]] = []
    for sentence in conllu.parse(text):
        if "newdoc id" in sentence.metadata:
            _close(docs, tags)
            docs.append(Document(sentence.metadata["newdoc id"]))
            tags = []
        for token in sentence:
            misc = token["misc"] or {}
            start, end = map(int, misc["TokenRange"].split(":"))
            docs[-1].ranges.append((start, end))
            levels = {0 if k == "NER" else int(k[3:]): v for k, v in misc.items()
                      if k.startswith("NER")}
            tags.append(levels)
    _close(docs, tags)
    return docs


def _close(docs: list[Document], tags: list[dict[int, str]]) -> None:
    if not docs or not tags:
        return
    depth = max((max(t, default=-1) for t in tags), default=-1) + 1
    docs[-1].spans = [iob.decode([t.get(level, OUTSIDE) for t in tags])
                      for level in range(depth)]


def read_into(document_: Document, record: Record, where: str) -> tuple[Record, list[Finding]]:
    """The record with the entities of a (possibly edited) CoNLL-U document: token-level, so an
    entity whose token range and label are unchanged stays the record's own, exact offsets
    included (edits.entities_back)."""
    ranges = {e.id: r for e, r in zip(record.entities,
                                      iob.token_ranges(record.tokens, record.entities),
                                      strict=True)}
    found = [((first, end, label), document_.ranges[first][0], document_.ranges[end - 1][1],
              label) for level in document_.spans for first, end, label in level]
    return entities_back(record, found, lambda e: ranges[e.id], EDITOR, where)
