"""The stage packages import one another without a cycle, and the stages before writing do
not need `datasets`."""

from __future__ import annotations

import ast
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "sahifa"
STAGES = ("ingest", "segment", "annotate", "validate", "write", "evaluate")


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def _stage_imports() -> dict[str, set[str]]:
    """{stage: the other stages its modules import}."""
    graph: dict[str, set[str]] = {stage: set() for stage in STAGES}
    for path in SRC.rglob("*.py"):
        module = ".".join(("sahifa", *path.relative_to(SRC).with_suffix("").parts))
        stage = _stage(module)
        if stage is None:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [node.module] if isinstance(node, ast.ImportFrom) and node.module else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            graph[stage] |= {s for name in names if (s := _stage(name)) and s != stage}
    return graph


def test_the_stage_packages_import_without_a_cycle():
    graph = _stage_imports()
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as err:
        raise AssertionError(f"the stages import in a circle: {err.args[1]}") from None
    assert order.index("ingest") < order.index("annotate") < order.index("write")


def test_annotating_a_text_does_not_import_datasets():
    code = ("import sys, sahifa.annotate.auto, sahifa.pipeline; "
            "print(sorted(m for m in ('datasets', 'pyarrow') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
