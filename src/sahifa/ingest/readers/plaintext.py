"""The plain-text layout of the seed (Al-Watan as scraped), one article a `.txt` file.

    section            (optional, a short line of its own)
    headline … deck    (the deck after a declared separator is optional)
    | author – credit  (optional byline)
    body paragraphs, one a line
    boilerplate lines  (back-to-top button, the site's name: declared in publications.json)

Blank lines between the parts are optional. Gold annotations of `<stem>.txt`, if any, are in
`<stem>.ann` beside it (brat standoff, offsets into the raw `.txt`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sahifa.ingest.article import Block, IngestError, RawArticle, lines
from sahifa.ingest.inputs import ANNOTATIONS, RawInput, decode, file_input
from sahifa.ingest.layout import layouts, parse_byline, split_deck
from sahifa.record import Source

FORMAT = "plaintext"
SECTION_MAX_WORDS = 4


def articles(folder: Path, pattern: str = "*.txt") -> list[Path]:
    """The article files: `folder` itself when it is a file, else the matching files below it."""
    if folder.is_file():
        return [folder]
    return [p for p in sorted(folder.rglob(pattern)) if p.is_file()]


def _annotations(path: Path) -> Path | None:
    ann = path.with_suffix(ANNOTATIONS)
    return ann if ann.is_file() else None


def iter_inputs(folder: Path, pattern: str = "*.txt",
                files: list[Path] | None = None) -> Iterator[RawInput]:
    """Every matching file below `folder` (or the `files` given), in name order, with its
    `.ann` file if there is one."""
    for path in articles(folder, pattern) if files is None else files:
        yield file_input(FORMAT, path, folder, _annotations(path))


def input_files(folder: Path, pattern: str = "*.txt") -> list[Path]:
    """The files the build reads: the articles and any annotation files beside them."""
    found = []
    for path in articles(folder, pattern):
        ann = _annotations(path)
        found += [path, ann] if ann else [path]
    return sorted(found)


def parse(item: RawInput) -> RawArticle:
    raw = decode(item)
    found = lines(raw)
    found, publication = _strip_boilerplate(raw, found)
    if not found:
        raise IngestError("empty", "no text besides boilerplate")
    byline_at = next(
        (i for i, (a, _) in enumerate(found[:4]) if raw[a] == "|"), None
    )
    if byline_at is not None:
        header, body = found[:byline_at], found[byline_at + 1:]
        authors, credits = parse_byline(raw[slice(*found[byline_at])])
    else:
        header, body = _split_header(raw, found)
        authors, credits = [], []
    section, headline = _section_and_headline(raw, header)
    blocks = [] if headline is None else [Block(*part) for part in split_deck(raw, *headline)]
    blocks += [Block("body", a, b) for a, b in body]
    return RawArticle(
        id=Path(item.file).stem,
        source=Source(item.file, item.sha256, FORMAT, None),
        raw=raw,
        blocks=blocks,
        publication=publication,
        section=section,
        authors=authors,
        credits=credits,
    )


def _strip_boilerplate(raw: str, found: list[tuple[int, int]]):
    """Drop trailing boilerplate lines; the one naming the site gives the publication."""
    table = layouts()
    publication = None
    while found:
        line = raw[slice(*found[-1])]
        if line in table.publication_by_line:
            publication = table.publication_by_line[line]
        elif line not in table.boilerplate:
            break
        found = found[:-1]
    return found, publication


def _split_header(raw: str, found: list[tuple[int, int]]):
    """Without a byline: the leading lines each followed by a blank line are the header."""
    header = []
    for i, (_, b) in enumerate(found[:2]):
        if i + 1 >= len(found) or raw.count("\n", b, found[i + 1][0]) < 2:
            break
        header.append(found[i])
    return header, found[len(header):]


def _section_and_headline(raw: str, header: list[tuple[int, int]]):
    if not header:
        return None, None
    if len(header) == 1:
        return None, header[0]
    first = raw[slice(*header[0])]
    if len(header) == 2 and len(first.split()) <= SECTION_MAX_WORDS:
        return first, header[1]
    raise IngestError(
        "layout",
        f"cannot tell section and headline apart in {len(header)} lines before the byline",
    )
