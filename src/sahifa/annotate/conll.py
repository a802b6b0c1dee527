"""CoNLL-style token-per-line IOB2, written and read back, in two forms.

The flat form (`sahifa export conll`) is CoNLL-2003's, as `spacy convert --converter ner` and
most NER tools read it: the standard document line, then the outermost entities' tags in the
last (second) column; the record id is the file's name.

    -DOCSTART- -X- O O
    <blank line>
    <token><TAB><outermost tag>                         one line a token
    <blank line>                                        after every sentence

The nested form (`sahifa export conll-nested`) is Wojood's: every nesting level in a column of
its own, the outermost first, every token line of a document with as many tag columns as the
document has levels (at least one), and the record id on the document line.

    -DOCSTART-<TAB><record id>
    <token><TAB><outermost tag><TAB><level-1 tag>…
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sahifa.annotate import iob
from sahifa.record import Record
from sahifa.schema import labels

DOCSTART = "-DOCSTART-"
CONLL2003_DOCSTART = "-DOCSTART- -X- O O"


@dataclass
class Sentence:
    tokens: list[str] = field(default_factory=list)
    tags: list[list[str]] = field(default_factory=list)  # one list per level


@dataclass
class Document:
    id: str
    sentences: list[Sentence] = field(default_factory=list)


def document(record: Record) -> Document:
    """The record's sentences with the IOB2 tags of every nesting level."""
    levels = iob.levels(record.tokens, record.entities, labels("entity_label")) or [[]]
    doc = Document(record.id)
    windows = iob.sentence_tokens(record)
    by_level = [iob.encode_windows(level, windows) for level in levels]
    for index, (first, end) in enumerate(windows):
        words = [record.text_of(t) for t in record.tokens[first:end]]
        doc.sentences.append(Sentence(words, [level[index] for level in by_level]))
    return doc


def write(records: Iterable[Record], nested: bool = True) -> Iterator[str]:
    """The lines of the CoNLL file of `records`: every level (`nested`), or the outermost
    only in CoNLL-2003's layout."""
    for record in records:
        yield f"{DOCSTART}\t{record.id}\n" if nested else f"{CONLL2003_DOCSTART}\n\n"
        for sentence in document(record).sentences:
            tags = sentence.tags if nested else sentence.tags[:1]
            for i, token in enumerate(sentence.tokens):
                yield "\t".join([token, *(level[i] for level in tags)]) + "\n"
            yield "\n"


def read(lines: Iterable[str], name: str = "") -> list[Document]:
    """The documents of a CoNLL file written by `write`, in either form (`name`: the id of a
    document whose line gives none, the file's stem)."""
    docs: list[Document] = []
    current: Sentence | None = None
    for number, line in enumerate(lines, 1):
        fields = line.rstrip("\n").split("\t")
        if fields[0] == CONLL2003_DOCSTART:
            docs.append(Document(name))
        elif fields[0] == DOCSTART:
            docs.append(Document(fields[1]))
        elif fields == [""]:
            current = None
        elif not docs or len(fields) < 2:
            raise ValueError(f"line {number}: expected {DOCSTART} or token and tags: {line!r}")
        else:
            if current is None:
                current = Sentence(tags=[[] for _ in fields[1:]])
                docs[-1].sentences.append(current)
            if len(fields) - 1 != len(current.tags):
                raise ValueError(f"line {number}: {len(fields) - 1} tag columns, the sentence "
                                 f"has {len(current.tags)}")
            current.tokens.append(fields[0])
            for level, tag in zip(current.tags, fields[1:], strict=True):
                level.append(tag)
    return docs
