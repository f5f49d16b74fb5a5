"""Counting the register: groups, cross-tabs, the vocabulary's use and the reported figures.

Plain functions over validated records that return plain data; nothing here prints or
knows about Rich, so a notebook can count the register exactly as ``summary`` does.
Group keys are the data's own keys (sector key, country code, kind value, ``"2024"``,
``"1980s"``), the same in every language; labels are the renderer's business.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .fields import BY_NAME, FIELDS, group_field
from .fields import GROUP_FIELDS as FIELD_GROUPS
from .models import Figure, Partnership, RegisterView
from .query import Query

if TYPE_CHECKING:
    from .store import Register

#: Fields ``--by`` accepts, by the name their groups carry (``sector``, ``partner_type``).
GROUP_FIELDS: tuple[str, ...] = tuple(BY_NAME[name].grouped_as for name in FIELD_GROUPS)

#: Fields whose natural order is time, so they read as a timeline.
CHRONOLOGICAL_FIELDS: frozenset[str] = frozenset(
    f.grouped_as for f in FIELDS if f.group and f.chronological
)

#: Fields a record may hold several values of: it counts once in each.
MULTI_VALUED_FIELDS: frozenset[str] = frozenset(
    f.grouped_as for f in FIELDS if f.group and f.multi_valued
)

#: The group of records that lack the field (no signed date, no country).
MISSING = ""

#: The row that ``top`` folds the smaller groups into. Parentheses never occur in a data
#: key (slugs, codes, years), so it cannot collide with a real group.
OTHER = "(other)"

#: Conditions of a figure's ``compare`` that fall on the signed date.
DATE_FILTERS: frozenset[str] = frozenset({"year", "since", "until"})


class SortOrder(StrEnum):
    """How groups are ordered: largest first, or by name (time, for years and decades)."""

    COUNT = "count"
    NAME = "name"


def group_name(by: str) -> str:
    """The name of a ``--by`` field's groups, from any of its spellings (``partner-type``)."""
    return group_field(by).grouped_as


def group_keys(record: Partnership, by: str) -> tuple[str, ...]:
    """The group(s) one record falls in; ``MISSING`` where it lacks the field."""
    name = group_field(by).name
    match name:
        case "sectors":
            return tuple(dict.fromkeys(record.sectors))
        case "year":
            return (MISSING if record.year is None else str(record.year),)
        case "decade":
            return (MISSING if record.year is None else f"{record.year // 10 * 10}s",)
    value = getattr(record, name)
    if value is None:
        return (MISSING,)
    return (str(getattr(value, "value", value)),)


def count_by(records: Iterable[Partnership], by: str) -> Counter[str]:
    """Records per group. A multi-sector record counts once in each of its sectors."""
    counts: Counter[str] = Counter()
    for record in records:
        counts.update(group_keys(record, by))
    return counts


def _time_value(key: str) -> int:
    return int(key.rstrip("s"))


def _order(
    counts: Mapping[str, int],
    by: str,
    sort: SortOrder | None,
    name_of: Callable[[str], str] | None,
) -> list[str]:
    """Keys in display order. Records lacking the field come last in name and time order."""
    keys = [k for k in counts if k not in (MISSING, OTHER)]
    name = name_of or (lambda k: k)
    if sort is None:
        sort = SortOrder.NAME if by in CHRONOLOGICAL_FIELDS else SortOrder.COUNT
    if by in CHRONOLOGICAL_FIELDS:
        keys.sort(key=_time_value)
    else:
        keys.sort(key=lambda k: (name(k).casefold(), k))
    tail = [MISSING] if MISSING in counts else []
    if sort is SortOrder.COUNT:
        # stable: ties keep the name (or time) order
        return sorted(keys + tail, key=lambda k: -counts[k])
    return keys + tail


def _fold(counts: Counter[str], top: int | None) -> tuple[Counter[str], frozenset[str]]:
    """Keep the ``top`` largest groups (ties broken by key); fold the others into ``OTHER``."""
    if top is None or len(counts) <= top:
        return Counter(counts), frozenset(counts)
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    kept = frozenset(ranked[:top])
    folded: Counter[str] = Counter({k: counts[k] for k in kept})
    folded[OTHER] = sum(counts[k] for k in ranked[top:])
    return folded, kept


