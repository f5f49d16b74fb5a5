"""The columns of the tabular formats: each one's machine value and its human label.

Machine values (tsv, csv) are the data's keys and codes, the same in every language;
the table shows labels in the chosen language.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any

from ..fields import COLUMNS, DEFAULT_MACHINE_COLUMNS, DEFAULT_TABLE_COLUMNS
from ..i18n import (
    INSTRUMENT_LABELS,
    KIND_LABELS,
    PARTNER_TYPE_LABELS,
    SCOPE_LABELS,
    STATUS_LABELS,
    Lang,
    label,
)

if TYPE_CHECKING:
    from ..models import Partnership

__all__ = [
    "ALL_COLUMNS", "DEFAULT_MACHINE_COLUMNS", "DEFAULT_TABLE_COLUMNS", "MACHINE", "human_value",
    "machine_value",
]  # fmt: skip


def machine_value(record: Partnership, column: str) -> str:
    """A column's value in tsv and csv: the data's own key or text, lists comma-joined."""
    if column in ("summary_id", "summary_en", "note_id", "note_en"):
        name, lang = column.rsplit("_", 1)
        text = getattr(record, name)
        return "" if text is None else str(getattr(text, lang))
    value = getattr(record, column)
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def json_value(record: Partnership, column: str) -> Any:
    """A column's value for json, jsonl and yaml with ``--columns``: lists as lists, a year
    as a number, keys as the data writes them, and null where the record has none."""
    if column in ("summary_id", "summary_en", "note_id", "note_en"):
        name, lang = column.rsplit("_", 1)
        text = getattr(record, name)
        return None if text is None else getattr(text, lang)
    value = getattr(record, column)
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Enum):
        return value.value
    return value


#: Every column's machine value, by name (derived from the field registry).
MACHINE: dict[str, Callable[[Partnership], str]] = {
    name: functools.partial(lambda column, r: machine_value(r, column), name) for name in COLUMNS
}

ALL_COLUMNS: tuple[str, ...] = COLUMNS


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
            return machine_value(record, column)
