"""ISO 3166-1 countries: validation, names in both languages, lookup by name.

The names come from pycountry (Indonesian ones from the ISO database's own translations,
iso-codes' gettext catalogues, not a hand-written list). The store keeps a copy of every
name and term, and a query answered from the store hands that copy over with
``use_table``, so it never imports pycountry.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from .i18n import Lang, normalize

if TYPE_CHECKING:
    import gettext
    from types import ModuleType

#: name rows (code, Indonesian, English) and terms (normalized term -> code)
Table = tuple[dict[str, tuple[str, str]], dict[str, str]]

_table_loader: Callable[[], Table | None] | None = None


def use_table(loader: Callable[[], Table | None] | None) -> None:
    """Read names and terms from ``loader`` (the store's copy) instead of pycountry.

    The names of ISO countries are the same for every register, so one copy per process
    is right; the loader runs only when a name or a term is first needed.
    """
    global _table_loader
    _table_loader = loader
    _table.cache_clear()
    country_name.cache_clear()
    country_terms.cache_clear()


@cache
def _table() -> Table | None:
    return None if _table_loader is None else _table_loader()


def _pycountry() -> ModuleType:
    import pycountry

    return pycountry


def country_exists(code: str) -> bool:
    return _pycountry().countries.get(alpha_2=code) is not None


@cache
def _indonesian() -> gettext.NullTranslations:
    import gettext

    locales = _pycountry().LOCALES_DIR
    return gettext.translation("iso3166-1", locales, languages=["id"], fallback=True)


def _english_name(country: Any) -> str:
    return str(getattr(country, "common_name", None) or country.name)


@cache
def country_name(code: str, lang: Lang) -> str:
    """The short name in the chosen language; the code itself if ISO does not know it."""
    table = _table()
    if table is not None:
        names = table[0].get(code)
        return code if names is None else names[0 if lang is Lang.ID else 1]
    country = _pycountry().countries.get(alpha_2=code)
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
    table = _table()
    if table is not None:
        return table[1]
    terms: dict[str, str] = {}
    translations = _indonesian()
    for country in _pycountry().countries:
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


def all_country_names() -> list[tuple[str, str, str]]:
    """(code, Indonesian name, English name) of every ISO country, for the store."""
    codes = sorted(c.alpha_2 for c in _pycountry().countries)
    return [(c, country_name(c, Lang.ID), country_name(c, Lang.EN)) for c in codes]
