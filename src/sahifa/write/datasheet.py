"""The datasheet's statistics block, written by the build: what went in (input hashes), what
came out (counts per layer and label), how (tool versions, command), and the accounting of
every input."""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from importlib.metadata import version
from typing import Protocol

from sahifa.stats import Stats
from sahifa.write.card import replace_block


class Accounts(Protocol):
    """What the datasheet reads of a build's result (declared here: the datasheet does not
    import the build)."""

    read: int
    written: int
    rejected: int
    rejected_by_reason: Counter
    duplicates: Counter
    duplicates_dropped: bool
    outputs: list
    stats: Stats

TOOLS = ("sahifa", "datasets", "pyarrow", "jsonschema", "regex", "datasketch", "hijridate",
         "fastjsonschema", "python-crfsuite", "numba", "pyahocorasick", "msgspec")
LISTED_INPUTS = 20


def _counter_rows(title: str, counter: Counter) -> list[str]:
    if not counter:
        return [f"| {title} | 0 |"]
    total = sum(counter.values())
    return [f"| {title} | {total} |"] + [
        f"| {title}: {key} | {n} |" for key, n in sorted(counter.items())
    ]


def stats_markdown(result: Accounts, command: str, dataset_version: str) -> str:
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
        f"Dataset version {dataset_version} (the card's `version`), built by `{command}`.", "",
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


def render_datasheet(current: str, result: Accounts, command: str,
                     dataset_version: str) -> str:
    return replace_block(current, "stats", stats_markdown(result, command, dataset_version))
