"""JSON Lines: one article a line, in a `.jsonl` or `.jsonl.gz` file (or a folder of them).

A field mapping names the input's key for each of our fields (title, author, body, url, date,
publication, section, id): a preset from mappings.json (`saudinewsnet`, `sahifa`), a JSON file
with an object of the same form, or `auto`, where each line takes the first preset whose title
and body keys it has.

The raw string the offsets of a record refer to is `title + "\\n\\n" + body`, both the decoded
JSON strings (escapes resolved, nothing else changed); `source.line` is the 1-based line number
and `source.sha256` the hash of the line's bytes. The id is the input's id field when the mapping
has one, else the first 16 hex digits of that hash (so the same line always gets the same id).

Gold annotations of a line are in `<id>.ann` (brat standoff, offsets into that raw string)
anywhere in the folder of its JSON Lines file or below it; the folder they sit in may name the
record's split (`train/`, `validation/`, `test/`).
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path

from sahifa.ingest.article import IngestError, RawArticle
from sahifa.ingest.fields import Fields, record_id, structured_article
from sahifa.ingest.inputs import (
    ANNOTATIONS,
    HashingReader,
    RawInput,
    decode,
    read_lines,
    rights_of,
    rights_read,
    sha256,
    unreadable,
)
from sahifa.record import Source

SURROGATE = re.compile("[\ud800-\udfff]")

FORMAT = "jsonl"
SUFFIXES = (".jsonl", ".jsonl.gz")
FIELDS = ("title", "author", "body", "url", "date", "publication", "section", "id")
HEADLINE_SEPARATOR = "\n\n"


@cache
def presets() -> dict[str, dict[str, str]]:
    table = resources.files("sahifa.ingest.readers").joinpath("mappings.json")
    return json.loads(table.read_text("utf-8"))["presets"]


def load_mapping(spec: str) -> dict[str, str] | None:
    """A preset by name, a mapping from a JSON file, or None for `auto`."""
    if spec == "auto":
        return None
    if spec in presets():
        return presets()[spec]
    path = Path(spec)
    if not path.is_file():
        raise ValueError(f"mapping {spec!r} is neither a preset ({', '.join(presets())}, auto) "
                         "nor a JSON file")
    mapping = json.loads(path.read_text("utf-8"))
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown or "body" not in mapping:
        raise ValueError(f"mapping {spec}: needs a body key; fields are {', '.join(FIELDS)}"
                         + (f" (not {', '.join(unknown)})" if unknown else ""))
    return mapping


def data_files(path: Path) -> list[Path]:
    """The JSON Lines files: `path` itself when it is a file, else those below it, except in a
    folder that holds `.txt` articles, where a JSON Lines file is their manifest."""
    if path.is_file():
        return [path]
    found = [p for p in sorted(path.rglob("*")) if p.is_file() and p.name.endswith(SUFFIXES)]
    return [p for p in found if not any(p.parent.glob("*.txt"))]


def annotation_files(file: Path) -> dict[str, Path]:
    """The `.ann` files in the folder of a JSON Lines file and below it, by id (file stem)."""
    return {ann.stem: ann for ann in sorted(file.parent.rglob("*" + ANNOTATIONS))
            if ann.is_file()}


def input_files(path: Path) -> list[Path]:
    """The files the build reads: the JSON Lines files and the annotation files beside them."""
    files = data_files(path)
    return sorted({*files, *(a for f in files for a in annotation_files(f).values())})


def iter_inputs(path: Path, mapping: str = "auto",
                files: list[Path] | None = None) -> Iterator[RawInput]:
    """Every line of every input file below `path` (or of the `files` given), streamed, with its
    1-based number and its annotations; a file that cannot be opened, or has no line, is one
    reject. The last line of a file carries the sha256 of the file's bytes as they were read."""
    options = tuple(sorted((load_mapping(mapping) or {}).items()))
    for file in data_files(path) if files is None else files:
        name = file.name if file == path else file.relative_to(path).as_posix()
        rights, bad_rights = rights_of(file, path)
        gold = annotation_files(file)
        try:
            corrupt = _corrupt_gzip(file) if file.name.endswith(".gz") else None
            raw = HashingReader(file.open("rb"))
        except OSError as err:
            yield RawInput(FORMAT, name, None, b"", problem=unreadable(err))
            continue
        if corrupt is not None:
            raw.raw.close()
            yield RawInput(FORMAT, name, None, b"", problem=corrupt)
            continue
        with raw, (gzip.GzipFile(fileobj=raw) if file.name.endswith(".gz") else raw) as stream:
            last = None
            for number, (data, problem) in enumerate(read_lines(stream), 1):
                if last is not None:
                    yield last
                last = _with_annotations(RawInput(
                    FORMAT, name, number, data, problem=problem or bad_rights, options=options,
                    rights=rights), gold, path)
        if last is None:
            last = RawInput(FORMAT, name, None, b"", problem=("empty", "a file with no line"))
        yield replace(last, read=(*last.read, (name, raw.hexdigest()),
                                  *rights_read(file, path)))


