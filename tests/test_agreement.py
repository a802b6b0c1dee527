"""Agreement of the two annotation passes: F1 and κ arithmetic, the passes' figures, and the
staleness check of the datasheet block."""

from __future__ import annotations

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


def test_the_passes_disagree_where_the_adjudication_log_says():
    result = agreement.compare(PASSES / "a", PASSES / "b", SEEDS)
    entities = result.layers["entities (span and label)"]
    # adjudication.md: A had 5 entity spans B did not, B had 1 A did not
    assert (entities.a - entities.both, entities.b - entities.both) == (5, 1)
    assert {k: c.f1 for k, c in result.layers.items() if not k.startswith("entities")} == {
        k: 1.0 for k in agreement.LAYERS if not k.startswith("entities")}
    assert {label for label, c in result.entity_labels.items() if c.f1 < 1} == {
        "OCC", "ORG", "DATE"}
    assert 0.9 < result.kappa()[0] < 1


def test_the_check_fails_on_stale_figures(tmp_path, capsys):
    doc = tmp_path / "DATASHEET.md"
    doc.write_text("<!-- sahifa:agreement:start -->\nold\n<!-- sahifa:agreement:end -->\n",
                   encoding="utf-8")
    args = [str(PASSES / "a"), str(PASSES / "b"), "--texts", str(SEEDS)]
    assert main(["agreement", *args, "--check", str(doc)]) == 1
    assert main(["agreement", *args, "--write", str(doc)]) == 0
    assert main(["agreement", *args, "--check", str(doc)]) == 0
    assert "| entities (span and label) | 167 | 163 | 162 | 0.982 |" in doc.read_text("utf-8")
