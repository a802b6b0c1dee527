"""Records the viewer's tests draw: the seed article (gold), its two annotation passes, and the
disagreements the adjudication log lists for them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sahifa import agreement
from sahifa.record import Record
from sahifa.view import sources
from tests.conftest import ROOT, SEEDS

SEED_ID = "000_19ff7663056b0340"
PASSES = ROOT / "annotation" / "passes"
LOG_LINE = re.compile(r"^\d+\. (?P<label>[A-Z]+) (?P<start>\d+)-(?P<end>\d+) «(?P<text>[^»]+)» "
                      r"\((?P<side>[AB])\) vs (?:(?P<label2>[A-Z]+) (?P<start2>\d+)-"
                      r"(?P<end2>\d+) «(?P<text2>[^»]+)» \((?P<side2>[AB])\)|no |nothing)")


@pytest.fixture(scope="session")
def seed_record() -> Record:
    [record] = [r for r in sources.records(SEEDS, []) if r.id == SEED_ID]
    return record


@pytest.fixture(scope="session")
def seed_passes() -> tuple[Record, Record]:
    items = agreement.inputs_by_id(SEEDS, {SEED_ID})
    return tuple(agreement.pass_record(items[SEED_ID], PASSES / side / f"{SEED_ID}.ann")
                 for side in ("a", "b"))


def logged_disagreements() -> list[dict]:
    """The seed's disagreements as annotation/adjudication.md lists them (raw offsets): per
    line, side → (label, raw start, raw end, text)."""
    log = (ROOT / "annotation" / "adjudication.md").read_text("utf-8")
    seed_part = log.split("\n# Adjudication:", 1)[0]  # the first section: the seed
    found = []
    for line in seed_part.splitlines():
        if (m := LOG_LINE.match(line)) is None:
            continue
        sides = {m["side"]: (m["label"], int(m["start"]), int(m["end"]), m["text"])}
        if m["label2"]:
            sides[m["side2"]] = (m["label2"], int(m["start2"]), int(m["end2"]), m["text2"])
        found.append(sides)
    return found


def write(path: Path, html: str) -> Path:
    path.write_text(html, "utf-8")
    return path
