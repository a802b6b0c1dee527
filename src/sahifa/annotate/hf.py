"""Bring your own model: a Hugging Face token-classification model (`--tagger hf:<path or id>`)
tags the entities, beside the rules, as the CRF does.

The `transformers` pipeline (the optional `hf` extra) groups the model's word pieces into spans
whose offsets are code points of the string it was given; each paragraph is given as it stands,
so a span's offsets are the paragraph's start plus the pipeline's. A paragraph longer than the
model reads at once is read in overlapping windows (the pipeline's `stride`). The model's labels
(B-/I- taken off) become ours through a mapping file: JSON `{"their label": "our label" or null}`
(null: not an entity we tag); every label the model has must be in it, so that nothing is dropped
unnoticed. Without a file, `data/hf-labels.json` maps the usual names (PER, LOC, ORG, MISC, …)
and our own labels to themselves.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from sahifa.annotate.persons import with_other_mentions
from sahifa.annotate.text import Mention, document
from sahifa.errors import USAGE, UserError
from sahifa.schema import labels

NAME = "hf"
PREFIX = f"{NAME}:"
LONGEST_WINDOW = 512  # tokens read at once when the tokenizer sets no limit of its own


@dataclass(frozen=True, slots=True)
class HFTagger:
    """A model to load (a local folder or a Hub id) and the file that maps its labels."""

    model: str
    labels: Path | None = None

    @property
    def annotator(self) -> str:
        """hf@<model id>, or hf@<folder name> for a local model (not its whole path, which
        differs from machine to machine)."""
        folder = Path(self.model)
        name = folder.resolve().name if folder.is_dir() else self.model
        return f"{NAME}@{name.replace(' ', '_')}"


def parse(spec: str, labels_file: Path | None = None) -> HFTagger:
    """`hf:<path or model id>` → the tagger; anything else is a usage error."""
    if not spec.startswith(PREFIX) or not spec[len(PREFIX):]:
        raise UserError("--tagger", f"{spec!r} is not hf:<path or model id>", USAGE)
    return HFTagger(spec[len(PREFIX):], labels_file)


def default_labels() -> Path:
    return Path(str(resources.files("sahifa.annotate").joinpath("data", "hf-labels.json")))


def read_mapping(path: Path, model_labels: Sequence[str]) -> dict[str, str | None]:
    """The mapping of `path`, checked: JSON, every model label in it, every value ours."""
    where = str(path)
    try:
        mapping = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserError(where, f"cannot read the label mapping: {error}") from None
    if not isinstance(mapping, dict):
        raise UserError(where, "the label mapping must be a JSON object {their label: ours}")
    ours = set(labels("entity_label"))
    wrong = sorted(k for k, v in mapping.items() if v is not None and v not in ours)
    if wrong:
        raise UserError(where, f"maps {', '.join(wrong)} to labels that are not ours "
                        f"(ours: {', '.join(sorted(ours))})")
    missing = sorted(set(model_labels) - set(mapping))
    if missing:
        raise UserError(where, f"does not map the model's labels {', '.join(missing)} "
                        "(map each to one of ours, or to null to leave it out)")
    return mapping


def model_labels(id2label: dict) -> list[str]:
    """The model's entity labels, IOB prefixes off, O left out."""
    bare = {str(v).split("-", 1)[1] if str(v)[:2] in ("B-", "I-", "E-", "S-") else str(v)
            for v in id2label.values()}
    return sorted(bare - {"O"})


def load(tagger: HFTagger) -> None:
    """Load the model and check its mapping now (a build calls it before it starts, so that a
    wrong model or mapping is one error, not a reject per article)."""
    _pipeline(tagger)


@cache
def _pipeline(tagger: HFTagger):
    """The loaded pipeline, its label mapping and window, once per process."""
    try:
        from transformers import pipeline
        from transformers.utils import logging
    except ImportError:
        raise UserError("--tagger", "a Hugging Face tagger needs the hf extra: "
                        "pip install 'sahifa[hf]'", USAGE) from None
    logging.disable_progress_bar()
    try:
        pipe = pipeline("token-classification", model=tagger.model,
                        aggregation_strategy="simple")
    except OSError as error:
        raise UserError(f"--tagger hf:{tagger.model}", f"cannot load the model: {error}",
                        USAGE) from None
    if not pipe.tokenizer.is_fast:
        raise UserError(f"--tagger hf:{tagger.model}", "the model's tokenizer is not a fast "
                        "tokenizer, which exact character offsets need", USAGE)
    mapping = read_mapping(tagger.labels or default_labels(),
                           model_labels(pipe.model.config.id2label))
    return pipe, mapping, _window(pipe)


def _window(pipe) -> int:
    """How many tokens the model reads at once."""
    limit = pipe.tokenizer.model_max_length
    positions = getattr(pipe.model.config, "max_position_embeddings", LONGEST_WINDOW)
    return min(limit if limit < 10**6 else LONGEST_WINDOW, positions)


def tag(text: str, paragraphs: list[tuple[int, int]], tagger: HFTagger) -> list[Mention]:
    """The model's mentions in `text`, paragraph by paragraph, with our labels; names it finds
    once are found at their other mentions too (as the CRF's)."""
    pipe, mapping, window = _pipeline(tagger)
    found: list[Mention] = []
    for start, end in paragraphs:
        if text[start:end].strip():
            groups = pipe(text[start:end], stride=window // 4)
            found += _mentions(text, start, groups, mapping, tagger.annotator)
    all_words = document(text, paragraphs).paragraphs
    return with_other_mentions(text, all_words, found, tagger.annotator)


def _mentions(text: str, offset: int, groups, mapping, annotator: str) -> list[Mention]:
    out = []
    for group in groups:
        label = mapping[group["entity_group"]]
        start, end = _trimmed(text, offset + group["start"], offset + group["end"])
        if label is not None and start < end:
            out.append(Mention(start, end, label, annotator))
    return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space a word-piece tokenizer may leave at its edges."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
