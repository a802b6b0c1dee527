"""Writing the pages: into a staging folder beside the output, swapped in whole at the end, so
that an interrupted or failed run leaves the previous pages as they were.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from sahifa.errors import USAGE, UserError

INDEX = "index.html"


def is_view_folder(path: Path) -> bool:
    """An empty folder, or one that holds the pages of `sahifa view` and nothing else."""
    entries = list(path.iterdir())
    return not entries or (any(p.name == INDEX for p in entries)
                           and all(p.is_file() and p.suffix == ".html" for p in entries))


def write_site(output: Path, pages: Iterable[tuple[str, str]]) -> int:
    """Write the (file name, HTML) pages as the folder `output`; the number written."""
    if output.exists() and not (output.is_dir() and is_view_folder(output)):
        raise UserError(str(output), "is not a folder of sahifa view pages: give a new or "
                        "empty folder (a folder of pages is replaced whole)", USAGE)
    parent = output.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.staging-", dir=parent))
    try:
        written = 0
        for name, html in pages:
            (staging / name).write_bytes(html.encode("utf-8"))
            written += 1
        staging.chmod(0o755)
        _swap(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def _swap(staging: Path, output: Path) -> None:
    if not output.exists():
        staging.rename(output)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=staging.parent))
    old.rmdir()
    output.rename(old)
    staging.rename(output)
    shutil.rmtree(old)
