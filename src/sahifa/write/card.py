"""The dataset card (README.md): its YAML front matter is written by the build.

`configs` (data_files per split) and `dataset_info` (features and split sizes) come from what the
build wrote, through `datasets`' own card metadata classes; the prose below the front matter is
left as it is, except for generated blocks between `<!-- sahifa:NAME:start/end -->` markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import datasets
from datasets.info import DatasetInfo, DatasetInfosDict
from datasets.splits import SplitDict, SplitInfo
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCard, DatasetCardData

from sahifa.write.citation import citation_markdown, dataset_version
from sahifa.write.fields import fields_markdown, findings_markdown, rejects_markdown

CORPUS_DIR = "corpus"


@dataclass
class SplitOutput:
    num_rows: int = 0
    num_bytes: int = 0
    files: list[str] = field(default_factory=list)
    download_size: int = 0


@dataclass
class ConfigOutput:
    name: str
    features: datasets.Features
    splits: dict[str, SplitOutput]


def data_files_pattern(config: str, split: str) -> str:
    return f"{CORPUS_DIR}/{config}/{split}-*.parquet"


def card_metadata(outputs: list[ConfigOutput]) -> tuple[MetadataConfigs, DatasetInfosDict]:
    configs = MetadataConfigs()
    infos = DatasetInfosDict()
    for out in outputs:
        splits = {name: s for name, s in out.splits.items() if s.num_rows}
        configs[out.name] = {
            "data_files": [
                {"split": name, "path": data_files_pattern(out.name, name)} for name in splits
            ],
            **({"default": True} if out.name == "default" else {}),
        }
        split_dict = SplitDict()
        for name, s in splits.items():
            split_dict.add(SplitInfo(name=name, num_bytes=s.num_bytes, num_examples=s.num_rows))
        infos[out.name] = DatasetInfo(
            features=out.features, splits=split_dict,
            download_size=sum(s.download_size for s in splits.values()),
            dataset_size=sum(s.num_bytes for s in splits.values()),
        )
    return configs, infos


# the Hub's bins of `size_categories`, by the number of rows of the default config
SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                   (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M"),
                   (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B"))


def size_category(rows: int) -> str:
    return next((name for limit, name in SIZE_CATEGORIES if rows < limit), "n>1B")


def render_card(current: str, outputs: list[ConfigOutput], cff: dict | None = None) -> str:
    """The card text with its `configs`, `dataset_info` and `size_categories` set from the
    build's outputs, its `version` kept (checked), and its citation block from `cff`."""
    card = DatasetCard(current)
    for key in ("configs", "dataset_info"):
        card.data.pop(key, None)
    configs, infos = card_metadata(outputs)
    configs.to_dataset_card_data(card.data)
    infos.to_dataset_card_data(card.data)
    rows = sum(s.num_rows for out in outputs if out.name == "default"
               for s in out.splits.values())
    card.data.size_categories = [size_category(rows)]
    meta = card.data.to_dict()
    dataset_version(meta)
    body = card.text.lstrip("\n")
    body = replace_block(body, "citation", citation_markdown(meta, cff), required=False)
    body = replace_block(body, "fields", fields_markdown(), required=False)
    body = replace_block(body, "findings", findings_markdown(), required=False)
    body = replace_block(body, "rejects", rejects_markdown(), required=False)
    return f"---\n{card.data.to_yaml()}\n---\n{body}"


def replace_block(document: str, name: str, content: str, *, required: bool = True) -> str:
    """Replace the generated block `name` in a Markdown document (if `required`, it must be
    there)."""
    pattern = re.compile(
        rf"(<!-- sahifa:{name}:start -->\n).*?(<!-- sahifa:{name}:end -->)", re.DOTALL
    )
    if required and not pattern.search(document):
        raise ValueError(f"the document has no '<!-- sahifa:{name}:start -->' block")
    return pattern.sub(lambda m: m.group(1) + content.rstrip("\n") + "\n" + m.group(2), document)


def configs_of(data: DatasetCardData) -> dict[str, dict[str, str]]:
    """{config: {split: data_files path}} as the card's metadata declares them."""
    declared = MetadataConfigs.from_dataset_card_data(data)
    return {
        name: {f["split"]: f["path"] for f in meta.get("data_files", [])}
        for name, meta in declared.items()
    }
