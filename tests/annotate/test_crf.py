"""The CRF tagger: its spans leave proclitics out, it tags nothing without a model, training is
deterministic, and a build can keep the rules alone."""

from __future__ import annotations

import shutil

from sahifa.annotate import crf
from sahifa.annotate.text import Mention, words_of
from sahifa.build import BuildOptions, build
from sahifa.ingest.readers import plaintext
from sahifa.pipeline import convert_or_reject
from sahifa.train import Sequence, fit
from tests.conftest import SEEDS

SEED = SEEDS / "000_19ff7663056b0340.txt"


def test_spans_leave_the_proclitics_the_guidelines_leave_out():
    text = "وقال للرئيس بسورية وموسكو قبل موسكو"
    words = words_of(text)
    tags = ["O", "B-PERS", "B-GPE", "B-GPE", "O", "B-GPE"]
    assert [(text[m.start:m.end], m.label) for m in crf.spans_of(text, words, tags)] == [
        ("رئيس", "PERS"), ("بسورية", "GPE"), ("موسكو", "GPE"), ("موسكو", "GPE")]


def test_no_model_tags_nothing(tmp_path):
    assert crf.tag("نص قصير", [(0, 7)], [], tmp_path / "missing.model") == []


def test_the_rules_tags_are_features_of_their_words():
    text = "قال سيرغي لافروف"
    words = words_of(text)
    tags = crf.outermost_tags(words, [Mention(4, 16, "PERS", "persons@2")])
    assert tags == ["O", "B-PERS", "I-PERS"]
    features = crf.token_features(text, words, tags)
    assert "rule=B-PERS" in features[1] and "-1:rule=O" in features[1]


def test_training_twice_gives_the_same_model_bytes(tmp_path):
    text = "قال الوزير سيرغي لافروف في موسكو"
    words = words_of(text)
    gold = ["O", "O", "B-PERS", "I-PERS", "O", "B-GPE"]
    sequences = [Sequence(crf.token_features(text, words, ["O"] * len(words)), gold)] * 3
    fit(sequences, tmp_path / "a.model")
    fit(sequences, tmp_path / "b.model")
    assert (tmp_path / "a.model").read_bytes() == (tmp_path / "b.model").read_bytes()
    found = crf.tag(text, [(0, len(text))], [], tmp_path / "a.model")
    assert [(text[m.start:m.end], m.label) for m in found] == [
        ("سيرغي لافروف", "PERS"), ("موسكو", "GPE")]


def test_an_article_without_gold_gets_crf_spans_unless_the_rules_are_asked_for(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs / "a.txt")
    (item,) = plaintext.iter_inputs(inputs)
    both, rules = convert_or_reject(item), convert_or_reject(item, "rules")
    annotators = {e.annotator.split("@")[0] for e in rules.entities}
    assert "crf" not in annotators and crf.available()
    assert "crf" in {e.annotator.split("@")[0] for e in both.entities}
    built = build(BuildOptions(input=inputs, output=tmp_path / "out", tagger="rules"))
    assert built.written == 1
