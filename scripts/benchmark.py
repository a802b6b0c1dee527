"""Benchmark of the build on real data, side by side with its anchors (not a test: it prints
figures, it asserts nothing).

    .venv/bin/python scripts/benchmark.py [--input FILE.jsonl.gz] [--articles N] [--memory-base M]

In one run, on the first N articles of the input (SaudiNewsNet by default; 0 = all of it):
- the build's CPU and wall time with one worker and with every core (and with the rules alone,
  `--annotators rules`, and the CRF's mentions alone, `--annotators crf`: articles per CPU
  second with each), next to spaCy's blank
  Arabic tokenizer on the same texts (`spacy.blank("ar")`, the `benchmark` extra) and the floor
  (the same texts read and written as Parquet by plain pyarrow, no processing); whether the two
  builds' Parquet files are byte-identical;
- Parquet bytes per raw input byte, per config, next to the floor's;
- validation records/s (one process; every core) next to plain `jsonschema` on the same records;
- `load_dataset` next to `pyarrow.parquet.read_table` of the same files;
- peak RSS of builds of 1x, 10x and 100x a base sample of M articles (each copy with new ids);
- the time to build one article of 1 MB and one of 4 MB (bodies of the input joined);
- each engine (`--engine local`, `--engine ray`) with 1 and 2 workers: wall and CPU time, the
  speed-up, whether all their Parquet is byte-identical (`--engines-only`: this part alone).
Each build runs in its own subprocess, so CPU time (its workers' included) and peak RSS are per
run. Figures come with the machine they were measured on.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
SAHIFA = [sys.executable, "-m", "sahifa.cli"]
CONFIGS = ("default", "ner", "quotes")
ENGINES = ("local", "ray")
SAMPLE_S = 0.1
BUILT = (0, 1)  # exit statuses of a build that wrote its corpus (1: with rejects or duplicates)
PLAIN_JSONSCHEMA_RECORDS = 100  # jsonschema walks every token: a sample is enough for a rate


def _measured(cmd: list[str]) -> dict[str, float]:
    """Wall and CPU seconds (the command's processes and their children) and peak RSS (MB, the
    largest process) of a command, from a fresh intermediate process so runs share nothing.
    A build that reports rejects or duplicates (SaudiNewsNet has empty articles) succeeded."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
        "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss); "
        f"sys.exit(0 if code in {BUILT} else code)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True,
                         check=True, env={**os.environ, "HF_DATASETS_OFFLINE": "1"})
    wall, cpu, rss_kb = out.stdout.split()
    return {"wall": float(wall), "cpu": float(cpu), "rss": int(rss_kb) / 1024}


def _measured_tree(cmd: list[str]) -> dict[str, float]:
    """Wall and CPU seconds of a command and every process below it, sampled from /proc (Linux)
    every SAMPLE_S while it runs: Ray's workers are children of its raylet, which reaps them
    without their time reaching the command's rusage. (A process's last SAMPLE_S is missed.)"""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                            env={**os.environ, "HF_DATASETS_OFFLINE": "1"})
    ticks: dict[int, int] = {}
    while proc.poll() is None:
        for pid, used in _tree_ticks(proc.pid).items():
            ticks[pid] = max(ticks.get(pid, 0), used)
        time.sleep(SAMPLE_S)
    wall = time.perf_counter() - start
    if proc.returncode not in BUILT:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return {"wall": wall, "cpu": sum(ticks.values()) / os.sysconf("SC_CLK_TCK")}


def _tree_ticks(root: int) -> dict[int, int]:
    """CPU clock ticks (user + system) of `root` and its descendants, by process id."""
    parents, used = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        pid = int(stat.parent.name)
        parents[pid], used[pid] = int(fields[1]), int(fields[11]) + int(fields[12])
    tree, grown = {root}, True
    while grown:
        below = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= below
        grown = bool(below)
    return {pid: used[pid] for pid in tree if pid in used}


def raw_lines(path: Path):
    with gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb") as f:
        yield from f


