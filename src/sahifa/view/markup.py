"""A tree of boxes as HTML: every character of the text escaped, in order, so that the
article's text content in the browser is the record's text; labels are drawn by CSS from
data attributes (not text), and Latin and digit runs are isolated in `<bdi>` so that they
cannot reorder the right-to-left line around them.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from sahifa.view.boxes import Box, Node

LATIN_RUN = re.compile(
    r"[0-9A-Za-z\u00C0-\u024F\u0660-\u0669\u06F0-\u06F9]"
    r"(?:[0-9A-Za-z\u00C0-\u024F\u0660-\u0669\u06F0-\u06F9 .,:/%+@_\-]*"
    r"[0-9A-Za-z\u00C0-\u024F\u0660-\u0669\u06F0-\u06F9%])?")


def text_run(text: str) -> Markup:
    """Escaped text, each run of Latin letters or digits in a `<bdi>`."""
    parts, pos = [], 0
    for found in LATIN_RUN.finditer(text):
        parts += [escape(text[pos:found.start()]), Markup("<bdi>"), escape(found.group()),
                  Markup("</bdi>")]
        pos = found.end()
    parts.append(escape(text[pos:]))
    return Markup("").join(parts)


def attributes(box: Box) -> Markup:
    classes = [box.kind, *box.classes] + (["piece"] if box.piece else [])
    pairs = [("class", " ".join(classes)), ("data-id", box.id), ("data-label", box.label),
             ("data-start", str(box.start)), ("data-end", str(box.end)),
             ("title", box.title), *box.data]
    return Markup("").join(Markup(' {}="{}"').format(name, value) for name, value in pairs
                           if value)


def element(node: Node, text: str) -> Markup:
    """A box and what it holds: a paragraph as a block, any other box inline."""
    tag = "p" if node.box.kind == "paragraph" else "span"
    extra = Markup(' tabindex="0"') if node.box.kind in ("quote", "cue") else Markup("")
    return Markup("<{tag}{attrs}{extra}>{inner}</{tag}>").format(
        tag=Markup(tag), attrs=attributes(node.box), extra=extra, inner=inner(node, text))


def inner(node: Node, text: str) -> Markup:
    """The text of a node's span, its children's spans drawn as elements."""
    parts, pos = [], node.box.start
    for child in node.children:
        parts += [text_run(text[pos:child.box.start]), element(child, text)]
        pos = child.box.end
    parts.append(text_run(text[pos:node.box.end]))
    return Markup("").join(parts)
