"""Build a corpus: inputs → records → Parquet per config and split, card and datasheet.

The build streams: records go to shard writers as they come, in input order, from a process pool
when `workers > 1`. It accounts for every input (read = written + rejected) and writes
everything into a staging folder first, then swaps it in, so an interrupted build leaves the
previous corpus as it was.
"""

from __future__ import annotations

import ctypes
import fcntl
import gc
import json
import os
import shutil
import tempfile
import traceback
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from itertools import islice
from pathlib import Path

from huggingface_hub import DatasetCard
from tqdm import tqdm

from sahifa.annotate.auto import DEFAULT_TAGGER, Tagger
from sahifa.dedup import DuplicateIndex, Signature, signature
from sahifa.errors import USAGE, UserError
from sahifa.ingest.article import IngestError
from sahifa.ingest.inputs import RawInput
from sahifa.ingest.remote import fetched, is_url
from sahifa.ingest.survey import survey
from sahifa.parallel import ordered_map, worker_count
from sahifa.pipeline import (
    Reject,
    convert_to_data,
    iter_inputs,
    orphan_annotations,
    rejected,
)
from sahifa.stats import Stats
from sahifa.write.card import CORPUS_DIR, ConfigOutput, SplitOutput, render_card
from sahifa.write.citation import bibtex, dataset_version, read_cff
from sahifa.write.croissant import croissant
from sahifa.write.datasheet import render_datasheet
from sahifa.write.parquet import DEFAULT_SHARD_BYTES, ShardWriter
from sahifa.write.splits import SPLIT_NAMES, record_split
from sahifa.write.views import VIEWS, document_row

CARD = "README.md"
CITATION = "CITATION.cff"
DATASHEET = "DATASHEET.md"
CROISSANT = "croissant.json"
REJECTS = "rejects.jsonl"
SKIPPED = "skipped.jsonl"
INTERNAL_ERROR = "internal-error"
DUPLICATES = "duplicates.jsonl"
CHUNK = 16
GC_THRESHOLDS = (5000, 20, 100)  # gc.set_threshold while converting (CPython's: 700, 10, 10)
ENGINES = ("local", "ray")
WORKER_DIED = ("a worker process died (killed, or out of memory); the build stopped and the "
               "previous corpus is untouched")


@dataclass
class BuildOptions:
    input: Path | str  # a path, or the URL of a file system fsspec reads (`ingest.remote`)
    output: Path
    format: str = "auto"
    mapping: str | None = None
    workers: int = 1
    max_shard_bytes: int = DEFAULT_SHARD_BYTES
    progress: bool = False
    drop_duplicates: bool = False
    command: str = ""
    tagger: Tagger = DEFAULT_TAGGER
    engine: str = "local"  # where conversions run: "local" (a process pool) or "ray"
    ray_address: str | None = None  # the Ray cluster to join; None: start a local one

    def reader_options(self) -> dict[str, str]:
        return {} if self.mapping is None else {"mapping": self.mapping}


@dataclass
class BuildResult:
    read: int = 0
    written: int = 0
    rejected_by_reason: Counter = field(default_factory=Counter)
    duplicates: Counter = field(default_factory=Counter)
    duplicates_dropped: bool = False
    outputs: list[ConfigOutput] = field(default_factory=list)
    stats: Stats = field(default_factory=Stats)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # files that are no input
    bugs: list[Reject] = field(default_factory=list)  # inputs that hit an internal error

    @property
    def rejected(self) -> int:
        return sum(self.rejected_by_reason.values())

    def summary(self) -> str:
        lines = [f"read {self.read} = written {self.written} + rejected {self.rejected}"]
        lines += [f"  rejected [{reason}]: {n}"
                  for reason, n in sorted(self.rejected_by_reason.items())]
        if self.skipped:
            lines.append(f"  skipped {len(self.skipped)} files that are no input (listed in "
                         f"{CORPUS_DIR}/{SKIPPED})")
        action = "dropped" if self.duplicates_dropped else "kept"
        lines += [f"  duplicates ({kind}, {action}): {n}"
                  for kind, n in sorted(self.duplicates.items())]
        for out in self.outputs:
            sizes = ", ".join(f"{s} {o.num_rows}" for s, o in out.splits.items() if o.num_rows)
            lines.append(f"  config {out.name}: {sizes or 'no rows'}")
        return "\n".join(lines)


