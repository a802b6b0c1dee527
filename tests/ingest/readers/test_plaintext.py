from __future__ import annotations

import pytest

from sahifa.ingest.article import IngestError, assemble
from sahifa.ingest.inputs import RawInput
from sahifa.ingest.readers import plaintext
from tests.conftest import SEEDS

SEED = SEEDS / "000_19ff7663056b0340.txt"


def _article(text: str, name: str = "x.txt"):
    return plaintext.parse(RawInput("plaintext", name, None, text.encode("utf-8")))


def test_the_seed_layout():
    item = next(plaintext.iter_inputs(SEEDS))
    article = plaintext.parse(item)
    record = assemble(article)
    assert item.file == SEED.name
    assert record.id == "000_19ff7663056b0340"
    assert record.section == "سورية"
    assert record.headline.endswith("لدحر داعش عن الرقة")
    assert record.deck == "المباحثات الأميركية الروسية في حالة استعصاء"
    assert (record.authors, record.credits) == (["أنس وهيب الكردي"], ["وكالات"])
    assert record.publication == "صحيفة الوطن"
    assert "زر الذهاب" not in record.text and "صحيفة الوطن" not in record.text
    assert [p.label for p in record.paragraphs[:3]] == ["headline", "deck", "body"]
    assert record.text.split("\n")[0] == f"{record.headline} … {record.deck}"


def test_several_authors_and_credits():
    article = _article("محليات\n\nعنوان الخبر\n\n| سامر ضاحي، محمد منار – سانا، وكالات\n\nنص.\n")
    assert article.authors == ["سامر ضاحي", "محمد منار"]
    assert article.credits == ["سانا", "وكالات"]


def test_missing_byline_keeps_section_and_headline():
    article = _article("رياضة\n\nفوز الفريق\n\nفاز الفريق أمس.\nوقال المدرب.\n")
    assert article.section == "رياضة"
    assert [b.label for b in article.blocks] == ["headline", "body", "body"]
    assert (article.authors, article.credits) == ([], [])


def test_missing_section():
    article = _article("فوز الفريق\n\n| أنس وهيب الكردي\n\nفاز الفريق أمس.\n")
    assert article.section is None
    record = assemble(article)
    assert record.headline == "فوز الفريق"
    assert record.deck is None
    assert record.authors == ["أنس وهيب الكردي"]


def test_no_header_at_all_is_body_only():
    record = assemble(_article("فاز الفريق أمس.\nوقال المدرب.\n"))
    assert record.headline is None
    assert [p.label for p in record.paragraphs] == ["body", "body"]


@pytest.mark.parametrize(("data", "reason", "says"), [
    (b"", "empty", "empty"),
    (b" \n\t\n", "empty", "empty"),
    ("زر الذهاب إلى الأعلى\nصحيفة الوطن\n".encode(), "empty", "boilerplate"),
    (b"\xd8\xb3\xff\xfe", "not-utf8", "byte 0xff at byte 2"),
    (b"PK\x03\x04\x00\x00binary", "binary", "NUL byte at byte 4"),
])
def test_bad_input_is_an_ingest_error_with_a_reason(data, reason, says):
    with pytest.raises(IngestError) as err:
        plaintext.parse(RawInput("plaintext", "bad.txt", None, data))
    assert err.value.reason == reason
    assert says in str(err.value)


def test_a_headline_alone_is_no_article():
    with pytest.raises(IngestError) as err:
        assemble(_article("رياضة\n\nفوز الفريق\n\n| أنس وهيب الكردي\n"))
    assert err.value.reason == "empty-body"
