"""Input at a URL of any file system `fsspec` reads (`s3://`, `gs://`, `hf://`, `memory://` …):
copied into the build's staging folder, then read as a local input.

So a remote folder gives what the same folder on disk gives, file for file: its readers, its
`rights.json` and gold `.ann` files, the names records cite as their source and the digests the
datasheet lists. The copy needs local disk for the input; it goes with the staging folder.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import fsspec

from sahifa.errors import USAGE, UserError


def is_url(value: str | Path) -> bool:
    return isinstance(value, str) and "://" in value


def fetched(url: str, scratch: Path) -> Path:
    """The input at `url`, copied below `scratch` under its own name: the file, or every file
    of the folder with its path below it."""
    try:
        fs, root = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as err:  # a protocol without its package, or unknown
        raise UserError(url, f"cannot be read: {err}", USAGE) from None
    if not fs.exists(root):
        raise UserError(url, "does not exist", USAGE)
    target = scratch / (posixpath.basename(root.rstrip("/")) or "input")
    if fs.isfile(root):
        target.parent.mkdir(parents=True, exist_ok=True)
        fs.get_file(root, str(target))
        return target
    for file in sorted(fs.find(root)):
        local = target / posixpath.relpath(file, root)
        local.parent.mkdir(parents=True, exist_ok=True)
        fs.get_file(file, str(local))
    target.mkdir(parents=True, exist_ok=True)
    return target