@dataclass(slots=True)
class Converted:
    """What the build's process needs of a converted article: cheap to send from a worker
    (rows of plain data rather than the record's many span objects)."""

    id: str
    split: str
    file: str
    line: int | None
    signature: Signature
    rows: dict[str, list[dict]]
    stats: Stats


def convert_for_build(item: RawInput, tagger: Tagger = DEFAULT_TAGGER) -> Converted | Reject:
    """The conversion, then everything the build derives from the record alone: its rows per
    config, its statistics and the signature its duplicates are found by."""
    try:
        record, data = convert_to_data(item, tagger)
    except IngestError as err:
        return rejected(item, err)
    except Exception as err:  # a bug on one input: reported with its traceback, build goes on
        return Reject(item.file, item.line, INTERNAL_ERROR, f"{type(err).__name__}: {err} (a "
                      "bug in sahifa: please report it with this input)", traceback.format_exc())
    stats = Stats()
    stats.add(record)
    rows = {name: [document_row(data)] if name == "default" else list(view.rows(record))
            for name, view in VIEWS.items()}
    return Converted(record.id, record_split(record), record.source.file, record.source.line,
                     signature(record.text), rows, stats)


def _convert_chunk(items: list[RawInput], tagger: Tagger) -> list[Converted | Reject]:
    converted = []
    with _collections_spaced_out():
        for item in items:
            with _cycle_collector_paused():
                converted.append(convert_for_build(item, tagger))
    return converted


@contextmanager
def _collections_spaced_out() -> Iterator[None]:
    """The cycle collector's passes made rarer while a build converts and writes, in its own
    process and in each worker's chunk (GC_THRESHOLDS; the old thresholds back after): with
    CPython's (700, 10, 10), its full passes walked the annotators' lexicons, automata and
    ever larger caches about every hundred articles, a tenth of a build's CPU, to find the few
    cycles conversions leave."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """The garbage collector's cycle passes stopped while one article converts: a long
    article's conversion keeps millions of small objects alive till it ends (words, spans, CRF
    features, rows), and the collector's repeated walks over them took a fifth to a quarter of
    its time. A conversion leaves few cycles (a few thousand objects for 4 MB); the collector
    finds them once it runs again. Reference counting frees everything else as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _records(items: Iterable[RawInput], options: BuildOptions) -> Iterator[Converted | Reject]:
    """Converted inputs in input order, from the engine the options name (`parallel` or
    `engine_ray`: the same ordered map, the same results)."""
    convert, chunks = partial(_convert_chunk, tagger=options.tagger), batched(items, CHUNK)
    if options.engine == "ray":
        from sahifa import engine_ray  # Ray is an optional extra: imported only when used

        return engine_ray.ordered_map(convert, chunks, options.workers, WORKER_DIED,
                                      options.ray_address)
    return ordered_map(convert, chunks, worker_count(options.workers), WORKER_DIED)


class RejectLog:
    """Rejects written to the report as they come, counted by reason."""

    def __init__(self, path: Path, result: BuildResult) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.file = path.open("w", encoding="utf-8")
        self.result = result

    def add(self, r: Reject) -> None:
        row = {"file": r.file, "line": r.line, "reason": r.reason, "message": r.message}
        if r.traceback is not None:
            row["traceback"] = r.traceback
            self.result.bugs.append(r)
        self.file.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.result.rejected_by_reason[r.reason] += 1

    def close(self) -> None:
        self.file.close()


