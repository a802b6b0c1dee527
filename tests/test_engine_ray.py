"""The build on Ray (`--engine ray`) gives the local build's output, byte for byte: the seed, a
SaudiNewsNet sample with duplicates far apart (so in chunks that different tasks convert), and a
build whose worker is killed (retried: the same output; killed every time: one line, the old
corpus untouched). One local Ray of 2 CPUs serves the whole module."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import sys
from itertools import islice

import pytest

from sahifa import build as build_module
from sahifa.build import CHUNK, BuildOptions, build
from sahifa.cli import main
from sahifa.errors import UserError
from sahifa.validate.runner import validate_path
from tests.conftest import ROOT, SEEDS

SAMPLE = 300
DOCS = ("README.md", "DATASHEET.md", "CITATION.cff")


@pytest.fixture(scope="module")
def ray_session():
    ray = pytest.importorskip("ray", reason="the optional ray extra is not installed")
    ray.init(num_cpus=2, include_dashboard=False, logging_level="warning")
    yield ray
    ray.shutdown()


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _build_with(engine: str, src, work, monkeypatch, *args) -> tuple[int, dict]:
    """`sahifa build` of `src` with one engine, into `<work>/<engine>/out`, run from
    `<work>/<engine>` so the command the datasheet records is the same for both engines."""
    folder = work / engine
    (folder / "out").mkdir(parents=True)
    for doc in DOCS:
        shutil.copy(ROOT / doc, folder / "out" / doc)
    monkeypatch.chdir(folder)
    code = main(["build", "--input", str(src), "--output", "out", "--workers", "2",
                 "--engine", engine, *args])
    return code, _files(folder / "out")


def test_the_seed_builds_the_same_on_ray_as_locally(ray_session, tmp_path, monkeypatch):
    code_local, local = _build_with("local", SEEDS, tmp_path, monkeypatch)
    code_ray, on_ray = _build_with("ray", SEEDS, tmp_path, monkeypatch)
    assert code_ray == code_local == 0
    assert any(name.endswith(".parquet") for name in local)
    assert on_ray == local  # every shard, the rejects, duplicates, card and datasheet
    assert not validate_path(tmp_path / "ray" / "out").findings


def _with_far_copies(lines: list[bytes], path) -> dict[str, int]:
    """The lines, then, far from their originals (other chunks): a line again (a duplicate
    id), a line with another url (an exact duplicate: the same text, another id) and a line
    with its last word changed (a near duplicate). Returns the line numbers of the copies."""
    long = [i for i, line in enumerate(lines) if len(json.loads(line)["content"].split()) > 200]
    same, exact, near = long[0], long[1], long[2]
    moved = json.loads(lines[exact])
    moved["url"] += "?copy"
    changed = json.loads(lines[near])
    changed["content"] = changed["content"].rsplit(" ", 1)[0] + " انتهى"
    copies = [lines[same], json.dumps(moved, ensure_ascii=False).encode(),
              json.dumps(changed, ensure_ascii=False).encode()]
    path.write_bytes(b"\n".join(lines + copies) + b"\n")
    after = len(lines)
    assert after + 1 - near > 2 * CHUNK  # the copies are in other chunks than the originals
    return {"id": after + 1, "exact": after + 2, "near": after + 3}


def test_a_saudinewsnet_sample_builds_the_same_and_its_duplicates_are_found_across_chunks(
        ray_session, shared_data, tmp_path, monkeypatch):
    with gzip.open(shared_data / "news" / "saudinewsnet" / "saudinewsnet.jsonl.gz") as f:
        lines = [line.rstrip(b"\n") for line in islice(f, SAMPLE)]
    _assert_same_with_duplicates_across_chunks(lines, tmp_path, monkeypatch)


def test_the_seed_lines_with_far_copies_build_the_same_and_the_copies_are_found(
        ray_session, tmp_path, monkeypatch):
    """The same on the repository's own 56 SaudiNewsNet lines (no shared data needed)."""
    lines = (SEEDS / "saudinewsnet" / "saudinewsnet-gold.jsonl").read_bytes().splitlines()
    _assert_same_with_duplicates_across_chunks(lines, tmp_path, monkeypatch)


