#!/usr/bin/env python3
"""Turn an annotator's span list into a checked, numbered brat .ann file.

Usage: python3 mkann.py TEXT.txt SPANS.tsv OUT.ann

SPANS.tsv: one annotation a line, TAB-separated, roughly in text order (blank lines and lines
starting with '%' are ignored):

    TYPE <TAB> exact span text [<TAB> option]...

TYPE: an entity type (PERS NORP OCC ORG GPE LOC FAC EVENT DATE TIME CARDINAL ORDINAL PERCENT
QUANTITY UNIT MONEY CURR LANGUAGE LAW PRODUCT WEBSITE), QUOTE, CUE or SPELLING.
Options:
    id=LABEL        a name to refer to this span (for speaker= and cue=)
    in=CONTEXT      a longer exact string that contains the span (to pick the right occurrence)
    at=N            the exact start offset (code points), instead of searching
    speaker=LABEL   (QUOTE) the entity span of the speaker
    cue=LABEL       (QUOTE) the CUE span
    nospeaker       (QUOTE) the source contains no entity mention at all (guidelines §10)
    unclosed        (QUOTE) the quote is not closed in the source
    fix=CORRECTED   (SPELLING) the corrected form
    kind=KIND       (SPELLING) typo, hamza, taa-marbuta, alif-maqsura, spacing, other

Search: each span is looked for from the start of the previous line's match onwards, as a whole
word (it may follow the proclitics و ف ب ك ل / لل); in=CONTEXT is looked for the same way and the
span inside it. The tool prints every span with its context: read it to check the choice.
"""

import json
import sys
import unicodedata
from pathlib import Path

# the schema's entity_label and correction_kind, copied: the tool runs alone, beside an
# annotator's text, and tests/test_annotation_tools.py checks the copies
ENTITY_TYPES = {"PERS", "NORP", "OCC", "ORG", "GPE", "LOC", "FAC", "EVENT", "DATE", "TIME",
                "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "UNIT", "MONEY", "CURR", "LANGUAGE",
                "LAW", "PRODUCT", "WEBSITE"}
TYPES = ENTITY_TYPES | {"QUOTE", "CUE", "SPELLING"}
KINDS = {"typo", "hamza", "taa-marbuta", "alif-maqsura", "spacing", "other"}
PROCLITICS = set("وفبكل")


def is_word_char(ch):
    return unicodedata.category(ch)[0] in "LMN"


def starts_word(raw, i):
    j = i
    while j > 0 and raw[j - 1] in PROCLITICS and i - j < 3:
        j -= 1
    return any(k == 0 or not is_word_char(raw[k - 1]) for k in range(j, i + 1))


def ends_word(raw, end):
    return end >= len(raw) or not is_word_char(raw[end])


def find_word(raw, needle, start, taken=()):
    pos = raw.find(needle, start)
    while pos != -1:
        if starts_word(raw, pos) and ends_word(raw, pos + len(needle)) and \
                pos not in taken:
            return pos
        pos = raw.find(needle, pos + 1)
    return -1


def fail(number, message):
    sys.exit(f"line {number}: {message}")


def parse_options(number, fields):
    options = {}
    for field in fields:
        key, _, value = field.partition("=")
        if key not in {"id", "in", "at", "speaker", "cue", "nospeaker", "unclosed", "fix",
                       "kind"}:
            fail(number, f"unknown option {field!r}")
        options[key] = value
    return options


def locate(raw, number, text, options, cursor, taken=()):
    if "at" in options:
        start = int(options["at"])
        if raw[start:start + len(text)] != text:
            fail(number, f"at={start}: text there is {raw[start:start + len(text)]!r}")
        return start
    if "in" in options:
        context = options["in"]
        where = raw.find(context, cursor)
        if where == -1:
            fail(number, f"context {context!r} not found after offset {cursor}")
        inner = context.find(text)
        if inner == -1:
            fail(number, f"span {text!r} is not inside its context {context!r}")
        return where + inner
    start = find_word(raw, text, cursor, taken)
    if start == -1:
        fail(number, f"{text!r} not found as a word after offset {cursor}; use in= or at=")
    return start


