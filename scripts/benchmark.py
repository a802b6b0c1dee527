"""Benchmark of the build on real data (not a test: it prints figures, it asserts nothing).

    .venv/bin/python scripts/benchmark.py [--input FILE.jsonl.gz] [--workers 0] [--fraction F]

In one run it prints: the build's articles/s and MB/s on the input (SaudiNewsNet by default);
peak RSS of builds of 1x, 10x and 100x a base sample (each article replicated with a new id,
streamed, one subprocess a run so RSS is per run); validation records/s; `load_dataset` time;
Parquet bytes per raw byte; and the floor, the same texts written by plain pyarrow with no
processing, with every figure also as a ratio to the floor's.

The base sample of the memory runs is `--fraction` of the input (default 0.01, so 100x is about
as many articles as the input): a full 100x of SaudiNewsNet (3.1 million articles) takes hours
on 2 cores. The output says which fraction was used.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
SAHIFA = [sys.executable, "-m", "sahifa.cli"]


def _run_measured(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, the largest process of the run) of a command, measured in
    a fresh intermediate process so runs do not share a maximum."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "print(time.perf_counter() - t, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True,
                         check=True, env={**os.environ, "HF_DATASETS_OFFLINE": "1"})
    seconds, rss_kb = out.stdout.split()
    return float(seconds), int(rss_kb) / 1024


def raw_lines(path: Path):
    with gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb") as f:
        yield from f


def replicate(path: Path, out: Path, count: int, copies: int) -> int:
    """The first `count` lines, `copies` times, each copy with a new id (a `replica` key makes
    the line, hence its hash id, new). Streamed to a gzip file; returns the raw bytes written."""
    written = 0
    with gzip.open(out, "wb", compresslevel=1) as f:
        for copy in range(copies):
            for i, line in enumerate(raw_lines(path)):
                if i >= count:
                    break
                obj = json.loads(line)
                obj["replica"] = copy
                data = json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n"
                f.write(data)
                written += len(data)
    return written


def floor(path: Path, out: Path) -> None:
    """The floor: the same texts (title + two newlines + content, id = line number) written by
    plain pyarrow with the build's compression, no conversion, no checks."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    ids, texts = [], []
    for number, line in enumerate(raw_lines(path), 1):
        obj = json.loads(line)
        ids.append(str(number))
        texts.append((obj.get("title") or "") + "\n\n" + (obj.get("content") or ""))
    out.mkdir(parents=True, exist_ok=True)
    table = pa.table({"id": ids, "text": texts})
    pq.write_table(table, out / "train-00000-of-00001.parquet", compression="zstd")


def parquet_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.parquet"))


def time_load_dataset(folder: Path) -> float:
    import datasets

    cache = Path(tempfile.mkdtemp(prefix="sahifa-bench-cache-"))
    try:
        start = time.perf_counter()
        datasets.load_dataset(str(folder), cache_dir=str(cache))
        return time.perf_counter() - start
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def time_validation(folder: Path) -> tuple[float, int]:
    from sahifa.validate.runner import validate_path

    start = time.perf_counter()
    report = validate_path(folder)
    seconds = time.perf_counter() - start
    if report.findings:
        print(f"  (validation found {len(report.findings)} problems)")
    return seconds, report.records


