import subprocess
import sys

from sahifa.annotate.text import load
from tests.conftest import ROOT


def test_the_gazetteer_is_what_its_script_makes_from_cldr_and_iso():
    script = ROOT / "scripts" / "make_gazetteer.py"
    result = subprocess.run([sys.executable, str(script), "--check"], check=False)
    assert result.returncode == 0, f"run {script.name} and commit the data file"


def test_every_data_file_says_where_it_comes_from():
    for name in ("gazetteer", "lexicon"):
        assert load(name)["provenance"]


def test_nationality_adjectives_are_derived_from_country_names():
    gazetteer = load("gazetteer")
    assert {"روسيا", "مصر", "العراق"} <= set(gazetteer["countries"])
    assert {"الروسية", "مصري", "العراقيين"} <= set(gazetteer["nationalities"])
