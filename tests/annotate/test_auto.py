from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from sahifa.annotate.auto import LABEL_PRIORITY, auto_annotate, reconcile
from sahifa.annotate.text import Mention
from sahifa.ingest.readers import plaintext
from sahifa.pipeline import convert
from sahifa.validate.record_checks import record_findings
from tests.conftest import SEEDS


def seed_record():
    return convert(next(plaintext.iter_inputs(SEEDS)))


def bare(record):
    return replace(record, entities=[], quotes=[])


def test_automatic_annotation_is_valid_and_marks_its_origin():
    record = auto_annotate(bare(seed_record()))
    assert record.entities and record.quotes
    assert record_findings(record) == []
    spans = [*record.entities, *record.quotes]
    assert {s.origin for s in spans} == {"auto"}
    assert all("@" in s.annotator for s in spans)
    ids = [s.id for s in spans] + [q.cue.id for q in record.quotes if q.cue]
    assert len(ids) == len(set(ids))
    entity_ids = {e.id for e in record.entities}
    assert all(q.speaker in entity_ids for q in record.quotes)


def test_automatic_annotation_is_deterministic():
    first = auto_annotate(bare(seed_record())).to_dict()
    second = auto_annotate(bare(seed_record())).to_dict()
    assert first == second


def test_reconcile_keeps_nesting_and_drops_crossing_and_same_label_nesting():
    a = Mention(0, 10, "ORG", "x@1")
    inner = Mention(6, 10, "NORP", "x@1")
    crossing = Mention(8, 14, "GPE", "x@1")
    same = Mention(2, 10, "ORG", "x@1")
    twin = Mention(6, 10, "GPE", "x@1")
    assert reconcile([inner, crossing, a, same, twin]) == [a, twin]


def test_gold_wins_and_articles_without_gold_get_automatic_spans(tmp_path):
    (tmp_path / "plain.txt").write_bytes((SEEDS / "000_19ff7663056b0340.txt").read_bytes())
    automatic = convert(next(plaintext.iter_inputs(tmp_path)))
    gold = seed_record()
    assert {e.origin for e in gold.entities} == {"gold"}
    assert {q.origin for q in gold.quotes} == {"gold"}
    assert {e.origin for e in automatic.entities} == {"auto"}
    assert len(automatic.quotes) == len(gold.quotes)
    assert record_findings(automatic) == []


def test_every_entity_label_has_a_priority():
    from sahifa.annotate.auto import LABEL_PRIORITY
    from sahifa.schema import labels

    assert sorted(LABEL_PRIORITY) == sorted(labels("entity_label"))


def test_reconcile_keeps_the_longer_of_crossing_mentions_and_nests_the_rest():
    from sahifa.annotate.auto import reconcile
    from sahifa.annotate.text import Mention

    office = Mention(0, 20, "OCC", "t")
    country = Mention(10, 15, "GPE", "t")
    crossing = Mention(15, 25, "ORG", "t")
    same_label_inside = Mention(2, 8, "OCC", "t")
    far = Mention(1000, 1005, "PERS", "t")
    assert reconcile([far, crossing, country, same_label_inside, office]) == [
        office, country, far]


def reconciled_by_every_pair(mentions):
    """reconcile's rule, comparing each mention with every one kept before it."""
    best = {}
    for m in mentions:
        other = best.get((m.start, m.end))
        if other is None or LABEL_PRIORITY.index(m.label) < LABEL_PRIORITY.index(other.label):
            best[(m.start, m.end)] = m
    kept = []
    for m in sorted(best.values(), key=lambda m: (m.start - m.end,
                                                  LABEL_PRIORITY.index(m.label), m.start)):
        inside = [k for k in kept if k.start <= m.start and m.end <= k.end]
        crossing = [k for k in kept if k.start < m.end and m.start < k.end and k not in inside
                    and not (m.start <= k.start and k.end <= m.end)]
        if not crossing and all(k.label != m.label for k in inside):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, -m.end))


mentions = st.lists(st.builds(
    lambda start, length, label: Mention(start, start + length, label, "test"),
    st.integers(0, 400), st.integers(1, 150), st.sampled_from(["PERS", "ORG", "GPE", "OCC"])),
    max_size=40)


@settings(max_examples=300, deadline=None)
@given(mentions)
def test_reconcile_keeps_what_comparing_every_pair_keeps(found):
    assert reconcile(found) == reconciled_by_every_pair(found)


def test_forgetting_texts_empties_word_caches_keeps_what_is_loaded_and_the_same_spans():
    from sahifa.annotate import crf, text
    from sahifa.annotate.auto import forget_texts

    record = bare(seed_record())
    before = auto_annotate(record)
    assert text.key.cache_info().currsize and crf._word_features.cache_info().currsize
    forget_texts()
    assert text.key.cache_info().currsize == 0 and text._document.cache_info().currsize == 0
    assert crf._word_features.cache_info().currsize == 0
    assert text.automaton.cache_info().currsize == 1  # loaded once, kept
    assert auto_annotate(record) == before
