"""`croissant.json`: the dataset described in Croissant 1.1 (MLCommons), written by the build
with `mlcroissant`'s own classes from the same sources as the card: the configs' `datasets`
features (from `schema/`), the card's name, version, licence and citation, the files' sha256,
and the Responsible-AI fields taken from the datasheet's answers.

One record set per config, reading that config's Parquet files (a FileSet by pattern, each file
also listed as a FileObject with its sha256); lists of structs become array fields with sub-
fields; every ClassLabel is an integer field that points to an enumeration record set of its
inventory (`labels/<inventory>`, the schema's `$defs` name, with each label's index and name),
named in its description (a Croissant `references` would make mlcroissant join on it, which it
cannot do for the values of an array).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from datetime import datetime, time
from pathlib import Path
from typing import Any

import datasets
import mlcroissant as mlc

from sahifa.schema import record_schema, view_schema
from sahifa.write.card import CORPUS_DIR, ConfigOutput

VIEW_NAMES = ("ner", "quotes")
CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
PARQUET = "application/x-parquet"
SCALARS = {"string": mlc.DataType.TEXT, "bool": mlc.DataType.BOOL}
# Responsible-AI property → (datasheet section, the start of a bullet's question or None)
RAI_FROM_DATASHEET: dict[str, tuple[str, str | None]] = {
    "data_collection": ("Collection process", "How was the data acquired"),
    "data_preprocessing_protocol": ("Preprocessing, cleaning, labeling", "Conversion"),
    "data_annotation_protocol": ("Labeling", None),
    "data_annotation_platform": ("Preprocessing, cleaning, labeling", "Labeling"),
    "data_annotation_analysis": ("Labeling", None),
    "machine_annotation_tools": ("Automatic pre-annotation", None),
    "data_use_cases": ("Uses", "Intended uses"),
    "data_biases": ("Composition", "Is it a sample"),
    "data_limitations": ("Uses", "Not suited for"),
    "personal_sensitive_information": ("Composition", "Confidential or offensive content"),
    "data_release_maintenance_plan": ("Maintenance", None),
}
LISTS = {"data_preprocessing_protocol", "data_annotation_protocol", "data_annotation_platform",
         "data_annotation_analysis", "machine_annotation_tools", "data_use_cases",
         "data_biases", "data_limitations", "personal_sensitive_information"}


def croissant(root: Path, outputs: list[ConfigOutput], card: dict, datasheet: str,
              citation: str, cff: dict | None = None, licenses: Iterable[str] = ()) -> str:
    """The JSON text of croissant.json for the dataset folder `root` (its Parquet files
    written); `cff`, its CITATION.cff, gives the release date and address; `licenses`, the
    records' own (SPDX ids: their SPDX pages; a LicenseRef: the card's licence link)."""
    cff = cff or {}
    released = cff.get("date-released")
    inventories = _inventories()
    distribution: list = []
    record_sets = [_enumeration(name, names) for names, name in inventories.items()]
    for out in outputs:
        files = sorted((root / CORPUS_DIR / out.name).glob("*.parquet"))
        if not files:
            continue
        distribution.append(mlc.FileSet(
            id=f"{out.name}-files", name=f"{out.name}-files", encoding_formats=[PARQUET],
            includes=[f"{CORPUS_DIR}/{out.name}/*.parquet"]))
        distribution += [_file_object(root, f) for f in files]
        record_sets.append(mlc.RecordSet(
            id=out.name, name=out.name, description=f"the {out.name} config, one row a record",
            fields=[_field(out.name, (name,), feature, f"{out.name}-files", inventories)
                    for name, feature in out.features.items()]))
    metadata = mlc.Metadata(
        name=card.get("pretty_name") or "Sahifa-format corpus",
        description=_first_paragraph(datasheet), version=card.get("version"),
        license=_licenses(card, licenses),
        url=cff.get("repository-code") or cff.get("url"),
        date_published=datetime.combine(released, time()) if released else None,
        conforms_to=[CONFORMS_TO], cite_as=citation, in_language=card.get("language") or ["ar"],
        keywords=card.get("tags"), distribution=distribution, record_sets=record_sets,
        **rai_fields(datasheet))
    return json.dumps(metadata.to_json(), ensure_ascii=False, indent=1, sort_keys=True,
                      default=str) + "\n"


def _licenses(card: dict, licenses: Iterable[str]) -> list[str]:
    """The card's licence link, then a page for every licence the records declare."""
    link = card.get("license_link") or card.get("license") or "other"
    pages = {f"https://spdx.org/licenses/{name}.html" for name in licenses
             if name and not name.startswith("LicenseRef-") and name != "none declared"}
    return [link, *sorted(pages)]


