"""The build from JSON Lines: accounting, rejects, duplicates, shards, output outside the repo."""

import itertools
import json
import shutil

import pyarrow.parquet as pq
import pytest

from sahifa.cli import main
from sahifa.pipeline import Reject, convert_or_reject, detect_formats, iter_inputs
from sahifa.validate.runner import validate_path
from tests.conftest import SEEDS

SENTENCE = ("قال وزير الاقتصاد في مؤتمر صحافي عقده اليوم في الرياض إن الحكومة ماضية في خططها "
         "لتنويع مصادر الدخل وزيادة الاستثمار في القطاعات غير النفطية خلال الأعوام المقبلة "
         "وأضاف أن النمو في الربع الثاني فاق التوقعات بفضل الإنفاق على البنية التحتية والتعليم "
         "والصحة وأن الأرقام الأولية تشير إلى تحسن واضح في ميزان المدفوعات")
WORDS = SENTENCE.split()


def _article(i: int, **extra) -> dict:
    body = " ".join(WORDS[i % 7:] + WORDS[: i % 7]) + f" رقم {i}."
    return {"id": f"a{i}", "title": f"عنوان الخبر {i}", "body": body, **extra}


def _write(path, rows) -> None:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False))
                            + "\n" for r in rows), "utf-8")


def _build(tmp_path, rows, *args):
    src = tmp_path / "in.jsonl"
    _write(src, rows)
    out = tmp_path / "out"
    code = main(["build", "--input", str(src), "--output", str(out), *args])
    return code, out


def _rejects(out):
    return [json.loads(line) for line in (out / "corpus" / "rejects.jsonl").open()]


def test_clean_input_builds_validates_and_exits_zero(tmp_path, capsys):
    code, out = _build(tmp_path, [_article(i) for i in range(20)])
    assert code == 0
    assert "read 20 = written 20 + rejected 0" in capsys.readouterr().out
    assert not validate_path(out).findings
    assert (out / "README.md").read_text("utf-8").startswith("---\n")
    assert "| records written | 20 |" in (out / "DATASHEET.md").read_text("utf-8")


def test_every_input_is_accounted_for_and_rejects_are_reported(tmp_path, capsys):
    rows = [_article(1), "{not json", _article(2), _article(2, body="نص آخر مختلف تماما."),
            {"title": "عنوان", "body": ""}, "   "]
    code, out = _build(tmp_path, rows)
    printed = capsys.readouterr().out
    assert code == 1
    assert "read 6 = written 2 + rejected 4" in printed
    for reason in ("invalid-json", "duplicate-id", "empty-body", "empty"):
        assert f"rejected [{reason}]: 1" in printed
    assert [(r["file"], r["line"], r["reason"]) for r in _rejects(out)] == [
        ("in.jsonl", 2, "invalid-json"), ("in.jsonl", 4, "duplicate-id"),
        ("in.jsonl", 5, "empty-body"), ("in.jsonl", 6, "empty")]
    sheet = (out / "DATASHEET.md").read_text("utf-8")
    assert "| inputs read | 6 |" in sheet and "| rejected: duplicate-id | 1 |" in sheet


def _with_duplicates():
    near = _article(3)
    near["body"] = near["body"].replace("الصحة", "السياحة")
    return [_article(1), _article(2), _article(3),
            {**_article(1), "id": "exact-copy"}, {**near, "id": "near-copy"}]


def test_duplicates_are_found_reported_and_kept_by_default(tmp_path, capsys):
    code, out = _build(tmp_path, _with_duplicates())
    assert code == 0
    found = [json.loads(line) for line in (out / "corpus" / "duplicates.jsonl").open()]
    assert [(d["id"], d["kind"], d["of"], d["dropped"]) for d in found] == [
        ("exact-copy", "exact", "a1", False), ("near-copy", "near", "a3", False)]
    assert 0.8 <= found[1]["similarity"] < 1
    sheet = (out / "DATASHEET.md").read_text("utf-8")
    assert "| duplicates (exact, kept) | 1 |" in sheet
    assert "| duplicates (near, kept) | 1 |" in sheet
    assert "read 5 = written 5 + rejected 0" in capsys.readouterr().out


