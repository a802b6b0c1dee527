"""The datasheet's statistics block, written by the build: what went in (input hashes), what
came out (counts per layer and label), how (tool versions, command), and the accounting of
every input."""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import TYPE_CHECKING

from sahifa.record import Record
from sahifa.write.card import replace_block

if TYPE_CHECKING:
    from sahifa.build import BuildOptions, BuildResult

TOOLS = ("sahifa", "datasets", "pyarrow", "jsonschema", "regex", "datasketch", "hijridate",
         "fastjsonschema")
LISTED_INPUTS = 20


@dataclass
class Stats:
    articles: int = 0
    characters: int = 0
    paragraphs: int = 0
    sentences: int = 0
    tokens: int = 0
    entities: Counter = field(default_factory=Counter)
    quotes: Counter = field(default_factory=Counter)
    corrections: Counter = field(default_factory=Counter)
    origins: Counter = field(default_factory=Counter)
    normalization: Counter = field(default_factory=Counter)
    licenses: Counter = field(default_factory=Counter)
    publications: Counter = field(default_factory=Counter)  # (publication, layer) → count
    inputs: list[tuple[str, str]] = field(default_factory=list)

    def add(self, record: Record) -> None:
        self.articles += 1
        self.characters += len(record.text)
        self.paragraphs += len(record.paragraphs)
        self.sentences += len(record.sentences)
        self.tokens += len(record.tokens)
        self.entities.update(e.label for e in record.entities)
        self.quotes.update("closed" if q.closed else "unclosed" for q in record.quotes)
        self.corrections.update(c.kind for c in record.corrections)
        for layer in (record.entities, record.quotes, record.corrections):
            self.origins.update(span.origin for span in layer)
        self.normalization.update({e.kind: e.count for e in record.normalization})
        self.licenses[record.license or "none declared"] += 1
        name = record.publication or "unknown"
        self.publications.update({(name, "articles"): 1, (name, "entities"): len(
            record.entities), (name, "quotes"): len(record.quotes),
            (name, "corrections"): len(record.corrections)})

    def merge(self, other: Stats) -> None:
        """Add the counts of `other` (the statistics of another record or part)."""
        for name in ("articles", "characters", "paragraphs", "sentences", "tokens"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("entities", "quotes", "corrections", "origins", "normalization", "licenses",
                     "publications"):
            getattr(self, name).update(getattr(other, name))


def _counter_rows(title: str, counter: Counter) -> list[str]:
    if not counter:
        return [f"| {title} | 0 |"]
    total = sum(counter.values())
    return [f"| {title} | {total} |"] + [
        f"| {title}: {key} | {n} |" for key, n in sorted(counter.items())
    ]


def stats_markdown(result: BuildResult, options: BuildOptions) -> str:
    s = result.stats
    rows = [
        "| what | count |", "| --- | --- |",
        f"| inputs read | {result.read} |",
        f"| records written | {result.written} |",
        f"| inputs rejected | {result.rejected} |",
        *[f"| rejected: {reason} | {n} |"
          for reason, n in sorted(result.rejected_by_reason.items())],
        *[f"| duplicates ({kind}, {'dropped' if result.duplicates_dropped else 'kept'}) "
          f"| {result.duplicates.get(kind, 0)} |" for kind in ("exact", "near")],
        f"| articles | {s.articles} |",
        f"| characters of text | {s.characters} |",
        f"| paragraphs (headline, deck, body) | {s.paragraphs} |",
        f"| sentences | {s.sentences} |",
        f"| tokens | {s.tokens} |",
        *_counter_rows("entities", s.entities),
        *_counter_rows("quotes", s.quotes),
        *_counter_rows("corrections", s.corrections),
        *_counter_rows("annotation origin", s.origins),
        *_counter_rows("normaliser edits", s.normalization),
        *_counter_rows("articles by license", s.licenses),
    ]
    for out in result.outputs:
        for split, o in out.splits.items():
            if o.num_rows:
                rows.append(f"| rows in config {out.name}, split {split} | {o.num_rows} |")
    return "\n".join([
        f"Built by `{options.command}`.", "",
        *rows, "",
        *_publications_markdown(s.publications), "",
        *_inputs_markdown(s.inputs), "",
        "Tools: " + ", ".join(f"{t} {version(t)}" for t in TOOLS)
        + f"; Unicode {unicodedata.unidata_version}.",
    ])


LAYER_COLUMNS = ("articles", "entities", "quotes", "corrections")


def _publications_markdown(counts: Counter) -> list[str]:
    """Articles and annotation spans per publication (as the records name it)."""
    names = sorted({name for name, _ in counts})
    return ["| publication | " + " | ".join(LAYER_COLUMNS) + " |",
            "| --- |" + " ---: |" * len(LAYER_COLUMNS),
            *[f"| {name} | " + " | ".join(str(counts[name, c]) for c in LAYER_COLUMNS) + " |"
              for name in names]]


def _inputs_markdown(inputs: list[tuple[str, str]]) -> list[str]:
    combined = hashlib.sha256(
        "".join(f"{name}\t{digest}\n" for name, digest in inputs).encode("utf-8")
    ).hexdigest()
    lines = [f"Input files: {len(inputs)}, combined sha256 `{combined}` "
             "(sha256 of the lines `name<TAB>sha256` below, in name order)."]
    if len(inputs) <= LISTED_INPUTS:
        lines += ["", "| input file | sha256 |", "| --- | --- |"]
        lines += [f"| `{name}` | `{digest}` |" for name, digest in inputs]
    return lines


def render_datasheet(current: str, result: BuildResult, options: BuildOptions) -> str:
    return replace_block(current, "stats", stats_markdown(result, options))
