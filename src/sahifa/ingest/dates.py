"""Publication dates as written by sites, to ISO 8601.

Understood: ISO-like `YYYY-MM-DD[ HH:MM[:SS]]`, RFC 2822 (`Sun, 08 Jul 2018 17:40:51 +0400`),
day-first `DD/MM/YYYY` (the Arab and European order), numeric dates with a year from 1300 to
1499 read as Hijri (`1436-10-25`, as Saudi sites write them), and `D month YYYY` with English,
Arabic (أغسطس) or Levantine (آب) Gregorian month names, or Hijri month names (شوال) followed by هـ,
converted to Gregorian with `hijridate`. Arabic-Indic and Persian digits count as digits. Where a
string gives both a Hijri and a Gregorian date (`25 شوال 1436هـ الموافق 10 أغسطس 2015م`), the
Gregorian one is used. A string with no date gives None.
"""

from __future__ import annotations

import email.utils
import re
from datetime import date, datetime

from hijridate import Hijri

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

GREGORIAN_MONTHS = {
    **{name: i for i, name in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"], 1)},
    **{name: i for i, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)},
    **{name: i for i, name in enumerate(
        ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
         "أكتوبر", "نوفمبر", "ديسمبر"], 1)},
    **{name: i for i, name in enumerate(
        ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
         "تشرين الأول", "تشرين الثاني", "كانون الأول"], 1)},
    "ابريل": 4, "إبريل": 4, "اغسطس": 8, "اكتوبر": 10, "يونيه": 6, "يوليه": 7, "جانفي": 1,
    "فيفري": 2, "أفريل": 4, "ماي": 5, "جوان": 6, "جويلية": 7, "أوت": 8,
}
HIJRI_MONTHS = {
    **{name: i for i, name in enumerate(
        ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب",
         "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"], 1)},
    "ربيع الاول": 3, "ربيع الثاني": 4, "جمادى الاولى": 5, "جمادى الثانية": 6,
    "ذي القعدة": 11, "ذي الحجة": 12,
}

_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_DMY = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
HIJRI_YEARS = range(1300, 1500)  # a numeric date with such a year is Hijri (1436-10-25)


def _names(table: dict[str, int]) -> str:
    return "|".join(sorted(map(re.escape, table), key=len, reverse=True))


_HIJRI = re.compile(rf"(\d{{1,2}})\s+({_names(HIJRI_MONTHS)})\s+(\d{{4}})(?!\d)\s*هـ?")
_GREGORIAN = re.compile(rf"(\d{{1,2}})\s+({_names(GREGORIAN_MONTHS)})\.?,?\s+(\d{{4}})(?!\d)",
                        re.IGNORECASE)


def iso_date(value: str | None) -> str | None:
    """The date in `value` as ISO 8601, or None when it has none."""
    if not value:
        return None
    text = value.translate(DIGITS)
    for parse in (_iso, _rfc2822, _named_gregorian, _hijri, _day_first):
        found = parse(text)
        if found is not None:
            return found
    return None


def _iso(text: str) -> str | None:
    m = _ISO.search(text)
    if not m:
        return None
    year, month, day, hour, minute, second = (int(g) if g else None for g in m.groups())
    if year in HIJRI_YEARS:
        return _from_hijri(year, month, day)
    if hour is None:
        return _valid(year, month, day)
    try:
        return datetime(year, month, day, hour, minute, second or 0).isoformat()
    except ValueError:
        return None


def _rfc2822(text: str) -> str | None:
    try:
        return email.utils.parsedate_to_datetime(text.strip()).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _named_gregorian(text: str) -> str | None:
    m = _GREGORIAN.search(text)
    if not m:
        return None
    return _valid(int(m[3]), GREGORIAN_MONTHS[m[2].lower()], int(m[1]))


def _hijri(text: str) -> str | None:
    m = _HIJRI.search(text)
    if not m:
        return None
    return _from_hijri(int(m[3]), HIJRI_MONTHS[m[2]], int(m[1]))


def _from_hijri(year: int, month: int, day: int) -> str | None:
    try:
        return Hijri(year, month, day).to_gregorian().isoformat()
    except (ValueError, OverflowError):
        return None


def _day_first(text: str) -> str | None:
    m = _DMY.search(text)
    return _valid(int(m[3]), int(m[2]), int(m[1])) if m else None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
