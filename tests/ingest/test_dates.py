import pytest

from sahifa.ingest.dates import iso_date


@pytest.mark.parametrize(("written", "iso"), [
    ("2015-07-21 02:51:32", "2015-07-21T02:51:32"),
    ("2015-07-21", "2015-07-21"),
    ("Sun, 08 Jul 2018 17:40:51 +0400", "2018-07-08T17:40:51+04:00"),
    ("Wed, 30 May 2018 14:30:31 GMT", "2018-05-30T14:30:31+00:00"),
    ("25/09/2016", "2016-09-25"),
    ("| Tuesday, 11 August 2015 - 13:34 pm", "2015-08-11"),
    ("10 أغسطس 2015م", "2015-08-10"),
    ("١٠ آب ٢٠١٥", "2015-08-10"),
    ("25 شوال 1436هـ", "2015-08-10"),
    ("٢٥ شوال ١٤٣٦ هـ", "2015-08-10"),
    ("1 رمضان 1436 هـ", "2015-06-18"),
    ("جدة 25 شوال 1436هـ الموافق 11 أغسطس 2015م واس", "2015-08-11"),
    ("1436-10-25", "2015-08-10"),
])
def test_dates_become_iso_8601(written, iso):
    assert iso_date(written) == iso


@pytest.mark.parametrize("written", [None, "", "أمس", "31/02/2016", "30 شباط 2015",
                                     "Tue, 21 Jul 99999999 02:51:32 +0000", "21 Jul 20155"])
def test_no_date_or_an_impossible_one_gives_none(written):
    assert iso_date(written) is None
