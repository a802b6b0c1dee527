from sahifa.ingest.inputs import RawInput
from sahifa.offsets import OffsetMap
from sahifa.pipeline import convert

DOC = """\ufeff<DOC>\r
<DOCNO>AL-news-1-20180708</DOCNO>\r
<URL>https://example.com/a</URL>\r
<SRC>alarabia</SRC>\r
<CAT>internationalNews</CAT>\r
<TITLE>عنوان الخبر</TITLE>\r
<TIME>Sun, 08 Jul 2018 17:40:51 +0400</TIME>\r
<AUTHOR>{author}</AUTHOR>\r
<ABSTRACT>\r
{abstract}\r
</ABSTRACT>\r
<TEXT>\r
الفقرة الأولى من الخبر.\r
وأوضح المتحدث أن العمل مستمر.\r
</TEXT>\r
</DOC>\r
"""


def _record(author="", abstract=""):
    raw = DOC.format(author=author, abstract=abstract)
    return convert(RawInput("trec", "a.txt", None, raw.encode("utf-8"))), raw


def test_trec_fields_become_metadata():
    record, _ = _record(author="القاهرة - أحمد الريدي")
    assert record.id == "AL-news-1-20180708"
    assert record.publication == "العربية"
    assert record.section == "internationalNews"
    assert record.date == "2018-07-08T17:40:51+04:00"
    assert record.authors == ["أحمد الريدي"]
    assert record.source.format == "trec"
    assert record.text == "عنوان الخبر\nالفقرة الأولى من الخبر.\nوأوضح المتحدث أن العمل مستمر."


def test_abstract_that_repeats_the_body_start_is_not_duplicated():
    record, _ = _record(abstract="الفقرة الأولى من الخبر.وأوضح المتحدث")
    assert record.deck is None
    assert record.text.count("الفقرة الأولى") == 1


def test_abstract_of_its_own_is_the_deck_and_offsets_lead_into_the_file():
    record, raw = _record(abstract="ملخص مختلف تماما.")
    assert record.deck == "ملخص مختلف تماما."
    offsets = OffsetMap(record.offset_map)
    for p in record.paragraphs:
        a, b = offsets.span_to_raw(p.start, p.end)
        assert raw[a:b] == record.text_of(p)


def test_the_300_ant_articles_convert(shared_data):
    from sahifa.ingest.readers import trec
    from sahifa.pipeline import convert_or_reject, detect_formats

    for name in ("ant-multisource", "ant-jawharafm"):
        folder = shared_data / "news" / name
        assert detect_formats(folder) == ["trec"]
        results = [convert_or_reject(item) for item in trec.iter_inputs(folder)]
        assert len(results) == 150
        assert [str(r) for r in results if not hasattr(r, "text")] == []
        assert sum(r.date is not None for r in results) == 150
