"""The CRF tagger: its spans leave proclitics out, it tags nothing without a model, training is
deterministic, and a build can keep the rules alone."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from unittest.mock import patch

import pycrfsuite
from hypothesis import given, settings
from hypothesis import strategies as st

from sahifa.annotate import crf
from sahifa.annotate.auto import annotate_text
from sahifa.annotate.text import Mention, words_of
from sahifa.build import BuildOptions, build
from sahifa.cli import main
from sahifa.evaluate.metrics import Score
from sahifa.ingest.readers import plaintext
from sahifa.pipeline import convert_or_reject
from sahifa.train import FOLDS, Sequence, fit, folds, micro_average
from tests.conftest import SEEDS

SEED = SEEDS / "000_19ff7663056b0340.txt"


def test_spans_leave_the_proclitics_the_guidelines_leave_out():
    text = "وقال للرئيس بسورية وموسكو قبل موسكو"
    words = words_of(text)
    tags = ["O", "B-PERS", "B-GPE", "B-GPE", "O", "B-GPE"]
    assert [(text[m.start:m.end], m.label) for m in crf.spans_of(text, words, tags)] == [
        ("رئيس", "PERS"), ("سورية", "GPE"), ("موسكو", "GPE"), ("موسكو", "GPE")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \nاًبل١،-", max_size=30), st.text(alphabet="اًبل١", min_size=1, max_size=3))
def test_a_searched_text_and_a_long_ones_sorted_words_say_the_same(text, letters):
    """Whether a word after a space begins with `letters` (letters, marks or digits): searched
    in a short text, bisected in a long one's sorted words after spaces."""
    searched = crf._after_a_space(text, letters)
    with patch.object(crf, "SEARCHED_TEXT", 0):
        assert crf._after_a_space(text, letters) == searched


def test_a_plural_nisba_is_no_person():
    assert _pieces("قال ريابكوف العسكريين إن العسكريين", [
        "O", "B-PERS", "I-PERS", "O", "B-PERS"]) == [("ريابكوف", "PERS")]


def test_a_listed_name_in_f_or_w_keeps_its_first_letter():
    text = "وقال فيصل إن الوفد يصل غدا"
    words = words_of(text)
    tags = ["O", "B-PERS", "O", "O", "O", "O"]
    assert [text[m.start:m.end] for m in crf.spans_of(text, words, tags)] == ["فيصل"]


def test_a_persons_rank_or_title_is_left_out_of_the_name():
    text = "وقال الفريق المحرج إن الأمير محمد وصل"
    words = words_of(text)
    tags = ["O", "B-PERS", "I-PERS", "O", "B-PERS", "I-PERS", "O"]
    assert [text[m.start:m.end] for m in crf.spans_of(text, words, tags)] == ["المحرج", "محمد"]


def test_a_conjunction_or_preposition_before_a_known_start_a_number_or_a_name_is_left_out():
    text = "وراضي شراحيلي و21 بمستشفى للاعب ووليد ويليام بغداد وزارة"
    words = words_of(text)
    tags = ["B-PERS", "I-PERS", "B-CARDINAL", "B-FAC", "B-OCC", "B-PERS", "B-PERS", "B-GPE",
            "B-ORG"]
    assert [text[m.start:m.end] for m in crf.spans_of(text, words, tags)] == [
        "راضي شراحيلي", "21", "مستشفى", "لاعب", "وليد", "ويليام", "بغداد", "وزارة"]


def _pieces(text, tags, rules=()):
    words = words_of(text)
    return [(text[m.start:m.end], m.label) for m in crf.spans_of(text, words, tags, rules)]


def test_an_honorific_is_left_out_of_an_office_and_what_follows_it_is_a_name():
    assert _pieces("وقال الدكتور مساعد العيبان إن المهندس وصل",
                   ["O", "B-OCC", "I-OCC", "I-OCC", "O", "B-OCC", "O"]) == [
        ("مساعد العيبان", "PERS")]
    assert _pieces("المهندس على الطاولة", ["B-OCC", "I-OCC", "O"]) == []  # على is no name