def _assert_same_with_duplicates_across_chunks(lines, tmp_path, monkeypatch):
    src = tmp_path / "sample.jsonl"
    copies = _with_far_copies(lines, src)
    code_local, local = _build_with("local", src, tmp_path, monkeypatch)
    code_ray, on_ray = _build_with("ray", src, tmp_path, monkeypatch)
    assert code_ray == code_local == 1  # rejects: the duplicate id, and bad lines of the input
    assert on_ray == local
    duplicates = [json.loads(line) for line in on_ray["corpus/duplicates.jsonl"].splitlines()]
    assert {(d["line"], d["kind"]) for d in duplicates} >= {
        (copies["exact"], "exact"), (copies["near"], "near")}
    rejects = [json.loads(line) for line in on_ray["corpus/rejects.jsonl"].splitlines()]
    assert (copies["id"], "duplicate-id") in {(r["line"], r["reason"]) for r in rejects}
    assert not validate_path(tmp_path / "ray" / "out").findings


def _kill_worker(marker=None):
    """A `_convert_chunk` whose worker process dies on the chunk of the seed's JSON Lines line
    30: every time, or (with a `marker` file) only the first time."""
    convert_chunk = build_module._convert_chunk

    def dying(items, tagger):
        if any(item.line == 30 for item in items) and not (
                marker is not None and marker.exists()):
            if marker is not None:
                marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return convert_chunk(items, tagger)

    return dying


def _seed_build(output, engine: str) -> BuildOptions:
    output.mkdir()
    for doc in DOCS:
        shutil.copy(ROOT / doc, output / doc)
    return BuildOptions(input=SEEDS, output=output, workers=2, engine=engine, command="test")


def test_a_killed_worker_is_retried_and_the_output_is_the_same(ray_session, tmp_path,
                                                                monkeypatch):
    local = _seed_build(tmp_path / "local", "local")
    build(local)
    marker = tmp_path / "killed-once"
    monkeypatch.setattr(build_module, "_convert_chunk", _kill_worker(marker))
    options = _seed_build(tmp_path / "ray", "ray")
    build(options)
    assert marker.exists()  # a worker was killed, and its chunk run again
    assert _files(options.output) == _files(local.output)


def test_a_worker_killed_every_time_fails_the_build_and_keeps_the_old_corpus(
        ray_session, tmp_path, monkeypatch):
    options = _seed_build(tmp_path / "out", "ray")
    build(options)
    before = _files(options.output)
    monkeypatch.setattr(build_module, "_convert_chunk", _kill_worker())
    with pytest.raises(UserError, match="worker process died"):
        build(options)
    assert _files(options.output) == before


def test_the_ray_engine_without_ray_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` fails as where it is absent
    code = main(["build", "--input", str(SEEDS), "--output", str(tmp_path / "out"),
                 "--engine", "ray"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "pip install 'sahifa[ray]'" in err
    assert not (tmp_path / "out").exists()


def test_a_ray_address_goes_only_with_the_ray_engine(tmp_path, capsys):
    code = main(["build", "--input", str(SEEDS), "--output", str(tmp_path / "out"),
                 "--ray-address", "auto"])
    assert code == 2
    assert "goes only with --engine ray" in capsys.readouterr().err


def test_input_at_an_fsspec_url_builds_what_the_same_folder_on_disk_gives(
        ray_session, tmp_path, monkeypatch):
    fsspec = pytest.importorskip("fsspec")
    memory = fsspec.filesystem("memory")
    for file in sorted(p for p in SEEDS.rglob("*") if p.is_file()):
        memory.pipe_file(f"/bucket/seeds/{file.relative_to(SEEDS).as_posix()}", file.read_bytes())
    _, local = _build_with("local", SEEDS, tmp_path, monkeypatch)
    code, remote = _build_with("ray", "memory://bucket/seeds", tmp_path, monkeypatch)
    memory.rm("/bucket", recursive=True)
    assert code == 0
    corpus = {name: data for name, data in local.items() if name.startswith("corpus/")}
    assert {name: remote[name] for name in corpus} == corpus
    assert remote.keys() == local.keys()
    assert remote["README.md"] == local["README.md"]


def test_a_url_no_file_system_reads_is_one_line(tmp_path, capsys):
    code = main(["build", "--input", "nope://bucket/seeds", "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert err == "sahifa build: nope://bucket/seeds: cannot be read: Protocol not known: nope\n"
    assert not (tmp_path / "out").exists()
