from sahifa.evaluate.metrics import Score
from sahifa.train import SAME_F1, _choice


def score(f1: float) -> Score:
    return Score(f1, f1, f1, 1600, 1600)


def test_wojood_is_kept_unless_it_costs_our_articles_more_than_noise():
    assert _choice({"ours": score(0.5791), "ours+wojood": score(0.5786)}) == "ours+wojood"
    assert _choice({"ours": score(0.58), "ours+wojood": score(0.58 - SAME_F1)}) == "ours"
    assert _choice({"ours": score(0.55), "ours+wojood": score(0.60)}) == "ours+wojood"
    assert _choice({"ours": score(0.55)}) == "ours"
