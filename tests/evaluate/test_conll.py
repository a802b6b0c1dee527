import pytest

from sahifa.cli import main
from sahifa.evaluate.conll import ConllError, read_conll
from sahifa.evaluate.run import AQMAR_GOLD, evaluate_conll
from tests.conftest import ROOT

NESTED = """حكومة B-ORG
مدينة I-ORG B-GPE
البيرة I-ORG I-GPE
فلسطين I-ORG B-GPE
. O

الأسد B-PERS
الأسد B-PERS
"""


def test_nested_tags_close_and_open_spans_per_label(tmp_path):
    path = tmp_path / "nested.txt"
    path.write_text(NESTED, "utf-8")
    first, second = read_conll(path)
    assert first.tokens == ["حكومة", "مدينة", "البيرة", "فلسطين", "."]
    assert first.spans == [("ORG", 0, 4), ("GPE", 1, 3), ("GPE", 3, 4)]
    assert second.spans == [("PERS", 0, 1), ("PERS", 1, 2)]


def test_noisy_iob_is_read_and_unmapped_labels_dropped(tmp_path):
    path = tmp_path / "aqmar.txt"
    path.write_text("دمشق I-LOC\nعاصمة OO\nسوريا B-LOC\nو O\nالشام I--ORG\nلينكس B-MIS1`\n",
                    "utf-8")
    (sentence,) = read_conll(path, AQMAR_GOLD.get)
    assert sentence.spans == [("LOC", 0, 1), ("LOC", 2, 3), ("ORG", 4, 5)]


def test_a_tag_that_is_no_tag_names_the_file_and_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("كلمة O\nأخرى PERSON\n", "utf-8")
    with pytest.raises(ConllError, match=r"bad.txt:2: 'PERSON'"):
        read_conll(path)


def test_conll_evaluation_maps_predictions_onto_whole_tokens(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text("وموسكو B-GPE\nترفض O\n. O\n", "utf-8")
    evaluation = evaluate_conll("tiny", [path])
    assert evaluation.spans["GPE"]["strict"].f1 == pytest.approx(1.0)
    assert evaluation.iob["GPE"].f1 == pytest.approx(1.0)


@pytest.mark.shared_data
def test_wojood_test_and_aqmar_are_scored_with_precision_first(shared_data):
    wojood = evaluate_conll("wojood", [shared_data / "ner/wojood-sample/test.txt"])
    aqmar = evaluate_conll("aqmar", sorted((shared_data / "ner/aqmar").glob("*.txt")),
                           AQMAR_GOLD.get, {"PERS": "PERS", "GPE": "LOC", "LOC": "LOC",
                                            "ORG": "ORG"}.get, flat=True)
    for evaluation in (wojood, aqmar):
        overall = evaluation.spans["ALL"]["strict"]
        assert overall.predicted < overall.gold
        assert overall.precision > overall.recall


@pytest.mark.shared_data
def test_the_evaluation_figures_in_the_docs_are_fresh(shared_data, capsys, monkeypatch):
    """The command the docs name, from the repository root with its default paths."""
    monkeypatch.chdir(ROOT)
    code = main(["evaluate", "--check-docs", "."])
    assert code == 0, capsys.readouterr().err


def test_gold_records_are_scored_per_split_and_input_the_test_split_first(built_seeds):
    from sahifa.evaluate.run import evaluate_records, gold_groups

    groups = gold_groups(built_seeds)
    assert [(split, source, len(r)) for (split, source), r in groups.items()] == [
        ("test", "saudinewsnet", 14), ("train", "000_19ff7663056b0340.txt", 1),
        ("train", "saudinewsnet", 42)]
    evaluations, quote_evaluations = evaluate_records(built_seeds)
    test_nested, test_outer = evaluations[:2]
    assert test_nested.name.startswith("test split (held out), saudinewsnet (14 gold records)")
    assert test_outer.spans["ALL"]["strict"].gold < test_nested.spans["ALL"]["strict"].gold
    assert test_nested.quotes.span.gold == 15
    assert test_nested.corrections.gold > 0 and test_outer.quotes is None
    test_quotes, seed_quotes = quote_evaluations[:2]
    assert test_quotes.total.gold == 15 and test_quotes.total.articles == 14
    assert not test_quotes.with_examples and not test_quotes.examples
    assert len(test_quotes.by_publication) == 14
    # the seed: every quotation found with its speaker and cue, no name mark taken for one
    seed = seed_quotes.total
    assert (seed.gold, seed.exact, seed.speaker_exact, seed.cue_right, seed.false) == (
        11, 11, 11, 11, 0)


def test_the_records_evaluation_times_each_group_once_and_marks_the_held_out_one(built_seeds):
    from sahifa.evaluate.run import evaluate_records

    evaluations, _ = evaluate_records(built_seeds, "rules")
    test_nested, test_outer, seed_nested, _, train_nested, _ = evaluations
    assert test_nested.held_out and test_outer.held_out and not train_nested.held_out
    assert (test_nested.speed.documents, test_nested.speed.unit) == (13, "articles")
    assert test_outer.speed is None and seed_nested.speed is None  # one record: nothing timed
    assert train_nested.speed.documents == 41
