"""Agreement of the two annotation passes: F1 and κ arithmetic, the passes' figures, and the
staleness check of the datasheet block."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from sahifa import agreement
from sahifa.cli import main
from tests.conftest import ROOT, SEEDS

PASSES = ROOT / "annotation" / "passes"


def test_f1_counts_spans_in_both():
    counts = agreement.Counts()
    counts.add({1, 2, 3}, {2, 3, 4, 5})
    assert (counts.a, counts.b, counts.both) == (3, 4, 2)
    assert counts.f1 == pytest.approx(4 / 7)


def test_kappa_against_a_hand_computed_table():
    # 10 items: 4 X/X, 1 X/O, 2 O/X, 3 O/O: p_o = 0.7, p_e = 0.5*0.6 + 0.5*0.4 = 0.5
    result = agreement.Agreement(token_labels=[("X", "X")] * 4 + [("X", "O")]
                                 + [("O", "X")] * 2 + [("O", "O")] * 3)
    kappa, observed = result.kappa()
    assert observed == pytest.approx(0.7)
    assert kappa == pytest.approx(0.4)


def _logged_disagreements() -> Counter:
    """(pass, layer) of every row of adjudication.md's SaudiNewsNet disagreement table."""
    rows = re.findall(r"^\| [0-9a-f]{16} \| ([AB]) \| [^|]+ \| ([A-Z]+) \|",
                      (ROOT / "annotation" / "adjudication.md").read_text("utf-8"), re.M)
    return Counter((who, "corrections" if kind == "SPELLING" else "entities")
                   for who, kind in rows)


def test_the_passes_disagree_where_the_adjudication_log_says():
    result = agreement.compare(PASSES / "a", PASSES / "b", SEEDS)
    logged = _logged_disagreements()
    entities = result.layers["entities (span and label)"]
    # the seed's log: A had 5 entity spans B did not, B had 1 A did not; then one row each
    assert (entities.a - entities.both, entities.b - entities.both) == (
        5 + logged["A", "entities"], 1 + logged["B", "entities"])
    corrections = result.layers["corrections (span, form and kind)"]
    assert (corrections.a - corrections.both, corrections.b - corrections.both) == (
        logged["A", "corrections"], logged["B", "corrections"])
    assert len(result.articles) == 15
    assert {k: c.f1 for k, c in result.layers.items() if k.startswith(("quotes", "cues"))} == {
        k: 1.0 for k in agreement.LAYERS if k.startswith(("quotes", "cues"))}
    assert 0.9 < result.kappa()[0] < 1


def test_the_check_fails_on_stale_figures(tmp_path, capsys):
    doc = tmp_path / "DATASHEET.md"
    doc.write_text("<!-- sahifa:agreement:start -->\nold\n<!-- sahifa:agreement:end -->\n",
                   encoding="utf-8")
    args = [str(PASSES / "a"), str(PASSES / "b"), "--texts", str(SEEDS)]
    assert main(["agreement", *args, "--check", str(doc)]) == 1
    assert main(["agreement", *args, "--write", str(doc)]) == 0
    assert main(["agreement", *args, "--check", str(doc)]) == 0
    c = agreement.compare(PASSES / "a", PASSES / "b", SEEDS).layers["entities (span and label)"]
    assert f"| entities (span and label) | {c.a} | {c.b} | {c.both} | {c.f1:.3f} |" in \
        doc.read_text("utf-8")


def test_kappa_of_token_marks_and_which_tokens_a_span_covers(minimal_record):
    kappa, observed = agreement.cohen_kappa([(True, True)] * 2 + [(False, False)] * 2)
    assert (kappa, observed) == (1.0, 1.0)
    assert agreement.cohen_kappa([(False, False)] * 3) == (None, 1.0)  # all O: undefined
    assert agreement.cohen_kappa([]) == (None, None)
    assert agreement.Counts().f1 is None  # two empty passes agree on nothing
    tokens = minimal_record.tokens
    first, second = tokens[0], tokens[1]
    assert agreement.covered(minimal_record, [(first.start, first.end)])[:2] == [True, False]
    assert agreement.covered(minimal_record, [(first.end - 1, second.start + 1)])[:2] == [
        True, True]


def test_agreement_reads_json_lines_articles_and_refuses_unknown_ids(tmp_path, capsys):
    result = agreement.compare(PASSES / "a", PASSES / "b", SEEDS)
    jsonl_ids = {p.stem for p in (SEEDS / "saudinewsnet" / "test").glob("*.ann")}
    assert set(result.articles) == jsonl_ids | {"000_19ff7663056b0340"}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for side in "ab":
        (tmp_path / side / "0000000000000000.ann").write_text("", "utf-8")
    args = [str(tmp_path / "a"), str(tmp_path / "b"), "--texts", str(SEEDS)]
    assert main(["agreement", *args]) == 1
    assert "no article in" in capsys.readouterr().err