def sample(path: Path, out: Path, articles: int) -> tuple[int, int]:
    """The first `articles` lines (all when 0) as plain JSON Lines; (lines, bytes)."""
    lines = raw_lines(path) if not articles else islice(raw_lines(path), articles)
    count = size = 0
    with out.open("wb") as f:
        for line in lines:
            f.write(line)
            count, size = count + 1, size + len(line)
    return count, size


def replicate(path: Path, out: Path, count: int, copies: int) -> None:
    """The first `count` lines, `copies` times, each copy with a new id (a `replica` key makes
    the line, hence its hash id, new)."""
    with out.open("wb") as f:
        for copy in range(copies):
            for line in islice(raw_lines(path), count):
                obj = json.loads(line)
                obj["replica"] = copy
                f.write(json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n")


def large_article(path: Path, out: Path, size: int) -> None:
    """One article of about `size` bytes of JSON: the input's bodies, in order, as its
    paragraphs."""
    first = json.loads(next(raw_lines(path)))
    bodies, total = [], 0
    for line in raw_lines(path):
        body = json.loads(line).get("content") or ""
        total += len(json.dumps(body, ensure_ascii=False).encode("utf-8"))
        if total > size - 2000:
            break
        bodies.append(body)
    article = {**first, "content": "\n".join(bodies)}
    out.write_text(json.dumps(article, ensure_ascii=False) + "\n", encoding="utf-8")


def texts(path: Path) -> list[str]:
    """Title, two newlines, body: what both the floor and spaCy get."""
    out = []
    for line in raw_lines(path):
        obj = json.loads(line)
        out.append((obj.get("title") or "") + "\n\n" + (obj.get("content") or ""))
    return out


def floor(path: Path, out: Path) -> None:
    """The floor: the texts (id = line number) written by plain pyarrow with zstd, no
    conversion, no checks."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    all_texts = texts(path)
    out.mkdir(parents=True, exist_ok=True)
    table = pa.table({"id": [str(i) for i in range(1, len(all_texts) + 1)], "text": all_texts})
    pq.write_table(table, out / "train-00000-of-00001.parquet", compression="zstd")


def spacy_tokens(path: Path) -> None:
    """spaCy's blank Arabic pipeline (its tokenizer alone) over the same texts."""
    import spacy

    nlp = spacy.blank("ar")
    tokens = sum(len(doc) for doc in nlp.pipe(texts(path), batch_size=256))
    print(tokens)


def parquet_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.parquet"))


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*.parquet")):
        h.update(p.relative_to(folder).as_posix().encode() + p.read_bytes())
    return h.hexdigest()


def time_validation(folder: Path, workers: int) -> tuple[float, float, int]:
    """(wall s, CPU s of this process and its workers, records) of `validate_path`."""
    from sahifa.validate.runner import validate_path

    before, children = time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    report = validate_path(folder, workers)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - before + (after.ru_utime + after.ru_stime
                                         - children.ru_utime - children.ru_stime)
    if report.findings:
        print(f"  (validation found {len(report.findings)} problems)")
    return wall, cpu, report.records


def time_plain_jsonschema(folder: Path) -> tuple[float, int]:
    """CPU seconds of plain jsonschema (2020-12, no compilation) on the first records."""
    import jsonschema

    from sahifa.schema import record_schema
    from sahifa.write.parquet import document_files, read_documents

    validator = jsonschema.Draft202012Validator(record_schema())
    rows = list(islice((r for f in document_files(folder) for r in read_documents(f)),
                       PLAIN_JSONSCHEMA_RECORDS))
    start = time.process_time()
    for row in rows:
        validator.validate(row)
    return time.process_time() - start, len(rows)


def time_load_dataset(folder: Path) -> float:
    import datasets

    cache = Path(tempfile.mkdtemp(prefix="sahifa-bench-cache-"))
    try:
        start = time.perf_counter()
        datasets.load_dataset(str(folder), "default", cache_dir=str(cache))
        return time.perf_counter() - start
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def time_read_table(folder: Path) -> float:
    import pyarrow.parquet as pq

    start = time.perf_counter()
    for p in sorted((folder / "corpus" / "default").glob("*.parquet")):
        pq.read_table(p)
    return time.perf_counter() - start


def build(src: Path, out: Path, workers: int, *options: str, engine: str = "local",
          measure=_measured) -> dict[str, float]:
    return measure([*SAHIFA, "build", "--input", str(src), "--output", str(out),
                    "--workers", str(workers), "--engine", engine, *options])


def engines(src: Path, work: Path, articles: int) -> None:
    """Each engine with 1 and 2 workers (Ray: a local Ray of that many CPUs, started and
    stopped by the build, which the wall time includes), and whether every build's Parquet is
    the first one's."""
    runs, digests = {}, set()
    for engine in ENGINES:
        if engine == "ray" and importlib.util.find_spec("ray") is None:
            print("\nRay is not installed (the ray extra): no figures for --engine ray")
            continue
        for workers in (1, 2):
            out = work / f"{engine}{workers}"
            runs[engine, workers] = build(src, out, workers, engine=engine,
                                         measure=_measured_tree)
            digests.add(digest(out / "corpus"))
            shutil.rmtree(out, ignore_errors=True)
    print(f"\nEngines, {articles} articles (CPU: the build's process and every process below "
          "it, Ray's included):")
    print("| engine | workers | wall s | CPU s | articles/s | speed-up over 1 worker |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for (engine, workers), run in runs.items():
        print(f"| {engine} | {workers} | {run['wall']:.1f} | {run['cpu']:.1f} | "
              f"{articles / run['wall']:.1f} | {runs[engine, 1]['wall'] / run['wall']:.2f}x |")
    print(f"Their Parquet is {'byte-identical' if len(digests) == 1 else 'DIFFERENT'} across "
          "engines and workers.")


def row(name: str, value: float, anchor: float | None, anchor_name: str, unit: str) -> str:
    ratio = "" if not anchor else f"{value / anchor:.2f}x"
    anchor_text = "" if anchor is None else f"{anchor:,.2f} ({anchor_name})"
    return f"| {name} | {value:,.2f} {unit} | {anchor_text} | {ratio} |"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(line.split(":", 1)[1].strip() for line in
                     Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        model = cpu
    return (f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}; load average "
            f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--articles", type=int, default=2000, help="0 = the whole input")
    parser.add_argument("--memory-base", type=int, default=20,
                        help="articles of the 1x memory run (10x and 100x follow)")
    parser.add_argument("--engines-only", action="store_true",
                        help="only the engines' figures (local and ray, 1 and 2 workers)")
    parser.add_argument("--floor-only", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--spacy-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor_only:
        floor(*args.floor_only)
        return 0
    if args.spacy_only:
        spacy_tokens(args.spacy_only)
        return 0
    if not args.input.exists():
        print(f"{args.input} is absent: give --input", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="sahifa-bench-"))
    try:
        return _benchmark(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _benchmark(args, work: Path) -> int:
    cores = os.cpu_count() or 1
    src = work / "input.jsonl"
    articles, raw_bytes = sample(args.input, src, args.articles)
    print(f"machine: {machine()}")
    print(f"input: the first {articles} articles of {args.input.name}, "
          f"{raw_bytes / 1e6:.1f} MB of JSON Lines")
    if args.engines_only:
        engines(src, work, articles)
        return 0

    floor_run = _measured([sys.executable, __file__, "--floor-only", str(src),
                           str(work / "floor" / "corpus" / "default")])
    spacy_run = _measured([sys.executable, __file__, "--spacy-only", str(src)])
    one = build(src, work / "one", 1)
    rules = build(src, work / "rules", 1, "--annotators", "rules")
    crf_alone = build(src, work / "crf", 1, "--annotators", "crf")
    every = build(src, work / "every", cores)
    same = digest(work / "one" / "corpus") == digest(work / "every" / "corpus")

    validate_wall, validate_cpu, records = time_validation(work / "one", 1)
    pool_wall, _, _ = time_validation(work / "one", cores)
    plain_cpu, plain_records = time_plain_jsonschema(work / "one")
    load_s, read_s = time_load_dataset(work / "one"), time_read_table(work / "one")

    print()
    print("| figure | sahifa | anchor | ratio |")
    print("| --- | ---: | ---: | ---: |")
    print(row("build CPU, 1 worker", one["cpu"], spacy_run["cpu"], "spaCy blank('ar') CPU",
              "s"))
    print(row("build CPU, 1 worker", one["cpu"], floor_run["cpu"], "floor CPU", "s"))
    print(row("build CPU, 1 worker, rules alone", rules["cpu"], spacy_run["cpu"],
              "spaCy blank('ar') CPU", "s"))
    print(row("build CPU, 1 worker (CRF+rules)", one["cpu"], rules["cpu"], "rules alone", "s"))
    print(row("build wall, 1 worker", one["wall"], spacy_run["wall"], "spaCy wall", "s"))
    print(row(f"build wall, {cores} workers", every["wall"], one["wall"], "1 worker", "s"))
    print(row(f"build CPU, {cores} workers", every["cpu"], one["cpu"], "1 worker", "s"))
    print(row("build articles/s, 1 worker", articles / one["wall"], None, "", ""))
    for name, run in (("CRF+rules", one), ("the CRF alone", crf_alone), ("rules alone", rules)):
        print(row(f"build articles per CPU second, 1 worker, {name}", articles / run["cpu"],
                  None, "", ""))
    print(row("build peak RSS, 1 worker", one["rss"], floor_run["rss"], "floor", "MB"))
    floor_bytes = parquet_bytes(work / "floor")
    for config in CONFIGS:
        size = parquet_bytes(work / "one" / "corpus" / config)
        print(row(f"Parquet `{config}` bytes per raw byte", size / raw_bytes,
                  floor_bytes / raw_bytes, "floor: id + text", ""))
    print(row("validation records/s, 1 process (CPU)", records / validate_cpu,
              plain_records / plain_cpu, "plain jsonschema", ""))
    print(row(f"validation wall, {cores} workers", pool_wall, validate_wall, "1 process", "s"))
    print(row("load_dataset (fresh cache)", load_s, read_s, "read_table", "s"))
    print(f"\nThe {cores}-worker build's Parquet is "
          f"{'byte-identical to' if same else 'DIFFERENT from'} the 1-worker build's.")

    print(f"\nPeak RSS with the input replicated (1x = {args.memory_base} articles, each copy "
          "with new ids, one worker):")
    print("| copies | articles | wall s | peak RSS MB | RSS / 1x |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    base_rss = None
    for copies in (1, 10, 100):
        copied = work / f"x{copies}.jsonl"
        replicate(src, copied, args.memory_base, copies)
        run = build(copied, work / f"x{copies}", 1)
        base_rss = base_rss or run["rss"]
        print(f"| {copies}x | {args.memory_base * copies} | {run['wall']:.1f} | "
              f"{run['rss']:.0f} | {run['rss'] / base_rss:.2f} |")
        shutil.rmtree(work / f"x{copies}", ignore_errors=True)

    print("\nOne large article (the input's bodies joined as its paragraphs), one worker:")
    print("| article | wall s | CPU s | peak RSS MB |")
    print("| ---: | ---: | ---: | ---: |")
    for megabytes in (1, 4):
        big = work / f"big{megabytes}.jsonl"
        large_article(args.input, big, megabytes * 1_000_000)
        run = build(big, work / f"big{megabytes}", 1)
        print(f"| {big.stat().st_size / 1e6:.1f} MB | {run['wall']:.1f} | {run['cpu']:.1f} | "
              f"{run['rss']:.0f} |")
    engines(src, work, articles)
    print(f"\nLoad average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
