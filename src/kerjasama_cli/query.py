"""Pure query functions over validated records: filter, search, sort, limit. Nothing prints.

Values of one filter are OR-ed, filters are AND-ed. Every value is already a key of the
data (see ``resolve`` for turning what a user typed into keys).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .fields import SORT_FIELDS, field_named

if TYPE_CHECKING:
    from .models import Partnership
    from .store import Register

__all__ = ["SORT_FIELDS", "Query", "filter_partnerships", "sort_partnerships"]


class Query(NamedTuple):
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
    search: frozenset[str] = frozenset()  # texts, any of which may match

    def is_empty(self) -> bool:
        return not any(self)


@lru_cache(maxsize=4)
def _register(records: tuple[Partnership, ...]) -> Register:
    """An in-memory store of ``records``, kept for the next question about the same ones
    (a notebook filtering one register many times compiles it once)."""
    from .store import Register, StoreState
    from .store.compile import Compiler

    connection = sqlite3.connect(":memory:", check_same_thread=False)
    compiler = Compiler(connection, countries=False)
    for record in records:
        compiler.record(record)
    compiler.finish()
    return Register(connection, Path("<memory>"), StoreState(None, True, "in memory"))


def filter_partnerships(records: Iterable[Partnership], query: Query) -> list[Partnership]:
    """The records that match, in their original order.

    Runs the store's SQL over the records, so the Python API and the command line share
    one implementation of the filter semantics (``store/sql.py``).
    """
    records = tuple(records)
    if query.is_empty():
        return list(records)
    keep = set(_register(records).select_texts("id", query))
    return [r for r in records if r.id in keep]


def sort_partnerships(records: Sequence[Partnership], field: str = "id") -> list[Partnership]:
    """Sort by ``field`` (any spelling of a sortable field); a leading ``-`` sorts descending.

    Records lacking the field come last; ties are broken by id, so the order is always the same.
    """
    descending = field.startswith("-")
    found = field_named(field.removeprefix("-"))
    if found is None or not found.sort:
        raise ValueError(f"unknown sort field {field.removeprefix('-')!r}")
    order = _register(tuple(records)).select_texts(
        "id", None, ("-" if descending else "") + found.name
    )
    by_id = {r.id: r for r in records}
    return [by_id[i] for i in order]
