"""Round trips of the annotation formats: record → brat → record, brat → record → brat, and
record → CoNLL → the same labels."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sahifa.annotate import brat, conll, iob
from sahifa.cli import main
from sahifa.export import export
from sahifa.ingest.readers.plaintext import iter_inputs
from sahifa.pipeline import convert
from sahifa.record import Correction, Cue, Entity, Quote, Record, Source
from sahifa.schema import labels
from tests.annotate.helpers import conll_tokens_and_levels
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def seed_record() -> Record:
    (item,) = iter_inputs(SEEDS)
    return convert(item)


def _import(ann: str, text: str, annotator: str) -> brat.Layers:
    layers, problems = brat.read(ann, text, lambda s, e: (s, e), text, annotator)
    assert problems == []
    return layers


def _layers(record: Record) -> brat.Layers:
    return brat.Layers(record.entities, record.quotes, record.corrections)


def test_record_to_brat_to_record_is_identical(seed_record):
    ann = brat.write(seed_record, f"{seed_record.id}.ann")
    assert _import(ann, seed_record.text, f"{seed_record.id}.ann") == _layers(seed_record)


def test_brat_to_record_to_brat_keeps_every_annotation(seed_record):
    gold, _ = brat.parse((SEEDS / f"{seed_record.id}.ann").read_text("utf-8"))
    exported, _ = brat.parse(brat.write(seed_record, f"{seed_record.id}.ann"))

    def content(standoff):
        return ({i: (t.type, t.text) for i, t in standoff.spans.items()},
                *({(x.name, x.source, x.target) for x in links} for links in (
                    standoff.relations, standoff.attributes, standoff.notes)))

    assert content(exported) == content(gold)


def test_exported_brat_is_a_fixed_point(seed_record):
    ann = brat.write(seed_record, "x.ann")
    layers = _import(ann, seed_record.text, "x.ann")
    again = Record(id=seed_record.id, source=seed_record.source, text=seed_record.text,
                   entities=layers.entities, quotes=layers.quotes,
                   corrections=layers.corrections)
    assert brat.write(again, "x.ann") == ann


def test_the_export_command_writes_what_imports_back(tmp_path, seed_record, built_seeds):
    assert export(built_seeds, "brat", tmp_path) == len(list(tmp_path.glob("*.ann"))) == 57
    text = (tmp_path / f"{seed_record.id}.txt").read_text("utf-8")
    ann = (tmp_path / f"{seed_record.id}.ann").read_text("utf-8")
    assert text == seed_record.text
    assert _import(ann, text, f"{seed_record.id}.ann") == _layers(seed_record)


def test_record_to_conll_gives_back_the_outermost_labels(tmp_path, seed_record, built_seeds):
    assert export(built_seeds, "conll", tmp_path) == len(list(tmp_path.glob("*.conll")))
    with (tmp_path / f"{seed_record.id}.conll").open(encoding="utf-8") as lines:
        (doc,) = conll.read(lines, seed_record.id)
    assert doc.id == seed_record.id and {len(s.tags) for s in doc.sentences} == {1}
    read_spans = iob.decode([tag for s in doc.sentences for tag in s.tags[0]])
    assert read_spans == iob.levels(seed_record.tokens, seed_record.entities,
                                    labels("entity_label"))[0]


def test_spacy_convert_reads_the_outermost_entities(tmp_path, seed_record, built_seeds):
    """`spacy convert --converter ner` on our CoNLL gives the record's outermost entities."""
    pytest.importorskip("spacy")
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    export(built_seeds, "conll", tmp_path / "conll")
    out = tmp_path / "spacy"
    out.mkdir()
    done = subprocess.run([sys.executable, "-m", "spacy", "convert", "--converter", "ner",
                           "-n", "0", str(tmp_path / "conll" / f"{seed_record.id}.conll"),
                           str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr + done.stdout
    (doc,) = DocBin().from_disk(out / f"{seed_record.id}.spacy").get_docs(Vocab())
    words = [seed_record.text_of(t) for t in seed_record.tokens]
    assert [t.text for t in doc] == words
    expected = iob.levels(seed_record.tokens, seed_record.entities, labels("entity_label"))[0]
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [
        (first, end, label) for first, end, label in expected]


def test_record_to_nested_conll_gives_back_the_labels(tmp_path, seed_record, built_seeds):
    assert export(built_seeds, "conll-nested", tmp_path) == len(list(tmp_path.glob("*.conll")))
    (doc,) = conll.read((tmp_path / f"{seed_record.id}.conll").open(encoding="utf-8"))
    assert doc.id == seed_record.id
    tokens, read_levels = conll_tokens_and_levels(doc)
    assert tokens == [seed_record.text_of(t) for t in seed_record.tokens]
    expected = iob.levels(seed_record.tokens, seed_record.entities, labels("entity_label"))
    assert read_levels == expected
    assert sum(map(len, read_levels)) == len(seed_record.entities)


@st.composite
def annotated_records(draw) -> Record:
    """A record over random text with random annotations (nested, equal and adjacent)."""
    words = draw(st.lists(st.sampled_from(["زار", "دمشق", "وموسكو", "«قال»", "x"]),
                          min_size=3, max_size=12))
    text = " ".join(words)
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), min_size=2, max_size=8)))
    spans = list(pairwise(cuts))
    spans += [(a, b) for a, b in zip(cuts, cuts[2:], strict=False)]
    origin = st.sampled_from(["gold", "auto"])
    annotator = st.sampled_from(["x.ann", "tagger@1.0"])
    entities = [Entity(f"T{i}", a, b, text[a:b], draw(st.sampled_from(labels("entity_label"))),
                       draw(origin), draw(annotator)) for i, (a, b) in enumerate(spans, 1)]
    n = len(entities)
    quote_origin = draw(origin)
    speakers = [None, "T1"] if quote_origin == "auto" else ["T1"]  # gold names its speaker
    quotes = [Quote(f"T{n + 1}", 0, 3, text[:3], draw(st.sampled_from(speakers)),
                    Cue(f"T{n + 2}", 4, 7, text[4:7]) if draw(st.booleans()) else None,
                    draw(st.booleans()), quote_origin, draw(annotator))]
    corrections = [Correction(f"T{n + 3}", 0, 2, text[:2], "ما زال", "spacing", draw(origin),
                              draw(annotator))]
    return Record(id="r", source=Source("r.txt", "0" * 64, "plaintext"), text=text,
                  entities=entities, quotes=quotes, corrections=corrections)


