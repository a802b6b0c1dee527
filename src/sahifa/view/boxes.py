"""The boxes a page draws over a record's text, and their nesting into a tree.

A box is a span of the text with what the page shows of it (kind, label, colour class, hover
text, links to other boxes). Outer spans contain inner ones; at the same offsets the kinds nest
in `RANK` order (a paragraph holds a quote, which holds an entity, which holds a correction).
A span that crosses another (not in our data, but a page must not break on one) is cut at the
outer box's end: both pieces keep its id and say that they are pieces.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field, replace

RANK = {"paragraph": 0, "quote": 1, "entity": 2, "cue": 3, "correction": 4}


@dataclass(frozen=True, slots=True)
class Box:
    start: int
    end: int
    kind: str  # a key of RANK
    id: str  # the DOM id the page links by ("" for none); pieces of a cut span share it
    label: str = ""  # printed in the box
    classes: tuple[str, ...] = ()
    title: str = ""  # hover text
    data: tuple[tuple[str, str], ...] = ()  # more data-* attributes
    piece: bool = False  # a piece of a span cut where it crosses another


@dataclass(slots=True)
class Node:
    box: Box
    children: list[Node] = field(default_factory=list)


def _order(box: Box, seq: int) -> tuple:
    return (box.start, -box.end, RANK[box.kind], seq)


def nest(boxes: list[Box], length: int) -> Node:
    """The boxes as a tree under a root box spanning the text's `length` characters; children
    in text order. A box is clipped to the text; an empty one covers no text and is left
    out."""
    root = Node(Box(0, length, "paragraph", ""))
    clipped = (replace(b, start=max(b.start, 0), end=min(b.end, length)) for b in boxes)
    queue = [(*_order(b, i), b) for i, b in enumerate(clipped) if b.start < b.end]
    heapq.heapify(queue)
    stack, seq = [root], len(boxes)
    while queue:
        *_, box = heapq.heappop(queue)
        while len(stack) > 1 and stack[-1].box.end <= box.start:
            stack.pop()
        parent = stack[-1]
        if box.end > parent.box.end:
            rest = replace(box, start=parent.box.end, piece=True)
            heapq.heappush(queue, (*_order(rest, seq), rest))
            seq += 1
            box = replace(box, end=parent.box.end, piece=True)
        node = Node(box)
        parent.children.append(node)
        stack.append(node)
    return root
