import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from sahifa.schema import labels

MKANN = Path(__file__).resolve().parents[1] / "annotation" / "tools" / "mkann.py"


def test_mkann_reads_paragraphs_as_pairs_or_as_objects(tmp_path):
    text = "قال الوزير: «نعم»\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "spans.tsv").write_text("QUOTE\tنعم\tnospeaker\n", encoding="utf-8")
    anns = []
    for paragraphs in ([[0, 17]], [{"start": 0, "end": 17, "label": "body"}]):
        (tmp_path / "a.paragraphs.json").write_text(json.dumps(paragraphs), encoding="utf-8")
        subprocess.run([sys.executable, str(MKANN), str(tmp_path / "a.txt"),
                        str(tmp_path / "spans.tsv"), str(tmp_path / "a.ann")], check=True,
                       capture_output=True)
        anns.append((tmp_path / "a.ann").read_text(encoding="utf-8"))
    assert anns[0] == anns[1] and "QUOTE 13 16\tنعم" in anns[0]


def test_mkann_knows_the_schema_inventories():
    spec = importlib.util.spec_from_file_location("mkann", MKANN)
    mkann = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mkann)
    assert set(labels("entity_label")) == mkann.ENTITY_TYPES
    assert set(labels("correction_kind")) == mkann.KINDS
