"""`sahifa train`: the CRF entity tagger, trained on the gold records of the train split (never
on test), and on the Wojood sample's train split and the silver entity set (annotation/
ner-silver/: one model pass over SaudiNewsNet articles outside the corpus) where they help on
our articles.

The choice of data is made by five-fold cross-validation over the train articles (every fifth
by the sha256 of its id held out in turn), micro-averaged strict F1 of the outermost entities:
a single fifth (nine articles) is too few to tell two choices apart. The silver articles are
only ever fitted on, never held out: they are not gold. Wojood's sentences carry
their own copy of every feature (`crf.WOJOOD`): mixed in with plain features they cost our
articles 0.05 F1 (crf@3's MODEL.md), with copies the weights they need apart from news go there.

Deterministic: the same records and the same extra data give the same model file, byte for byte
(crfsuite's L-BFGS has no randomness; the sequences go in a fixed order).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from importlib.metadata import version
from pathlib import Path

import pycrfsuite

from sahifa.annotate import crf
from sahifa.annotate.auto import annotate_text
from sahifa.annotate.text import Mention, words_of
from sahifa.evaluate.conll import Sentence, read_conll
from sahifa.evaluate.metrics import ALL, Score, span_scores
from sahifa.evaluate.run import outermost
from sahifa.offset_sets import read_rows, rebuilt_records
from sahifa.record import Entity, Record
from sahifa.write.parquet import document_files, read_documents

FOLDS = 5  # the train articles are held out a fifth at a time to choose the training data
SAME_F1 = 0.005  # cross-validated F1s closer than this are one score (a few of 1,600 entities)


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
    silver_articles: int
    folds: int
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


def silver_records(path: Path, data: Path) -> list[Record]:
    """The silver entity set's articles, rebuilt from `data` (../shared/data), with its
    entities (origin "silver", the pass as annotator), in the set's order."""
    rows = read_rows(path)
    records = rebuilt_records(data, rows, "the silver entity set")
    return [_with_entities(records[row["id"]], row) for row in rows]


def _with_entities(record: Record, row: dict) -> Record:
    text = record.text
    entities = [Entity(f"T{i}", e["start"], e["end"], text[e["start"]:e["end"]], e["label"],
                       "silver", row["annotator"]) for i, e in enumerate(row["entities"], 1)]
    return replace(record, entities=entities, quotes=[], corrections=[])


def folds(records: list[Record]) -> list[set[str]]:
    """FOLDS fixed sets of ids: the articles in the order of the sha256 of their id, dealt out."""
    ranked = sorted(records, key=lambda r: hashlib.sha256(r.id.encode()).hexdigest())
    return [{r.id for r in ranked[k::FOLDS]} for k in range(FOLDS)]


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
    """Wojood sentences, joined with spaces as the evaluation reads them, their features with
    the Wojood domain's copies."""
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
            yield _sequence(text, words, rules, gold, 0, len(text), crf.WOJOOD)


