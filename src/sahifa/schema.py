"""The record schema, declared once as JSON Schema: loading it, its label inventories, and
`LabelCodec`, which turns label strings into ClassLabel ids and back by walking the same
declaration. The `datasets.Features` derived from it are in `sahifa.write.features`, so the
stages before writing never import `datasets`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

SCHEMA_FILE = "record.schema.json"


def schema_dir() -> Path:
    """`schema/` beside the package in a checkout; `sahifa/schema` inside an installed wheel."""
    packaged = resources.files("sahifa") / "schema"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "schema"


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A schema file of `schema/` (the record's, or a view's)."""
    return json.loads((schema_dir() / name).read_text(encoding="utf-8"))


def record_schema() -> dict[str, Any]:
    return load_schema(SCHEMA_FILE)


def view_schema(view: str) -> dict[str, Any]:
    return load_schema(f"{view}.schema.json")


def resolve(node: dict[str, Any], root: dict[str, Any] | None = None) -> dict[str, Any]:
    """Follow a `$ref` to the node it names: "#/$defs/name" in `root` (default: the record
    schema), or "other.schema.json#/$defs/name" in another file of `schema/`."""
    return resolve_in(node, root or record_schema())[0]


def resolve_in(node: dict[str, Any], root: dict[str, Any]) -> tuple[dict[str, Any], dict]:
    """The node a `$ref` names, and the schema its own `$ref`s are relative to."""
    node = _nullable(node)
    while "$ref" in node:
        file, _, pointer = node["$ref"].partition("#")
        if file:
            root = load_schema(file)
        node = root["$defs"][pointer.removeprefix("/$defs/")]
    return node, root


def _nullable(node: dict[str, Any]) -> dict[str, Any]:
    """`anyOf: [X, {"type": "null"}]` stands for X (a nullable ClassLabel, say)."""
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    return options[0] if len(options) == 1 else node


def labels(def_name: str) -> list[str]:
    """The label inventory declared as `$defs/<def_name>`'s enum."""
    return list(record_schema()["$defs"][def_name]["enum"])


def types_of(node: dict[str, Any]) -> list[str]:
    kind = node.get("type")
    return [kind] if isinstance(kind, str) else list(kind or [])


class LabelCodec:
    """Converts label strings to ClassLabel ids (encode) and back (decode) in nested data."""

    def __init__(self, node: dict[str, Any] | None = None) -> None:
        root = node or record_schema()
        self._encode = _walker(root, _ids, root)
        self._decode = _walker(root, _checked_names, root)

    def encode(self, data: dict[str, Any]) -> dict[str, Any]:
        return self._encode(data)

    def decode(self, data: dict[str, Any]) -> dict[str, Any]:
        return self._decode(data)


class LabelError(ValueError):
    """A ClassLabel value outside its inventory (Python would read -1 as the last name)."""


def _ids(names: list[str]) -> Callable[[str], int]:
    """ClassLabel name → id; a name outside the inventory is a LabelError, as an id is."""
    ids = {name: i for i, name in enumerate(names)}

    def index(name: str) -> int:
        try:
            return ids[name]
        except KeyError:
            raise LabelError(f"label {name!r} is not one of {', '.join(names)}") from None
    return index


def _checked_names(names: list[str]) -> Callable[[int | str], str]:
    """ClassLabel id → name; a string stays as it is (data decoded already: whether it is a
    name of the inventory is the schema check's to say)."""

    def name(index: int | str) -> str:
        if isinstance(index, str):
            return index
        if not 0 <= index < len(names):
            raise LabelError(f"label value {index} is outside 0..{len(names) - 1} "
                             f"({', '.join(names)})")
        return names[index]
    return name


def _identity(value: Any) -> Any:
    return value


def _walker(node: dict[str, Any], on_enum: Callable[[list[str]], Callable],
            root: dict[str, Any]) -> Callable:
    """A function that applies `on_enum(names)` to every enum value below `node`."""
    node, root = resolve_in(node, root)
    if "enum" in node:
        convert = on_enum(list(node["enum"]))
        return lambda value: None if value is None else convert(value)
    kinds = types_of(node)
    if "object" in kinds:
        subs = {k: _walker(v, on_enum, root) for k, v in node["properties"].items()}
        subs = {k: fn for k, fn in subs.items() if fn is not _identity}
        if not subs:
            return _identity
        return lambda value: None if value is None else {
            k: (subs[k](v) if k in subs else v) for k, v in value.items()
        }
    if "array" in kinds:
        item = _walker(node["items"], on_enum, root)
        if item is _identity:
            return _identity
        return lambda value: None if value is None else [item(v) for v in value]
    return _identity