def _fill_gaps(counts: Counter[str], by: str) -> None:
    """Every year (or decade) between the first and the last, so a gap is seen as a gap."""
    present = [_time_value(k) for k in counts if k not in (MISSING, OTHER)]
    if not present:
        return
    step = 10 if by == "decade" else 1
    for value in range(min(present), max(present) + 1, step):
        key = f"{value}s" if by == "decade" else str(value)
        counts.setdefault(key, 0)


@dataclass(frozen=True)
class Group:
    key: str
    count: int


@dataclass(frozen=True)
class Summary:
    """Records grouped by one field.

    ``records`` is the number of records counted (the filtered records); the group counts
    add up to more than that when the field is multi-valued (``sector``).
    """

    by: str
    groups: tuple[Group, ...]
    records: int
    multi_valued: bool
    folded: int = 0  # how many groups ``top`` folded into OTHER

    @property
    def group_total(self) -> int:
        return sum(g.count for g in self.groups)


def summarize(
    records: Sequence[Partnership],
    by: str,
    sort: SortOrder | None = None,
    top: int | None = None,
    timeline: bool = False,
    name_of: Callable[[str], str] | None = None,
) -> Summary:
    """Group ``records`` by ``by``.

    ``sort`` None is the natural order: time for years and decades, else largest first.
    ``top`` keeps the largest groups and folds the rest into one ``OTHER`` group, so the
    counts still account for every record. ``timeline`` adds the empty years (decades)
    between the first and the last, for a reader scanning a time line; it applies only in
    time order and without ``top``. ``name_of`` gives the name that ``SortOrder.NAME``
    sorts by (a label in the reader's language); the key by default.
    """
    by = group_name(by)
    counts = count_by(records, by)
    folded, kept = _fold(counts, top)
    chronological = by in CHRONOLOGICAL_FIELDS and sort in (None, SortOrder.NAME)
    if timeline and chronological and top is None:
        _fill_gaps(folded, by)
    order = _order(folded, by, sort, name_of)
    if OTHER in folded:
        order.append(OTHER)
    return Summary(
        by=by,
        groups=tuple(Group(k, folded[k]) for k in order),
        records=len(records),
        multi_valued=by in MULTI_VALUED_FIELDS,
        folded=len(counts) - len(kept),
    )


@dataclass(frozen=True)
class CrossTab:
    """Records counted by two fields at once. Totals are sums of the cells, so they add up.

    Where one field is multi-valued, a record counts once in each of its values, and
    ``total`` exceeds ``records``.
    """

    rows_by: str
    columns_by: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: Mapping[tuple[str, str], int]
    records: int
    multi_valued: bool
    rows_folded: int = 0  # how many rows ``top`` folded into the OTHER row
    columns_folded: int = 0

    def cell(self, row: str, column: str) -> int:
        return self.cells.get((row, column), 0)

    def row_total(self, row: str) -> int:
        return sum(self.cell(row, c) for c in self.columns)

    def column_total(self, column: str) -> int:
        return sum(self.cell(r, column) for r in self.rows)

    @property
    def total(self) -> int:
        return sum(self.cells.values())

    def nonzero(self) -> list[tuple[str, str, int]]:
        """The cells that hold records, row by row: the shape of the machine formats."""
        return [(r, c, self.cell(r, c)) for r in self.rows for c in self.columns if self.cell(r, c)]


