"""One unit of raw input (a file, or a line of a file) and its decoding.

A reader that cannot even produce the bytes of an input (a file too large to read, a gzip stream
cut short) still yields a `RawInput`, with the `problem` set: the conversion turns it into a
reject, so the build accounts for it like any other input.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO

from sahifa.ingest.article import IngestError

MAX_INPUT_BYTES = 4 * 1024 * 1024
"""An article larger than this (raw bytes) is rejected as too large; real ones are < 100 kB."""

ANNOTATIONS = ".ann"
"""The suffix of a gold annotation file (brat standoff) beside its raw input."""
RIGHTS = "rights.json"
"""The file that declares the terms of the inputs in its folder and the folders below it."""
RIGHTS_KEYS = ("license", "attribution")


@dataclass(slots=True, frozen=True)
class Rights:
    """Terms of an input: `license` and `attribution`, where `{publication}` in the attribution
    stands for the record's publication."""

    license: str | None = None
    attribution: str | None = None

    def attribution_for(self, publication: str | None) -> str | None:
        if self.attribution is None:
            return None
        return self.attribution.replace("{publication}", publication or "its publisher")


@dataclass(slots=True, frozen=True)
class RawInput:
    format: str
    file: str
    line: int | None
    data: bytes
    annotations: bytes | None = None
    annotations_file: str | None = None
    problem: tuple[str, str] | None = None
    options: tuple[tuple[str, str], ...] = ()
    rights: Rights = Rights()
    read: tuple[tuple[str, str], ...] = ()  # (name, sha256) of the files read whole for it

    @property
    def sha256(self) -> str:
        return sha256(self.data)

    @property
    def where(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def check(self) -> None:
        """Raise the reader's problem with this input, if it had one."""
        if self.problem is not None:
            raise IngestError(*self.problem)


def decode(item: RawInput) -> str:
    """The input's bytes as UTF-8 text (a leading BOM is kept: the normaliser removes it)."""
    item.check()
    if b"\x00" in item.data:
        raise IngestError("binary", f"binary data: NUL byte at byte {item.data.index(0)}")
    try:
        text = item.data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = item.data[err.start]
        raise IngestError(
            "not-utf8", f"not UTF-8: byte 0x{bad:02x} at byte {err.start} ({err.reason})"
        ) from None
    if not text.strip():
        raise IngestError("empty", "empty or white space only")
    return text


def too_large(size: int) -> tuple[str, str]:
    return ("too-large", f"{size} bytes, more than the {MAX_INPUT_BYTES} an article may have")


def _name(path: Path, root: Path) -> str:
    """`path` as the build reports it: relative to the input folder (or to the folder of an
    input file)."""
    return path.relative_to(root if root.is_dir() else root.parent).as_posix()


def unreadable(err: OSError) -> tuple[str, str]:
    return ("unreadable", f"cannot be read: {err.strerror or err}")


def file_input(fmt: str, path: Path, root: Path, annotations: Path | None = None) -> RawInput:
    """A whole file as one input, with its annotation file if it has one (not read when it is
    too large) and the terms declared for it; a file that vanished or cannot be read is a
    reject."""
    try:
        size = path.stat().st_size
        rights, problem = rights_of(path, root)
        if size > MAX_INPUT_BYTES:
            problem = too_large(size)
        if problem is not None:
            return RawInput(fmt, _name(path, root), None, b"", problem=problem)
        data = path.read_bytes()
        gold = annotations.read_bytes() if annotations else None
        read = [(_name(path, root), sha256(data))]
        if annotations:
            read.append((_name(annotations, root), sha256(gold)))
        return RawInput(
            fmt, _name(path, root), None, data, gold,
            _name(annotations, root) if annotations else None,
            rights=rights, read=(*read, *rights_read(path, root)),
        )
    except OSError as err:
        return RawInput(fmt, _name(path, root), None, b"", problem=unreadable(err))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def rights_of(path: Path, root: Path) -> tuple[Rights, tuple[str, str] | None]:
    """The terms of the input file `path`: the `rights.json` in its folder or the nearest folder
    above it, up to the input root (none: no declared terms), or the problem with that file."""
    found = _rights_file(path, root)
    return _read_rights(found)[:2] if found else (Rights(), None)


def rights_read(path: Path, root: Path) -> tuple[tuple[str, str], ...]:
    """(name, sha256) of the rights file that gives `path` its terms, as it was read."""
    found = _rights_file(path, root)
    return ((_name(found, root), _read_rights(found)[2]),) if found else ()


def _rights_file(path: Path, root: Path) -> Path | None:
    top = root if root.is_dir() else root.parent
    folder = path.parent
    while True:
        if (folder / RIGHTS).is_file():
            return folder / RIGHTS
        if folder == top or folder == folder.parent:
            return None
        folder = folder.parent


@cache
def _read_rights(path: Path) -> tuple[Rights, tuple[str, str] | None, str]:
    """The terms in a rights file, the problem with it, and the sha256 of its bytes."""
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        return Rights(), ("invalid-rights", f"{path}: not a JSON object ({err})"), sha256(raw)
    if not isinstance(data, dict) or set(data) - set(RIGHTS_KEYS) or not all(
            isinstance(v, str) and v.strip() for v in data.values()):
        return Rights(), ("invalid-rights", f"{path}: needs an object with string values for "
                          f"{' and/or '.join(RIGHTS_KEYS)}, nothing else"), sha256(raw)
    return Rights(**data), None, sha256(raw)


class HashingReader:
    """A binary file read through, hashing every byte read (the digest names the input as the
    build read it, not as it may be after)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw, self.digest = raw, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        return self._seen(self.raw.read(size))

    def readline(self, size: int = -1) -> bytes:
        return self._seen(self.raw.readline(size))

    def _seen(self, data: bytes) -> bytes:
        self.digest.update(data)
        return data

    def hexdigest(self) -> str:
        return self.digest.hexdigest()

    def __enter__(self) -> HashingReader:
        return self

    def __exit__(self, *exc) -> None:
        self.raw.close()


def read_lines(stream: IO[bytes]) -> Iterator[tuple[bytes, tuple[str, str] | None]]:
    """The lines of a binary stream without their newline, each with a problem or None.

    A line longer than MAX_INPUT_BYTES is skipped through, not held in memory; a stream that
    cannot be read to its end (a gzip file cut short or corrupt) ends with a problem line.
    """
    while True:
        try:
            line = stream.readline(MAX_INPUT_BYTES + 1)
            if not line:
                return
            if len(line) > MAX_INPUT_BYTES and not line.endswith(b"\n"):
                size = len(line) + _skip_line(stream)
                yield b"", too_large(size)
                continue
        except (EOFError, OSError, zlib.error) as err:
            yield b"", ("truncated-file", f"the file cannot be read past here: {err}")
            return
        yield line.rstrip(b"\r\n"), None


def _skip_line(stream: IO[bytes]) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(1 << 20)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped
