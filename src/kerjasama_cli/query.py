"""Pure query functions over validated records: filter, search, sort, limit. Nothing prints.

Values of one filter are OR-ed, filters are AND-ed. Every value is already a key of the
data (see ``resolve`` for turning what a user typed into keys).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any

from .dates import on_or_after, on_or_before, sort_key
from .i18n import normalize
from .models import Partnership

#: Fields ``sort_partnerships`` accepts.
SORT_FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "partner",
    "partner_type",
    "country",
    "kind",
    "instrument",
    "signed",
    "ends",
    "status",
    "scope",
    "year",
)


@dataclass(frozen=True)
class Query:
    """A filter over partnerships. An empty set means "any"."""

    sector: frozenset[str] = frozenset()
    country: frozenset[str] = frozenset()
    kind: frozenset[str] = frozenset()
    instrument: frozenset[str] = frozenset()
    partner_type: frozenset[str] = frozenset()
    scope: frozenset[str] = frozenset()
    status: frozenset[str] = frozenset()
    year: frozenset[str] = frozenset()
    since: str | None = None
    until: str | None = None
    search: str | None = None

    def is_empty(self) -> bool:
        return all(not getattr(self, f.name) for f in fields(self))


def matches(record: Partnership, query: Query) -> bool:
    """Whether one record passes every filter of ``query``."""
    if query.sector and query.sector.isdisjoint(record.sectors):
        return False
    if query.country and record.country not in query.country:
        return False
    if query.kind and record.kind.value not in query.kind:
        return False
    if query.instrument and (
        record.instrument is None or record.instrument.value not in query.instrument
    ):
        return False
    if query.partner_type and record.partner_type.value not in query.partner_type:
        return False
    if query.scope and record.scope.value not in query.scope:
        return False
    if query.status and record.status.value not in query.status:
        return False
    if query.year or query.since or query.until:
        if record.signed is None:
            return False
        if query.year and record.signed[:4] not in query.year:
            return False
        if query.since and not on_or_after(record.signed, query.since):
            return False
        if query.until and not on_or_before(record.signed, query.until):
            return False
    return not (query.search and normalize(query.search) not in searchable_text(record))


def searchable_text(record: Partnership) -> str:
    """Id, title, partner and both summaries, folded for case- and accent-insensitive search."""
    return normalize(
        " \n ".join((record.id, record.title, record.partner, record.summary.id, record.summary.en))
    )


def filter_partnerships(records: Iterable[Partnership], query: Query) -> list[Partnership]:
    """The records that match, in their original order."""
    if query.is_empty():
        return list(records)
    return [r for r in records if matches(r, query)]


def _value(record: Partnership, field: str) -> Any:
    value = getattr(record, field)
    if field in ("signed", "ends"):
        return None if value is None else sort_key(value)
    if isinstance(value, str):
        return normalize(value)
    return value


def sort_partnerships(records: Sequence[Partnership], field: str = "id") -> list[Partnership]:
    """Sort by ``field``; a leading ``-`` sorts descending. Records lacking the field come last.

    Ties are broken by id, so the order is always the same.
    """
    descending = field.startswith("-")
    name = field.removeprefix("-")
    if name not in SORT_FIELDS:
        raise ValueError(f"unknown sort field {name!r}")
    by_id = sorted(records, key=lambda r: r.id)
    present = [r for r in by_id if _value(r, name) is not None]
    missing = [r for r in by_id if _value(r, name) is None]
    present.sort(key=lambda r: _value(r, name), reverse=descending)
    return present + missing


def first(records: Sequence[Partnership], n: int | None) -> list[Partnership]:
    """At most ``n`` records (all of them when ``n`` is None)."""
    return list(records if n is None else records[:n])
