import json
from pathlib import Path

import pytest

from sahifa.errors import UserError
from sahifa.evaluate.quotes_dev import dev_records
from sahifa.offset_sets import read_rows
from sahifa.train import silver_records

ROOT = Path(__file__).resolve().parents[1]
SETS = [(lambda data, path: dev_records(data, read_rows(path)),
         ROOT / "annotation/quotes-dev/gold.jsonl", "the quotation development set"),
        (lambda data, path: silver_records(path, data),
         ROOT / "annotation/ner-silver/silver.jsonl", "the silver entity set")]


@pytest.mark.shared_data
@pytest.mark.parametrize(("rebuild", "path", "name"), SETS, ids=["quotes-dev", "ner-silver"])
def test_an_article_whose_text_changed_is_named_with_its_set(shared_data, tmp_path, rebuild,
                                                              path, name):
    row = read_rows(path)[0]
    changed = tmp_path / "set.jsonl"
    changed.write_text(json.dumps({**row, "text_sha256": "0" * 64}) + "\n", "utf-8")
    with pytest.raises(UserError, match=f"is not the text {name} was annotated on"):
        rebuild(shared_data, changed)


def test_an_article_the_data_lacks_is_named(tmp_path):
    row = read_rows(SETS[1][1])[0]
    changed = tmp_path / "set.jsonl"
    changed.write_text(json.dumps(row) + "\n", "utf-8")
    (tmp_path / "data" / "news" / "saudinewsnet").mkdir(parents=True)
    (tmp_path / "data" / row["source"]).write_text("", "utf-8")
    with pytest.raises(UserError, match="lacks 1 articles of the silver entity set"):
        silver_records(changed, tmp_path / "data")
