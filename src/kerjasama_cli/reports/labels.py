"""Labels and numbers in the reader's language, for the people's view of a report.

The machine view never uses these: a script gets the data's keys and plain numbers,
the same in every language, so its output never changes with ``--lang``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from ..fields import group_field
from ..i18n import (
    INSTRUMENT_LABELS,
    KIND_LABELS,
    PARTNER_TYPE_LABELS,
    SCOPE_LABELS,
    STATUS_LABELS,
    Label,
    Lang,
    label,
    message,
)
from ..summary import MISSING, OTHER
from ..terminal import visible
from ..vocabulary import Instrument, Kind, PartnerType, Scope, Status

if TYPE_CHECKING:
    from ..models import RegisterView

_EIGHTHS = " ▏▎▍▌▋▊▉"


#: The labels of each fixed vocabulary, by the field that holds its values.
_ENUM_LABELS: dict[str, tuple[Mapping[Any, Label], type[StrEnum]]] = {
    "kind": (KIND_LABELS, Kind),
    "partner_type": (PARTNER_TYPE_LABELS, PartnerType),
    "instrument": (INSTRUMENT_LABELS, Instrument),
    "scope": (SCOPE_LABELS, Scope),
    "status": (STATUS_LABELS, Status),
}


def field_heading(by: str, lang: Lang) -> str:
    """The column heading of a ``--by`` field (from the field registry)."""
    return group_field(by).group_label(lang)


def machine_field(by: str) -> str:
    """The name of a ``--by`` field in the machine formats (``partner_type``, ``sector``)."""
    return group_field(by).grouped_as


def group_label(dataset: RegisterView, by: str, key: str, lang: Lang, folded: int = 0) -> str:
    """What a person reads for a group key: a label, a country name, a decade.

    ``folded`` is how many groups the ``OTHER`` group holds, which its label tells.
    """
    name = group_field(by).name
    if key == OTHER:
        return message("sum_other", lang, n=folded)
    if key == MISSING:
        if name == "country":
            return message("no_country", lang)
        if name in ("year", "decade"):
            return f"— ({message('undated', lang)})"
        return "—"
    if name in _ENUM_LABELS:
        labels, enum = _ENUM_LABELS[name]
        return label(labels, enum(key), lang)
    match name:
        case "sectors":  # the data's own label: made visible here, so widths measure it
            sector = dataset.sectors.get(key)
            return visible(sector.label(lang) if sector else key)
        case "country":
            from ..countries import country_name

            return country_name(key, lang)
        case "decade":
            return message("sum_decade_label", lang, decade=key.rstrip("s"))
    return key


def multi_note(counted: int, records: int, lang: Lang) -> str:
    """The note under a count by a multi-valued field: the groups add up to more than the
    records, since a record counts once in each of its values."""
    return message(
        "sum_multi_note", lang, sum=integer(counted, lang), records=integer(records, lang)
    )


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