def test_an_office_stops_before_the_persons_and_days_the_rules_found():
    text = "قال مهاجم الفريق ماجد فلاتة وأمير المنطقة الشرقية اليوم"
    rules = [Mention(text.index("ماجد"), text.index(" وأمير"), "PERS", "persons@3"),
             Mention(text.index("اليوم"), len(text), "DATE", "numex@2")]
    tags = ["O", "B-OCC", "I-OCC", "I-OCC", "I-OCC", "B-OCC", "I-OCC", "I-OCC", "I-OCC"]
    assert _pieces(text, tags, rules) == [("مهاجم الفريق", "OCC"),
                                          ("أمير المنطقة الشرقية", "OCC")]


def test_an_office_stops_before_a_given_name_which_starts_its_holders_name():
    assert _pieces("المدير العام للسياحة عثمان الإمام",
                   ["B-OCC", "I-OCC", "I-OCC", "I-OCC", "I-OCC"]) == [
        ("المدير العام للسياحة", "OCC"), ("عثمان الإمام", "PERS")]
    assert _pieces("مساعد أمين مجلس الوزراء", ["B-OCC", "I-OCC", "I-OCC", "I-OCC"]) == [
        ("مساعد أمين مجلس الوزراء", "OCC")]  # أمين، مساعد: office words as well as names


def test_two_offices_joined_by_and_are_two():
    assert _pieces("المدرب الخبير واللاعب العالمي", ["B-OCC", "I-OCC", "I-OCC", "I-OCC"]) == [
        ("المدرب الخبير", "OCC"), ("اللاعب العالمي", "OCC")]


def test_no_name_ends_in_a_function_word():
    assert _pieces("الجيش الأفغاني نحو الحدود ومحمد علي وقناة روسيا اليوم", [
        "B-ORG", "I-ORG", "I-ORG", "O", "B-PERS", "I-PERS", "O", "B-ORG", "I-ORG"]) == [
        ("الجيش الأفغاني", "ORG"), ("محمد علي", "PERS"), ("روسيا اليوم", "ORG")]


def test_a_span_is_cut_at_a_comma_or_a_quote_mark_but_a_time_or_an_address_is_not():
    assert _pieces("عبدالمجيد السواط، عبدالله عطيف ومدرب اللياقة «جريجوريس» 10:30", [
        "B-PERS", "I-PERS", "I-PERS", "I-PERS", "B-OCC", "I-OCC", "I-OCC", "B-TIME", "I-TIME",
    ]) == [("عبدالمجيد السواط", "PERS"), ("عبدالله عطيف", "PERS"), ("مدرب اللياقة", "OCC"),
           ("جريجوريس", "OCC"), ("10:30", "TIME")]
    text = "موقع https://sahifa.example"
    tags = ["O"] + ["B-WEBSITE"] + ["I-WEBSITE"] * (len(words_of(text)) - 2)
    assert _pieces(text, tags) == [("https://sahifa.example", "WEBSITE")]


def test_a_place_or_body_ends_before_a_weekday_and_after_a_definite_nationality():
    text = "اتهمت وزارة الخارجية البريطانية روسيا الثلاثاء"
    rules = [_rule(text, "البريطانية", "NORP"), _rule(text, "روسيا", "GPE")]
    assert _pieces(text, ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG"], rules) == [
        ("وزارة الخارجية البريطانية", "ORG")]
    text = "الاتحاد السعودي لكرة القدم بعد صلاة الجمعة"
    rules = [_rule(text, "السعودي", "NORP")]
    tags = ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "B-EVENT", "I-EVENT"]
    assert _pieces(text, tags, rules) == [
        ("الاتحاد السعودي لكرة القدم", "ORG"), ("صلاة الجمعة", "EVENT")]


def test_a_person_starts_after_a_document_noun_and_an_office_ends_before_a_day():
    assert _pieces("تصريح سيرومولوتوف", ["B-PERS", "I-PERS"]) == [("سيرومولوتوف", "PERS")]
    assert _pieces("أمير المنطقة الشرقية اليوم", ["B-OCC", "I-OCC", "I-OCC", "I-OCC"]) == [
        ("أمير المنطقة الشرقية", "OCC")]


def test_a_date_starts_past_a_name_the_rules_found_at_its_front():
    text = "عدن الشهر الماضي"
    assert _pieces(text, ["B-DATE", "I-DATE", "I-DATE"], [_rule(text, "عدن", "GPE")]) == [
        ("الشهر الماضي", "DATE")]


