"""Labels and numbers in the reader's language, for the people's view of a report.

The machine view never uses these: a script gets the data's keys and plain numbers,
the same in every language, so its output never changes with ``--lang``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import (
    KIND_LABELS,
    PARTNER_TYPE_LABELS,
    SCOPE_LABELS,
    STATUS_LABELS,
    Lang,
    heading,
    label,
    message,
)
from ..summary import MISSING, OTHER
from ..vocabulary import Kind, PartnerType, Scope, Status

if TYPE_CHECKING:
    from ..models import Dataset

_EIGHTHS = " ▏▎▍▌▋▊▉"


def field_heading(by: str, lang: Lang) -> str:
    """The column heading of a ``--by`` field."""
    if by == "sector":
        return message("sum_sector", lang)
    if by == "decade":
        return message("sum_decade", lang)
    return heading(by.replace("-", "_"), lang)


def machine_field(by: str) -> str:
    """Field names of the machine formats follow the data (``partner_type``)."""
    return by.replace("-", "_")


def group_label(dataset: Dataset, by: str, key: str, lang: Lang, folded: int = 0) -> str:
    """What a person reads for a group key: a label, a country name, a decade.

    ``folded`` is how many groups the ``OTHER`` group holds, which its label tells.
    """
    if key == OTHER:
        return message("sum_other", lang, n=folded)
    if key == MISSING:
        if by == "country":
            return message("no_country", lang)
        if by in ("year", "decade"):
            return f"— ({message('undated', lang)})"
        return "—"
    match by:
        case "sector":
            sector = dataset.sectors.get(key)
            return sector.label(lang) if sector else key
        case "country":
            from ..countries import country_name

            return country_name(key, lang)
        case "kind":
            return label(KIND_LABELS, Kind(key), lang)
        case "partner-type":
            return label(PARTNER_TYPE_LABELS, PartnerType(key), lang)
        case "scope":
            return label(SCOPE_LABELS, Scope(key), lang)
        case "status":
            return label(STATUS_LABELS, Status(key), lang)
        case "decade":
            return message("sum_decade_label", lang, decade=key.rstrip("s"))
    return key


def integer(n: int, lang: Lang) -> str:
    """``15,800`` in English, ``15.800`` in Indonesian."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang is Lang.ID else text


def number(value: float, lang: Lang) -> str:
    """A reported value as people write it: no ``.0`` on a whole number, the local separators."""
    if float(value).is_integer():
        return integer(int(value), lang)
    text = f"{value:,}"
    if lang is Lang.ID:
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(part: int, whole: int, lang: Lang) -> str:
    text = f"{100 * part / whole:.1f}%" if whole else "—"
    return text.replace(".", ",") if lang is Lang.ID else text


def bar(count: int, largest: int, width: int) -> str:
    """A horizontal bar ``width`` cells long at ``largest``, in eighths of a cell."""
    if count <= 0 or largest <= 0:
        return ""
    eighths = max(1, round(8 * width * count / largest))
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def machine_value(value: float) -> int | float:
    """JSON has no need for ``102.0``: a whole number stays an integer."""
    return int(value) if float(value).is_integer() else value
