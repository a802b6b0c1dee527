from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from sahifa.annotate import iob


@st.composite
def _level_and_windows(draw):
    """One level's ranges (in order, not overlapping) and sentence windows over 0..n."""
    n = draw(st.integers(1, 60))
    cuts = sorted(draw(st.sets(st.integers(1, n - 1), max_size=10))) if n > 1 else []
    bounds = [0, *cuts, n]
    windows = list(pairwise(bounds))
    points = sorted(draw(st.sets(st.integers(0, n), max_size=12)))
    ranges = [(a, b, draw(st.sampled_from(["PERS", "GPE"])))
              for a, b in zip(points[::2], points[1::2], strict=False) if a < b]
    return ranges, windows


@given(_level_and_windows())
def test_tagging_all_windows_in_one_pass_equals_tagging_each(case):
    ranges, windows = case
    assert iob.encode_windows(ranges, windows) == [
        iob.encode(ranges, end - first, first) for first, end in windows]
