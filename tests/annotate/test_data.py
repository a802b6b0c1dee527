import subprocess
import sys

from sahifa.annotate import crf
from sahifa.annotate.text import load
from tests.conftest import ROOT


def test_the_gazetteer_is_what_its_script_makes_from_cldr_and_iso():
    script = ROOT / "scripts" / "make_gazetteer.py"
    result = subprocess.run([sys.executable, str(script), "--check"], check=False)
    assert result.returncode == 0, f"run {script.name} and commit the data file"


def test_the_word_clusters_are_what_their_script_makes_from_saudinewsnet(shared_data):
    script = ROOT / "scripts" / "word_clusters.py"
    result = subprocess.run([sys.executable, str(script), "--check", "--data", str(shared_data)],
                            check=False, capture_output=True, text=True)
    assert result.returncode == 0, f"run {script.name} and commit the data file: {result.stderr}"
    assert "is fresh" in result.stdout


def test_every_data_file_says_where_it_comes_from():
    for name in ("gazetteer", "lexicon"):
        assert load(name)["provenance"]
    assert crf.cluster_data()["provenance"]["input"]["sha256"]


def test_every_clustered_word_has_one_cluster_a_level():
    data = crf.cluster_data()
    assert len(set(data["words"])) == len(data["words"]) > 10_000
    for level in crf.CLUSTER_LEVELS:
        assert len(data[f"c{level}"]) == len(data["words"])
        assert set(data[f"c{level}"]) == set(range(level))


def test_nationality_adjectives_are_derived_from_country_names():
    gazetteer = load("gazetteer")
    assert {"روسيا", "مصر", "العراق"} <= set(gazetteer["countries"])
    assert {"الروسية", "مصري", "العراقيين"} <= set(gazetteer["nationalities"])
