"""The filter semantics, once: a ``Query`` as an SQL condition, and a sort as an ORDER BY.

Values of one filter are OR-ed, filters are AND-ed; dates are compared at the coarser
precision of the two (``2015`` is on or after ``2015-06``: it may be); ``--search`` is
case- and accent-insensitive (both sides folded by ``i18n.normalize``). Every query of
the program, the Python API's included, runs through here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..fields import BY_NAME, FIELDS, FILTERS, Match
from ..i18n import normalize

if TYPE_CHECKING:
    from ..query import Query


def _marks(values: Any) -> str:
    return ", ".join("?" * len(values))


def _on_or_after(bound: str, after: bool) -> tuple[str, list[Any]]:
    """``signed`` on or after (or before) a partial date, at the coarser precision."""
    from ..dates import parse_partial_date

    parts: list[int | None] = [*parse_partial_date(bound), None, None]
    y, m, d = parts[0], parts[1], parts[2]
    gt = ">" if after else "<"
    cmp = ">=" if after else "<="
    sql = (
        f"(signed_y {gt} ? OR (signed_y = ? AND (? IS NULL OR signed_m IS NULL OR signed_m {gt} ?"
        f" OR (signed_m = ? AND (? IS NULL OR signed_d IS NULL OR signed_d {cmp} ?)))))"
    )
    return sql, [y, y, m, m, m, d, d]


def where(query: Query) -> tuple[str, list[Any]]:
    """``WHERE`` clause (or "") and its parameters for the records that match ``query``."""
    conditions: list[str] = []
    params: list[Any] = []
    for spec in FILTERS:
        value = getattr(query, spec.name)
        if not value:
            continue
        match spec.match:
            case Match.ANY_OF:
                conditions.append(f"{spec.field} IN ({_marks(value)})")
                params += sorted(value)
            case Match.OVERLAPS:
                conditions.append(
                    "id IN (SELECT partnership FROM partnership_sectors"
                    f" WHERE sector IN ({_marks(value)}))"
                )
                params += sorted(value)
            case Match.YEAR:
                conditions.append(f"signed_y IN ({_marks(value)})")
                params += sorted(int(v) for v in value)
            case Match.SINCE | Match.UNTIL:
                sql, values = _on_or_after(value, spec.match is Match.SINCE)
                conditions.append(sql)
                params += values
            case Match.TEXT:  # any of the texts, each folded as the stored text is
                texts = sorted(value)
                conditions.append("(" + " OR ".join(["instr(search, ?) > 0"] * len(texts)) + ")")
                params += [normalize(t) for t in texts]
    if not conditions:
        return "", []
    return "WHERE " + " AND ".join(conditions), params


#: The store's columns that order a field, where they are not the field's own: a folded
#: copy of a text (``Field.folded_sort``), the parts of a date.
_SORT_COLUMNS: dict[str, tuple[str, ...]] = {
    **{f.name: (f"{f.name}_fold",) for f in FIELDS if f.folded_sort},
    "signed": ("signed_y", "signed_m", "signed_d"),
    "ends": ("ends_y", "ends_m", "ends_d"),
}


def order_by(sort: str) -> str:
    """``ORDER BY`` for ``--sort FIELD`` (``-FIELD`` descending): records lacking the field
    last either way, ties by id. ``sort`` must be a sortable field's canonical name."""
    descending = sort.startswith("-")
    name = sort.removeprefix("-")
    if name not in BY_NAME or not BY_NAME[name].sort:
        raise ValueError(f"unknown sort field {name!r}")
    columns = _SORT_COLUMNS.get(name, (name,))
    direction = " DESC" if descending else ""
    keys = [f"({columns[0]} IS NULL)", *(c + direction for c in columns)]
    if name != "id":
        keys.append("id")
    return "ORDER BY " + ", ".join(keys)
