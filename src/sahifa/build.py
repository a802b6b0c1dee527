"""Build a corpus: inputs → records → Parquet per config and split, card and datasheet.

The build streams: records go to shard writers as they come, in input order, from a process pool
when `workers > 1`. It accounts for every input (read = written + rejected) and writes
everything into a staging folder first, then swaps it in, so an interrupted build leaves the
previous corpus as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from multiprocessing import Pool
from pathlib import Path

from tqdm import tqdm

from sahifa.ingest.inputs import RawInput
from sahifa.pipeline import READERS, Reject, convert_or_reject
from sahifa.record import Record
from sahifa.write.card import CORPUS_DIR, ConfigOutput, SplitOutput, render_card
from sahifa.write.datasheet import Stats, render_datasheet
from sahifa.write.parquet import DEFAULT_SHARD_BYTES, ShardWriter
from sahifa.write.splits import SPLIT_NAMES, split_of
from sahifa.write.views import VIEWS

CARD = "README.md"
DATASHEET = "DATASHEET.md"
REJECTS = "rejects.jsonl"


@dataclass
class BuildOptions:
    input: Path
    output: Path
    format: str = "plaintext"
    workers: int = 1
    max_shard_bytes: int = DEFAULT_SHARD_BYTES
    progress: bool = False
    command: str = ""


@dataclass
class BuildResult:
    read: int = 0
    written: int = 0
    rejects: list[Reject] = field(default_factory=list)
    outputs: list[ConfigOutput] = field(default_factory=list)
    stats: Stats = field(default_factory=Stats)

    @property
    def rejected_by_reason(self) -> Counter:
        return Counter(r.reason for r in self.rejects)

    def summary(self) -> str:
        lines = [f"read {self.read} = written {self.written} + rejected {len(self.rejects)}"]
        lines += [f"  rejected [{reason}]: {n}"
                  for reason, n in sorted(self.rejected_by_reason.items())]
        for out in self.outputs:
            sizes = ", ".join(f"{s} {o.num_rows}" for s, o in out.splits.items() if o.num_rows)
            lines.append(f"  config {out.name}: {sizes or 'no rows'}")
        return "\n".join(lines)


def _records(items: Iterable[RawInput], workers: int) -> Iterator[Record | Reject]:
    if workers <= 1:
        yield from map(convert_or_reject, items)
        return
    with Pool(workers) as pool:
        yield from pool.imap(convert_or_reject, items, chunksize=32)


class CorpusWriter:
    """Routes each record's rows to the shard writer of its config and split."""

    def __init__(self, corpus: Path, max_shard_bytes: int) -> None:
        self.writers = {
            (view.name, split): ShardWriter(corpus / view.name, split, view.features(),
                                            max_shard_bytes)
            for view in VIEWS.values() for split in SPLIT_NAMES
        }

    def add(self, record: Record) -> None:
        split = split_of(record.id)
        for view in VIEWS.values():
            writer = self.writers[view.name, split]
            for row in view.rows(record):
                writer.add(row)

    def close(self) -> list[ConfigOutput]:
        outputs = []
        for view in VIEWS.values():
            splits = {}
            for split in SPLIT_NAMES:
                writer = self.writers[view.name, split]
                files = writer.close()
                splits[split] = SplitOutput(
                    writer.num_rows, writer.num_bytes, [f.name for f in files],
                    sum(f.stat().st_size for f in files),
                )
            outputs.append(ConfigOutput(view.name, view.features(), splits))
        return outputs


def run_build(options: BuildOptions, staging: Path) -> BuildResult:
    """Convert every input and write corpus, card, datasheet and rejects under `staging`."""
    reader = READERS[options.format]
    result = BuildResult()
    writer = CorpusWriter(staging / CORPUS_DIR, options.max_shard_bytes)
    seen_ids: set[str] = set()
    items = reader.iter_inputs(options.input)
    converted = _records(items, options.workers)
    for item in tqdm(converted, desc="build", unit="article", disable=not options.progress):
        result.read += 1
        if isinstance(item, Record) and item.id in seen_ids:
            item = Reject(item.source.file, item.source.line, "duplicate-id",
                          f"record id {item.id} was already written")
        if isinstance(item, Reject):
            result.rejects.append(item)
            continue
        seen_ids.add(item.id)
        writer.add(item)
        result.stats.add(item)
        result.written += 1
    result.outputs = writer.close()
    result.stats.inputs = input_hashes(reader.input_files(options.input), options.input)
    _write_rejects(staging / CORPUS_DIR / REJECTS, result.rejects)
    _write_docs(options, result, staging)
    return result


def input_hashes(files: Iterable[Path], root: Path) -> list[tuple[str, str]]:
    """(path relative to the input, sha256) of every input file, in name order."""
    hashes = []
    for path in sorted(files):
        with path.open("rb") as f:
            digest = hashlib.file_digest(f, "sha256").hexdigest()
        name = path.name if path == root else path.relative_to(root).as_posix()
        hashes.append((name, digest))
    return hashes


def _write_rejects(path: Path, rejects: list[Reject]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for r in rejects:
            row = {"file": r.file, "line": r.line, "reason": r.reason, "message": r.message}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def _template(name: str) -> str:
    return resources.files("sahifa.write").joinpath("templates", name).read_text("utf-8")


def _current(output: Path, name: str) -> str:
    path = output / name
    return path.read_text("utf-8") if path.exists() else _template(name)


def _write_docs(options: BuildOptions, result: BuildResult, staging: Path) -> None:
    card = render_card(_current(options.output, CARD), result.outputs)
    (staging / CARD).write_text(card, encoding="utf-8")
    sheet = render_datasheet(_current(options.output, DATASHEET), result, options)
    (staging / DATASHEET).write_text(sheet, encoding="utf-8")


def swap_in(staging: Path, output: Path) -> None:
    """Move the staged corpus and documents into `output`, replacing the old ones."""
    output.mkdir(parents=True, exist_ok=True)
    old = output / f".{CORPUS_DIR}-old-{os.getpid()}"
    target = output / CORPUS_DIR
    if target.exists():
        target.rename(old)
    (staging / CORPUS_DIR).rename(target)
    for name in (CARD, DATASHEET):
        os.replace(staging / name, output / name)
    if old.exists():
        shutil.rmtree(old)


@contextmanager
def staging_dir(output: Path) -> Iterator[Path]:
    """A scratch folder beside the output (same file system, so renames are atomic)."""
    output.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=".sahifa-staging-", dir=output))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def build(options: BuildOptions) -> BuildResult:
    with staging_dir(options.output) as staging:
        result = run_build(options, staging)
        swap_in(staging, options.output)
    return result


def stale_files(options: BuildOptions) -> list[str]:
    """What in `options.output` differs from a fresh build (corpus files, card, datasheet)."""
    with staging_dir(options.output) as staging:
        run_build(options, staging)
        fresh = _tree(staging)
        current = _tree(options.output, only=set(fresh) | _corpus_files(options.output))
    return sorted(
        name for name in set(fresh) | set(current) if fresh.get(name) != current.get(name)
    )


def _corpus_files(root: Path) -> set[str]:
    corpus = root / CORPUS_DIR
    if not corpus.exists():
        return set()
    return {p.relative_to(root).as_posix() for p in corpus.rglob("*") if p.is_file()}


def _tree(root: Path, only: set[str] | None = None) -> dict[str, bytes]:
    names = only if only is not None else (
        {CARD, DATASHEET} | _corpus_files(root)
    )
    return {name: (root / name).read_bytes() for name in names if (root / name).is_file()}
