"""Text normalisation that keeps track of every change.

The edits are declared as a table (`EDITS`): each names a kind (the `edit_kind` inventory of the
schema), what it matches and what it becomes. Anything that is not in NFC is composed per base
character and its combining marks. Each change becomes a segment of the offset map, so every
text offset still leads back to the raw input, and each is counted by kind.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from sahifa.offsets import SegmentBuilder

BOM = "\ufeff"
BIDI_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060"
INVISIBLE = BOM + BIDI_MARKS + ZERO_WIDTH
TATWEEL = "\u0640"
CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff"  # not \t, \n, \r
MARK = "[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]"
REMOVED = {**dict.fromkeys(BOM, "bom"), **dict.fromkeys(BIDI_MARKS, "bidi-mark"),
           **dict.fromkeys(ZERO_WIDTH, "zero-width"), TATWEEL: "tatweel"}

# kind, pattern, replacement (a string; None to unescape an HTML entity; JOIN to drop the
# removable characters between a letter's marks and compose what is left)
JOIN = "join"
EDITS: tuple[tuple[str, str, str | None], ...] = (
    ("tatweel", f"[^\\s{INVISIBLE}{TATWEEL}]{MARK}*[{INVISIBLE}{TATWEEL}]+{MARK}+", JOIN),
    ("crlf", r"\r\n?", "\n"),
    ("bom", BOM, ""),
    ("bidi-mark", f"[{BIDI_MARKS}]", ""),
    ("zero-width", f"[{ZERO_WIDTH}]", ""),
    ("tatweel", TATWEEL, ""),
    ("no-break-space", "[\u00a0\u2007\u202f]", " "),
    ("control", f"[{CONTROL}]", ""),
    ("html-entity", r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});", None),
)

_EDIT_RE = re.compile("|".join(f"(?P<e{i}>{pattern})" for i, (_, pattern, _) in enumerate(EDITS)))


@dataclass(slots=True)
class Normalized:
    text: str
    builder: SegmentBuilder
    counts: Counter


def normalize_into(raw: str, start: int, end: int, out: list[str], builder: SegmentBuilder,
                   counts: Counter) -> None:
    """Append the normalised raw[start:end] to `out`, its segments to `builder`."""
    pos = start
    for match in _EDIT_RE.finditer(raw, start, end):
        _compose(raw, pos, match.start(), out, builder, counts)
        kind, _, replacement = EDITS[int(match.lastgroup[1:])]
        found = match.group()
        new = _replacement(found, replacement)
        if replacement == JOIN:
            kind = next(REMOVED[c] for c in found if c in REMOVED)
        if new == found:  # an unknown entity name stays as written
            _compose(raw, match.start(), match.end(), out, builder, counts)
        else:
            out.append(new)
            builder.replace(match.start(), match.end(), len(new))
            counts[kind] += 1
        pos = match.end()
    _compose(raw, pos, end, out, builder, counts)


def _replacement(found: str, replacement: str | None) -> str:
    if replacement == JOIN:  # بّـَ → بَّ: the marks join their letter, in canonical order
        return unicodedata.normalize("NFC", "".join(c for c in found if c not in REMOVED))
    if replacement is not None:
        return replacement
    new = html.unescape(found)  # an entity for an invisible or control character goes too
    return "" if all(c in REMOVED or _CONTROL_RE.match(c) for c in new) else new


_CONTROL_RE = re.compile(f"[{CONTROL}\ufffd]")


def normalize(raw: str, start: int = 0, end: int | None = None) -> Normalized:
    """Normalise raw[start:end] on its own (offsets in the map stay those of `raw`)."""
    out: list[str] = []
    builder = SegmentBuilder()
    counts: Counter = Counter()
    normalize_into(raw, start, len(raw) if end is None else end, out, builder, counts)
    return Normalized("".join(out), builder, counts)


def _compose(raw: str, start: int, end: int, out: list[str], builder: SegmentBuilder,
             counts: Counter) -> None:
    """Copy raw[start:end], composing to NFC where it is not already."""
    piece = raw[start:end]
    if unicodedata.is_normalized("NFC", piece):
        out.append(piece)
        builder.copy(start, end)
        return
    for group_start, group_end in _base_groups(raw, start, end):
        group = raw[group_start:group_end]
        composed = unicodedata.normalize("NFC", group)
        out.append(composed)
        if composed == group:
            builder.copy(group_start, group_end)
        else:
            builder.replace(group_start, group_end, len(composed))
            counts["nfc"] += 1


def _base_groups(raw: str, start: int, end: int):
    """(start, end) of each base character with the combining marks that follow it."""
    group_start = start
    for i in range(start + 1, end):
        if unicodedata.combining(raw[i]) == 0:
            yield group_start, i
            group_start = i
    if group_start < end:
        yield group_start, end