class CorpusWriter:
    """Routes each record's rows to the shard writer of its config and split."""

    def __init__(self, corpus: Path, max_shard_bytes: int) -> None:
        self.writers = {
            (view.name, split): ShardWriter(corpus / view.name, split, view.features(),
                                            view.encodings(), max_shard_bytes)
            for view in VIEWS.values() for split in SPLIT_NAMES
        }

    def add(self, item: Converted) -> None:
        split = item.split
        for name, rows in item.rows.items():
            writer = self.writers[name, split]
            for row in rows:
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


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def run_build(options: BuildOptions, staging: Path) -> BuildResult:
    """Convert every input and write corpus, card, datasheet and rejects under `staging`."""
    result = BuildResult(duplicates_dropped=options.drop_duplicates)
    writer = CorpusWriter(staging / CORPUS_DIR, options.max_shard_bytes)
    rejects = RejectLog(staging / CORPUS_DIR / REJECTS, result)
    index = DuplicateIndex(staging)
    dup_log = (staging / CORPUS_DIR / DUPLICATES).open("w", encoding="utf-8")
    source = fetched(options.input, staging / "input") if is_url(options.input) \
        else options.input
    found = survey(source, options.format)
    used: set[str] = set()
    digests: dict[str, str] = {}
    items = _carrying(iter_inputs(source, options.format, found,
                                  **options.reader_options()), used, digests)
    converted = _records(items, options)
    with _collections_spaced_out():
        for item in tqdm(converted, desc="build", unit="article", disable=not options.progress):
            result.read += 1
            if isinstance(item, Converted):
                item = _check_repeats(item, index, dup_log, result)
            if isinstance(item, Reject):
                rejects.add(item)
                continue
            writer.add(item)
            result.stats.merge(item.stats)
            result.written += 1
    index.close()
    dup_log.close()
    rejects.close()
    if result.read == 0:
        raise UserError(str(options.input), "no input to build: no article file the readers "
                        "take (.txt, .jsonl, .jsonl.gz, TREC) is there; nothing was changed")
    result.outputs = writer.close()
    result.skipped = found.skipped + [
        (found.name(ann), "an annotation file that goes with no article or line of its name")
        for ann in orphan_annotations(found, used)]
    _write_skipped(staging / CORPUS_DIR / SKIPPED, result.skipped)
    result.stats.inputs = sorted(digests.items())
    _write_docs(options, result, staging)
    return result


def _carrying(items: Iterable[RawInput], used: set[str],
              digests: dict[str, str]) -> Iterator[RawInput]:
    """The inputs, noting the annotation files they carry and the digests of the files read
    for them (the datasheet's list of inputs: what was read, not what is there later)."""
    for item in items:
        if item.annotations_file is not None:
            used.add(item.annotations_file)
        digests.update(item.read)
        yield item