def test_drop_duplicates_makes_them_rejects(tmp_path, capsys):
    code, out = _build(tmp_path, _with_duplicates(), "--drop-duplicates")
    assert code == 1
    assert "read 5 = written 3 + rejected 2" in capsys.readouterr().out
    assert [(r["line"], r["reason"]) for r in _rejects(out)] == [
        (4, "duplicate-exact"), (5, "duplicate-near")]
    assert "| duplicates (near, dropped) | 1 |" in (out / "DATASHEET.md").read_text("utf-8")


def test_workers_and_shards_give_the_same_rows(tmp_path):
    rows = [_article(i) for i in range(300)]
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    _, one = _build(tmp_path / "one", rows)
    _, two = _build(tmp_path / "two", rows, "--workers", "2", "--max-shard-mb", "0.05")
    shards = sorted((two / "corpus" / "default").glob("train-*.parquet"))
    assert len(shards) > 1
    assert not validate_path(two).findings

    def ids(out):
        files = sorted((out / "corpus" / "default").glob("train-*.parquet"))
        return [i for f in files for i in pq.read_table(f, columns=["id"])["id"].to_pylist()]

    assert ids(one) == ids(two)


def test_the_output_loads_with_load_dataset(tmp_path):
    datasets = pytest.importorskip("datasets")
    _, out = _build(tmp_path, [_article(i) for i in range(40)])
    loaded = datasets.load_dataset(str(out))
    assert sum(len(split) for split in loaded.values()) == 40


def test_format_is_chosen_by_file_type(tmp_path, shared_data):
    src = tmp_path / "a.jsonl"
    _write(src, [_article(1)])
    assert detect_formats(src) == ["jsonl"]
    assert detect_formats(SEEDS) == ["plaintext", "jsonl"]
    assert detect_formats(SEEDS / "saudinewsnet") == ["jsonl"]
    assert detect_formats(shared_data / "news" / "ant-jawharafm") == ["trec"]
    assert detect_formats(shared_data / "news" / "ant-multisource") == ["trec"]
    assert detect_formats(shared_data / "news" / "saudinewsnet" / "saudinewsnet.jsonl.gz") \
        == ["jsonl"]


def test_a_sample_of_saudinewsnet_converts_or_is_rejected_with_a_reason(shared_data):
    path = shared_data / "news" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
    sample = list(itertools.islice(iter_inputs(path), 400))
    results = [convert_or_reject(item) for item in sample]
    rejects = [r for r in results if isinstance(r, Reject)]
    assert {r.reason for r in rejects} <= {"empty-body", "empty"}
    records = [r for r in results if not isinstance(r, Reject)]
    assert len(records) + len(rejects) == 400 and len(records) > 350
    assert {r.publication for r in records} >= {"الشرق الأوسط"}
    assert all(r.date and r.date.startswith("2015-") for r in records)
    assert [r.source.line for r in records[:3]] == [1, 2, 3]


def test_mapping_is_refused_for_other_formats_and_unknown_names(tmp_path, capsys):
    out = str(tmp_path / "out")
    texts = tmp_path / "texts"
    texts.mkdir()
    shutil.copy(SEEDS / "000_19ff7663056b0340.txt", texts)
    assert main(["build", "--input", str(texts), "--output", out, "--mapping", "sahifa"]) == 2
    assert "--mapping applies to jsonl input" in capsys.readouterr().err
    src = tmp_path / "a.jsonl"
    _write(src, [_article(1)])
    assert main(["build", "--input", str(src), "--output", out, "--mapping", "nosuch"]) == 2
    assert "neither a preset" in capsys.readouterr().err
