"""Level 3 checks: the corpus as a whole (files, features, card, ids, splits)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import yaml

from sahifa.findings import Problem
from sahifa.write.card import size_category
from sahifa.write.citation import SEMVER

PARQUET_GLOB = "*/*.parquet"
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def class_labels(feature, path: str = "") -> Iterator[tuple[str, list[str]]]:
    """(path, names) of every ClassLabel inside a feature tree."""
    if isinstance(feature, datasets.ClassLabel):
        yield path, list(feature.names)
    elif isinstance(feature, dict):
        for key, sub in feature.items():
            yield from class_labels(sub, f"{path}.{key}" if path else key)
    elif isinstance(feature, datasets.List):
        yield from class_labels(feature.feature, f"{path}[]")


def embedded_features(path: Path) -> datasets.Features | None:
    metadata = pq.read_schema(path).metadata or {}
    if b"huggingface" not in metadata:
        return None
    info = json.loads(metadata[b"huggingface"])
    return datasets.Features.from_dict(info["info"]["features"])


def check_features(path: Path, expected: datasets.Features) -> Iterator[Problem]:
    """The file carries the HF features the schema declares, label inventories included."""
    found = embedded_features(path)
    if found is None:
        yield Problem("parquet-features-mismatch", "the file carries no 'huggingface' features")
        return
    wanted = dict(class_labels(expected))
    for where, names in class_labels(found):
        if where in wanted and names != wanted[where]:
            yield Problem("label-inventory-mismatch",
                          f"{where} has labels {names}, the schema declares {wanted[where]}")
            return
    if found != expected:
        differing = sorted(k for k in set(found) | set(expected) if found.get(k) != expected.get(k))
        yield Problem("parquet-features-mismatch",
                      f"embedded features differ from the schema in: {', '.join(differing)}")


def check_card(root: Path, declared: dict[str, dict[str, str]]) -> Iterator[Problem]:
    """Every declared split matches files, every Parquet file on disk is declared."""
    on_disk = sorted(p.relative_to(root).as_posix() for p in (root / "corpus").glob(PARQUET_GLOB))
    for config, splits in sorted(declared.items()):
        for split, pattern in sorted(splits.items()):
            if not any(fnmatch(name, pattern) for name in on_disk):
                yield Problem("card-config-mismatch",
                              f"config {config} split {split} declares {pattern}, "
                              "which matches no file")
    patterns = [p for splits in declared.values() for p in splits.values()]
    for name in on_disk:
        if not any(fnmatch(name, p) for p in patterns):
            yield Problem("card-config-mismatch", f"{name} is on disk but no config declares it")


def front_matter(card: str) -> dict:
    """The card's YAML front matter ({} without one), read with libyaml where it is built."""
    match = FRONT_MATTER.match(card)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return (yaml.load(match.group(1), Loader=loader) if match else None) or {}


def check_counts(meta: dict, rows: Counter) -> Iterator[Problem]:
    """The card's `dataset_info` num_examples of every split equal the rows of its files."""
    for info in meta.get("dataset_info") or []:
        config = info.get("config_name", "default")
        for split in info.get("splits") or []:
            declared, found = split.get("num_examples"), rows[config, split.get("name")]
            if declared != found:
                yield Problem("card-count-mismatch", f"config {config} split {split.get('name')} "
                              f"declares {declared} examples; its files hold {found} rows")


LICENSE_NAME = re.compile(r"[a-z0-9][a-z0-9.-]*")


def check_metadata(meta: dict, rows: Counter) -> Iterator[Problem]:
    """What the Hub asks of a card's metadata (the front matter), and our semantic
    `version`."""
    if meta.get("license") == "other":
        missing = [k for k in ("license_name", "license_link") if not meta.get(k)]
        if missing:
            yield Problem("card-metadata-invalid",
                          f"license is other but {' and '.join(missing)} is not given")
    name = meta.get("license_name")
    if name is not None and not LICENSE_NAME.fullmatch(str(name)):
        yield Problem("card-metadata-invalid",
                      f"license_name {name!r} is not lowercase letters, digits and dashes")
    if "size_categories" in meta:
        default_rows = sum(n for (config, _), n in rows.items() if config == "default")
        wanted = [size_category(default_rows)]
        if meta["size_categories"] != wanted:
            yield Problem("card-metadata-invalid",
                          f"size_categories is {meta['size_categories']}; "
                          f"{default_rows} rows make it {wanted}")
    if "version" in meta and not SEMVER.fullmatch(str(meta["version"])):
        yield Problem("card-metadata-invalid",
                      f"version {meta['version']!r} is not MAJOR.MINOR.PATCH")
