import gzip
import json

import pytest

from sahifa.ingest.article import IngestError
from sahifa.ingest.readers import jsonl
from sahifa.offsets import OffsetMap
from tests.ingest.helpers import assert_traceable, converted, jsonl_input, raw_of_jsonl

SNN = {"source": "sabq", "url": "http://sabq.org/a", "date_extracted": "2015-08-04 19:03:21",
       "title": "لجنة تقف على مبنى السجن", "author": "بدر الجبل- سبق- تبوك:",
       "content": " بدر الجبل- سبق- تبوك: وقفت لجنة فنية على المبنى.\n\n"
                  " وقالت اللجنة إن العمل بدأ."}


def test_saudinewsnet_line_becomes_a_record_with_its_metadata():
    record = converted(SNN)
    assert record.publication == "سبق"
    assert record.headline == "لجنة تقف على مبنى السجن"
    assert record.authors == ["بدر الجبل"] and record.credits == ["سبق"]
    assert record.date == "2015-08-04T19:03:21"
    assert record.url == "http://sabq.org/a"
    assert record.source.format == "jsonl" and record.source.line == 1
    assert [p.label for p in record.paragraphs] == ["headline", "body", "body"]


def test_byline_repeated_at_the_start_of_the_body_is_left_out_but_traceable():
    record = converted(SNN)
    body = record.paragraphs[1]
    assert record.text_of(body) == "وقفت لجنة فنية على المبنى."
    raw = "\n\n".join([SNN["title"], SNN["content"]])
    a, _ = OffsetMap(record.offset_map).span_to_raw(body.start, body.end)
    assert raw[:a].endswith("تبوك: ")


def test_id_is_a_stable_hash_of_the_line_without_an_id_field():
    first, again = converted(SNN), converted(SNN)
    assert first.id == again.id == jsonl_input(SNN).sha256[:16]
    assert converted({**SNN, "url": "http://sabq.org/b"}).id != first.id


def test_sahifa_mapping_takes_the_input_id():
    obj = {"id": "art-7", "title": "عنوان", "body": "نص الخبر هنا.", "publication": "عكاظ",
           "date": "2015-07-21"}
    record = converted(obj)
    assert (record.id, record.publication, record.date) == ("art-7", "عكاظ", "2015-07-21")
    assert_traceable(record, raw_of_jsonl(obj))


def test_an_id_that_is_no_record_id_is_rejected():
    with pytest.raises(IngestError) as err:
        converted({"id": "no spaces allowed", "title": "عنوان", "body": "نص."})
    assert err.value.reason == "invalid-id"


def test_mapping_from_a_json_file(tmp_path):
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"title": "h", "body": "b", "id": "k"}), "utf-8")
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"k": "x1", "h": "عنوان", "b": "نص."}, ensure_ascii=False) + "\n",
                   "utf-8")
    (item,) = jsonl.iter_inputs(src, mapping=str(mapping))
    assert jsonl.parse(item).id == "x1"


def test_unknown_mapping_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="neither a preset"):
        jsonl.load_mapping(str(tmp_path / "missing.json"))


def test_gzip_and_plain_files_give_the_same_inputs_with_line_numbers(tmp_path):
    lines = [json.dumps({**SNN, "url": f"u{i}"}, ensure_ascii=False) for i in range(3)]
    plain = tmp_path / "a.jsonl"
    plain.write_text("\n".join(lines) + "\n", "utf-8")
    packed = tmp_path / "a.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    a, b = list(jsonl.iter_inputs(plain)), list(jsonl.iter_inputs(packed))
    assert [i.data for i in a] == [i.data for i in b]
    assert [i.line for i in b] == [1, 2, 3]


def test_normaliser_edits_are_counted_and_map_back_to_the_raw_input():
    body = ("قال\u00a0الوزير \u200fإن الاقتصـــاد &quot;ينمو&quot;.\r\n"
            "وأضاف أن النمو مستمر.")
    obj = {"title": "عنوان", "body": body}
    record = converted(obj)
    counts = {e.kind: e.count for e in record.normalization}
    # the CRLF falls between two blocks, which one newline joins: no edit inside a block
    assert counts == {"no-break-space": 1, "bidi-mark": 1, "tatweel": 3,
                      "html-entity": 2}
    assert 'قال الوزير إن الاقتصاد "ينمو".' in record.text
    raw = raw_of_jsonl(obj)
    offsets = OffsetMap(record.offset_map)
    start = record.text.index('"ينمو"')
    a, b = offsets.span_to_raw(start, start + len('"ينمو"'))
    assert raw[a:b] == "&quot;ينمو&quot;"
    start = record.text.index("الاقتصاد")
    a, b = offsets.span_to_raw(start, start + len("الاقتصاد"))
    assert raw[a:b] == "الاقتصـــاد"
    assert_traceable(record, raw)


def test_gold_annotations_are_found_by_id_below_the_jsonl_folder(tmp_path):
    line = json.dumps(SNN, ensure_ascii=False).encode()
    (tmp_path / "news.jsonl").write_bytes(line + b"\n")
    (tmp_path / "nested" / "train").mkdir(parents=True)
    ann = tmp_path / "nested" / "train" / f"{jsonl_input(SNN).sha256[:16]}.ann"
    ann.write_text("T1\tORG 0 4\tلجنة\n", "utf-8")
    (item,) = jsonl.iter_inputs(tmp_path)
    assert item.annotations == ann.read_bytes()
    assert item.annotations_file == f"nested/train/{ann.name}"
    assert ann in jsonl.input_files(tmp_path)


def test_a_jsonl_file_beside_txt_articles_is_their_manifest(tmp_path):
    (tmp_path / "manifest.jsonl").write_text(json.dumps(SNN, ensure_ascii=False) + "\n", "utf-8")
    (tmp_path / "a.txt").write_text("عنوان\n\nنص.\n", "utf-8")
    assert jsonl.data_files(tmp_path) == []


def test_the_digest_of_a_file_is_of_the_bytes_read_not_of_the_file_later(tmp_path):
    import hashlib

    line = json.dumps({"title": "عنوان", "body": "نص الخبر."}, ensure_ascii=False).encode()
    for name, data in [("a.jsonl", line + b"\n" + line + b"\n"),
                       ("b.jsonl.gz", gzip.compress(line + b"\n", mtime=0))]:
        path = tmp_path / name
        path.write_bytes(data)
        items = []
        for item in jsonl.iter_inputs(path):
            items.append(item)
            path.write_bytes(b"replaced while the build ran\n")
        assert dict(items[-1].read)[name] == hashlib.sha256(data).hexdigest()
        assert all(not item.read for item in items[:-1])


def test_an_empty_json_lines_file_is_one_reject(tmp_path):
    (tmp_path / "a.jsonl").write_bytes(b"")
    (item,) = jsonl.iter_inputs(tmp_path / "a.jsonl")
    assert item.problem[0] == "empty"
