"""One minimal input per reject reason (tests/fixtures/rejects/<reason>/), built on its own:
the build rejects exactly one input, for exactly that reason."""

from __future__ import annotations

import pytest

from sahifa.build import BuildOptions, build
from sahifa.errors import REJECT_REASONS
from tests.conftest import FIXTURES

REJECTS = FIXTURES / "rejects"
# reasons no small file can give, each covered by the test named
ELSEWHERE = {
    "too-large": "tests/ingest/test_bad_input.py::test_huge_line_is_rejected_without_being_held",
    "unreadable": "tests/ingest/test_survey.py::test_an_input_that_vanished_before_it_was_read",
    "internal-error": "tests/test_build_faults.py::test_a_bug_on_one_input_is_a_reject_with_its",
}


def test_every_reject_reason_has_a_fixture_or_a_test_named_for_it():
    assert {p.name for p in REJECTS.iterdir()} | set(ELSEWHERE) == set(REJECT_REASONS)
    assert not {p.name for p in REJECTS.iterdir()} & set(ELSEWHERE)


@pytest.mark.parametrize("reason", sorted(p.name for p in REJECTS.iterdir()))
def test_the_fixture_is_rejected_for_its_reason(reason, tmp_path):
    options = BuildOptions(input=REJECTS / reason, output=tmp_path / "out",
                           drop_duplicates=reason in ("duplicate-exact", "duplicate-near"))
    result = build(options)
    assert dict(result.rejected_by_reason) == {reason: 1}