def time_floor_read(folder: Path) -> tuple[float, int]:
    import pyarrow.parquet as pq

    start = time.perf_counter()
    rows = sum(pq.read_table(p).num_rows for p in folder.rglob("*.parquet"))
    return time.perf_counter() - start, rows


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def row(name: str, value: float, floor_value: float | None, unit: str, better: str) -> str:
    ratio = "" if not floor_value else f"{value / floor_value:8.3f}x"
    floor_text = "" if floor_value is None else f"{floor_value:12.2f}"
    return f"| {name:<38} | {value:12.2f} | {floor_text:>12} | {ratio:>9} | {unit} ({better}) |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--workers", type=int, default=0, help="0 = all cores")
    parser.add_argument("--fraction", type=float, default=0.01,
                        help="base sample of the memory runs, as a fraction of the input")
    parser.add_argument("--floor-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor_only:
        floor(args.input, args.floor_only)
        return 0

    work = Path(tempfile.mkdtemp(prefix="sahifa-bench-"))
    try:
        return _benchmark(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _benchmark(args, work: Path) -> int:
    workers = args.workers or os.cpu_count() or 1
    total = sum(1 for _ in raw_lines(args.input))
    raw_bytes = sum(len(line) for line in raw_lines(args.input))
    print(f"input {args.input}: {total} articles, {raw_bytes / 1e6:.1f} MB of JSON Lines "
          f"(uncompressed), {args.input.stat().st_size / 1e6:.1f} MB on disk; "
          f"{workers} workers on {os.cpu_count()} cores; load average {_load()}")

    build_cmd = [*SAHIFA, "build", "--input", str(args.input), "--output", str(work / "full"),
                 "--workers", str(workers)]
    build_s, build_rss = _run_measured(build_cmd)
    floor_cmd = [sys.executable, __file__, "--input", str(args.input), "--floor-only",
                 str(work / "floor" / "corpus" / "default")]
    floor_s, floor_rss = _run_measured(floor_cmd)

    validate_s, validated = time_validation(work / "full")
    floor_read_s, floor_rows = time_floor_read(work / "floor")
    load_s = time_load_dataset(work / "full")
    floor_load_s = time_load_dataset(work / "floor")
    out_bytes, floor_out_bytes = parquet_bytes(work / "full"), parquet_bytes(work / "floor")

    base = max(1, round(total * args.fraction))
    memory = []
    for copies in (1, 10, 100):
        src = work / f"x{copies}.jsonl.gz"
        replicate(args.input, src, base, copies)
        cmd = [*SAHIFA, "build", "--input", str(src), "--output", str(work / f"x{copies}"),
               "--workers", str(workers)]
        seconds, rss = _run_measured(cmd)
        memory.append((copies, base * copies, seconds, rss))
        shutil.rmtree(work / f"x{copies}", ignore_errors=True)
        src.unlink()

    print()
    print("| figure | sahifa | floor | ratio | unit |")
    print("| --- | ---: | ---: | ---: | --- |")
    print(row("build: articles/s", total / build_s, total / floor_s, "articles/s", "higher"))
    print(row("build: MB/s (raw JSON Lines)", raw_bytes / 1e6 / build_s, raw_bytes / 1e6 / floor_s,
              "MB/s", "higher"))
    print(row("build: wall time", build_s, floor_s, "s", "lower"))
    print(row("build: peak RSS (full input)", build_rss, floor_rss, "MB", "lower"))
    print(row("validation: records/s", validated / validate_s, floor_rows / floor_read_s,
              "records/s; floor = pyarrow read", "higher"))
    print(row("load_dataset", load_s, floor_load_s, "s", "lower"))
    print(row("Parquet bytes per raw byte", out_bytes / raw_bytes, floor_out_bytes / raw_bytes,
              "bytes/byte", "lower"))
    print()
    print(f"Peak RSS with the input replicated (base sample = {base} articles = "
          f"{args.fraction:g} of the input, NOT the full input: a full 100x would be "
          f"{100 * total} articles; each copy has new ids, the build streams):")
    print("| copies | articles | wall s | articles/s | peak RSS MB | RSS / 1x |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for copies, articles, seconds, rss in memory:
        print(f"| {copies}x | {articles} | {seconds:.1f} | {articles / seconds:.1f} | {rss:.0f} | "
              f"{rss / memory[0][3]:.2f} |")
    print(f"\nLoad average at the end {_load()} (other processes on the machine slow every "
          "figure, the floor's too).")
    print(f"\nParquet: {out_bytes / 1e6:.1f} MB (sahifa, every layer) vs "
          f"{floor_out_bytes / 1e6:.1f} MB (floor, id + text).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
