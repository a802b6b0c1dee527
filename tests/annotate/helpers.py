"""Small helpers of the annotator tests: run an annotator on one paragraph, read the seed's
gold quotations from its brat file (until the gold import is in the pipeline)."""

from __future__ import annotations

from sahifa.annotate import iob
from sahifa.annotate.auto import annotate_text


def found(annotator, text: str, earlier=()) -> list[tuple[str, str]]:
    """(text, label) of what `annotator` finds in `text` taken as one paragraph."""
    return [(text[m.start:m.end], m.label) for m in annotator.find(text, [(0, len(text))],
                                                                     list(earlier))]


def entities(text: str) -> set[tuple[str, str]]:
    """(text, label) of every entity the rule annotators keep, reconciled."""
    return {(text[m.start:m.end], m.label)
            for m in annotate_text(text, [(0, len(text))], "rules").mentions}


def brat_lines(path) -> tuple[dict[str, tuple[str, int, int]], list[tuple[str, str, str]]]:
    """T lines as {id: (type, start, end)} and R lines as (relation, arg1, arg2)."""
    spans, relations = {}, []
    for line in path.read_text("utf-8").splitlines():
        fields = line.split("\t")
        if fields[0].startswith("T"):
            kind, start, end = fields[1].split()
            spans[fields[0]] = (kind, int(start), int(end))
        elif fields[0].startswith("R"):
            relation, arg1, arg2 = fields[1].split()
            relations.append((relation, arg1.split(":")[1], arg2.split(":")[1]))
    return spans, relations


def conll_tokens_and_levels(doc) -> tuple[list[str], list[list[tuple[int, int, str]]]]:
    """A CoNLL document as read back: its tokens, and the entity token ranges of each of its
    tag columns (nesting levels)."""
    tokens = [t for s in doc.sentences for t in s.tokens]
    depth = len(doc.sentences[0].tags)
    levels = [iob.decode([tag for s in doc.sentences for tag in s.tags[level]])
              for level in range(depth)]
    return tokens, levels
