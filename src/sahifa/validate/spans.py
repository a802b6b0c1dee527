"""A batch's spans for numpy: a list-of-spans column flattened, each span's record, start and
end, where each record's spans begin, and the spans on the batch's axis, on which the records
lie one after another a code point apart (so a `searchsorted` over the whole batch never
crosses from one record into another)."""

from __future__ import annotations

from functools import cached_property

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

MASK_SHARE = 8  # spans holding more than 1/MASK_SHARE of a buffer are gathered with a mask


def ints(array: pa.Array | pa.ChunkedArray) -> np.ndarray:
    return np.asarray(combined(array).to_numpy(zero_copy_only=False), dtype=np.int64)


def combined(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column


def run_starts(counts: np.ndarray) -> np.ndarray:
    """Where each of consecutive runs of `counts` items starts, and the end of the last."""
    return np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)


def axis(texts: list[str]) -> np.ndarray:
    """Where each record's text starts on the batch's axis."""
    return run_starts(np.array([len(t) + 1 for t in texts], dtype=np.int64))[:-1]


class SpanColumn:
    """One layer's spans of a batch: `values` (the structs), `parents` (each span's record),
    `start`/`end` (in the record's text), `gstart`/`gend` (on the batch's axis) and `offsets`
    (where each record's spans begin)."""

    def __init__(self, values: pa.StructArray, parents: np.ndarray, base: np.ndarray) -> None:
        self.values = values
        self.parents = parents
        self.offsets = run_starts(np.bincount(parents, minlength=len(base)))
        self.start = ints(pc.struct_field(values, "start"))
        self.end = ints(pc.struct_field(values, "end"))
        self.gstart = self.start + base[parents]
        self.gend = self.end + base[parents]

    @classmethod
    def of(cls, column: pa.ChunkedArray | pa.ListArray, base: np.ndarray) -> SpanColumn:
        lists = combined(column)
        return cls(lists.flatten(), ints(pc.list_parent_indices(lists)), base)

    @classmethod
    def of_cues(cls, quotes: pa.ChunkedArray | pa.ListArray, base: np.ndarray) -> SpanColumn:
        """The cues of the quotations that have one."""
        lists = combined(quotes)
        cues = pc.struct_field(lists.flatten(), "cue")
        present = cues.is_valid()
        parents = ints(pc.list_parent_indices(lists))[np.asarray(present, dtype=bool)]
        return cls(cues.filter(present), parents, base)

    def inside_texts(self, lengths: np.ndarray) -> bool:
        """Every span non-empty and inside its record's text."""
        return bool(np.all((self.start >= 0) & (self.start < self.end)
                           & (self.end <= lengths[self.parents])))

    def backwards(self) -> set[int]:
        """The records whose spans' starts or ends go back somewhere."""
        same = self.parents[1:] == self.parents[:-1]
        back = same & ((np.diff(self.start) < 0) | (np.diff(self.end) < 0))
        return set(self.parents[1:][back].tolist())


class BatchSpans:
    """What the screen and the digests of a batch both read, each made once, when first
    asked for (the schema check comes first: a batch that fails it may hold null texts): the
    texts, where each starts on the batch's axis, their UTF-8 bytes joined on that axis and
    the byte offset of each code point, and each layer's `SpanColumn`."""

    def __init__(self, batch: pa.RecordBatch) -> None:
        self.batch = batch
        self._layers: dict[str, SpanColumn] = {}

    @cached_property
    def texts(self) -> list[str]:
        return self.batch.column("text").to_pylist()

    @cached_property
    def base(self) -> np.ndarray:
        """Where each text starts on the batch's axis."""
        return axis(self.texts)

    def layer(self, name: str) -> SpanColumn:
        """The spans of a list-of-spans column, or of the quotations' cues (`cues`)."""
        if name not in self._layers:
            self._layers[name] = SpanColumn.of_cues(self.batch.column("quotes"), self.base) \
                if name == "cues" else SpanColumn.of(self.batch.column(name), self.base)
        return self._layers[name]

    @cached_property
    def encoded(self) -> bytes:
        """The texts joined as the axis lays them out (a code point apart), in UTF-8."""
        return "\n".join(self.texts).encode("utf-8")

    @cached_property
    def byte_at(self) -> np.ndarray:
        """The byte offset in `encoded` of each code point of the axis, and of its end."""
        length = int(self.base[-1]) + len(self.texts[-1]) if self.texts else 0
        return byte_offsets(self.encoded, length)


def alone(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """For non-empty spans in order of their starts: whether each overlaps none of the others
    (those before it end by its start, the next starts at or after every end so far). A scan
    for nesting or crossing can pass such a span by: it changes nothing of what follows."""
    reach = np.maximum.accumulate(ends)
    clear = np.ones(len(starts) + 1, dtype=bool)  # span i starts after every span before it
    clear[1:-1] = starts[1:] >= reach[:-1]
    return clear[:-1] & clear[1:]


def byte_offsets(encoded: bytes, length: int) -> np.ndarray:
    """The UTF-8 byte offset of each code point of the text, and of its end."""
    octets = np.frombuffer(encoded, dtype=np.uint8)
    leads = np.concatenate([(octets & 0xC0) != 0x80, [True]])  # the end counts as a lead
    return np.flatnonzero(leads)[:length + 1]


def string_bytes(strings: pa.Array) -> bytes:
    """The UTF-8 bytes of a string array's values, one after the other."""
    if not len(strings):
        return b""
    _, offsets, data = strings.buffers()
    width = np.int64 if pa.types.is_large_string(strings.type) else np.int32
    bounds = np.frombuffer(offsets, dtype=width)[strings.offset:strings.offset + len(strings) + 1]
    return bytes(memoryview(data)[int(bounds[0]):int(bounds[-1])])


def gathered(encoded: bytes, starts: np.ndarray, ends: np.ndarray) -> bytes:
    """The bytes of encoded[starts[i]:ends[i]] for every i, one after the other."""
    octets, lengths = np.frombuffer(encoded, dtype=np.uint8), ends - starts
    if lengths.sum() * MASK_SHARE > len(octets) and np.all(starts[1:] >= ends[:-1]):
        return octets[_kept(len(octets), starts, ends)].tobytes()
    return octets[ranges(starts, lengths)].tobytes()


def _kept(length: int, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """A mask of `length` items that keeps [starts[i], ends[i]) for spans in order and apart:
    alternate runs dropped and kept. For spans that cover much of the buffer (tokens) it
    takes a third of the time of an index of every item kept; for a few spans, far more."""
    bounds = np.empty(2 * len(starts) + 2, dtype=np.int64)
    bounds[0], bounds[-1] = 0, length
    bounds[1:-1:2], bounds[2:-1:2] = starts, ends
    keep = np.zeros(len(bounds) - 1, dtype=bool)
    keep[1::2] = True
    return np.repeat(keep, np.diff(bounds))


def ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """start, start + 1, …, start + length - 1 for each (start, length), one after the other."""
    offsets = run_starts(lengths)
    return np.repeat(starts - offsets[:-1], lengths) + np.arange(offsets[-1], dtype=np.int64)