def crosstab(
    records: Sequence[Partnership],
    rows_by: str,
    columns_by: str,
    sort: SortOrder | None = None,
    top: int | None = None,
    name_of: Callable[[str, str], str] | None = None,
) -> CrossTab:
    """Count ``records`` by two fields. ``top`` keeps the largest rows and the largest
    columns, each folding the rest into ``OTHER``; ``name_of(field, key)`` as in ``summarize``.
    """
    rows_by, columns_by = group_name(rows_by), group_name(columns_by)
    pairs: Counter[tuple[str, str]] = Counter()
    for record in records:
        for r in group_keys(record, rows_by):
            for c in group_keys(record, columns_by):
                pairs[(r, c)] += 1
    row_counts: Counter[str] = Counter()
    column_counts: Counter[str] = Counter()
    for (r, c), n in pairs.items():
        row_counts[r] += n
        column_counts[c] += n

    def axis(counts: Counter[str], by: str) -> tuple[list[str], frozenset[str]]:
        folded, kept = _fold(counts, top)
        names = None if name_of is None else (lambda k: name_of(by, k))
        order = _order(folded, by, sort, names)
        return ([*order, OTHER] if OTHER in folded else order), kept

    rows, kept_rows = axis(row_counts, rows_by)
    columns, kept_columns = axis(column_counts, columns_by)
    cells: Counter[tuple[str, str]] = Counter()
    for (r, c), n in pairs.items():
        cells[(r if r in kept_rows else OTHER, c if c in kept_columns else OTHER)] += n
    return CrossTab(
        rows_by=rows_by,
        columns_by=columns_by,
        rows=tuple(rows),
        columns=tuple(columns),
        cells=dict(cells),
        records=len(records),
        multi_valued=bool({rows_by, columns_by} & MULTI_VALUED_FIELDS),
        rows_folded=len(row_counts) - len(kept_rows),
        columns_folded=len(column_counts) - len(kept_columns),
    )


@dataclass(frozen=True)
class SectorUse:
    key: str
    label_id: str
    label_en: str
    aliases: tuple[str, ...]
    count: int


def sector_use(
    dataset: RegisterView, records: Iterable[Partnership] | None = None
) -> list[SectorUse]:
    """The vocabulary, in the data's order, with how many records name each sector."""
    from .store import Register

    counts: Mapping[str, int]
    if records is None and isinstance(dataset, Register):
        counts = dataset.sector_counts()  # counted by SQL, without reading every record
    else:
        counts = count_by(dataset.partnerships if records is None else records, "sector")
    return [
        SectorUse(key, sector.id, sector.en, tuple(sector.aliases), counts.get(key, 0))
        for key, sector in dataset.sectors.items()
    ]


@dataclass(frozen=True)
class FigureCheck:
    """A reported figure beside the register's answer to the same question.

    ``register`` is None where the figure names no comparable question. ``undated`` counts
    the records that meet every other condition but have no signed date, which a date
    condition must leave out; None where the question has no date condition.
    """

    figure: Figure
    register: int | None
    undated: int | None
    query: Query | None = field(default=None, compare=False)


def compare_query(figure: Figure, resolve: Callable[[str, str], str]) -> Query | None:
    """The ``Query`` of a figure's ``compare``; ``resolve(filter, value)`` turns values into keys."""
    if figure.compare is None:
        return None
    values: dict[str, Any] = {}
    for name, raw in figure.compare.items():
        resolved = [resolve(name, v) for v in raw]
        if name in ("since", "until"):
            # several bounds: the widest one is what a list of bounds can only mean
            values[name] = (min if name == "since" else max)(resolved, key=_date_key)
        else:
            values[name] = frozenset(resolved)
    return Query(**values)


def _date_key(text: str) -> tuple[int, ...]:
    from .dates import sort_key

    return sort_key(text)


def check_figure(
    figure: Figure, register: Register, resolve: Callable[[str, str], str]
) -> FigureCheck:
    """One figure beside the register's answer, counted by the store's SQL."""
    query = compare_query(figure, resolve)
    if query is None:
        return FigureCheck(figure, None, None)
    undated: int | None = None
    if figure.compare and DATE_FILTERS & set(figure.compare):
        undateless = query._replace(year=frozenset(), since=None, until=None)
        undated = register.count(undateless, undated_only=True)
    return FigureCheck(figure, register.count(query), undated, query)


def check_figures(dataset: RegisterView, resolve: Callable[[str, str], str]) -> list[FigureCheck]:
    """Every figure of the dataset, in its order, with the register's count beside it."""
    from .store import Register

    register = dataset if isinstance(dataset, Register) else Register.from_dataset(dataset)
    return [check_figure(f, register, resolve) for f in dataset.figures]
