"""Segment: sentences inside paragraphs, tokens inside sentences, as character-offset spans."""

from __future__ import annotations

from dataclasses import replace

import regex

from sahifa.record import Record, Span

# A sentence ends after . ! ? ؟ (a run of them, "..", "?!"), and any closing quote or bracket,
# where white space follows. The ellipsis … and the Arabic comma and semicolon do not end one.
_SENTENCE_END = regex.compile(r"[.!?؟]+[»”\"')\]]*(?=\s)")

# Whole words as Wojood tokenises them, clitics attached: letters, marks and digits, with
# decimal and thousands separators inside numbers; every other visible character on its own,
# except a run of dots.
_TOKEN = regex.compile(
    r"[\p{L}\p{M}\p{N}_]+(?:(?<=\p{N})[.,٫٬]\p{N}+)*|\.{2,}|[^\s\p{L}\p{M}\p{N}_]"
)


def sentences_of(text: str, start: int, end: int) -> list[Span]:
    """Sentences of text[start:end] (a paragraph), trimmed of surrounding white space."""
    spans = []
    pos = start
    for match in _SENTENCE_END.finditer(text, start, end):
        spans += _trimmed(text, pos, match.end())
        pos = match.end()
    spans += _trimmed(text, pos, end)
    return spans


def tokens_of(text: str, start: int, end: int) -> list[Span]:
    return [Span(*m.span()) for m in _TOKEN.finditer(text, start, end)]


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    if left >= right:
        return []
    return [Span(start + left, start + right)]


def segment(record: Record) -> Record:
    """The record with its sentences and tokens, found in its paragraphs."""
    sentences = [
        s for p in record.paragraphs for s in sentences_of(record.text, p.start, p.end)
    ]
    tokens = [t for s in sentences for t in tokens_of(record.text, s.start, s.end)]
    return replace(record, sentences=sentences, tokens=tokens)