def _inventories() -> dict[tuple[str, ...], str]:
    """{label names: their `$defs` name} for every enum the record and view schemas declare."""
    found: dict[tuple[str, ...], str] = {}
    for schema in (record_schema(), *(view_schema(name) for name in VIEW_NAMES)):
        for name, node in schema.get("$defs", {}).items():
            if "enum" in node:
                found.setdefault(tuple(node["enum"]), name)
    return found


def _enumeration(name: str, names: tuple[str, ...]) -> mlc.RecordSet:
    rid = f"labels/{name}"
    return mlc.RecordSet(
        id=rid, name=rid, description=f"the {name} inventory: ClassLabel index and name",
        key=f"{rid}/index",
        fields=[mlc.Field(id=f"{rid}/index", name="index", data_types=[mlc.DataType.INTEGER]),
                mlc.Field(id=f"{rid}/name", name="name", data_types=[mlc.DataType.TEXT])],
        data=[{f"{rid}/index": i, f"{rid}/name": label} for i, label in enumerate(names)])


def _file_object(root: Path, file: Path) -> mlc.FileObject:
    name = file.relative_to(root).as_posix()
    return mlc.FileObject(id=name, name=name, content_url=name, encoding_formats=[PARQUET],
                          content_size=f"{file.stat().st_size} B",
                          sha256=hashlib.sha256(file.read_bytes()).hexdigest())


def _field(config: str, path: tuple[str, ...], feature: Any, file_set: str,
           inventories: dict) -> mlc.Field:
    """The field of a column (`path` of one name) or of a struct member inside a list
    (`path` of several: read from the column by a JSON path)."""
    depth, inner = _unwrap(feature)
    source = mlc.Source(file_set=file_set, extract=mlc.Extract(column=path[0]),
                        transforms=[mlc.Transform(json_path=".".join(path[1:]))]
                        if len(path) > 1 else [])
    common = {"id": "/".join((config, *path)), "name": path[-1], "source": source}
    if depth:
        common.update(is_array=True, array_shape=",".join(["-1"] * depth))
    if isinstance(inner, dict):
        return mlc.Field(**common, data_types=[], sub_fields=[
            _field(config, (*path, name), sub, file_set, inventories)
            for name, sub in inner.items()])
    if isinstance(inner, datasets.ClassLabel):
        inventory = f"labels/{inventories[tuple(inner.names)]}"
        return mlc.Field(**common, data_types=[mlc.DataType.INTEGER],
                         description=f"a ClassLabel: an index of the record set {inventory}")
    kind = SCALARS.get(inner.dtype, mlc.DataType.INTEGER)
    return mlc.Field(**common, data_types=[kind])


def _unwrap(feature: Any) -> tuple[int, Any]:
    """(how many lists deep, the feature inside them)."""
    depth = 0
    while isinstance(feature, (datasets.List, datasets.Sequence, list)):
        feature = feature[0] if isinstance(feature, list) else feature.feature
        depth += 1
    return depth, feature


def _first_paragraph(datasheet: str) -> str:
    for block in datasheet.split("\n\n"):
        if block.strip() and not block.lstrip().startswith(("#", "<!--", "|")):
            return " ".join(block.split())
    return "An Arabic news corpus in the Sahifa format."


def rai_fields(datasheet: str) -> dict[str, Any]:
    """The Responsible-AI properties the datasheet answers (a section's prose, or one bullet
    of it); a datasheet without the section gives none."""
    sections = _sections(datasheet)
    out: dict[str, Any] = {}
    for prop, (heading, question) in RAI_FROM_DATASHEET.items():
        text = next((body for title, body in sections.items() if title.startswith(heading)), "")
        if question:
            answers = _bullets(text)
            text = next((a for q, a in answers.items() if q.startswith(question)), "")
        text = " ".join(_prose(text).split())
        if text:
            out[prop] = [text] if prop in LISTS else text
    return out


def _sections(markdown: str) -> dict[str, str]:
    parts = re.split(r"^## +(.+)$", markdown, flags=re.MULTILINE)
    return {title.strip(): body for title, body in zip(parts[1::2], parts[2::2], strict=True)}


def _bullets(section: str) -> dict[str, str]:
    """{bold question: its answer} of a section's `- **Question?** answer` bullets."""
    found = re.findall(r"^- \*\*(.+?)\*\*(.*?)(?=^- \*\*|\Z)", section, re.MULTILINE | re.DOTALL)
    return {question.strip(): answer.strip() for question, answer in found}


def _prose(text: str) -> str:
    """Text without tables and generated-block markers."""
    return "\n".join(line for line in text.splitlines()
                     if not line.lstrip().startswith(("|", "<!--")))
