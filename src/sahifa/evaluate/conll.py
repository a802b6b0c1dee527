"""Outside CoNLL files with nested IOB tags (Wojood's `token TAG [TAG …]`, space-separated, as
many tags as a token has; AQMAR's `token TAG`; blank line between sentences) as token lists and
token-index spans. (sahifa.annotate.conll reads the fixed-column files `sahifa export` writes.)

Each token lists its tags outermost first; for a label, the I- tags continue that many of the
spans already open (outermost first), and every B- tag opens a new one. An I- tag with no span
open opens one (plain IOB, as in AQMAR), and a tag `map_label` turns into None is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex

_TAG = regex.compile(r"^([BI])-+([A-Za-z]+)[-0-9`]*$")


@dataclass(slots=True)
class Sentence:
    """Tokens, and gold spans as (label, first token, token after the last)."""

    file: str
    line: int
    tokens: list[str] = field(default_factory=list)
    spans: list[tuple[str, int, int]] = field(default_factory=list)


class ConllError(ValueError):
    pass


def read_conll(path: Path, map_label: Callable[[str], str | None] = str) -> list[Sentence]:
    return list(_sentences(path, map_label))


def _sentences(path: Path, map_label) -> Iterator[Sentence]:
    sentence, tags = None, []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            fields = line.split()
            if not fields:
                if sentence is not None:
                    yield _close(sentence, tags)
                sentence, tags = None, []
                continue
            if sentence is None:
                sentence = Sentence(path.name, number)
            sentence.tokens.append(fields[0])
            tags.append([t for t in (_parse(t, path, number, map_label) for t in fields[1:]) if t])
    if sentence is not None:
        yield _close(sentence, tags)


def _parse(tag: str, path: Path, number: int, map_label) -> tuple[str, str] | None:
    """(B or I, label) of a tag, None for O and for labels mapped away; noisy forms such as
    I--ORG or B-MIS1` are read, a tag that is no tag at all is an error."""
    if tag in ("O", "OO", "IO"):
        return None
    match = _TAG.match(tag)
    if not match:
        raise ConllError(f"{path}:{number}: {tag!r} is not an IOB tag")
    label = map_label(match.group(2))
    return (match.group(1), label) if label else None


def _close(sentence: Sentence, tags: list[list[tuple[str, str]]]) -> Sentence:
    open_spans: dict[str, list[int]] = {}
    for position, token_tags in enumerate([*tags, []]):
        for label in set(open_spans) | {label for _, label in token_tags}:
            stack = open_spans.get(label, [])
            inside = sum(1 for bio, lab in token_tags if lab == label and bio == "I")
            begins = sum(1 for bio, lab in token_tags if lab == label and bio == "B")
            if inside > len(stack):
                begins, inside = begins + inside - len(stack), len(stack)
            for start in stack[inside:]:
                sentence.spans.append((label, start, position))
            open_spans[label] = stack[:inside] + [position] * begins
    sentence.spans.sort(key=lambda s: (s[1], -s[2], s[0]))
    return sentence