def _corrupt_gzip(file: Path) -> tuple[str, str] | None:
    """A gzip file whose data fails its checksum: its lines cannot be trusted, and streaming
    would hand them on before the check at the member's end, so the file is one reject. A
    file that merely ends early is left to the stream (its lines up to the cut are sound)."""
    with gzip.open(file, "rb") as stream:
        try:
            while stream.read(1 << 20):
                pass
        except EOFError:
            return None
        except (gzip.BadGzipFile, zlib.error) as err:
            return ("corrupt-file", f"gzip data fail their check ({err}); nothing of the file "
                    "is read")
    return None


def _with_annotations(item: RawInput, gold: dict[str, Path], root: Path) -> RawInput:
    if not gold or item.problem is not None:
        return item
    ann = gold.get(_line_id(item))
    if ann is None:
        return item
    top = root if root.is_dir() else root.parent
    data, name = ann.read_bytes(), ann.relative_to(top).as_posix()
    return replace(item, annotations=data, annotations_file=name, read=((name, sha256(data)),))


def _line_id(item: RawInput) -> str:
    """The id `parse` gives the line, without the rest of the parse (a line that `parse` rejects
    gets the hash id here, and its problem from `parse`)."""
    fallback = item.sha256[:16]
    try:
        obj = json.loads(item.data.removeprefix(b"\xef\xbb\xbf"))
        key = (dict(item.options) or _auto_mapping(obj)).get("id")
        value = obj.get(key) if key is not None else None
        return record_id(None if value is None else str(value), fallback)
    except (ValueError, AttributeError, RecursionError, IngestError):
        return fallback


def parse(item: RawInput) -> RawArticle:
    obj = _json_object(decode(item))
    mapping = dict(item.options) or _auto_mapping(obj)
    values = {field: _string(obj, key, field) for field, key in mapping.items()}
    title, body = values.get("title") or "", values.get("body") or ""
    raw = title + HEADLINE_SEPARATOR + body
    body_at = len(title) + len(HEADLINE_SEPARATOR)
    fields = Fields(
        raw, title=(0, len(title)), body=(body_at, len(raw)),
        publication=values.get("publication"), author=values.get("author"),
        url=values.get("url"), date=values.get("date"), section=values.get("section"),
    )
    source = Source(item.file, item.sha256, FORMAT, item.line)
    return structured_article(record_id(values.get("id"), item.sha256[:16]), source, fields)


def _json_object(text: str) -> dict:
    try:  # a byte-order mark (Windows editors write one at a file's start) is no JSON
        obj = json.loads(text.removeprefix("\ufeff"), object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as err:
        if err.pos >= len(text.rstrip()) or err.msg.startswith("Unterminated string"):
            raise IngestError("truncated-json", f"JSON ends early: {err.msg}") from None
        raise IngestError("invalid-json", f"invalid JSON: {err.msg} at column {err.colno}") \
            from None
    except RecursionError:
        raise IngestError("invalid-json", "JSON nested too deeply") from None
    except ValueError as err:  # an integer of more digits than Python converts
        raise IngestError("invalid-json", f"invalid JSON: {err}") from None
    if not isinstance(obj, dict):
        raise IngestError("invalid-json", f"a line must be a JSON object, not {type(obj).__name__}")
    return obj


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object whose keys are all different: with a key twice, which value is meant?"""
    obj = dict(pairs)
    if len(obj) < len(pairs):
        twice = next(k for i, (k, _) in enumerate(pairs) if k in dict(pairs[:i]))
        raise IngestError("invalid-json", f"key {twice!r} appears twice in one object")
    return obj


def _auto_mapping(obj: dict) -> dict[str, str]:
    for mapping in presets().values():
        if mapping["title"] in obj and mapping["body"] in obj:
            return mapping
    raise IngestError("unmapped", "no preset mapping fits the keys "
                      f"{', '.join(sorted(obj))}; give --mapping")


def _string(obj: dict, key: str, field: str) -> str | None:
    value = obj.get(key)
    if isinstance(value, str) and SURROGATE.search(value):
        raise IngestError("invalid-field", f"field {key!r} ({field}) holds a lone surrogate "
                          f"\\u{ord(SURROGATE.search(value).group()):04x}, which is no character")
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and field == "id":
        return str(value)
    raise IngestError("invalid-field", f"field {key!r} ({field}) must be a string, not "
                      f"{type(value).__name__}")

