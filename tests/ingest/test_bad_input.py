"""Every kind of bad input becomes a reject with its file, line and reason."""

import gzip
import json

import pytest

from sahifa.ingest.inputs import MAX_INPUT_BYTES
from sahifa.ingest.readers import jsonl, plaintext, trec
from sahifa.pipeline import Reject, convert_or_reject

GOOD = {"title": "عنوان", "body": "نص الخبر هنا."}


def _line(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def _jsonl_rejects(tmp_path, *lines: bytes, gz: bool = False):
    data = b"\n".join(lines) + b"\n"
    path = tmp_path / ("in.jsonl.gz" if gz else "in.jsonl")
    path.write_bytes(gzip.compress(data) if gz else data)
    results = [convert_or_reject(item) for item in jsonl.iter_inputs(path)]
    return [r for r in results if isinstance(r, Reject)], results


@pytest.mark.parametrize(("line", "reason"), [
    (b"", "empty"),
    (b"   \t ", "empty"),
    (b'{"title": "\xff\xfe", "body": "x"}', "not-utf8"),
    (b'{"title": "a\x00b", "body": "x"}', "binary"),
    (b'{"title": "\xd8\xb9", "body": "\xd9\x86\xd8\xb5', "truncated-json"),
    (b'{title: 1}', "invalid-json"),
    (b'[1, 2]', "invalid-json"),
    (_line({"title": "", "body": "  "}), "empty"),
    (_line({"title": "عنوان", "body": ""}), "empty-body"),
    (_line({"title": "عنوان", "body": "&nbsp;ـــ\u200f"}), "empty-body"),
    (_line({"title": 5, "body": "نص."}), "invalid-field"),
    (_line({"headline": "x", "text": "y"}), "unmapped"),
    (_line({**GOOD, "id": "a b"}), "invalid-id"),
    (b'{"title": "x", "title": "y", "body": "z"}', "invalid-json"),
    (b'{"title": "x", "body": "y", "n": ' + b"9" * 5000 + b"}", "invalid-json"),
    (b"[" * 100_000 + b"]" * 100_000, "invalid-json"),
    (b'{"title": "\\ud800 x", "body": "y"}', "invalid-field"),
])
def test_bad_jsonl_line_is_a_reject_with_file_line_and_reason(tmp_path, line, reason):
    rejects, results = _jsonl_rejects(tmp_path, _line(GOOD), line, _line({**GOOD, "id": "z"}))
    assert len(results) == 3
    assert [(r.file, r.line, r.reason) for r in rejects] == [("in.jsonl", 2, reason)]
    assert str(rejects[0]).startswith(f"in.jsonl:2 [{reason}] ")


def test_huge_line_is_rejected_without_being_held(tmp_path):
    huge = _line({**GOOD, "body": "أ" * MAX_INPUT_BYTES})
    rejects, results = _jsonl_rejects(tmp_path, huge, _line(GOOD))
    assert [(r.line, r.reason) for r in rejects] == [(1, "too-large")]
    assert len(results) == 2 and not isinstance(results[1], Reject)


def test_large_article_within_the_limit_is_a_record(tmp_path):
    body = "\n".join(["قال الوزير إن العمل مستمر في المشروع الكبير."] * 2000)
    rejects, results = _jsonl_rejects(tmp_path, _line({**GOOD, "body": body}))
    assert rejects == [] and len(results[0].paragraphs) == 2001


def test_truncated_gzip_file_ends_with_a_reject(tmp_path):
    data = gzip.compress(b"\n".join(_line({**GOOD, "id": f"a{i}"}) for i in range(200)))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    results = [convert_or_reject(item) for item in jsonl.iter_inputs(path)]
    assert isinstance(results[-1], Reject) and results[-1].reason == "truncated-file"
    assert results[-1].line == len(results)


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty"),
    (b" \n\r\n\t", "empty"),
    ("عنوان\n\nنص".encode("cp1256"), "not-utf8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_bad_text_file_is_a_reject(tmp_path, content, reason):
    (tmp_path / "a.txt").write_bytes(content)
    (result,) = [convert_or_reject(i) for i in plaintext.iter_inputs(tmp_path)]
    assert (result.file, result.line, result.reason) == ("a.txt", None, reason)


def test_file_that_is_not_trec_among_trec_files_is_a_reject(tmp_path):
    (tmp_path / "a.txt").write_text("just some text", "utf-8")
    (result,) = [convert_or_reject(i) for i in trec.iter_inputs(tmp_path)]
    assert result.reason == "layout" and "<DOC>" in result.message


def test_a_headline_of_marks_alone_is_no_article(tmp_path):
    rejects, _ = _jsonl_rejects(tmp_path, _line({"title": "\u064e\u064f", "body": "\u0651 ..."}))
    assert [r.reason for r in rejects] == ["empty"]


def test_control_characters_escaped_in_json_do_not_reach_the_text(tmp_path):
    _, (record,) = _jsonl_rejects(tmp_path, _line({"title": "عنوان",
                                                   "body": "نص\u0000 الخبر\u001b"}))
    assert record.text == "عنوان\nنص الخبر"
    assert {e.kind: e.count for e in record.normalization} == {"control": 2}


def test_a_gzip_file_whose_data_fail_their_check_is_one_reject_and_gives_no_line(tmp_path):
    data = bytearray(gzip.compress(b"\n".join(_line({**GOOD, "id": f"a{i}"}) for i in range(200)),
                                   mtime=0))
    data[len(data) // 2] ^= 0xFF
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(bytes(data))
    (result,) = [convert_or_reject(item) for item in jsonl.iter_inputs(path)]
    assert (result.file, result.reason) == ("bad.jsonl.gz", "corrupt-file")


def test_a_byte_order_mark_before_a_json_line_is_no_error(tmp_path):
    rejects, results = _jsonl_rejects(tmp_path, b"\xef\xbb\xbf" + _line({**GOOD, "id": "b1"}))
    assert rejects == [] and results[0].id == "b1"
