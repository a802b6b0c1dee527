"""One reader per input format; each yields `RawInput`s and parses them into `RawArticle`s or
rejects with a reason. Every reader is a module with the same declared shape (`Reader`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from sahifa.ingest.article import RawArticle
from sahifa.ingest.inputs import RawInput


class Reader(Protocol):
    """What the pipeline asks of a reader module."""

    FORMAT: str

    def iter_inputs(self, path: Path, *, files: list[Path] | None = None,
                    **options: str) -> Iterator[RawInput]:
        """The inputs below `path` (or of the `files` the survey gave this reader), in order."""

    def input_files(self, path: Path) -> list[Path]:
        """The files the reader would read below `path`, companions included."""

    def parse(self, item: RawInput) -> RawArticle:
        """The raw article of one input; raises IngestError with a reason."""
