"""The card's reference tables, generated from their declarations (the JSON Schema's
descriptions, the finding inventory) so that the documentation cannot drift from them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sahifa.errors import REJECT_REASONS
from sahifa.findings import FINDING_IDS
from sahifa.schema import record_schema, resolve


def _type_name(node: dict[str, Any]) -> str:
    if "enum" in node:
        return "label: " + ", ".join(f"`{v}`" for v in node["enum"])
    kinds = node.get("type")
    kinds = [kinds] if isinstance(kinds, str) else list(kinds)
    nullable = " or null" if "null" in kinds else ""
    kind = next(k for k in kinds if k != "null")
    if kind == "array":
        return f"list of {_type_name(resolve(node['items']))}{nullable}"
    names = {"object": "struct", "integer": "int32", "boolean": "bool"}
    return names.get(kind, kind) + nullable


def field_rows(node: dict[str, Any] | None = None, prefix: str = "") -> Iterator[str]:
    """One Markdown table row per field, depth first, nested fields as `a[].b`."""
    node = resolve(node or record_schema())
    for name, sub in node["properties"].items():
        sub_resolved = resolve(sub)
        description = sub.get("description") or sub_resolved.get("description", "")
        path = f"{prefix}{name}"
        yield f"| `{path}` | {_type_name(sub_resolved)} | {description} |"
        if "properties" in sub_resolved:
            yield from field_rows(sub_resolved, f"{path}.")
        elif "items" in sub_resolved and "properties" in resolve(sub_resolved["items"]):
            yield from field_rows(resolve(sub_resolved["items"]), f"{path}[].")


def fields_markdown() -> str:
    return "\n".join(["| field | type | meaning |", "| --- | --- | --- |", *field_rows()])


def findings_markdown() -> str:
    """The validator's finding ids, levels and meanings."""
    rows = [f"| `{fid}` | L{level} | {text} |" for fid, (level, text) in FINDING_IDS.items()]
    return "\n".join(["| finding id | level | meaning |", "| --- | --- | --- |", *rows])


def rejects_markdown() -> str:
    """The build's reject reasons and what each means."""
    rows = [f"| `{reason}` | {text} |" for reason, text in REJECT_REASONS.items()]
    return "\n".join(["| reason | what |", "| --- | --- |", *rows])
