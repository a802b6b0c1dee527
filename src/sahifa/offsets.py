"""The alignment between a record's `text` and its raw input.

Segments tile the text in order. A *linear* segment (equal lengths) maps character by character;
any other segment (a normaliser edit, a removed mark, a block separator standing for the byline
between two blocks) maps as a whole: a boundary may sit on its edges, not inside it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence

from sahifa.record import Segment


class SegmentBuilder:
    """Accumulates segments left to right, merging neighbouring linear ones."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.length = 0

    def copy(self, raw_start: int, raw_end: int) -> None:
        """Text gets raw[raw_start:raw_end] unchanged."""
        n = raw_end - raw_start
        if n == 0:
            return
        last = self.segments[-1] if self.segments else None
        if (
            last is not None
            and last.end - last.start == last.raw_end - last.raw_start
            and last.raw_end == raw_start
        ):
            self.segments[-1] = Segment(last.start, last.end + n, last.raw_start, raw_end)
        else:
            self.segments.append(Segment(self.length, self.length + n, raw_start, raw_end))
        self.length += n

    def replace(self, raw_start: int, raw_end: int, text_length: int) -> None:
        """Text gets `text_length` characters standing for raw[raw_start:raw_end] as a whole."""
        if text_length == raw_end - raw_start:
            # An equal-length edit (a no-break space made a space) still maps one to one.
            self.copy(raw_start, raw_end)
            return
        self.segments.append(
            Segment(self.length, self.length + text_length, raw_start, raw_end)
        )
        self.length += text_length

    def extend(self, segments: Iterable[Segment]) -> None:
        """Append segments made for another text, shifted to follow what is here."""
        for seg in segments:
            if seg.end - seg.start == seg.raw_end - seg.raw_start:
                self.copy(seg.raw_start, seg.raw_end)
            else:
                self.replace(seg.raw_start, seg.raw_end, seg.end - seg.start)


def is_linear(seg: Segment) -> bool:
    return seg.end - seg.start == seg.raw_end - seg.raw_start


class OffsetMap:
    """Looks offsets up in both directions over a record's segments."""

    def __init__(self, segments: Sequence[Segment | Mapping[str, int]]) -> None:
        """`segments`: a record's offset map, as Segments or as the dicts of a row's
        `offset_map` (pyarrow, pandas or `load_dataset`)."""
        self.segments = [s if isinstance(s, Segment) else Segment(**s) for s in segments]
        self._starts = [s.start for s in self.segments]
        self._raw_starts = [s.raw_start for s in self.segments]

    def to_raw(self, offset: int) -> int:
        """The raw offset of text offset `offset` (0..len(text) inclusive)."""
        if not self.segments:
            raise ValueError("empty offset map")
        if offset == self.segments[-1].end:
            return self.segments[-1].raw_end
        # The last segment starting at or before `offset`: never an empty one, since the
        # segment after an empty one starts at the same text offset.
        seg = self.segments[bisect_right(self._starts, offset) - 1]
        if not seg.start <= offset < seg.end:
            raise ValueError(f"text offset {offset} is outside the map")
        if is_linear(seg):
            return seg.raw_start + offset - seg.start
        return seg.raw_start

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw range that text [start, end) comes from."""
        if start == end:
            raw = self.to_raw(start)
            return raw, raw
        return self.to_raw(start), self._raw_end_of(end)

    def _raw_end_of(self, end: int) -> int:
        i = bisect_right(self._starts, end - 1) - 1
        seg = self.segments[i]
        if is_linear(seg):
            return seg.raw_start + end - seg.start
        return seg.raw_end

    def raw_start_to_text(self, raw: int) -> int | None:
        """Text offset where a span starting at raw offset `raw` starts; None if not a boundary."""
        i = bisect_right(self._raw_starts, raw) - 1
        if i < 0:
            return None
        seg = self.segments[i]
        if raw == seg.raw_start:
            return seg.start
        if raw < seg.raw_end and is_linear(seg):
            return seg.start + raw - seg.raw_start
        return None

    def raw_end_to_text(self, raw: int) -> int | None:
        """Text offset where a span ending at raw offset `raw` ends; None if not a boundary."""
        i = bisect_right(self._raw_starts, raw - 1) - 1
        if i < 0:
            return None
        seg = self.segments[i]
        if raw == seg.raw_end:
            return seg.end
        if seg.raw_start < raw < seg.raw_end and is_linear(seg):
            return seg.start + raw - seg.raw_start
        return None

    def raw_span_to_text(self, raw_start: int, raw_end: int) -> tuple[int, int] | None:
        """Project raw [raw_start, raw_end) onto the text, or None if it cannot be."""
        start = self.raw_start_to_text(raw_start)
        end = self.raw_end_to_text(raw_end)
        if start is None or end is None or end < start:
            return None
        return start, end
