"""Site layouts from publications.json, through the JSON Lines reader (SaudiNewsNet's fields)."""

import pytest

from sahifa.ingest.layout import parse_byline
from tests.ingest.helpers import converted


def _snn(source, content, author="", title="عنوان الخبر", date="2015-08-10 20:27:16"):
    return converted({"source": source, "url": "http://x", "date_extracted": date,
                      "title": title, "author": author, "content": content})


@pytest.mark.parametrize(("byline", "authors", "credits"), [
    ("لندن: رنيم حنوش", ["رنيم حنوش"], []),
    ("أحمد علي، سارة محمد", ["أحمد علي", "سارة محمد"], []),
    ("ثادق - محمد الحميضي / تصوير - عبدالرحمن العيسى:", ["محمد الحميضي", "عبدالرحمن العيسى"],
     ["تصوير"]),
    ("نيقوسيا -الوئام- (ا ف ب):", [], ["الوئام", "ا ف ب"]),
    ("بادي البادي ـ جدة", ["بادي البادي"], []),
    ("صنعاء - خاص بالرياض ، القاهرة - رويترز", [], ["خاص بالرياض", "رويترز"]),
])
def test_several_authors_places_and_credits(byline, authors, credits):
    assert parse_byline(byline) == (authors, credits)


def test_dateline_with_hijri_and_gregorian_date_gives_the_date_and_leaves_the_text():
    record = _snn("was", " جدة 25 شوال 1436هـ الموافق 10 أغسطس 2015م واس\n رأس نائب خادم "
                  "الحرمين الشريفين الاجتماع.")
    assert record.publication == "واس"
    assert record.date == "2015-08-10"
    assert record.text_of(record.paragraphs[1]) == "رأس نائب خادم الحرمين الشريفين الاجتماع."


def test_declared_body_byline_gives_the_authors_when_the_field_is_empty():
    record = _snn("3alyoum", " Next Previous أحمد حجازي – عين اليوم\nيلاحظ المواطنون ارتفاع "
                  "الأسعار.")
    assert record.authors == ["أحمد حجازي"] and record.credits == ["عين اليوم"]
    assert record.text.endswith("\nيلاحظ المواطنون ارتفاع الأسعار.")


def test_author_field_that_holds_a_date_is_the_date():
    record = _snn("arriyadiyah", " الرياض ـ الرياضية\n\nكرم الاتحاد المدرب.",
                  author="| Tuesday, 11 August 2015 - 13:34 pm")
    assert record.date == "2015-08-11" and record.authors == []
    assert record.text == "عنوان الخبر\nكرم الاتحاد المدرب."


def test_missing_byline_and_section_are_null_not_errors():
    record = _snn("okaz", " اشتكى أهالي الأحساء من تلوث الهواء.")
    assert (record.section, record.authors, record.credits) == (None, [], [])
    assert record.publication == "عكاظ"


def test_entities_in_the_author_field_are_unescaped():
    record = _snn("okaz", "نص الخبر.", author="&nbsp;خالد العدل ( القصيم)")
    assert record.authors == ["خالد العدل"]
