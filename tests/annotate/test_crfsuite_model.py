"""The crfsuite model read as arrays: its weights are the model's, and decoding over them gives
crfsuite's own tags, whatever the features."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pycrfsuite
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sahifa.annotate.crfsuite_model import Blocks, ModelFormatError, Weights, decode

TRAIN = [  # (features, label) tokens of tiny sentences: enough for every transition to be seen
    [(["w=قال", "verb"], "O"), (["w=سيرغي", "given"], "B-PERS"), (["w=لافروف"], "I-PERS")],
    [(["w=في", "prep"], "O"), (["w=موسكو", "city"], "B-GPE"), (["w=أمس"], "O")],
    [(["w=وزارة", "org-head"], "B-ORG"), (["w=الخارجية"], "I-ORG"), (["w=قال", "verb"], "O")],
    [(["w=لافروف"], "B-PERS"), (["w=في", "prep"], "O"), (["w=دمشق", "city"], "B-GPE")],
]
VOCABULARY = sorted({f for sentence in TRAIN for features, _ in sentence for f in features}
                    | {"w=unseen", "bias"})


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("crf") / "tiny.model"
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in TRAIN:
        trainer.append([features for features, _ in sentence], [label for _, label in sentence])
    trainer.set_params({"c1": 0.01, "c2": 0.01, "max_iterations": 50,
                        "feature.possible_transitions": True})
    trainer.train(str(path))
    return path


def test_the_weights_are_the_ones_crfsuite_dumps(model):
    weights, info = Weights.read(model), _tagger(model).info()
    assert list(weights.labels) == _tagger(model).labels()
    label = {name: i for i, name in enumerate(weights.labels)}
    state = _dense(weights.state, len(weights.labels))
    assert info.state_features and info.transitions
    assert len(weights.state.weights) == len(info.state_features)
    for (attribute, name), weight in info.state_features.items():
        row = weights.attributes[attribute.encode()]
        assert state[row, label[name]] == pytest.approx(weight, abs=1e-6)
    for (before, after), weight in info.transitions.items():
        assert weights.transition[label[before], label[after]] == pytest.approx(weight, abs=1e-6)


tokens = st.lists(st.sampled_from(VOCABULARY), max_size=4)


@pytest.mark.parametrize("dense_from", [1, 2, 10**9])  # every attribute's weights a dense row,
# those of attributes with two labels or more (one of the tiny model's), none
@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.lists(tokens, max_size=7), max_size=4), min_size=1, max_size=3))
def test_decoding_gives_crfsuites_tags(model, dense_from, texts):
    """Texts of sentences of tokens of features, each decoded in one go, with a table small
    enough to start again between texts."""
    weights = Weights.read(model, dense_from)
    words = Blocks(lambda item: [weights.rows(item)], limit=3)
    marks = Blocks(lambda _: [[]], limit=1)
    marks.number(None)
    for sentences in texts:
        words.begin()
        numbers = [words.number(tuple(f.encode() for f in token))
                   for sentence in sentences for token in sentence]
        labels = decode(weights, words, marks, numbers, [len(s) for s in sentences],
                        [False] * len(numbers), [])
        expected = [tag for sentence in sentences for tag in _tagger(model).tag(sentence)]
        assert [weights.labels[i] for i in labels] == expected


def test_attributes_with_most_labels_come_first_with_their_weights_as_dense_rows(model):
    weights = Weights.read(model, dense_from=2)
    per_attribute = np.diff(weights.state.offsets)
    assert list(per_attribute) == sorted(per_attribute, reverse=True)
    assert 0 < len(weights.state.dense) == np.count_nonzero(per_attribute >= 2)
    dense = _dense(weights.state, len(weights.labels))
    assert (weights.state.dense == dense[:len(weights.state.dense)]).all()


def test_a_feature_after_each_prefix_is_one_lookup(model):
    weights = Weights.read(model)
    table = weights.prefixed((b"", b"w="))
    assert table["قال".encode()] == (-1, weights.attributes["w=قال".encode()])
    assert table[b"verb"] == (weights.attributes[b"verb"], -1)
    assert all(n == weights.attributes[prefix + f] for f, numbers in table.items()
               for prefix, n in zip((b"", b"w="), numbers, strict=True) if n >= 0)


def test_a_file_that_is_no_model_is_named_in_the_error(tmp_path):
    path = tmp_path / "not.model"
    path.write_bytes(b"lCRX" + bytes(60))
    with pytest.raises(ModelFormatError, match=r"not\.model: not a crfsuite model"):
        Weights.read(path)


def _dense(state, labels: int) -> np.ndarray:
    """A row of label weights per attribute."""
    table = np.zeros((len(state.offsets) - 1, labels))
    table[np.repeat(np.arange(len(state.offsets) - 1), np.diff(state.offsets)),
          state.labels] = state.weights
    return table


def _tagger(path: Path) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger
