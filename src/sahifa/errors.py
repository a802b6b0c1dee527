"""Expected failures, declared at the bottom of the package so every stage may raise them.

A `UserError` is a problem of the input, the options or the machine (not of our code): the CLI
prints it as one line, `sahifa <command>: <where>: <what>`, and exits with its code (1 for data,
2 for usage and environment). Anything else that escapes is a bug and keeps its traceback.
"""

from __future__ import annotations

DATA, USAGE = 1, 2

# Why an input did not become a record: the inventory of reject reasons, each with its meaning
# (the README's table is generated from it; tests/fixtures/rejects/ holds an input for each).
REJECT_REASONS: dict[str, str] = {
    "empty": "empty or white space only; no headline and no body; a JSON Lines file with no "
             "line",
    "empty-body": "a headline but no body text: a headline alone is not an article "
                  "(SaudiNewsNet's 297 headline-only lines)",
    "not-utf8": "bytes that are not UTF-8",
    "binary": "a NUL byte in the file or line",
    "invalid-json": "a JSON line that does not parse or is not an object; a key twice in one "
                    "object; a number of more digits than Python converts; nesting too deep",
    "truncated-json": "a JSON line that ends early",
    "invalid-field": "a mapped field that is not a string, or holds a lone surrogate (\\ud800)",
    "unmapped": "no preset mapping fits the line's keys (give --mapping)",
    "invalid-id": "an id the schema refuses",
    "invalid-rights": "the rights.json that gives the input its terms is not a JSON object of "
                      "strings for license and attribution",
    "truncated-file": "a gzip stream that ends early (the lines before it still count)",
    "corrupt-file": "a gzip file whose data fail their checksum: none of its lines is read, "
                    "since any may be altered",
    "unreadable": "a file that vanished or could not be read between the survey of the input "
                  "and its reading",
    "too-large": "an article over 4 MiB of raw bytes (MAX_INPUT_BYTES; the line is skipped "
                 "through, not held)",
    "layout": "a TREC file without <TEXT> or with several DOCs; plain text whose header cannot "
              "be read",
    "invalid-annotation": "the gold .ann file beside the input does not import (its ann-* "
                          "findings, with file and line, are in the message)",
    "invalid-record": "the converted record fails validation (its findings are in the message)",
    "duplicate-id": "an id already written",
    "duplicate-exact": "with --drop-duplicates: the same text as a record written before",
    "duplicate-near": "with --drop-duplicates: a near-duplicate of a record written before",
    "internal-error": "a bug in sahifa met on this input: the build goes on, the reject "
                      "carries the traceback (also printed); please report it",
}


class UserError(Exception):
    """An expected failure: where (a file, optionally its line) and what is wrong."""

    def __init__(self, where: str | None, message: str, code: int = DATA) -> None:
        self.where, self.message, self.code = where, message, code
        super().__init__(f"{where}: {message}" if where else message)
