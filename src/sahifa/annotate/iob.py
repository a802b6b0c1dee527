"""Entities at token granularity, by nesting level, as IOB2 tags (Wojood's convention).

Tokens are the record's (whole words, clitics attached), so an entity covers every token it
overlaps: `بسورية` is B-GPE for the entity سورية. Level 0 holds the outermost entities, level 1
the entities inside them, and so on: each entity goes to the first level where its token range
overlaps nothing yet, taking longer ranges first.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from sahifa.record import Entity, Record, Span

OUTSIDE = "O"

# (first token, last token + 1, label)
TokenRange = tuple[int, int, str]


def token_ranges(tokens: Sequence[Span],
                 entities: Sequence[Entity]) -> list[TokenRange | None]:
    """For each entity, the tokens it overlaps, or None if it overlaps no token."""
    ends, starts = [t.end for t in tokens], [t.start for t in tokens]
    found: list[TokenRange | None] = []
    for entity in entities:
        first, end = bisect_right(ends, entity.start), bisect_left(starts, entity.end)
        found.append((first, end, entity.label) if first < end else None)
    return found


def levels(tokens: Sequence[Span], entities: Sequence[Entity],
           order: Sequence[str]) -> list[list[TokenRange]]:
    """The entities' token ranges by nesting level; `order` (the label inventory) breaks ties
    between equal ranges."""
    ranges = [r for r in token_ranges(tokens, entities) if r is not None]
    placed: list[list[TokenRange]] = []
    rank = {label: i for i, label in enumerate(order)}
    for first, end, label in sorted(ranges, key=lambda r: (r[0], -r[1], rank[r[2]])):
        level = next((i for i, lv in enumerate(placed) if lv[-1][1] <= first), len(placed))
        if level == len(placed):
            placed.append([])
        placed[level].append((first, end, label))
    return placed


def encode(ranges: Sequence[TokenRange], length: int, offset: int = 0) -> list[str]:
    """IOB2 tags of `length` tokens (starting at token `offset`) for one level's ranges."""
    tags = [OUTSIDE] * length
    for first, end, label in ranges:
        for i in range(max(first, offset), min(end, offset + length)):
            tags[i - offset] = ("B-" if i in (first, offset) else "I-") + label
    return tags


def encode_windows(ranges: Sequence[TokenRange],
                   windows: Sequence[tuple[int, int]]) -> list[list[str]]:
    """`encode` for each window [first, end) of tokens (a record's sentences, in order), one
    level's ranges in order and not overlapping: one pass over both, so tagging every sentence
    of a long article stays linear."""
    out, lo = [], 0
    for first, end in windows:
        while lo < len(ranges) and ranges[lo][1] <= first:
            lo += 1
        hi = lo
        while hi < len(ranges) and ranges[hi][0] < end:
            hi += 1
        out.append(encode(ranges[lo:hi], end - first, first))
    return out


def decode(tags: Sequence[str]) -> list[TokenRange]:
    """Token ranges of IOB2 tags; an I- tag that continues nothing starts a range."""
    ranges: list[TokenRange] = []
    for i, tag in enumerate(tags):
        if tag == OUTSIDE:
            continue
        prefix, label = tag.split("-", 1)
        if prefix == "I" and ranges and ranges[-1][1] == i and ranges[-1][2] == label:
            ranges[-1] = (ranges[-1][0], i + 1, label)
        else:
            ranges.append((i, i + 1, label))
    return ranges


def iob_labels(entity_labels: Sequence[str]) -> list[str]:
    """The IOB2 label inventory: O, then B- and I- of each entity label."""
    return [OUTSIDE] + [f"{p}-{label}" for label in entity_labels for p in ("B", "I")]


def sentence_tokens(record: Record) -> list[tuple[int, int]]:
    """For each sentence, the range [first, end) of the record's tokens inside it."""
    starts = [t.start for t in record.tokens]
    return [(bisect_left(starts, s.start), bisect_left(starts, s.end))
            for s in record.sentences]
