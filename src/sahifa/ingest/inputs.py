"""One unit of raw input (a file, or a line of a file) and its decoding."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sahifa.ingest.article import IngestError


@dataclass(slots=True, frozen=True)
class RawInput:
    format: str
    file: str
    line: int | None
    data: bytes
    annotations: bytes | None = None
    annotations_file: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def where(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


def decode(item: RawInput) -> str:
    """The input's bytes as UTF-8 text (a leading BOM is kept: the normaliser removes it)."""
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
