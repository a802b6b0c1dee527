from sahifa.annotate import names
from tests.annotate.helpers import entities, found


def test_proclitics_stay_out_and_the_article_stays_in():
    assert found(names, "وموسكو ترفض") == [("موسكو", "GPE")]
    assert ("القوات الروسية", "ORG") in found(names, "مدعوماً بالقوات الروسية")
    assert found(names, "التعاون بين موسكو وواشنطن") == [("موسكو", "GPE"), ("واشنطن", "GPE")]


def test_lil_written_together_starts_the_span_after_it():
    assert ("أمم المتحدة", "ORG") in found(names, "وفق قائمة للأمم المتحدة")


def test_country_names_and_derived_nationality_adjectives():
    assert ("روسيا", "GPE") in found(names, "عرضت روسيا التعاون")
    assert found(names, "الموقف الأردني") == [("الأردني", "NORP")]
    assert found(names, "جولة محادثات روسية أميركية") == [("روسية", "NORP"),
                                                         ("أميركية", "NORP")]


def test_organisation_heads_with_nested_nationalities():
    got = entities("الصادرة عن وزارة الدفاع الأميركية أمس")
    assert {("وزارة الدفاع الأميركية", "ORG"), ("الأميركية", "NORP")} <= got
    assert ("الدفاع الأميركية", "ORG") not in got
    got = entities("تمكن الجيش العربي السوري من")
    assert {("الجيش العربي السوري", "ORG"), ("العربي", "NORP"), ("السوري", "NORP")} <= got


def test_classifier_nouns_stay_out():
    assert ("داعش", "ORG") in entities("لدحر تنظيم داعش عن")
    got = entities("في التصريح الذي نقلته وكالة «انترفاكس» الروسية للأنباء")
    assert ("انترفاكس", "ORG") in got
    assert ("روسيا اليوم", "ORG") in entities("الذي نقله موقع «روسيا اليوم»، مع")
    got = entities("استرداد مدينتي الرقة وتدمر من داعش")
    assert {("الرقة", "GPE"), ("تدمر", "GPE")} <= got


def test_a_direction_before_a_country_is_a_region_with_the_country_nested():
    assert {("شرق سورية", "LOC"), ("سورية", "GPE")} <= entities("لطرد داعش من شرق سورية")


def test_a_word_that_only_looks_like_a_country():
    assert ("مصر", "GPE") not in entities("«البنتاغون» مصر على رفضه")
    assert ("مصر", "GPE") in entities("زار الوزير مصر أمس")


def test_a_language_after_the_word_for_language():
    got = entities("ألقى كلمته باللغة العربية")
    assert ("العربية", "LANGUAGE") in got and ("العربية", "NORP") not in got