def _write_skipped(path: Path, skipped: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for name, reason in skipped:
            f.write(json.dumps({"file": name, "reason": reason}, ensure_ascii=False) + "\n")


def _check_repeats(record: Converted, index: DuplicateIndex, log,
                   result: BuildResult) -> Converted | Reject:
    """A record whose id was written already is a reject; a duplicate text is reported, and a
    reject when duplicates are dropped."""
    where = record
    if not index.new_id(record.id):
        return Reject(where.file, where.line, "duplicate-id",
                      f"record id {record.id} was already written")
    dup = index.duplicate(record.id, record.signature)
    if dup is None:
        return record
    result.duplicates[dup.kind] += 1
    row = {"id": record.id, "file": where.file, "line": where.line, "kind": dup.kind,
           "of": dup.of, "similarity": round(dup.similarity, 4),
           "dropped": result.duplicates_dropped}
    log.write(json.dumps(row, ensure_ascii=False) + "\n")
    if not result.duplicates_dropped:
        return record
    return Reject(where.file, where.line, f"duplicate-{dup.kind}",
                  f"{dup.kind} duplicate of record {dup.of} (similarity {dup.similarity:.2f})")


def _template(name: str) -> str:
    return resources.files("sahifa.write").joinpath("templates", name).read_text("utf-8")


def _current(output: Path, name: str) -> str:
    path = output / name
    return path.read_text("utf-8") if path.exists() else _template(name)


def _write_docs(options: BuildOptions, result: BuildResult, staging: Path) -> None:
    cff_file = options.output / CITATION
    cff = read_cff(cff_file.read_text("utf-8") if cff_file.is_file() else None, str(cff_file))
    card = render_card(_current(options.output, CARD), result.outputs, cff)
    (staging / CARD).write_text(card, encoding="utf-8")
    meta = DatasetCard(card).data.to_dict()
    sheet = render_datasheet(_current(options.output, DATASHEET), result, options.command,
                             dataset_version(meta))
    (staging / DATASHEET).write_text(sheet, encoding="utf-8")
    (staging / CROISSANT).write_text(
        croissant(staging, result.outputs, meta, sheet, bibtex(meta, cff), cff,
                  result.stats.licenses), encoding="utf-8")


STAGING_PREFIX = ".sahifa-staging-"
SWAP_MARK = ".swap"  # in a staging folder: the inode of its corpus, written before the swap
OLD_CORPUS = f"{CORPUS_DIR}-old"  # in a staging folder: the corpus a two-step swap moved aside


def swap_in(staging: Path, output: Path) -> None:
    """Move the staged corpus and documents into `output`. The corpus folders are exchanged in
    one atomic step where the system allows it (Linux `renameat2`), so a reader or a kill sees
    the old corpus or the new one, whole; the card and datasheet follow. A swap cut short is
    finished by the next build (`recover`)."""
    output.mkdir(parents=True, exist_ok=True)
    new, target = staging / CORPUS_DIR, output / CORPUS_DIR
    (staging / SWAP_MARK).write_text(str(new.stat().st_ino), encoding="utf-8")
    if not (target.exists() and _exchange(new, target)):
        if target.exists():
            target.rename(staging / OLD_CORPUS)
        new.rename(target)
    _move_documents(staging, output)


def _move_documents(staging: Path, output: Path) -> None:
    for name in (CARD, DATASHEET, CROISSANT):
        if (staging / name).exists():
            os.replace(staging / name, output / name)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic rename (Linux renameat2 with RENAME_EXCHANGE); False
    where the system or the file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_cwd, exchange = -100, 2
    return renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), exchange) == 0


def recover(output: Path) -> None:
    """Clean up after builds that died: finish a swap that had begun (its corpus is in place,
    its card and datasheet are not yet), put back an old corpus a two-step swap had moved
    aside, and remove every staging folder."""
    target = output / CORPUS_DIR
    for staging in sorted(output.glob(STAGING_PREFIX + "*")):
        mark = staging / SWAP_MARK
        if mark.exists() and target.exists() and \
                str(target.stat().st_ino) == mark.read_text(encoding="utf-8"):
            _move_documents(staging, output)
        elif mark.exists() and not target.exists() and (staging / OLD_CORPUS).exists():
            (staging / OLD_CORPUS).rename(target)
        elif mark.exists() and not target.exists():
            (staging / CORPUS_DIR).rename(target)
            _move_documents(staging, output)
        shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def staging_dir(output: Path) -> Iterator[Path]:
    """A scratch folder beside the output (same file system, so renames are atomic)."""
    output.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=output))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def locked(output: Path) -> Iterator[None]:
    """One build at a time into `output`: a lock on the folder itself (released by the system
    when the process dies, so a killed build never blocks the next)."""
    output.mkdir(parents=True, exist_ok=True)
    fd = os.open(output, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(str(output), "another build is writing into this folder; wait for "
                            "it to finish", USAGE) from None
        yield
    finally:
        os.close(fd)


def build(options: BuildOptions) -> BuildResult:
    """Build into a staging folder and swap it in; nothing changes in `options.output` when
    the build fails (a folder it had to create is removed again)."""
    created = not options.output.exists()
    try:
        with locked(options.output):
            recover(options.output)
            with staging_dir(options.output) as staging:
                result = run_build(options, staging)
                swap_in(staging, options.output)
    except BaseException:
        if created and options.output.is_dir() and not any(options.output.iterdir()):
            options.output.rmdir()
        raise
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
        {CARD, DATASHEET, CROISSANT} | _corpus_files(root)
    )
    return {name: (root / name).read_bytes() for name in names if (root / name).is_file()}
