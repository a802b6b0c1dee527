"""`sahifa train`: the CRF entity tagger, trained on the gold records of the train split (never
on test), and on the Wojood sample's train split where that helps on our development articles.

Deterministic: the same records and the same Wojood file give the same model file, byte for byte
(crfsuite's L-BFGS has no randomness; the sequences go in a fixed order).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import pycrfsuite

from sahifa.annotate import crf
from sahifa.annotate.auto import annotate_text
from sahifa.annotate.text import Mention, words_of
from sahifa.evaluate.conll import Sentence, read_conll
from sahifa.evaluate.metrics import ALL, Score, span_scores
from sahifa.evaluate.run import outermost
from sahifa.record import Record
from sahifa.write.parquet import document_files, read_documents

DEV_SHARE = 5  # one train article in five is held out to choose the training data


@dataclass
class Sequence:
    features: list[list[str]]
    tags: list[str]


@dataclass
class TrainingReport:
    model: Path
    articles: int
    sequences: int
    wojood_sentences: int
    dev_articles: int
    dev_scores: dict[str, Score] = field(default_factory=dict)  # data choice → outermost F1
    inputs: list[tuple[str, str]] = field(default_factory=list)  # (name, sha256)


def gold_train_records(path: Path) -> list[Record]:
    """The records of the train split with gold entities, in file order."""
    records = []
    for file in document_files(path):
        if file.name.startswith("train-"):
            records += [r for r in map(Record.from_dict, read_documents(file))
                        if any(e.origin == "gold" for e in r.entities)]
    return records


def development_ids(records: list[Record]) -> set[str]:
    """Every DEV_SHARE-th train article in the order of the sha256 of its id: a fixed fifth."""
    ranked = sorted(records, key=lambda r: hashlib.sha256(r.id.encode()).hexdigest())
    return {r.id for r in ranked[::DEV_SHARE]}


def record_sequences(records: Iterable[Record]) -> Iterator[Sequence]:
    """One sequence per paragraph: features (with the rules' tags) and the gold outermost tags."""
    for record in records:
        paragraphs = [(p.start, p.end) for p in record.paragraphs]
        rules = annotate_text(record.text, paragraphs, tagger="rules").mentions
        gold = [Mention(e.start, e.end, e.label, "gold") for e in record.entities]
        for start, end in paragraphs:
            words = words_of(record.text, start, end)
            if words:
                yield _sequence(record.text, words, rules, gold, start, end)


def wojood_sequences(sentences: Iterable[Sentence]) -> Iterator[Sequence]:
    """Wojood sentences, joined with spaces as the evaluation reads them."""
    for sentence in sentences:
        text = " ".join(sentence.tokens)
        starts, position = [], 0
        for token in sentence.tokens:
            starts.append(position)
            position += len(token) + 1
        gold = [Mention(starts[a], starts[b - 1] + len(sentence.tokens[b - 1]), label, "gold")
                for label, a, b in sentence.spans]
        rules = annotate_text(text, [(0, len(text))], tagger="rules").mentions
        words = words_of(text)
        if words:
            yield _sequence(text, words, rules, gold, 0, len(text))


def _sequence(text, words, rules, gold, start, end) -> Sequence:
    inside = [m for m in rules if start <= m.start and m.end <= end]
    return Sequence(crf.token_features(text, words, *crf.level_tags(words, inside)),
                    crf.outermost_tags(words, [g for g in gold if start <= g.start < end]))


def fit(sequences: Iterable[Sequence], path: Path) -> int:
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(crf.TRAINING)
    count = 0
    for sequence in sequences:
        trainer.append(sequence.features, sequence.tags)
        count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return count


def dev_score(records: list[Record], model: Path) -> Score:
    """Strict outermost F1 of CRF+rules on development records, with a given model file."""
    gold, predicted = [], []
    for record in records:
        paragraphs = [(p.start, p.end) for p in record.paragraphs]
        found = annotate_text(record.text, paragraphs, tagger="crf+rules", model=model)
        gold.append(outermost([(e.label, e.start, e.end) for e in record.entities]))
        predicted.append(outermost([(m.label, m.start, m.end) for m in found.mentions]))
    labels = sorted({s[0] for doc in gold + predicted for s in doc})
    return span_scores(gold, predicted, labels)[ALL]["strict"] if labels else \
        Score(0, 0, 0, 0, 0)


def train(records_path: Path, wojood: Path | None, model: Path, scratch: Path) -> TrainingReport:
    """Choose the training data on the development articles (ours alone, or with Wojood's
    train split), then fit the final model on every train article with that choice."""
    records = gold_train_records(records_path)
    dev_ids = development_ids(records)
    dev = [r for r in records if r.id in dev_ids]
    fit_on = [r for r in records if r.id not in dev_ids]
    wojood_sentences = read_conll(wojood) if wojood else []
    report = TrainingReport(model, len(records), 0, 0, len(dev))
    choices = {"ours": list(record_sequences(fit_on))}
    if wojood_sentences:
        choices["ours+wojood"] = choices["ours"] + list(wojood_sequences(wojood_sentences))
    for name, sequences in choices.items():
        trial = scratch / f"{name}.model"
        fit(sequences, trial)
        report.dev_scores[name] = dev_score(dev, trial)
    best = max(report.dev_scores, key=lambda n: (report.dev_scores[n].f1, n == "ours"))
    final = list(record_sequences(records))
    if best == "ours+wojood":
        final += list(wojood_sequences(wojood_sentences))
        report.wojood_sentences = len(wojood_sentences)
    report.sequences = fit(final, model)
    report.inputs = [(r.id, r.source.sha256) for r in records]
    if wojood and best == "ours+wojood":
        report.inputs.append((wojood.name, hashlib.sha256(wojood.read_bytes()).hexdigest()))
    return report


def model_card(report: TrainingReport, command: str) -> str:
    """MODEL.md: what the shipped CRF is, how it was made, from what, and how it scored on the
    development articles (the gold test split's figures are in README.md)."""
    data = report.model.read_bytes()
    choices = "\n".join(f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"
                        for name, s in report.dev_scores.items())
    inputs = "\n".join(f"| {name} | `{digest}` |" for name, digest in report.inputs)
    wojood = (f", {report.wojood_sentences} of them Wojood sample train sentences"
              if report.wojood_sentences else "")
    return f"""# The CRF entity tagger (`{crf.ANNOTATOR}`)

Made by `{command}` (`scripts/test.sh` runs `sahifa train --check`, which fails unless a fresh
training gives this file and `{report.model.name}` byte for byte).

- **What it tags**: the outermost entity of each token, IOB2, Wojood's 21 labels; nested
  entities inside them come from the rule annotators, and the CRF's spans join the rules'
  mentions (the longer of two crossing spans is kept).
- **Model**: a linear-chain CRF (python-crfsuite {version("python-crfsuite")}), L-BFGS with
  c1 = {crf.TRAINING["c1"]}, c2 = {crf.TRAINING["c2"]}, {crf.TRAINING["max_iterations"]} iterations;
  features version {crf.FEATURES_VERSION} (see `src/sahifa/annotate/crf.py`).
- **File**: `src/sahifa/annotate/data/{report.model.name}`, {len(data):,} bytes, sha256
  `{hashlib.sha256(data).hexdigest()}`.
- **Training data**: the {report.articles} gold articles of the train split ({report.sequences}
  sequences{wojood}); never the test split.
- **How the data were chosen**: {report.dev_articles} of the train articles (every fifth by the
  sha256 of its id) were held out as development articles; a model fitted on the others alone,
  and one with the Wojood sample's train split added, were scored there (strict F1 of the
  outermost entities, CRF with the rules); the better choice was then fitted on all
  {report.articles} articles.

| training data tried | dev precision | dev recall | dev F1 |
| --- | ---: | ---: | ---: |
{choices}

Training inputs (record id or file, sha256 of the raw input):

| input | sha256 |
| --- | --- |
{inputs}
"""
