"""The HTML of the viewer's pages: one record, a diff of two versions of a record, an index.

Jinja2 renders them with autoescape on, so everything that comes from the data is escaped; the
article itself is built by `markup` (escaped too). Each page carries its CSS and script inline
and a Content-Security-Policy that admits those two (by hash) and nothing else: no network, and
no script but ours even if some markup from the data got through.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from sahifa import __version__
from sahifa.record import Record
from sahifa.schema import labels
from sahifa.view.boxes import nest
from sahifa.view.diff import Comparison, Difference
from sahifa.view.draw import Drawer
from sahifa.view.markup import inner

COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
LAYERS = ("entities", "quotes", "corrections")
META = ("publication", "section", "date", "authors", "credits", "url", "license",
        "attribution")


@cache
def palette() -> dict:
    """The colours of `palette.json` (checked to be #rrggbb, as they go into CSS)."""
    data = json.loads((resources.files("sahifa.view") / "palette.json").read_text("utf-8"))
    colours = [*data["layers"].values(), *data["diff"].values(),
               *(c for entry in data["entities"].values() for c in entry.values())]
    bad = [c for c in colours if not COLOUR.fullmatch(c)]
    if bad:
        raise ValueError(f"palette.json: not #rrggbb colours: {bad}")
    return data


@cache
def style() -> str:
    colours = palette()
    variables = {**colours["layers"], **colours["diff"]}
    rules = [":root { " + " ".join(f"--{k}: {v};" for k, v in variables.items()) + " }"]
    rules += [f".l-{label} {{ background-color: {c['fill']}; border-color: {c['line']}; }}"
              for label, c in colours["entities"].items()]
    static = (resources.files("sahifa.view") / "templates" / "style.css").read_text("utf-8")
    return static + "\n".join(rules) + "\n"


@cache
def script() -> str:
    return (resources.files("sahifa.view") / "templates" / "script.js").read_text("utf-8")


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("sahifa.view", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.tests["url"] = lambda value: str(value).startswith(("https://", "http://"))
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(
        version=__version__, style=Markup(style()), script=Markup(script()),
        style_hash=_hash(style()), script_hash=_hash(script()), **context)


def _meta(record: Record) -> list[tuple[str, str]]:
    """The record's metadata shown above the text (headline and deck are in the text)."""
    found = [("id", record.id)]
    in_text = {p.label for p in record.paragraphs}
    found += [(name, getattr(record, name)) for name in ("headline", "deck")
              if getattr(record, name) and name not in in_text]
    for name in META:
        value = getattr(record, name)
        if isinstance(value, list):
            value = "، ".join(value)
        if value:
            found.append((name, value))
    found.append(("source", record.source.file + (f":{record.source.line}"
                                                  if record.source.line else "")))
    return found


def in_inventory_order(counts: Counter) -> list[tuple[str, int]]:
    """Entities per label, in the inventory's order, the labels with none left out."""
    return [(label, counts[label]) for label in labels("entity_label") if counts[label]]


def _quote_items(drawer: Drawer) -> list[dict]:
    items = []
    for quote in drawer.record.quotes:
        speaker = drawer.entities.get(quote.speaker or "")
        links = [drawer.dom("q", quote.id)]
        links += [drawer.dom("e", speaker.id)] if speaker else []
        links += [drawer.dom("c", quote.id)] if quote.cue else []
        items.append({"text": quote.text, "speaker": speaker.text if speaker else None,
                      "cue": quote.cue.text if quote.cue else None, "closed": quote.closed,
                      "links": " ".join(links)})
    return items


def _correction_items(drawer: Drawer) -> list[dict]:
    return [{"text": c.text, "correction": c.correction, "kind": c.kind,
             "links": drawer.dom("x", c.id)} for c in drawer.record.corrections]


def record_page(record: Record, index: bool = False) -> str:
    """The page of one record; `index`: with a link to the index beside it."""
    drawer = Drawer(record)
    body = inner(nest(drawer.all_boxes(), len(record.text)), record.text)
    used = Counter(e.label for e in record.entities)
    return render("record.html.j2", title=record.headline or record.id, index=index,
                  meta=_meta(record), labels=in_inventory_order(used), body=body,
                  quotes=_quote_items(drawer), corrections=_correction_items(drawer))


@dataclass
class DiffDrawing:
    """Both versions' drawers, B's agreed spans drawn as A's boxes."""

    a: Drawer
    b: Drawer

    @classmethod
    def of(cls, comparison: Comparison) -> DiffDrawing:
        alias = {}
        for layer, pairs in comparison.agreed.items():
            kinds = {"entities": ("e",), "quotes": ("q", "c"), "corrections": ("x",)}[layer]
            alias |= {f"b-{k}-{y.id}": f"a-{k}-{x.id}" for x, y in pairs for k in kinds}
        return cls(Drawer(comparison.a, "a-"), Drawer(comparison.b, "b-", alias))

    def boxes(self, comparison: Comparison) -> list:
        boxes = [*map(self.a.paragraph, comparison.a.paragraphs)]
        for layer, pairs in comparison.agreed.items():
            boxes += [b for x, _ in pairs for b in self._draw(self.a, layer, x, ("agree",), "")]
        for n, difference in enumerate(comparison.differences, 1):
            boxes += self._difference(n, difference)
        return boxes

    def _difference(self, n: int, difference: Difference) -> list:
        pair = difference.a is not None and difference.b is not None
        boxes = []
        for side, drawer, span in (("a", self.a, difference.a), ("b", self.b, difference.b)):
            if span is None:
                continue
            classes = ("changed", f"side-{side}") if pair else (f"only-{side}",)
            note = f" · {side.upper()} #{n}"
            boxes += self._draw(drawer, difference.layer, span, classes, note)
        return boxes

    @staticmethod
    def _draw(drawer: Drawer, layer: str, span, classes: tuple[str, ...], note: str) -> list:
        if layer == "entities":
            return [drawer.entity(span, classes, note)]
        if layer == "quotes":
            return drawer.quote(span, classes, note)
        return [drawer.correction(span, classes, note)]

    def row(self, difference: Difference) -> dict:
        sides, links = [], []
        for drawer, span in ((self.a, difference.a), (self.b, difference.b)):
            if span is None:
                sides.append(None)
                continue
            kind = {"entities": "e", "quotes": "q", "corrections": "x"}[difference.layer]
            links.append(drawer.dom(kind, span.id))
            sides.append({"label": getattr(span, "label", difference.layer[:-1].upper()),
                          "text": span.text, "where": drawer.where(span.start, span.end)})
        return {"layer": difference.layer, "what": difference.what, "a": sides[0],
                "b": sides[1], "links": " ".join(links)}


def diff_page(comparison: Comparison, names: tuple[str, str], index: bool = False) -> str:
    """The page of two versions of a record: the disagreements in a table, and both versions'
    spans over one text, agreements drawn once."""
    drawing = DiffDrawing.of(comparison)
    record = comparison.a
    body = inner(nest(drawing.boxes(comparison), len(record.text)), record.text)
    kinds = Counter(d.what for d in comparison.differences)
    return render("diff.html.j2", title=f"{record.id}: {names[0]} / {names[1]}", index=index,
                  record_id=record.id, names=names, labels=_diff_labels(comparison),
                  agreed=[(layer, len(pairs)) for layer, pairs in comparison.agreed.items()],
                  kinds=sorted(kinds.items()), body=body,
                  differences=[drawing.row(d) for d in comparison.differences])


def _diff_labels(comparison: Comparison) -> list[tuple[str, None]]:
    """The labels either version uses, without counts (the two versions' differ)."""
    used = Counter(e.label for r in (comparison.a, comparison.b) for e in r.entities)
    return [(label, None) for label, _ in in_inventory_order(used)]


@dataclass(frozen=True, slots=True)
class IndexRow:
    id: str
    page: str
    headline: str
    outlet: str
    counts: tuple[int, ...]  # entities, quotes, corrections (and disagreements on a diff)


def index_row(record: Record, page: str, *extra: int) -> IndexRow:
    return IndexRow(record.id, page, record.headline or "", record.publication or "—",
                    (*(len(getattr(record, layer)) for layer in LAYERS), *extra))


def index_page(title: str, rows: list[IndexRow], label_totals: list[tuple[str, int]],
               diff: bool = False) -> str:
    """Counts per outlet and per label, and a link to each article's page."""
    layers = [*LAYERS, *(["disagreements"] if diff else [])]
    outlets: dict[str, list[int]] = {}
    for row in rows:
        totals = outlets.setdefault(row.outlet, [0] * (len(layers) + 1))
        for i, n in enumerate((1, *row.counts)):
            totals[i] += n
    return render("index.html.j2", title=title, rows=rows, layers=layers, diff=diff,
                  outlets=sorted(outlets.items()), labels=label_totals,
                  total_differences=sum(row.counts[-1] for row in rows) if diff else 0)
