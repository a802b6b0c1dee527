"""`datasets.Features` and the Arrow schema, derived from the JSON Schema of `schema/`: string
enums become `ClassLabel` (the enum is the label inventory), arrays of objects become
`List({...})`, integers become int32 (or their `x-arrow` type). The record's from
`schema/record.schema.json`, each view's from `schema/<view>.schema.json`, which refers to the
record schema's inventories.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import datasets
import pyarrow as pa

from sahifa.schema import record_schema, resolve_in, types_of, view_schema


def feature_of(node: dict[str, Any], root: dict[str, Any] | None = None) -> Any:
    """The `datasets` feature type for one JSON Schema node (`$ref`s resolved in `root`)."""
    node, root = resolve_in(node, root or record_schema())
    kinds = [k for k in types_of(node) if k != "null"]
    if "enum" in node:
        return datasets.ClassLabel(names=list(node["enum"]))
    if kinds == ["object"]:
        return {name: feature_of(sub, root) for name, sub in node["properties"].items()}
    if kinds == ["array"]:
        return datasets.List(feature_of(node["items"], root))
    scalar = {"string": "string", "integer": node.get("x-arrow", "int32"), "boolean": "bool"}
    if len(kinds) == 1 and kinds[0] in scalar:
        return datasets.Value(scalar[kinds[0]])
    raise ValueError(f"schema node has no feature mapping: {node}")


@cache
def features() -> datasets.Features:
    """The corpus's `datasets.Features`, derived from the JSON Schema."""
    return datasets.Features(feature_of(record_schema()))


@cache
def view_features(view: str) -> datasets.Features:
    """A view's `datasets.Features`, derived from `schema/<view>.schema.json`."""
    schema = view_schema(view)
    return datasets.Features(feature_of(schema, schema))


def arrow_schema() -> pa.Schema:
    """The Arrow schema, with the HF features embedded in its metadata."""
    return features().arrow_schema


def column_encodings(schema: dict[str, Any]) -> dict[str, str]:
    """The Parquet encoding of each leaf column whose JSON Schema node declares one
    (`x-parquet-encoding`), by Parquet column path (`tokens.list.element.start`)."""
    found: dict[str, str] = {}

    def walk(node: dict[str, Any], root: dict[str, Any], path: tuple[str, ...]) -> None:
        node, root = resolve_in(node, root)
        kinds = [k for k in types_of(node) if k != "null"]
        if kinds == ["object"]:
            for name, sub in node["properties"].items():
                walk(sub, root, (*path, name))
        elif kinds == ["array"]:
            walk(node["items"], root, (*path, "list", "element"))
        elif "x-parquet-encoding" in node:
            found[".".join(path)] = node["x-parquet-encoding"]

    walk(schema, schema, ())
    return found


@cache
def record_encodings() -> dict[str, str]:
    return column_encodings(record_schema())


@cache
def view_encodings(view: str) -> dict[str, str]:
    return column_encodings(view_schema(view))
