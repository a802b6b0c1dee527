"""What every reader produces, and how it becomes a record.

A reader finds the parts of an article in its raw input: metadata, and *blocks* (headline, deck,
body paragraphs) as ranges of the raw string. `assemble()` normalises the blocks and joins them
into the record's `text`, keeping the offset map back to the raw string: blocks on one raw line
keep the raw text between them; blocks on different lines are joined by one newline, which
stands for everything between them in the raw input (a byline, blank lines).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sahifa.errors import REJECT_REASONS
from sahifa.ingest.normalize import INVISIBLE, normalize, normalize_into
from sahifa.offsets import SegmentBuilder
from sahifa.record import EditCount, Paragraph, Record, Source

TATWEEL = "\u0640"  # a letter to `isalnum`, removed by the normaliser


class IngestError(ValueError):
    """An input that cannot become a record: `reason` is a stable code, the message says why."""

    def __init__(self, reason: str, message: str) -> None:
        if reason not in REJECT_REASONS:
            raise ValueError(f"reject reason {reason!r} is not in REJECT_REASONS")
        super().__init__(message)
        self.reason = reason


@dataclass(slots=True)
class Block:
    label: str
    start: int
    end: int


@dataclass(slots=True)
class RawArticle:
    id: str
    source: Source
    raw: str
    blocks: list[Block]
    publication: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    url: str | None = None
    date: str | None = None


def clean(value: str | None) -> str | None:
    """A metadata string normalised like the text, or None when empty."""
    if value is None:
        return None
    text = " ".join(normalize(value).text.split())
    return text or None


def assemble(article: RawArticle) -> Record:
    """Normalise and join the blocks into a record with its offset map and paragraphs. A block
    with nothing left after normalisation (only tatweel, marks or `&nbsp;`) is no paragraph,
    and a headline alone is no article."""
    raw = article.raw
    blocks = [b for b in article.blocks if _has_text(raw, b)]
    if not any(b.label == "body" for b in blocks):
        if blocks:
            raise IngestError("empty-body", "a headline but no body text")
        raise IngestError("empty", "no headline and no body text")
    out: list[str] = []
    builder = SegmentBuilder()
    counts: Counter = Counter()
    ranges: list[tuple[int, int]] = []
    previous_end = None
    for block in blocks:
        if previous_end is not None:
            _join(raw, previous_end, block.start, out, builder, counts)
        start = builder.length
        normalize_into(raw, block.start, block.end, out, builder, counts)
        ranges.append((start, builder.length))
        previous_end = block.end
    text = "".join(out)
    paragraphs = [
        Paragraph(f"p{i}", start, end, block.label)
        for i, ((start, end), block) in enumerate(zip(ranges, blocks, strict=True), 1)
    ]
    headline = _block_text(text, paragraphs, "headline")
    return Record(
        id=article.id,
        source=article.source,
        publication=clean(article.publication),
        section=clean(article.section),
        headline=headline,
        deck=_block_text(text, paragraphs, "deck"),
        authors=[a for a in map(clean, article.authors) if a],
        credits=[c for c in map(clean, article.credits) if c],
        url=article.url,
        date=article.date,
        text=text,
        offset_map=builder.segments,
        normalization=[EditCount(kind, n) for kind, n in sorted(counts.items())],
        paragraphs=paragraphs,
    )


def _has_text(raw: str, block: Block) -> bool:
    """Whether the block keeps a letter or a digit after normalisation (marks, punctuation or
    entities alone are no text; the cheap test first: a letter or digit, outside any HTML
    entity, survives it)."""
    piece = raw[block.start:block.end]
    if "&" not in piece and any(c.isalnum() and c != TATWEEL for c in piece):
        return True
    return any(c.isalnum() for c in normalize(piece).text)


def _join(raw: str, end: int, start: int, out: list[str], builder: SegmentBuilder,
          counts: Counter) -> None:
    if "\n" in raw[end:start] or "\r" in raw[end:start]:
        out.append("\n")
        builder.replace(end, start, 1)
    else:
        normalize_into(raw, end, start, out, builder, counts)


def _block_text(text: str, paragraphs: list[Paragraph], label: str) -> str | None:
    return next((text[p.start:p.end] for p in paragraphs if p.label == label), None)


def trim(raw: str, start: int, end: int) -> tuple[int, int]:
    """Narrow raw[start:end] past surrounding white space and invisible marks."""
    while start < end and (raw[start].isspace() or raw[start] in INVISIBLE):
        start += 1
    while end > start and (raw[end - 1].isspace() or raw[end - 1] in INVISIBLE):
        end -= 1
    return start, end


def lines(raw: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Trimmed, non-empty lines of raw[start:end] as raw ranges (any newline convention)."""
    end = len(raw) if end is None else end
    found = []
    pos = start
    while pos < end:
        stop = raw.find("\n", pos, end)
        stop = end if stop == -1 else stop
        a, b = trim(raw, pos, stop)
        if a < b:
            found.append((a, b))
        pos = stop + 1
    return found
