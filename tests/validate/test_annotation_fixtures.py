"""One minimal invalid input per gold-annotation finding id: a folder with a tiny article
(`.txt`), its brat annotations (`.ann`) and the findings expected (`expected.json`). The input
must be rejected with exactly those findings as the reason."""

from __future__ import annotations

import json

import pytest

from sahifa.annotate import AnnotationError
from sahifa.ingest.readers.plaintext import iter_inputs
from sahifa.pipeline import Reject, convert, convert_or_reject
from tests.conftest import FIXTURES

FOLDERS = sorted(p.name for p in (FIXTURES / "invalid").iterdir()
                 if p.is_dir() and (p / "minimal.ann").exists())  # gold .ann fixtures


def _expected(name: str) -> list[str]:
    return json.loads((FIXTURES / "invalid" / name / "expected.json").read_text("utf-8"))[
        "expected"]


@pytest.mark.parametrize("finding_id", FOLDERS)
def test_fixture_gives_exactly_its_finding(finding_id):
    (item,) = iter_inputs(FIXTURES / "invalid" / finding_id)
    with pytest.raises(AnnotationError) as err:
        convert(item)
    assert [str(f) for f in err.value.findings] == _expected(finding_id)
    assert {f.id for f in err.value.findings} == {finding_id}


@pytest.mark.parametrize("finding_id", FOLDERS)
def test_the_build_rejects_the_input_with_the_findings(finding_id):
    (item,) = iter_inputs(FIXTURES / "invalid" / finding_id)
    reject = convert_or_reject(item)
    assert isinstance(reject, Reject)
    assert reject.reason == "invalid-annotation"
    assert reject.message == "; ".join(_expected(finding_id))


def test_without_its_annotations_the_fixture_article_is_valid():
    (item,) = iter_inputs(FIXTURES / "invalid" / "ann-syntax")
    record = convert(item.__class__(item.format, item.file, item.line, item.data))
    assert {e.origin for e in record.entities} <= {"auto"} and record.headline == "عنوان الخبر"