def _sequence(text, words, rules, gold, start, end, domain=None) -> Sequence:
    inside = [m for m in rules if start <= m.start and m.end <= end]
    return Sequence(crf.token_features(words, *crf.level_tags(words, inside),
                                       domain=domain),
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
    """Strict outermost scores of CRF+rules on development records, with a given model file."""
    gold, predicted = [], []
    for record in records:
        paragraphs = [(p.start, p.end) for p in record.paragraphs]
        found = annotate_text(record.text, paragraphs, tagger="crf+rules", model=model)
        gold.append(outermost([(e.label, e.start, e.end) for e in record.entities]))
        predicted.append(outermost([(m.label, m.start, m.end) for m in found.mentions]))
    labels = sorted({s[0] for doc in gold + predicted for s in doc})
    return span_scores(gold, predicted, labels)[ALL]["strict"] if labels else \
        Score(0, 0, 0, 0, 0)


def _fold_score(held_out: list[Record], sequences: list[Sequence], path: Path) -> Score:
    fit(sequences, path)
    return dev_score(held_out, path)


def cross_validate(records: list[Record], own: dict[str, list[Sequence]],
                   extra: list[Sequence], scratch: Path, name: str, workers: int) -> Score:
    """Micro-averaged strict outermost scores over the folds, fitting on the other folds (`own`:
    each record's sequences) and `extra`."""
    jobs = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for k, held in enumerate(folds(records)):
            fitting = [s for r in records if r.id not in held for s in own[r.id]] + extra
            jobs.append(pool.submit(_fold_score, [r for r in records if r.id in held],
                                    fitting, scratch / f"{name}-{k}.model"))
        scores = [job.result() for job in jobs]
    return micro_average(scores)


def micro_average(scores: list[Score]) -> Score:
    gold = sum(s.gold for s in scores)
    predicted = sum(s.predicted for s in scores)
    right = sum(round(s.recall * s.gold) for s in scores)
    precision = right / predicted if predicted else 0.0
    recall = right / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if right else 0.0
    return Score(precision, recall, f1, gold, predicted)


def _kept(scores: dict[str, Score], without: str, with_it: str) -> str:
    """`with_it` (more training data) unless its cross-validated F1 is SAME_F1 or more below
    `without`'s: closer scores differ by a few entities, which is noise."""
    if with_it in scores and scores[with_it].f1 > scores[without].f1 - SAME_F1:
        return with_it
    return without


def train(records_path: Path, wojood: Path | None, model: Path, scratch: Path,
          workers: int = 1, silver: list[Record] | None = None) -> TrainingReport:
    """Choose the training data by cross-validation on the train articles (ours alone, or
    with Wojood's train split in its own domain; then with the silver articles or without),
    then fit the final model on every train article with that choice."""
    records = gold_train_records(records_path)
    report = TrainingReport(model, len(records), 0, 0, 0, FOLDS)
    own = {r.id: list(record_sequences([r])) for r in records}  # the rules run once a record
    extra: dict[str, list[Sequence]] = {"ours": []}
    if wojood:
        extra["ours+wojood"] = list(wojood_sequences(read_conll(wojood)))
    for name, sequences in extra.items():
        report.dev_scores[name] = cross_validate(records, own, sequences, scratch, name, workers)
    best = _kept(report.dev_scores, "ours", "ours+wojood")
    report.wojood_sentences = len(extra[best])
    if silver:
        name = f"{best}+silver"
        extra[name] = extra[best] + list(record_sequences(silver))
        report.dev_scores[name] = cross_validate(records, own, extra[name], scratch, name,
                                                 workers)
        best = _kept(report.dev_scores, best, name)
    report.sequences = fit([s for r in records for s in own[r.id]] + extra[best], model)
    report.inputs = [(r.id, r.source.sha256) for r in records]
    report.inputs.append((f"word clusters ({crf.CLUSTERS_FILE})",
                          hashlib.sha256(crf.cluster_file().read_bytes()).hexdigest()))
    if wojood and "wojood" in best:
        report.inputs.append((wojood.name, hashlib.sha256(wojood.read_bytes()).hexdigest()))
    if silver and best.endswith("+silver"):
        report.silver_articles = len(silver)
        report.inputs += [(f"silver {r.id}", r.source.sha256) for r in silver]
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
    silver = (f", and the {report.silver_articles} articles of the silver entity set"
              if report.silver_articles else "")
    clustered = crf.clustered_words()
    return f"""# The CRF entity tagger (`{crf.ANNOTATOR}`)

Made by `{command}` (`scripts/test.sh` runs `sahifa train --check`, which fails unless a fresh
training gives this file and `{report.model.name}` byte for byte).

- **What it tags**: the outermost entity of each token, IOB2, Wojood's 21 labels; nested
  entities inside them come from the rule annotators, and the CRF's spans join the rules'
  mentions (the longer of two crossing spans is kept).
- **Model**: a linear-chain CRF (python-crfsuite {version("python-crfsuite")}), L-BFGS with
  c1 = {crf.TRAINING["c1"]}, c2 = {crf.TRAINING["c2"]}, {crf.TRAINING["max_iterations"]} iterations;
  features version {crf.FEATURES_VERSION} (see `src/sahifa/annotate/crf.py`).
- **Word clusters** (`src/sahifa/annotate/data/{crf.CLUSTERS_FILE}`, made by
  `scripts/word_clusters.py`, which `scripts/test.sh` checks fresh): each word's cluster at
  {", ".join(map(str, crf.CLUSTER_LEVELS))} clusters, a feature of the word and of its
  neighbours. Learnt without labels from SaudiNewsNet less the 56 articles of the gold sample
  ({clustered:,} words): word2vec (CBOW, gensim) over each paragraph's word keys, then
  k-means of the normalised vectors; the file holds keys and cluster numbers, no text.
- **File**: `src/sahifa/annotate/data/{report.model.name}`, {len(data):,} bytes, sha256
  `{hashlib.sha256(data).hexdigest()}`.
- **Training data**: the {report.articles} gold articles of the train split{silver}
  ({report.sequences} sequences{wojood}); never the test split.
- **How the data were chosen**: by {report.folds}-fold cross-validation over the train articles
  (dealt out in the order of the sha256 of their ids): a model fitted on the other folds alone,
  and one with the Wojood sample's train split added (its sentences with their own copy of each
  feature, `wojood|…`, so that what is Wojood's own does not weigh on news), was scored on
  each held-out fold (strict F1 of the outermost entities, CRF with the rules, micro-averaged
  over the folds). Wojood's data is kept unless it lowers that F1 by {SAME_F1} or more (closer
  scores differ by a few entities: noise). The silver entity set (`annotation/ner-silver/`:
  SaudiNewsNet articles outside the corpus, one unreviewed language-model pass each, kept as
  offsets; README.md there) was then added to that choice's training folds, never held out,
  and kept by the same rule. The choice was then fitted on all {report.articles} articles.
  The build tags news with the shared features only; the Wojood-domain copies are used for
  the Wojood test figures of README.md, which say so.

| training data tried | cross-validated precision | recall | F1 |
| --- | ---: | ---: | ---: |
{choices}

Training inputs (record id or file, sha256 of the raw input):

| input | sha256 |
| --- | --- |
{inputs}
"""
