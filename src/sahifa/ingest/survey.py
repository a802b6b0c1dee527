"""Every file under an input path, accounted for before anything is read: the articles and data
files each reader takes (the format is decided per file), the files read along with them
(`rights.json`, gold `.ann` files), and every other file, skipped with the reason why.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sahifa.ingest.inputs import ANNOTATIONS, RIGHTS
from sahifa.ingest.readers import jsonl, trec

COMPRESSED = (".bz2", ".xz", ".zst", ".zip", ".gz", ".7z", ".tar", ".tgz")
FORMATS = ("plaintext", "trec", "jsonl")  # the order readers run in


@dataclass
class Survey:
    root: Path
    inputs: dict[str, list[Path]] = field(default_factory=dict)  # format → files
    annotations: list[Path] = field(default_factory=list)
    rights: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)

    @property
    def formats(self) -> list[str]:
        return [name for name in FORMATS if self.inputs.get(name)]

    def name(self, path: Path) -> str:
        return path.name if path == self.root else path.relative_to(self.root).as_posix()

    def skip(self, path: Path, reason: str) -> None:
        self.skipped.append((self.name(path), reason))


def survey(root: Path, fmt: str = "auto") -> Survey:
    """What a build of `root` reads, file by file (`fmt`: auto, or one reader for every file
    its suffix fits)."""
    found = Survey(root)
    files = [root] if not root.is_dir() else _walk(root, found)
    texts = {path.parent for path in files if path.suffix == ".txt"}
    for path in files:
        if not os.path.isfile(path):
            found.skip(path, "a link to nothing, or not a regular file")
        elif not os.access(path, os.R_OK):
            found.skip(path, "cannot be read: permission denied")
        elif path.name == RIGHTS:
            found.rights.append(path)
        elif path.suffix == ANNOTATIONS:
            found.annotations.append(path)
        elif (reader := _reader(path, fmt, path.parent in texts)) in FORMATS:
            found.inputs.setdefault(reader, []).append(path)
        else:
            found.skip(path, reader)
    return found


def _walk(root: Path, found: Survey) -> list[Path]:
    """Every file below `root` in name order; a folder that cannot be listed is skipped."""
    files = []
    for folder, dirs, names in os.walk(root, onerror=lambda err: found.skip(
            Path(err.filename), f"folder cannot be read: {err.strerror}")):
        dirs.sort()
        files += [Path(folder) / name for name in names]
    return sorted(files)


def _reader(path: Path, fmt: str, beside_texts: bool) -> str:
    """The reader that takes `path`, or the reason none does."""
    name = path.name
    if name.endswith(jsonl.SUFFIXES) and fmt in ("auto", "jsonl"):
        return "a manifest beside .txt articles, not an article" if beside_texts and \
            fmt == "auto" else "jsonl"
    if fmt == "trec" and path.suffix in trec.SUFFIXES:
        return "trec"
    if fmt == "auto" and path.suffix in trec.SUFFIXES and trec.is_trec(path):
        return "trec"
    if path.suffix == ".txt" and fmt in ("auto", "plaintext"):
        return "plaintext"
    return _why_not(path, fmt)


def _why_not(path: Path, fmt: str) -> str:
    name, lower = path.name, path.name.lower()
    if fmt != "auto" and (lower.endswith((".txt", ".xml", ".trec", *jsonl.SUFFIXES))):
        return f"not read with --format {fmt}"
    if name != lower and lower.endswith((".txt", *jsonl.SUFFIXES)):
        return "a suffix in capitals; rename it in lower case to read it"
    if lower.endswith((".json", ".ndjson")):
        return "JSON Lines input must end in .jsonl or .jsonl.gz"
    if lower.endswith(COMPRESSED):
        return "compressed; only .jsonl.gz is read: decompress it"
    if name.startswith("."):
        return "a hidden file"
    return "not an input format (.txt, TREC, .jsonl, .jsonl.gz)"
