"""The dataset as its users load it: datasets (offline, also streaming), pandas, DuckDB."""

from __future__ import annotations

import datasets
import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from sahifa.write.features import features
from tests.conftest import ROOT

pytestmark = pytest.mark.usefixtures("hf_offline")


def _train_file(root):
    return root / "corpus" / "default" / "train-00000-of-00001.parquet"


def test_load_dataset_reads_a_fresh_build_with_typed_features(built_seeds):
    ds = datasets.load_dataset(str(built_seeds))
    split = next(iter(ds.values()))
    assert split.features == features()
    row = split[0]
    assert row["id"] == "000_19ff7663056b0340"
    assert row["text"][row["paragraphs"][0]["start"]:row["paragraphs"][0]["end"]] \
        == row["headline"]
    names = split.features["paragraphs"].feature["label"].names
    assert [names[p["label"]] for p in row["paragraphs"][:2]] == ["headline", "deck"]


def test_load_dataset_streaming(built_seeds):
    ds = datasets.load_dataset(str(built_seeds), streaming=True)
    first = next(iter(next(iter(ds.values()))))
    assert first["id"] == "000_19ff7663056b0340"
    assert first["source"]["sha256"] == (
        "170e2df2ed498aa6b9fa2cd304d8da5750cb41d4e80903d88a2bf08c813c3c1e")


def test_the_repository_loads_in_one_line_from_a_clone():
    ds = datasets.load_dataset(str(ROOT))
    assert set(ds) == {"train", "test"} and ds["train"].features == features()


def test_pandas_reads_the_parquet(built_seeds):
    frame = pd.read_parquet(_train_file(built_seeds))
    assert list(frame.columns) == list(features())
    assert frame.loc[0, "section"] == "سورية"


def test_duckdb_reads_the_parquet_and_unnests_spans(built_seeds):
    path = _train_file(built_seeds).as_posix()
    count, = duckdb.sql(f"SELECT count(*) FROM (SELECT text, unnest(tokens) AS t FROM '{path}') "
                        "WHERE substr(text, t.start + 1, t.end - t.start) = 'داعش'").fetchall()[0]
    assert count >= 1


def test_polars_reads_the_delta_encoded_offsets_as_pyarrow_does(built_seeds):
    import polars as pl

    path = _train_file(built_seeds)
    tokens = pl.read_parquet(path).select("id", "tokens").explode("tokens").unnest("tokens")
    expected = [(t["start"], t["end"]) for row in pq.read_table(path).column("tokens").to_pylist()
                for t in row]
    assert list(zip(tokens["start"], tokens["end"], strict=True)) == expected
