"""Findings: every problem has a stable id, a level, a location and a one-line message.

Checks yield `Problem`s (what is wrong, and where inside a record); runners turn them into
`Finding`s by adding the file, line and record. `FINDING_IDS` is the inventory: each id has its
level and a description, and the tests hold one minimal invalid fixture per id.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

FINDING_IDS: dict[str, tuple[int, str]] = {
    # Level 1: the JSON Schema
    "schema-invalid": (1, "the record does not satisfy schema/record.schema.json"),
    "label-out-of-range": (1, "a ClassLabel value is negative or past the end of its inventory"),
    # Level 2: one record
    "text-not-nfc": (2, "the text is not in Unicode NFC"),
    "offset-map-invalid": (2, "the offset map does not tile the text in order"),
    "span-out-of-range": (2, "a span's offsets are reversed or past the end of the text"),
    "span-empty": (2, "a span has start == end"),
    "span-text-mismatch": (2, "a span's text is not text[start:end]"),
    "span-id-duplicate": (2, "two spans of a record share an id"),
    "span-crossing": (2, "two entity spans overlap without one containing the other"),
    "span-crosses-paragraph": (2, "an annotation span is not inside one paragraph"),
    "paragraph-order": (2, "paragraphs overlap or are out of order"),
    "sentence-outside-paragraph": (2, "a sentence is not inside a paragraph"),
    "token-outside-sentence": (2, "a token is not inside a sentence"),
    "reference-unresolved": (2, "a quote's speaker is not an entity id of the record"),
    "clitic-in-span": (2, "an entity span starts with a proclitic the guidelines leave out"),
    # Level 2: gold annotations of one input (brat standoff, located at the .ann line)
    "ann-syntax": (2, "a line of the .ann file is not the brat standoff the guidelines use"),
    "ann-text-mismatch": (2, "an annotation's text is not the raw input at its offsets"),
    "ann-outside-text": (2, "an annotation falls in raw text the record leaves out (section "
                            "line, byline, boilerplate, a block separator)"),
    "ann-reference-unresolved": (2, "a relation, attribute or note names a missing annotation or "
                                    "one of the wrong type, or a gold QUOTE, a CUE or a SPELLING "
                                    "lacks its speaker, quote or correction"),
    "ann-unreviewed": (2, "a gold file still marks a span Origin auto: a pre-annotation nobody "
                          "has reviewed yet (guidelines §11)"),
    "import-unmapped": (2, "an annotation edited in another tool (Label Studio) cannot be "
                           "put back on its record: a label none of ours, a span whose text is "
                           "not the record's at its offsets, a relation to no span"),
    # Level 3: the corpus
    "record-id-duplicate": (3, "two records share an id"),
    "split-mismatch": (3, "a record sits in another split than its id assigns"),
    "parquet-unreadable": (3, "a Parquet file cannot be read"),
    "parquet-features-mismatch": (3, "a Parquet file's embedded features differ from the schema"),
    "label-inventory-mismatch": (3, "a ClassLabel's names differ from the schema's inventory"),
    "card-config-mismatch": (3, "the card's configs do not match the files on disk, or its "
                                "YAML front matter does not parse"),
    "card-count-mismatch": (3, "the card's num_examples of a split differs from the rows of its "
                               "files"),
    "card-metadata-invalid": (3, "the card's front matter breaks a rule of the Hub or of ours: "
                                 "license other without license_name and license_link, a "
                                 "license_name not lowercase with dashes, size_categories "
                                 "not the bin of the default config's rows, a version that "
                                 "is not MAJOR.MINOR.PATCH"),
    "view-row-mismatch": (3, "the rows of a config other than default (ner, quotes) are not the "
                             "view of their record in default: changed, moved, missing, or of "
                             "no record"),
    "no-data": (3, "the path does not exist, or holds no Parquet file of a dataset"),
}


@dataclass(slots=True, frozen=True)
class Problem:
    """What a check found: an id from FINDING_IDS, a message, and where inside the record."""

    id: str
    message: str
    span: str | None = None
    offset: int | None = None
    line: int | None = None


@dataclass(slots=True, frozen=True)
class Finding:
    id: str
    level: int
    message: str
    file: str | None = None
    line: int | None = None
    record: str | None = None
    span: str | None = None
    offset: int | None = None

    def location(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}"
        inner = ":".join(x for x in (self.record, self.span) if x)
        if self.offset is not None:
            inner += f"@{self.offset}"
        return " ".join(x for x in (where, inner) if x) or "-"

    def __str__(self) -> str:
        return f"{self.location()} [L{self.level} {self.id}] {self.message}"

    def to_dict(self) -> dict:
        return asdict(self)


def locate(problem: Problem, *, file: str | None = None, record: str | None = None,
           line: int | None = None) -> Finding:
    """Give a check's problem its place: the runner's half of a finding."""
    level, _ = FINDING_IDS[problem.id]
    return Finding(problem.id, level, problem.message, file, problem.line or line, record,
                   problem.span, problem.offset)


class ValidationError(ValueError):
    """Raised by fail-fast validation; carries every finding of the failing record."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("\n".join(map(str, findings)))
