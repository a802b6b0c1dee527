"""The pages in a real browser: headless Chromium (Debian's, which scripts/setup.sh installs
where it can) driven by Playwright, the pages opened from disk. The DOM is checked against
the records: every entity, quotation and correction with its text, nesting, links, labels
and offsets; nothing wider than the window; nothing fetched; no script from the data.

Screenshots go to the test's tmp folder, and also to $SAHIFA_SCREENSHOTS when it is set (the
README's: `SAHIFA_SCREENSHOTS=annotation/viewer .venv/bin/python -m pytest tests/view`).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from sahifa.record import Entity, Quote, Record, Source
from sahifa.view import sources
from sahifa.view.diff import compare
from sahifa.view.pages import diff_page, record_page
from tests.conftest import SEEDS
from tests.view.conftest import SEED_ID, logged_disagreements, write

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
WIDTHS = (1100, 400)


def chromium() -> str | None:
    """$SAHIFA_CHROMIUM, or a Chromium on PATH."""
    if os.environ.get("SAHIFA_CHROMIUM"):
        return os.environ["SAHIFA_CHROMIUM"]
    return next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed (the test extra)")
    path = chromium()
    if path is None:
        pytest.skip("no Chromium: apt-get install chromium (scripts/setup.sh does, as root)")
    with sync_api.sync_playwright() as driver:
        try:
            launched = driver.chromium.launch(executable_path=path)
        except sync_api.Error as err:
            pytest.skip(f"Chromium at {path} does not start: {err}")
        yield launched
        launched.close()


class Opened:
    """A page opened from disk, with what it asked of the network and what went wrong."""

    def __init__(self, browser, path: Path, width: int) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": 1400})
        self.requests, self.errors, self.dialogs = [], [], []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message),
                                               dialog.dismiss()))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def check_clean(self) -> None:
        """Nothing fetched but the page, no error, no dialog, nothing wider than the window."""
        assert self.requests == [self.url]
        assert self.errors == [] and self.dialogs == []
        assert self.js("document.documentElement.scrollWidth <= window.innerWidth")
        outside = self.js("""() => [...document.querySelectorAll('body *')].filter(el => {
            const r = el.getBoundingClientRect();
            return r.width && (r.left < -0.5 || r.right > window.innerWidth + 0.5);
        }).map(el => el.outerHTML.slice(0, 80))""")
        assert outside == []

    def point_at(self, selector: str) -> None:
        """The mouse on the middle of the first line box of the element."""
        x, y = self.js("""s => { const el = document.querySelector(s);
                                 el.scrollIntoView({block: 'center'});
                                 const r = el.getClientRects()[0];
                                 return [r.left + r.width / 2, r.top + r.height / 2]; }""",
                       selector)
        self.page.mouse.move(x, y)

    def screenshot(self, tmp_path: Path, name: str) -> None:
        self.page.screenshot(path=tmp_path / name)
        if folder := os.environ.get("SAHIFA_SCREENSHOTS"):
            Path(folder).mkdir(parents=True, exist_ok=True)
            shutil.copy(tmp_path / name, Path(folder) / name)

    def close(self) -> None:
        self.page.close()


BOXES = """kind => [...document.querySelectorAll('article .' + kind)].map(el => ({
    id: el.dataset.id, text: el.textContent, title: el.title,
    label: getComputedStyle(el, '::after').content, links: el.dataset.links || '',
    border: getComputedStyle(el).borderTopStyle}))"""


def joined(boxes: list[dict]) -> dict[str, str]:
    """DOM id → the text of its box (of its pieces together)."""
    texts: dict[str, str] = {}
    for box in boxes:
        texts[box["id"]] = texts.get(box["id"], "") + box["text"]
    return texts


@pytest.fixture(scope="module")
def seed_page(browser, seed_record, tmp_path_factory):
    path = write(tmp_path_factory.mktemp("pages") / f"{SEED_ID}.html", record_page(seed_record))
    opened = Opened(browser, path, WIDTHS[0])
    yield opened
    opened.close()


def test_every_entity_is_a_box_with_its_text_label_and_offsets(seed_page, seed_record):
    boxes = seed_page.js(BOXES, "entity")
    texts = joined(boxes)
    assert len(texts) == len(seed_record.entities) == 164
    for entity in seed_record.entities:
        assert texts[f"e-{entity.id}"] == seed_record.text[entity.start:entity.end]
    for box in boxes:
        entity = next(e for e in seed_record.entities if f"e-{e.id}" == box["id"])
        assert box["label"] == f'"{entity.label}"'
        assert f"text [{entity.start}, {entity.end}) · raw [" in box["title"]
        assert box["border"] == "solid"  # gold
    assert seed_page.js("document.querySelector('article').textContent") == seed_record.text


def test_nested_entities_are_boxes_inside_boxes(seed_page, seed_record):
    pairs = [(f"e-{o.id}", f"e-{i.id}") for o in seed_record.entities
             for i in seed_record.entities
             if o is not i and o.start <= i.start and i.end <= o.end
             and (o.start, o.end) != (i.start, i.end)]
    assert len(pairs) > 10
    inside = seed_page.js("""pairs => pairs.map(([o, i]) =>
        document.querySelector(`[data-id="${o}"]`).contains(
            document.querySelector(`[data-id="${i}"]`)))""", pairs)
    assert all(inside)


def test_each_quotation_lights_its_speaker_and_cue(seed_page, seed_record):
    texts = joined(seed_page.js(BOXES, "quote"))
    cues = joined(seed_page.js(BOXES, "cue"))
    assert len(texts) == len(seed_record.quotes) == 11
    for quote in seed_record.quotes:
        q = f"q-{quote.id}"
        assert texts[q] == seed_record.text[quote.start:quote.end]
        assert cues[f"c-{quote.id}"] == quote.cue.text
        seed_page.point_at(f'article [data-id="{q}"]')
        lit = seed_page.js("[...document.querySelectorAll('article .lit')].map(e => e.dataset.id)")
        assert {q, f"e-{quote.speaker}", f"c-{quote.id}"} <= set(lit)
        seed_page.page.mouse.move(0, 0)
    assert seed_page.js("document.querySelectorAll('.lit').length") == 0
    quote = seed_record.quotes[0]
    seed_page.point_at(f'article [data-id="c-{quote.id}"]')
    seed_page.page.mouse.down()
    seed_page.page.mouse.up()
    seed_page.page.mouse.move(0, 0)
    pinned = seed_page.js("[...document.querySelectorAll('article .pin')].map(e => e.dataset.id)")
    assert {f"q-{quote.id}", f"e-{quote.speaker}", f"c-{quote.id}"} <= set(pinned)


def test_corrections_show_the_corrected_form(seed_page, seed_record):
    boxes = seed_page.js(BOXES, "correction")
    assert len(boxes) == len(seed_record.corrections) == 3
    for box, correction in zip(boxes, seed_record.corrections, strict=True):
        assert box["text"] == correction.text
        assert correction.correction in box["label"]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_page_fits_the_window_and_fetches_nothing(browser, seed_record, tmp_path, width):
    opened = Opened(browser, write(tmp_path / "page.html", record_page(seed_record)), width)
    quote = seed_record.quotes[0]
    opened.point_at(f'article [data-id="q-{quote.id}"]')
    opened.check_clean()
    if width == WIDTHS[0]:
        opened.screenshot(tmp_path, "record.png")
    opened.close()


def test_automatic_spans_are_dashed(browser, tmp_path):
    [record] = [r for r in sources.automatic(SEEDS / f"{SEED_ID}.txt", [])]
    opened = Opened(browser, write(tmp_path / "auto.html", record_page(record)), WIDTHS[0])
    boxes = opened.js(BOXES, "entity")
    assert boxes and {b["border"] for b in boxes} == {"dashed"}
    opened.check_clean()
    opened.close()


def test_markup_in_the_data_shows_as_text_and_runs_nothing(browser, tmp_path):
    attack = "<script>alert(1)</script>"
    image = '<img src=x onerror="alert(2)">'
    text = f"{attack} قال لافروف {image}"
    at, quoted = text.index("لافروف"), text.index(image)
    speaker = Entity("T1", at, at + 6, "لافروف", "PERS", "gold", image)
    quote = Quote("T2", quoted, len(text), image, "T1", None, True, "gold", attack)
    record = Record(id="xss", source=Source(file="xss.txt", sha256="0" * 64,
                                            format="plaintext"),
                    headline=attack, authors=[image], text=text, entities=[speaker],
                    quotes=[quote])
    opened = Opened(browser, write(tmp_path / "xss.html", record_page(record)), WIDTHS[0])
    assert opened.js("document.title") == attack
    assert opened.js("document.querySelector('article').textContent") == text
    assert opened.js("document.querySelectorAll('script').length") == 1
    assert opened.js("document.querySelectorAll('img').length") == 0
    opened.check_clean()
    opened.close()


def test_the_diff_page_marks_what_the_adjudication_log_lists(browser, seed_passes, tmp_path):
    a, b = seed_passes
    page = diff_page(compare(a, b), ("pass A", "pass B"))
    opened = Opened(browser, write(tmp_path / "diff.html", page), WIDTHS[0])
    rows = opened.js("""() => [...document.querySelectorAll('tr.difference')].map(row =>
        [...row.querySelectorAll('td.side')].map(cell => cell.querySelector('.label') && [
            cell.querySelector('.label').textContent,
            cell.querySelector('.span-text').textContent,
            cell.querySelector('.where').textContent]))""")
    found = []
    for cells in rows:
        sides = {}
        for side, cell in zip("AB", cells, strict=True):
            if cell:
                raw = re.search(r"raw \[(\d+), (\d+)\)", cell[2])
                sides[side] = (cell[0], int(raw[1]), int(raw[2]), cell[1])
        found.append(sides)
    assert sorted(found, key=str) == sorted(logged_disagreements(), key=str)
    marked = joined(opened.js("""() => [...document.querySelectorAll(
        'article .entity.changed, article .entity.only-a, article .entity.only-b')].map(
        el => ({id: el.dataset.id, text: el.textContent}))"""))
    assert len(marked) == 6  # the boundary pair's two boxes and A's four
    agreed = joined(opened.js(BOXES, "entity.agree"))
    assert len(agreed) == len(a.entities) - 5 == len(b.entities) - 1
    boundary = next(i for i, sides in enumerate(found) if len(sides) == 2)
    opened.point_at(f"tr.difference:nth-child({boundary + 1})")
    lit = opened.js("""[...document.querySelectorAll('article .lit')].map(
        el => el.textContent)""")
    assert sorted(lit) == sorted([found[boundary]["A"][3], found[boundary]["B"][3]])
    opened.check_clean()
    opened.screenshot(tmp_path, "diff.png")
    opened.close()


def test_the_index_links_every_article_page(browser, tmp_path):
    from sahifa.cli import main

    assert main(["view", str(SEEDS), "--output", str(tmp_path / "site")]) == 0
    opened = Opened(browser, tmp_path / "site" / "index.html", WIDTHS[0])
    links = opened.js("[...document.querySelectorAll('table.articles a')].map(a => a.href)")
    pages = sorted(p.as_uri() for p in (tmp_path / "site").glob("*.html")
                   if p.name != "index.html")
    assert sorted(links) == pages and len(pages) == 57
    outlets = opened.js("""[...document.querySelectorAll('table.outlets tbody tr')].map(
        row => Number(row.cells[1].textContent))""")
    assert sum(outlets) == 57
    opened.check_clean()
    opened.page.click(f'a[href="{SEED_ID}.html"]')
    assert opened.js("document.querySelectorAll('article .quote').length") >= 11
    opened.close()


def test_the_pages_of_a_record_without_gold_or_paragraphs_render(browser, minimal_record,
                                                                 tmp_path):
    record = replace(minimal_record, paragraphs=[], quotes=[], corrections=[])
    opened = Opened(browser, write(tmp_path / "bare.html", record_page(record)), WIDTHS[1])
    assert opened.js("document.querySelector('article').textContent") == record.text
    opened.check_clean()
    opened.close()
