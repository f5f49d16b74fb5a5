"""The columns of the tabular formats: each one's machine value and its human label.

Machine values (tsv, csv) are the data's keys and codes, the same in every language;
the table shows labels in the chosen language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..i18n import (
    INSTRUMENT_LABELS,
    KIND_LABELS,
    PARTNER_TYPE_LABELS,
    SCOPE_LABELS,
    STATUS_LABELS,
    Lang,
    label,
)
from ..models import Partnership


def _join(values: tuple[str, ...]) -> str:
    return ",".join(values)


MACHINE: dict[str, Callable[[Partnership], str]] = {
    "id": lambda r: r.id,
    "title": lambda r: r.title,
    "partner": lambda r: r.partner,
    "partner_type": lambda r: r.partner_type.value,
    "country": lambda r: r.country or "",
    "kind": lambda r: r.kind.value,
    "instrument": lambda r: r.instrument.value if r.instrument else "",
    "sectors": lambda r: _join(r.sectors),
    "signed": lambda r: r.signed or "",
    "ends": lambda r: r.ends or "",
    "status": lambda r: r.status.value,
    "scope": lambda r: r.scope.value,
    "year": lambda r: "" if r.year is None else str(r.year),
    "summary_id": lambda r: r.summary.id,
    "summary_en": lambda r: r.summary.en,
    "note_id": lambda r: r.note.id if r.note else "",
    "note_en": lambda r: r.note.en if r.note else "",
    "sources": lambda r: _join(r.sources),
}

ALL_COLUMNS: tuple[str, ...] = tuple(MACHINE)

DEFAULT_MACHINE_COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "partner",
    "partner_type",
    "country",
    "kind",
    "instrument",
    "sectors",
    "signed",
    "ends",
    "status",
)
DEFAULT_TABLE_COLUMNS: tuple[str, ...] = (
    "id",
    "partner",
    "country",
    "kind",
    "signed",
    "status",
    "sectors",
)


def human_value(record: Partnership, column: str, lang: Lang, sectors: Mapping[str, Any]) -> str:
    """What the table shows: labels in ``lang`` where the machine value is a key or code."""
    from ..countries import country_name

    match column:
        case "country":
            return country_name(record.country, lang) if record.country else "—"
        case "kind":
            return label(KIND_LABELS, record.kind, lang)
        case "status":
            return label(STATUS_LABELS, record.status, lang)
        case "partner_type":
            return label(PARTNER_TYPE_LABELS, record.partner_type, lang)
        case "scope":
            return label(SCOPE_LABELS, record.scope, lang)
        case "instrument":
            return label(INSTRUMENT_LABELS, record.instrument, lang) if record.instrument else ""
        case "sectors":
            return ", ".join(sectors[s].label(lang) if s in sectors else s for s in record.sectors)
        case "sources":
            return ", ".join(record.sources)
        case _:
            return MACHINE[column](record)
