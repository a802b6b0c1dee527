from __future__ import annotations

from html.parser import HTMLParser

from sahifa.view.boxes import Box, Node, nest
from sahifa.view.markup import inner, text_run


def shape(node: Node) -> list:
    return [((c.box.id, c.box.start, c.box.end, c.box.piece), shape(c)) for c in node.children]


def test_outer_spans_hold_inner_ones_and_kinds_nest_by_rank_at_equal_offsets():
    boxes = [Box(4, 6, "entity", "inner"), Box(0, 10, "entity", "outer"),
             Box(0, 10, "quote", "q"), Box(12, 14, "correction", "c"),
             Box(12, 14, "entity", "e2")]
    tree = nest(boxes, 20)
    assert shape(tree) == [
        (("q", 0, 10, False), [(("outer", 0, 10, False), [(("inner", 4, 6, False), [])])]),
        (("e2", 12, 14, False), [(("c", 12, 14, False), [])]),
    ]


def test_a_crossing_span_is_cut_into_pieces_that_keep_its_id():
    tree = nest([Box(0, 6, "entity", "a"), Box(4, 9, "entity", "b")], 10)
    assert shape(tree) == [(("a", 0, 6, False), [(("b", 4, 6, True), [])]),
                           (("b", 6, 9, True), [])]


def test_an_empty_span_draws_nothing():
    assert shape(nest([Box(3, 3, "entity", "empty")], 5)) == []


class TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text, self.tags = "", []

    def handle_data(self, data: str) -> None:
        self.text += data

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


def test_the_markup_holds_the_text_unchanged_and_escaped_with_every_box():
    text = "قال <b>«نحن» 2016 Interfax & co</b> وانتهى"
    boxes = [Box(0, 3, "cue", "c"), Box(4, 30, "quote", "q", label='QUOTE "x"'),
             Box(10, 14, "entity", "e", label="PERS"), Box(12, 20, "correction", "x")]
    html = inner(nest(boxes, len(text)), text)
    parsed = TextOf()
    parsed.feed(str(html))
    assert parsed.text == text
    assert "<b>" not in html
    spans = [attrs for tag, attrs in parsed.tags if tag == "span"]
    assert sorted(a["data-id"] for a in spans) == ["c", "e", "q", "x", "x"]
    assert [a["data-label"] for a in spans if a["data-id"] == "q"] == ['QUOTE "x"']


def test_latin_and_digit_runs_are_isolated():
    assert text_run("في 2016 قالت Interfax News: لا") == (
        "في <bdi>2016</bdi> قالت <bdi>Interfax News</bdi>: لا")


def test_a_box_past_the_text_is_clipped_to_it():
    assert shape(nest([Box(2, 9, "entity", "long"), Box(7, 9, "entity", "out")], 5)) == [
        (("long", 2, 5, False), [])]
