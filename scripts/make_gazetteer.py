"""Writes src/sahifa/annotate/data/gazetteer.json from sources a user can check: the Unicode
CLDR data shipped in Babel (Arabic names of countries, of exemplar cities of time zones, of
currencies and languages; month and day names) and the Arabic translations of ISO 3166-1 shipped
in pycountry. Nationality adjectives are derived from the one-word country names by the regular
nisba rule. Run: .venv/bin/python scripts/make_gazetteer.py (needs the `gazetteer` extra)."""

from __future__ import annotations

import gettext
import json
import sys
from importlib.metadata import version
from pathlib import Path

import pycountry
import regex
from babel import Locale, localedata

OUT = Path(__file__).resolve().parents[1] / "src/sahifa/annotate/data/gazetteer.json"
ARABIC_ONLY = regex.compile(r"^[\p{Arabic} ]+$")
MARKS = regex.compile(r"\p{Mn}")


def clean(name: str) -> str | None:
    """A name without diacritics, or None when it is not plain Arabic words."""
    name = " ".join(MARKS.sub("", name).split())
    return name if ARABIC_ONLY.match(name) else None


def arabic_locales() -> list[Locale]:
    ids = sorted(i for i in localedata.locale_identifiers() if i == "ar" or i.startswith("ar_"))
    return [Locale.parse(i) for i in ids]


def country_names(locales: list[Locale]) -> set[str]:
    codes = {c.alpha_2 for c in pycountry.countries}
    names = {clean(loc.territories[c]) for loc in locales for c in codes if c in loc.territories}
    iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    names |= {clean(iso.gettext(c.name)) for c in pycountry.countries}
    return {n for n in names if n and "،" not in n}


def city_names(locales: list[Locale]) -> set[str]:
    names = {clean(zone.get("city") or "") for loc in locales for zone in loc.time_zones.values()}
    return {n for n in names if n}


def nisba(country: str) -> str | None:
    """Masculine nationality adjective of a one-word country name: روسيا → روسي, مصر → مصري,
    العراق → عراقي; None where the rule does not apply (a name ending in ي or و)."""
    if " " in country:
        return None
    stem = country.removeprefix("ال")
    for ending in ("يا", "ا", "ة"):
        if stem.endswith(ending) and len(stem) - len(ending) >= 2:
            stem = stem[: -len(ending)]
            break
    if len(stem) < 3 or stem.endswith(("ي", "و")):
        return None
    return stem + "ي"


def nisba_forms(adjective: str) -> list[str]:
    """The adjective's forms a news text uses: m./f., definite or not, sound plurals."""
    stems = [adjective, adjective + "ة", adjective + "ون", adjective + "ين"]
    return stems + ["ال" + s for s in stems]


def main() -> int:
    locales = arabic_locales()
    countries = country_names(locales)
    adjectives = sorted({a for c in countries if (a := nisba(c))})
    ar = Locale.parse("ar")
    data = {
        "provenance": {
            "sources": "Unicode CLDR via Babel (territories, time-zone exemplar cities, "
                       "currencies, languages, months, days; all Arabic locales) and ISO 3166-1 "
                       "Arabic translations via pycountry; nationality adjectives derived by "
                       "the nisba rule in scripts/make_gazetteer.py",
            "babel": version("babel"),
            "pycountry": version("pycountry"),
        },
        "countries": sorted(countries),
        "cities": sorted(city_names(locales) - countries),
        "nationalities": sorted({f for a in adjectives for f in nisba_forms(a)}),
        "currencies": sorted({n for c, v in ar.currencies.items()
                              if (n := clean(v)) and len(c) == 3}),
        "languages": sorted({n for v in ar.languages.values() if (n := clean(v))
                             and n.startswith("ال") and " " not in n}),
        "months": sorted({clean(m) for loc in locales for m in loc.months["format"]["wide"].values()
                          if clean(m)}),
        "days": sorted({clean(d) for d in ar.days["format"]["wide"].values()}),
    }
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if "--check" in sys.argv:
        return 0 if OUT.read_text("utf-8") == text else 1
    OUT.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
