from sahifa.annotate import numex
from tests.annotate.helpers import found


def test_durations_leave_the_preposition_out_and_keep_the_approximator():
    assert found(numex, "وقبل نحو أسبوعين أعرب") == [("نحو أسبوعين", "DATE")]
    assert found(numex, "وقبل أيام اتهم") == [("أيام", "DATE")]
    assert found(numex, "على مدى سنوات نظيرة") == [("سنوات", "DATE")]
    assert found(numex, "زيارة تستمر يومين، تأتي") == [("يومين", "DATE")]


def test_hours_are_time_and_days_are_date():
    assert found(numex, "وقبل 72 ساعة رمت") == [("72 ساعة", "TIME")]
    assert found(numex, "بعد 3 أيام عاد") == [("3 أيام", "DATE")]


def test_relative_dates():
    assert found(numex, "في مؤتمر عقده أول من أمس، بأن") == [("أول من أمس", "DATE")]
    assert found(numex, "لوحت الوزارة الأسبوع الماضي، بالتحرك") == [("الأسبوع الماضي", "DATE")]
    assert found(numex, "وعشية هذه المباحثات ظل") == [("عشية هذه المباحثات", "DATE")]


def test_gregorian_levantine_and_hijri_dates_with_digits_of_both_kinds():
    assert found(numex, "في 15 آذار 2016 قال") == [("15 آذار 2016", "DATE")]
    assert found(numex, "في ١٥ مارس ٢٠١٦ قال") == [("١٥ مارس ٢٠١٦", "DATE")]
    assert found(numex, "في 3 رمضان 1437 هـ وصل") == [("3 رمضان 1437 هـ", "DATE")]
    assert found(numex, "عام 2016 أو 1437هـ") == [("عام 2016", "DATE"), ("1437هـ", "DATE")]
    assert found(numex, "في 12/3/2016 وصل") == [("12/3/2016", "DATE")]


def test_money_percent_and_quantity_nest_their_currency_and_unit():
    assert found(numex, "دفع 500 مليون دولار") == [("500 مليون دولار", "MONEY"),
                                                   ("دولار", "CURR")]
    assert found(numex, "بلغ ألف ليرة سورية") == [("ألف ليرة سورية", "MONEY"),
                                                 ("ليرة سورية", "CURR")]
    assert found(numex, "ارتفع 70% و20 بالمئة") == [("70%", "PERCENT"), ("20 بالمئة", "PERCENT")]
    assert found(numex, "على بعد 20 كيلومتراً") == [("20 كيلومتراً", "QUANTITY"),
                                                  ("كيلومتراً", "UNIT")]


def test_cardinals_need_a_counted_noun_and_identifiers_are_not_numbers():
    assert found(numex, "قتل ثلاثة مقاتلين و٣٥ مدنياً") == [("ثلاثة", "CARDINAL"),
                                                          ("٣٥", "CARDINAL")]
    assert found(numex, "خمسة وعشرون جنديا") == [("خمسة وعشرون", "CARDINAL")]
    assert found(numex, "( 1 ) البند") == []
    assert found(numex, "القرار 2254 يدعو") == []
    assert found(numex, "بلغ 2000 شخص عام 2015") == [("2000", "CARDINAL"), ("عام 2015", "DATE")]


def test_ordinals():
    assert found(numex, "الجولة الثالثة من المحادثات") == [("الثالثة", "ORDINAL")]
    assert found(numex, "في الأسبوع الأخير") == []


def test_a_year_word_joins_a_year_only_with_nothing_between():
    assert found(numex, "وصل الوفد في سنة 2012 إلى دمشق") == [("سنة 2012", "DATE")]
    assert ("سنة. 2012", "DATE") not in found(numex, "انتهت سنة. 2012 كانت صعبة")