def read_spans(raw, spans_path):
    spans, cursor = [], 0
    for number, line in enumerate(spans_path.read_text("utf-8").split("\n"), 1):
        if not line.strip() or line.startswith("%"):
            continue
        fields = line.split("\t")
        if len(fields) < 2 or fields[0] not in TYPES:
            fail(number, f"expected TYPE<TAB>text, got {line!r}")
        kind, text = fields[0], fields[1]
        if text != text.strip() or not text:
            fail(number, "a span may not start or end with a space")
        options = parse_options(number, fields[2:])
        taken = {s["start"] for s in spans if s["type"] == kind and s["text"] == text}
        start = locate(raw, number, text, options, cursor, taken)
        cursor = start
        spans.append({"type": kind, "start": start, "end": start + len(text), "text": text,
                      "options": options, "line": number})
    return spans


def check(raw, spans, paragraphs):
    labels = {}
    for s in spans:
        if not any(a <= s["start"] and s["end"] <= b for a, b in paragraphs):
            fail(s["line"], f"{s['text']!r} [{s['start']}:{s['end']}] is not inside one "
                 "paragraph (headline or body line; bylines/datelines listed as excluded)")
        if "id" in s["options"]:
            if s["options"]["id"] in labels:
                fail(s["line"], f"id={s['options']['id']} used twice")
            labels[s["options"]["id"]] = s
    for s in spans:
        opts = s["options"]
        if s["type"] == "QUOTE":
            if ("speaker" in opts) == ("nospeaker" in opts):
                fail(s["line"], "a QUOTE needs speaker=LABEL or nospeaker (not both)")
            if "speaker" in opts and labels.get(opts["speaker"], {}).get("type") not in \
                    ENTITY_TYPES:
                fail(s["line"], f"speaker={opts['speaker']} is not the id of an entity span")
            if "cue" in opts and labels.get(opts["cue"], {}).get("type") != "CUE":
                fail(s["line"], f"cue={opts['cue']} is not the id of a CUE span")
        if s["type"] == "SPELLING" and (not opts.get("fix") or opts.get("kind") not in KINDS):
            fail(s["line"], "a SPELLING needs fix=CORRECTED and kind=" + "|".join(sorted(KINDS)))
    for a in spans:
        for b in spans:
            if a["start"] < b["start"] < a["end"] < b["end"]:
                fail(b["line"], f"{b['text']!r} crosses {a['text']!r}")
    return labels


def write(spans, labels, out):
    spans = sorted(spans, key=lambda s: (s["start"], -s["end"], s["line"]))
    tid = {id(s): f"T{i}" for i, s in enumerate(spans, 1)}
    lines = [f"{tid[id(s)]}\t{s['type']} {s['start']} {s['end']}\t{s['text']}" for s in spans]
    rel, att, note = [], [], []
    for s in spans:
        opts, t = s["options"], tid[id(s)]
        if s["type"] == "QUOTE":
            if "speaker" in opts:
                rel.append(f"Speaker Arg1:{t} Arg2:{tid[id(labels[opts['speaker']])]}")
            if "cue" in opts:
                rel.append(f"Cue Arg1:{t} Arg2:{tid[id(labels[opts['cue']])]}")
            if "unclosed" in opts:
                att.append(f"Unclosed {t}")
            if "nospeaker" in opts:
                att.append(f"NoSpeaker {t}")
        if s["type"] == "SPELLING":
            att.append(f"Kind {t} {opts['kind']}")
            note.append(f"AnnotatorNotes {t}\t{opts['fix']}")
    lines += [f"R{i}\t{r}" for i, r in enumerate(rel, 1)]
    lines += [f"A{i}\t{a}" for i, a in enumerate(att, 1)]
    lines += [f"#{i}\t{n}" for i, n in enumerate(note, 1)]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return spans


def read_paragraphs(path):
    """[start, end] pairs, from pairs or from {"start", "end", "label"} objects (both kinds of
    file have been handed to annotators)."""
    ranges = json.loads(path.read_text(encoding="utf-8"))
    return [(r["start"], r["end"]) if isinstance(r, dict) else tuple(r) for r in ranges]


def main():
    text_path, spans_path, out = map(Path, sys.argv[1:4])
    with open(text_path, encoding="utf-8", newline="") as stream:
        raw = stream.read()
    paragraphs = read_paragraphs(text_path.with_suffix(".paragraphs.json"))
    spans = read_spans(raw, spans_path)
    labels = check(raw, spans, paragraphs)
    for s in write(spans, labels, out):
        left = raw[max(0, s["start"] - 15):s["start"]].replace("\n", "⏎")
        right = raw[s["end"]:s["end"] + 15].replace("\n", "⏎")
        print(f"{s['type']:9} {s['start']:5} {left}[{s['text']}]{right}")
    print(f"wrote {out} ({len(spans)} spans)")


if __name__ == "__main__":
    main()
