from sahifa.annotate import names, offices, persons
from tests.annotate.helpers import entities, found


def test_office_with_portfolio_nationality_deputy_and_lil_phrase():
    text = "حل شينون في منصب نائب وزير الخارجية الأميركي للشؤون السياسية محل ويندي"
    assert ("نائب وزير الخارجية الأميركي للشؤون السياسية", "OCC") in entities(text)
    text = "رئيس الدبلوماسية الروسية"
    norp = names.find(text, [(0, len(text))])
    assert found(offices, text, norp) == [("رئيس الدبلوماسية الروسية", "OCC")]


def test_office_of_a_country_contains_the_country():
    text = "قال سفير روسيا في دمشق"
    got = entities(text)
    assert {("سفير روسيا", "OCC"), ("روسيا", "GPE")} <= got


def test_spokesman_of_a_pronoun_or_of_an_organisation():
    assert ("المتحدث باسمه", "OCC") in entities("وشدد المتحدث باسمه بيتر كوك على")
    got = entities("قال المتحدث باسم وزارة الخارجية الروسية إن")
    assert {("المتحدث باسم وزارة الخارجية الروسية", "OCC"),
            ("وزارة الخارجية الروسية", "ORG")} <= got


def test_relational_nouns_and_plural_classes_are_not_offices():
    assert not [e for e in entities("ونظيره الأميركي توماس شينون") if e[1] == "OCC"]
    assert not [e for e in entities("اتهم العسكريين الأميركيين") if e[1] == "OCC"]


def test_names_after_a_title_stop_at_function_words_and_punctuation():
    got = entities("أعرب وزير الخارجية الروسي سيرغي لافروف عن استعداد")
    assert {("وزير الخارجية الروسي", "OCC"), ("سيرغي لافروف", "PERS")} <= got
    assert ("فلاديمير بوتين", "PERS") in entities("أوامر الرئيس فلاديمير بوتين في القضاء")
    assert ("زهية أبو الهيجا", "PERS") in entities("مع السيدة زهية أبو الهيجا من القرية")
    assert ("توماس شينون", "PERS") in entities("ونظيره الأميركي توماس شينون حول")


def test_a_surname_found_once_is_found_again():
    text = "وقال المتحدث باسمه بيتر كوك إن الاتفاق صامد. وأقر كوك بأن"
    found_names = [t for t, label in entities(text) if label == "PERS"]
    assert sorted(found_names) == ["بيتر كوك", "كوك"]


def test_no_name_after_a_title_followed_by_a_verb_in_tanween_or_a_function_word():
    assert not [e for e in entities("وقال الرئيس إن الوضع صعب") if e[1] == "PERS"]
    assert found(persons, "الرئيس مجدداً", []) == []


def test_an_office_before_a_marked_name_ending_in_punctuation():
    got = entities("قال مدير موقع «روسيا اليوم.» إن")
    assert ("روسيا اليوم", "ORG") in got


def test_a_common_given_name_opens_a_name_of_two_words_or_more():
    people = [t for t, label in entities("وصل محمد السامرائي إلى بغداد مع زوجته. وتحدث السامرائي")
              if label == "PERS"]
    assert sorted(people) == ["السامرائي", "محمد السامرائي"]
    assert not [e for e in entities("زار محمد المدينة أمس") if e[1] == "PERS"]
    assert ("سلمى انتيف", "PERS") in entities("قالت سلمى انتيف عضوة اللجنة إن")


def people(text: str) -> list[str]:
    return sorted(t for t, label in entities(text) if label == "PERS")


def test_a_name_with_bin_and_al_runs_past_three_words():
    assert people("تفقد صاحب السمو الملكي الأمير سعود بن نايف بن عبدالعزيز أمير المنطقة") == [
        "سعود بن نايف بن عبدالعزيز"]
    assert "محمد بن سلمان بن عبدالعزيز آل سعود" in people(
        "أن ولي ولي العهد الأمير محمد بن سلمان بن عبدالعزيز آل سعود وزير الدفاع")
    assert people("رئيس النادي الأدبي الدكتور أحمد بن علي آل مريع وأعضاء") == [
        "أحمد بن علي آل مريع"]


def test_a_name_ends_after_its_family_name_or_past_bin_on_a_word_that_is_no_name():
    assert people("في حين واصل زميلهما ياسر القحطاني أداء برنامجه") == ["ياسر القحطاني"]
    assert people("لكن رئيس نادي الهلال الأمير نواف بن سعد ربما الوحيد") == ["نواف بن سعد"]
    assert people("الأمير محمد بن سلمان يحضر حفل تخريج الكليات") == ["محمد بن سلمان"]
    assert people("بصحبة الرئيس المصري عبد الفتاح السيسي في الحفل") == ["عبد الفتاح السيسي"]
    assert people("وكان الرئيس التركي رجب طيب أردوغان اتفقا على العمل") == ["رجب طيب أردوغان"]


def test_a_family_name_in_al_follows_a_given_name_and_titles_are_no_names():
    assert people("بحضور وزير الصحة المهندس خالد الفالح، وذلك بالمستشفى") == ["خالد الفالح"]
    assert people("تحيات الملك سلمان بن عبدالعزيز، وسمو ولي عهده الأمين") == [
        "سلمان بن عبدالعزيز"]
    assert people("من مكتبة الملك عبدالعزيز العامة في الرياض") == ["عبدالعزيز"]
