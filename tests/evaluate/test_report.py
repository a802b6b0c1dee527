from sahifa.evaluate.metrics import iob_scores, span_scores
from sahifa.evaluate.report import comparison_table, label_comparison_tables, speed_table
from sahifa.evaluate.run import Evaluation, Speed

GOLD = [[("PERS", 0, 2), ("GPE", 3, 4)]]
LABELS = ["PERS", "GPE", "ORG"]
RULES = [[("GPE", 3, 4)]]  # strict F1 2/3
CRF = [[("PERS", 0, 3), ("GPE", 3, 4)]]  # strict F1 1/2, partial F1 3/4
BOTH = [[("PERS", 0, 2), ("GPE", 3, 4), ("ORG", 6, 7)]]  # strict F1 4/5


def _evaluation(name, predicted, held_out=False, speed=None):
    used = [label for label in LABELS if any(s[0] == label for doc in (*GOLD, *predicted)
                                             for s in doc)]  # as run._used
    return Evaluation(name, used, span_scores(GOLD, predicted, used),
                      iob_scores(GOLD, predicted, [8], used), held_out=held_out, speed=speed)


def _row(name, held_out=False, speeds=(None, None, None)):
    return tuple(_evaluation(name, p, held_out, s)
                 for p, s in zip((RULES, CRF, BOTH), speeds, strict=True))


def test_the_comparison_gives_each_tagger_strict_and_partial_scores():
    table = comparison_table([_row("test split (held out)")])
    assert "| CRF+rules F1 | CRF+rules partial F1 |" in table
    assert ("| test split (held out) | 1.000 | 0.500 | 0.667 | 0.667 "
            "| 0.500 | 0.500 | 0.500 | 0.750 | 0.667 | 1.000 | 0.800 | 0.800 |") in table


def test_labels_are_compared_on_held_out_evaluations_only():
    tables = label_comparison_tables([_row("dev"), _row("held out", held_out=True)])
    assert len(tables) == 1 and "held out" in tables[0] and "dev" not in tables[0]
    assert "| PERS | 1 | 0.000 | 0.000 | 0.000 | 0.500 | 1.000 | 1.000 |" in tables[0]
    assert "| ORG | 0 | - | - | - | - | 0.000 | 0.000 |" in tables[0]
    assert "| ALL | 2 | 0.667 | 0.667 | 0.500 | 0.750 | 0.800 | 0.800 |" in tables[0]


def test_speeds_are_per_tagger_and_skip_what_was_not_timed():
    speeds = (Speed(10, "articles", 2.0), Speed(10, "articles", 4.0), Speed(10, "articles", 5.0))
    table = speed_table([_row("test nested", speeds=speeds), _row("seed")])
    assert "| test nested | 10 | 5.0 articles/s | 2.5 articles/s | 2.0 articles/s |" in table
    assert "seed" not in table
