"""ISO 3166-1 countries from pycountry: validation, names in both languages, lookup by name.

Indonesian names come from the ISO database's own translations (iso-codes' gettext
catalogues, shipped inside pycountry), not from a hand-written list.
"""

from __future__ import annotations

import gettext
from functools import cache
from typing import Any

import pycountry

from .i18n import Lang, normalize


def country_exists(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None


@cache
def _indonesian() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"], fallback=True)


def _english_name(country: Any) -> str:
    return str(getattr(country, "common_name", None) or country.name)


@cache
def country_name(code: str, lang: Lang) -> str:
    """The short name in the chosen language; the code itself if ISO does not know it."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    if lang is Lang.ID:
        translations = _indonesian()
        for attr in ("common_name", "name"):
            value = getattr(country, attr, None)
            if value:
                translated = translations.gettext(value)
                if translated != value or attr == "name":
                    return translated
    return _english_name(country)


#: Everyday names people type that the ISO lists do not carry (Russia, Turkey, UK,
#: Tiongkok...). Only for matching input: names shown come from the ISO database.
EVERYDAY_NAMES: dict[str, tuple[str, ...]] = {
    "RU": ("Russia", "Rusia"),
    "TR": ("Turkey", "Turkiye"),
    "GB": ("UK", "Great Britain", "Britain", "England", "Inggris"),
    "CN": ("Tiongkok", "RRT", "Republik Rakyat Cina"),
    "BN": ("Brunei",),
    "NL": ("Holland",),
    "FR": ("Prancis",),
    "KR": ("Korsel", "Republic of Korea"),
    "KP": ("Korut",),
    "US": ("America", "Amerika"),
    "PS": ("Palestine", "Palestina"),
    "CZ": ("Ceko",),
    "AE": ("UAE", "Emirat Arab"),
    "PH": ("Filipina",),
}


@cache
def country_terms() -> dict[str, str]:
    """Every way to write a country (codes, names in English and Indonesian), normalized → alpha-2."""
    terms: dict[str, str] = {}
    translations = _indonesian()
    for country in pycountry.countries:
        code = country.alpha_2
        names = [code, country.alpha_3]
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names += [value, translations.gettext(value)]
        for name in names:
            terms.setdefault(normalize(name), code)
    for code, everyday in EVERYDAY_NAMES.items():
        for name in everyday:
            terms.setdefault(normalize(name), code)
    return terms