def test_a_piece_cut_off_an_office_ends_in_no_function_word():
    text = "سفير خادم الحرمين الشريفين لدى محمد العلي"
    tags = ["B-OCC"] + ["I-OCC"] * 6
    assert _pieces(text, tags)[0] == ("سفير خادم الحرمين الشريفين", "OCC")


def _rule(text, words, label):
    return Mention(text.index(words), text.index(words) + len(words), label, "names@1")


def test_no_model_tags_nothing(tmp_path):
    assert crf.tag("نص قصير", [(0, 7)], [], tmp_path / "missing.model") == []


def test_the_rules_tags_are_features_of_their_words():
    text = "قال سيرغي لافروف"
    words = words_of(text)
    tags = crf.outermost_tags(words, [Mention(4, 16, "PERS", "persons@2")])
    assert tags == ["O", "B-PERS", "I-PERS"]
    features = crf.token_features(words, tags)
    assert "rule=B-PERS" in features[1] and "-1:rule=O" in features[1]


TOLD = ("w=", "stem=", "lex=", *(f"c{n}=" for n in crf.CLUSTER_LEVELS))  # told neighbours


def test_a_word_names_its_clusters_or_else_its_stems(monkeypatch):
    monkeypatch.setattr(crf, "_clusters", lambda: {"محمد": (3, 41, 900), "سيرغي": (5, 7, 8)})
    crf._word_features.cache_clear()
    try:
        features = {w: [f.decode() for f in crf._word_features(w)]
                    for w in ("محمد", "ومحمد", "سيرغي", "لافروف")}
    finally:
        crf._word_features.cache_clear()
    assert {"c64=3", "c512=41"} <= set(features["محمد"]) and "c64=3" in features["ومحمد"]
    assert "c512=7" in features["سيرغي"]
    assert not [f for f in features["لافروف"] if f.startswith(TOLD[3:])]


def _spelt_out_features(text, words, rule_tags, inner_tags):
    """The features of each word as FEATURES_VERSION defines them, one word at a time."""
    own = [[f.decode() for f in crf._word_features(w.text)] for w in words]
    out = []
    for i in range(len(words)):
        features = ["bias", *own[i], f"rule={rule_tags[i]}", f"inner={inner_tags[i]}"]
        for step in (-1, 1, -2, 2):
            side, j = f"{step:+d}", i + step
            if 0 <= j < len(words):
                features += [f"{side}:{f}" for f in own[j] if f.startswith(TOLD)]
                features.append(f"{side}:rule={rule_tags[j]}")
            else:
                features.append(f"{side}:edge")
        if i and text[words[i - 1].end:words[i].start].strip():
            features.append("after-punctuation")
        out.append(features)
    return out


def _seed_rules():
    """The seed article's text, paragraphs and rule mentions."""
    text = SEED.read_text("utf-8")
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return text, paragraphs, annotate_text(text, paragraphs, "rules").mentions


def _seed_paragraphs():
    """(text, words, rule tags, inner tags) of every paragraph of the seed article."""
    text, paragraphs, rules = _seed_rules()
    for start, end in paragraphs:
        words = words_of(text, start, end)
        inside = [m for m in rules if start <= m.start and m.end <= end]
        yield text, words, *crf.level_tags(words, inside)


def test_features_put_together_from_word_types_are_the_ones_spelt_out():
    paragraphs = list(_seed_paragraphs())
    assert sum(len(p[1]) for p in paragraphs) > 100
    assert any(tag != "O" for p in paragraphs for tag in p[3])
    for text, words, rule_tags, inner_tags in paragraphs:
        assert crf.token_features(words, rule_tags, inner_tags) == _spelt_out_features(
            text, words, rule_tags, inner_tags)


def test_the_tagger_reads_encoded_features_as_their_strings():
    tagger = _crfsuite_tagger()
    for _, words, rule_tags, inner_tags in _seed_paragraphs():
        encoded = crf._encoded_features(words, rule_tags, inner_tags)
        assert tagger.tag(encoded) == tagger.tag(
            crf.token_features(words, rule_tags, inner_tags))


