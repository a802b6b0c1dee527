"""`sahifa view`: static, self-contained right-to-left HTML pages of records, with every
annotation layer drawn on the text, and diff pages of two versions of a record.

boxes (spans nested into a tree) → draw (a record's spans as boxes) → markup (the tree as
HTML) → pages (whole pages, by Jinja2 templates) → site (the folder, written whole); sources
reads records from raw inputs, a built dataset or an annotation pass, diff pairs two versions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sahifa.pipeline import Reject
from sahifa.record import Record
from sahifa.view.diff import compare
from sahifa.view.pages import (
    IndexRow,
    diff_page,
    in_inventory_order,
    index_page,
    index_row,
    record_page,
)
from sahifa.view.site import INDEX, write_site


@dataclass
class Written:
    pages: int = 0
    articles: int = 0
    differences: int = 0
    rejects: list[Reject] = field(default_factory=list)  # inputs that did not convert
    duplicates: list[str] = field(default_factory=list)  # ids met again, left out

    def summary(self, output: Path) -> str:
        found = f"{self.articles} articles"
        if self.differences:
            found += f", {self.differences} disagreements"
        return f"wrote {self.pages} pages ({found}) to {output / INDEX}"


def unique(records: Iterable[Record], written: Written) -> Iterator[Record]:
    """The records, each id once (a later record with an id already met is listed, not
    drawn: its page would overwrite the first one's)."""
    seen: set[str] = set()
    for record in records:
        if record.id in seen:
            written.duplicates.append(record.id)
            continue
        seen.add(record.id)
        yield record


def write_pages(records: Iterable[Record], output: Path, title: str,
                written: Written | None = None) -> Written:
    """A page per record and an index page, as the folder `output`."""
    written = written or Written()
    written.pages = write_site(output, _record_pages(unique(records, written), title, written))
    return written


def _record_pages(records: Iterable[Record], title: str, written: Written):
    rows: list[IndexRow] = []
    totals: Counter = Counter()
    for record in records:
        page = f"{record.id}.html"
        rows.append(index_row(record, page))
        totals.update(e.label for e in record.entities)
        written.articles += 1
        yield page, record_page(record, index=True)
    yield INDEX, index_page(title, rows, in_inventory_order(totals))


def write_diffs(pairs: Iterable[tuple[Record, Record]], output: Path,
                names: tuple[str, str], written: Written | None = None) -> Written:
    """A diff page per pair of versions of a record and an index page, as `output`."""
    written = written or Written()
    written.pages = write_site(output, _diff_pages(pairs, names, written))
    return written


def _diff_pages(pairs: Iterable[tuple[Record, Record]], names: tuple[str, str],
                written: Written):
    rows: list[IndexRow] = []
    totals: Counter = Counter()
    for a, b in pairs:
        comparison = compare(a, b)
        page = f"{a.id}.html"
        rows.append(index_row(a, page, len(comparison.differences)))
        totals.update(e.label for e in a.entities)
        written.articles += 1
        written.differences += len(comparison.differences)
        yield page, diff_page(comparison, names, index=True)
    yield INDEX, index_page(f"A = {names[0]}, B = {names[1]}", rows,
                            in_inventory_order(totals), diff=True)
