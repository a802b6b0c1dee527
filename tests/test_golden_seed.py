"""Golden test: the seed article's whole record, as reviewed and stored in
tests/fixtures/golden/. After an intended change, regenerate with
`SAHIFA_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden_seed.py` and review the diff."""

from __future__ import annotations

import json
import os

from sahifa.ingest.readers import plaintext
from sahifa.pipeline import convert
from tests.conftest import FIXTURES, SEEDS

GOLDEN = FIXTURES / "golden" / "000_19ff7663056b0340.json"


def test_seed_record_equals_the_golden_file():
    item = next(i for i in plaintext.iter_inputs(SEEDS) if i.file == "000_19ff7663056b0340.txt")
    data = convert(item).to_dict()
    if os.environ.get("SAHIFA_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert data == json.loads(GOLDEN.read_text("utf-8"))