def test_tags_from_the_weights_as_arrays_are_crfsuites_own():
    """The tagger sums each word's blocks of features once; crfsuite looks up every feature of
    every token. On the seed, news and Wojood's domain alike, the tags must be the same."""
    tagger, weights = _crfsuite_tagger(), crf.model_weights(crf.model_path())
    text, paragraphs, rules = _seed_rules()
    words = [words_of(text, start, end) for start, end in paragraphs]
    inside = [[m for m in rules if start <= m.start and m.end <= end]
              for start, end in paragraphs]
    for domain in (None, crf.WOJOOD):
        expected = [tag for w, found in zip(words, inside, strict=True) for tag in tagger.tag(
            crf.token_features(w, *crf.level_tags(w, found), domain))]
        assert any(tag != "O" for tag in expected)
        assert crf.paragraph_tags(words, inside, weights, domain) == expected


def _crfsuite_tagger():
    tagger = pycrfsuite.Tagger()
    tagger.open(str(crf.model_path()))
    return tagger


def test_training_twice_gives_the_same_model_bytes(tmp_path):
    text = "قال الوزير سيرغي لافروف في موسكو"
    words = words_of(text)
    gold = ["O", "O", "B-PERS", "I-PERS", "O", "B-GPE"]
    sequences = [Sequence(crf.token_features(words, ["O"] * len(words)), gold)] * 3
    fit(sequences, tmp_path / "a.model")
    fit(sequences, tmp_path / "b.model")
    assert (tmp_path / "a.model").read_bytes() == (tmp_path / "b.model").read_bytes()
    found = crf.tag(text, [(0, len(text))], [], tmp_path / "a.model")
    assert [(text[m.start:m.end], m.label) for m in found] == [
        ("سيرغي لافروف", "PERS"), ("موسكو", "GPE")]


def test_an_article_without_gold_gets_crf_spans_unless_the_rules_are_asked_for(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs / "a.txt")
    (item,) = plaintext.iter_inputs(inputs)
    both, rules = convert_or_reject(item), convert_or_reject(item, "rules")
    annotators = {e.annotator.split("@")[0] for e in rules.entities}
    assert "crf" not in annotators and crf.available()
    assert "crf" in {e.annotator.split("@")[0] for e in both.entities}
    built = build(BuildOptions(input=inputs, output=tmp_path / "out", tagger="rules"))
    assert built.written == 1


def test_a_domain_adds_a_marked_copy_of_every_feature():
    text = "قال سيرغي لافروف"
    words = words_of(text)
    plain = crf.token_features(words, ["O"] * 3)
    wojood = crf.token_features(words, ["O"] * 3, domain=crf.WOJOOD)
    assert not any("|" in f for token in plain for f in token)
    assert wojood == [token + [f"wojood|{f}" for f in token] for token in plain]


def test_folds_deal_every_article_to_exactly_one_fold(minimal_record):
    records = [replace(minimal_record, id=f"doc{i}") for i in range(12)]
    dealt = folds(records)
    assert len(dealt) == FOLDS and sorted(len(f) for f in dealt) == [2, 2, 2, 3, 3]
    assert set().union(*dealt) == {r.id for r in records}
    assert dealt == folds(list(reversed(records)))


def test_fold_scores_are_micro_averaged():
    score = micro_average([Score(1.0, 0.5, 0.667, 4, 2), Score(0.5, 0.5, 0.5, 2, 2)])
    assert (score.gold, score.predicted) == (6, 4)
    assert (score.precision, score.recall) == (0.75, 0.5)


def test_the_crf_alone_keeps_only_its_own_mentions():
    text = SEED.read_text("utf-8")
    found = annotate_text(text, [(0, len(text))], "crf").mentions
    assert found and {m.annotator for m in found} == {crf.ANNOTATOR}


def test_train_check_skips_when_the_wojood_file_it_needs_is_absent(tmp_path, capsys):
    card = tmp_path / "MODEL.md"
    card.write_text("| train.txt | `0123` |\n", encoding="utf-8")
    code = main(["train", "--check", "--card", str(card),
                 "--wojood", str(tmp_path / "absent" / "train.txt")])
    assert code == 0 and "skipped" in capsys.readouterr().err


def test_train_check_skips_when_the_silver_articles_it_needs_are_absent(tmp_path, capsys):
    card = tmp_path / "MODEL.md"
    card.write_text("…, and the 144 articles of the silver entity set (…)\n", encoding="utf-8")
    code = main(["train", "--check", "--card", str(card), "--data", str(tmp_path / "absent"),
                 "--wojood", str(tmp_path / "absent" / "train.txt")])
    err = capsys.readouterr().err
    assert code == 0 and "skipped" in err and str(tmp_path / "absent") in err
