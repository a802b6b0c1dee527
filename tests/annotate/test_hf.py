"""`--tagger hf:<model>`: a Hugging Face token classifier beside the rules, tested offline with a
tiny randomly initialised model made here (the hf extra; skipped cleanly without it)."""

from __future__ import annotations

import json
import shutil

import pytest

from sahifa.annotate import hf
from sahifa.annotate.auto import annotate_text
from sahifa.cli import main
from sahifa.errors import UserError
from sahifa.write.parquet import document_files, read_documents
from tests.annotate.tiny_hf import tiny_model
from tests.conftest import SEEDS

pytest.importorskip("transformers")
pytest.importorskip("torch")

# an emoji and a flag (code points outside the BMP) before the names shift UTF-16 offsets
FIRST = "😀 قال وزير الخارجية سيرغي لافروف إن موسكو 🇸🇾 ترفض ذلك"
LONG = " ".join(f"كلمة{i}" for i in range(90))  # longer than the model's 32-token window
TEXT = f"{FIRST}\n\n{LONG}"
PARAGRAPHS = [(0, len(FIRST)), (len(FIRST) + 2, len(TEXT))]


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    """Two tiny models: one tags every token B-PER, the other B-MISC."""
    words = TEXT.split()
    return {tag: str(tiny_model(tmp_path_factory.mktemp(tag), words, tag))
            for tag in ("B-PER", "B-MISC")}


def test_every_word_is_tagged_at_its_exact_code_points(models):
    found = hf.tag(TEXT, PARAGRAPHS, hf.HFTagger(models["B-PER"]))
    spans = {(m.start, m.end) for m in found}
    position = 0
    for word in TEXT.split():
        start = TEXT.index(word, position)
        position = start + len(word)
        assert (start, position) in spans, word
    assert all(m.label == "PERS" and TEXT[m.start:m.end].strip() == TEXT[m.start:m.end]
               for m in found)
    assert {m.annotator for m in found} == {f"hf@{models['B-PER'].rsplit('/', 1)[-1]}"}


def test_a_label_mapped_to_null_gives_no_mention(models):
    assert hf.tag(TEXT, PARAGRAPHS, hf.HFTagger(models["B-MISC"])) == []


def test_the_model_joins_the_rules(models):
    tagger = hf.HFTagger(models["B-PER"])
    found = annotate_text(TEXT, PARAGRAPHS, tagger)
    annotators = {m.annotator.split("@")[0] for m in found.mentions}
    assert "hf" in annotators and annotators - {"hf"}, annotators
    assert all(m.end <= len(TEXT) for m in found.mentions)


def test_a_mapping_must_name_every_label_of_the_model(models, tmp_path):
    mapping = tmp_path / "labels.json"
    mapping.write_text(json.dumps({"PER": "PERS", "LOC": "LOC"}), encoding="utf-8")
    with pytest.raises(UserError, match=r"labels.json: does not map the model's labels MISC"):
        hf.load(hf.HFTagger(models["B-PER"], mapping))


def test_a_mapping_must_give_our_labels(models, tmp_path):
    mapping = tmp_path / "labels.json"
    mapping.write_text(json.dumps({"PER": "PERSON", "LOC": "LOC", "MISC": None}),
                       encoding="utf-8")
    with pytest.raises(UserError, match=r"maps PER to labels that are not ours"):
        hf.load(hf.HFTagger(models["B-PER"], mapping))


def test_build_with_an_hf_tagger(models, tmp_path):
    """An article without gold, built with the model: its spans are the model's and the
    rules', and the corpus validates (every span's text is its text[start:end])."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for raw in SEEDS.glob("*.txt"):
        shutil.copy(raw, inputs / raw.name)
    out = tmp_path / "out"
    assert main(["build", "--input", str(inputs), "--output", str(out),
                 "--tagger", f"hf:{models['B-PER']}"]) == 0
    records = [r for f in document_files(out) for r in read_documents(f)]
    assert len(records) == 1
    entities = records[0]["entities"]
    assert any(e["annotator"].startswith("hf@") for e in entities)
    assert all(records[0]["text"][e["start"]:e["end"]] == e["text"] for e in entities)
    assert main(["validate", str(out)]) == 0


def test_a_missing_model_is_one_line(tmp_path, capsys):
    code = main(["build", "--input", str(SEEDS), "--output", str(tmp_path / "out"),
                 "--tagger", f"hf:{tmp_path / 'no-such-model'}"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and "cannot load the model" in err and "Traceback" not in err


def test_tagger_labels_need_an_hf_tagger(tmp_path, capsys):
    code = main(["build", "--input", str(SEEDS), "--output", str(tmp_path / "out"),
                 "--tagger-labels", str(tmp_path / "x.json")])
    assert code == 2 and "--tagger-labels: goes only with --tagger hf:<model>" in \
        capsys.readouterr().err


def test_an_hf_tagger_is_refused_more_than_one_worker(models, tmp_path, capsys):
    assert main(["build", "--input", str(SEEDS), "--output", str(tmp_path / "out"),
                 "--tagger", f"hf:{models['B-PER']}", "--workers", "2"]) == 2
    err = capsys.readouterr().err
    assert "--workers" in err and "one process" in err and "Traceback" not in err
