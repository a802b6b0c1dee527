"""TREC-style pseudo-XML, one article a file (as in the ANT corpus):

    <DOC>
    <DOCNO>AL-internationalNews-1832-20180708</DOCNO>
    <URL>…</URL> <SRC>alarabia</SRC> <CAT>internationalNews</CAT>
    <TITLE>…</TITLE> <TIME>Sun, 08 Jul 2018 17:40:51 +0400</TIME> <AUTHOR>…</AUTHOR>
    <ABSTRACT>…</ABSTRACT>
    <TEXT>paragraphs, one a line</TEXT>
    </DOC>

The raw string is the decoded file, so offsets lead back into it. DOCNO is the id, SRC the
publication (its key in publications.json), CAT the section, TIME the date; an ABSTRACT becomes
the deck unless it only repeats the start of TEXT. A file is recognised by starting with `<DOC>`
(after white space and a BOM). The reader takes every `.txt`, `.xml` or `.trec` file and every
file without a suffix, so a file among them that is not TREC is a reject, not skipped; one with
several DOCs is rejected too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from sahifa.ingest.article import IngestError, RawArticle
from sahifa.ingest.fields import Fields, record_id, structured_article
from sahifa.ingest.inputs import RawInput, decode, file_input
from sahifa.record import Source

FORMAT = "trec"
_TAG = re.compile(r"<(DOCNO|URL|SRC|CAT|TITLE|TIME|AUTHOR|ABSTRACT|TEXT)>(.*?)</\1>", re.DOTALL)
_DOC = re.compile(r"^[\s\ufeff]*<DOC>")
SNIFF_BYTES = 64
SUFFIXES = frozenset({".txt", ".xml", ".trec", ""})


def is_trec(path: Path) -> bool:
    """Whether a file starts like a TREC document."""
    with path.open("rb") as f:
        head = f.read(SNIFF_BYTES).decode("utf-8", "ignore")
    return bool(_DOC.match(head))


def input_files(folder: Path) -> list[Path]:
    files = [folder] if folder.is_file() else sorted(folder.rglob("*"))
    return [p for p in files if p.is_file() and p.suffix in SUFFIXES]


def iter_inputs(folder: Path, files: list[Path] | None = None) -> Iterator[RawInput]:
    """Every TREC file below `folder` (or the `files` given; a manifest.jsonl beside them is
    not an article)."""
    for path in input_files(folder) if files is None else files:
        yield file_input(FORMAT, path, folder)


def parse(item: RawInput) -> RawArticle:
    raw = decode(item)
    if not _DOC.match(raw):
        raise IngestError("layout", "not a TREC document: it does not start with <DOC>")
    if raw.count("<DOC>") != 1:
        raise IngestError("layout", f"{raw.count('<DOC>')} <DOC> elements; one a file is read")
    tags = {m[1]: m for m in _TAG.finditer(raw)}
    if "TEXT" not in tags:
        raise IngestError("layout", "no <TEXT> element")

    def value(tag: str) -> str | None:
        return tags[tag][2].strip() or None if tag in tags else None

    def span(tag: str) -> tuple[int, int] | None:
        return tags[tag].span(2) if tag in tags else None

    fields = Fields(
        raw, title=span("TITLE"), abstract=span("ABSTRACT"), body=span("TEXT"),
        publication=value("SRC"), author=value("AUTHOR"), url=value("URL"), date=value("TIME"),
        section=value("CAT"),
    )
    source = Source(item.file, item.sha256, FORMAT, None)
    return structured_article(record_id(value("DOCNO"), item.sha256[:16]), source, fields)