@given(annotated_records())
def test_any_record_survives_the_brat_round_trip(record):
    record.entities.sort(key=brat.text_order)
    layers = _import(brat.write(record, "x.ann"), record.text, "x.ann")
    assert layers == _layers(record)


def test_annotation_conf_declares_everything_the_files_use(tmp_path, built_seeds):
    export(built_seeds, "brat", tmp_path)
    conf = (tmp_path / "annotation.conf").read_text("utf-8")
    section, declared = None, {}
    for line in conf.splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif line.strip():
            name, _, rest = line.partition("\t")
            values = rest.split("Value:")[1].split("|") if "Value:" in rest else []
            declared.setdefault(section, {})[name] = values
    for ann in tmp_path.glob("*.ann"):
        for line in ann.read_text("utf-8").splitlines():
            kind, body = line[0], line.split("\t")[1].split()
            if kind == "T":
                assert body[0] in declared["entities"], line
            elif kind == "R":
                assert body[0] in declared["relations"], line
            elif kind == "A":
                assert body[0] in declared["attributes"], line
                assert len(body) == 2 or body[2] in declared["attributes"][body[0]], line


def test_a_record_with_an_emoji_round_trips_through_brat(minimal_record):
    from tests.annotate.test_labelstudio import emoji_record

    record = emoji_record(minimal_record)
    assert _import(brat.write(record, "x.ann"), record.text, "x.ann") == _layers(record)


@pytest.mark.parametrize(("fmt", "exported"), [
    ("labelstudio", "tasks.json"), ("xmi", "."), ("spacy", "corpus.spacy"), ("conllu", ".")])
def test_export_then_import_gives_the_same_brat_files(fmt, exported, built_seeds, tmp_path):
    """Unedited, every tool's export comes back as the gold brat files, for all 57 records."""
    if fmt == "spacy":
        pytest.importorskip("spacy")
    out = tmp_path / fmt
    assert main(["export", fmt, "--input", str(built_seeds), "--output", str(out)]) == 0
    assert main(["import", fmt, "--input", str(out / exported), "--records", str(built_seeds),
                 "--output", str(tmp_path / "back")]) == 0
    assert main(["export", "brat", "--input", str(built_seeds),
                 "--output", str(tmp_path / "brat")]) == 0
    anns = sorted((tmp_path / "brat").glob("*.ann"))
    assert len(anns) == 57
    for ann in anns:
        assert (tmp_path / "back" / ann.name).read_text("utf-8") == ann.read_text("utf-8")
