"""A report: what a command has to say, before anyone decides how it is written.

A command builds one ``Report`` and hands it to the writer of the chosen format
(``writers/``). The report holds two views of the same result, because people and
scripts need different things:

- **machines** (tsv, csv) get ``rows``: the data's keys and plain numbers, the same in
  every language, one cell per column of ``machine_columns``;
- **people** (the table) get ``display``: labels in the reader's language, shares and
  bars, one cell per column of ``people_columns``; without ``display`` they get ``rows``.

The two views may differ in shape: a cross-tab is a grid for people but one line per
non-empty cell for a script, and a timeline shows its empty years to people only.
``items`` is what json, jsonl and yaml write (a record as a dict, not as its columns);
``ids`` is what ``--format ids`` writes. Plain frozen data: nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from enum import Enum
from typing import Any, Generic, NamedTuple, TypeVar, overload

S = TypeVar("S")
T = TypeVar("T")


class Align(Enum):
    LEFT = "left"
    RIGHT = "right"  # numbers, so their digits line up


class Audience(Enum):
    """Who a column is for."""

    ALL = "all"
    PEOPLE = "people"  # a label, a share or a bar: no use to a script
    MACHINES = "machines"  # a key or a raw value that a person reads elsewhere as a label


class Role(Enum):
    """What a column's cells are, which decides how a table shows them."""

    TEXT = "text"
    KEY = "key"  # identifies the row (an id, a sector key): coloured
    TOTAL = "total"  # a column of totals: bold
    BAR = "bar"  # a bar drawn to scale: coloured


class Column(NamedTuple):
    """One column: its machine name (the tsv/csv header) and how a table shows it.

    ``wrap`` False keeps short values (ids, dates, numbers) on one line, never narrower
    than their longest value; a wrapped column folds long text and may shrink to
    ``min_width`` (or its longest value, if shorter) before the table drops columns.
    ``ratio`` shares the room left over between wrapped columns; ``max_width`` and
    ``width`` bound a column when the report already knows the room it has. ``blank`` is
    shown, dimmed, in an empty cell (the ``·`` of a cross-tab). ``keep`` marks a column
    the table never drops for want of room: the id, the totals, the count a report is for.
    """

    name: str
    heading: str = ""
    align: Align = Align.LEFT
    wrap: bool = True
    ratio: int | None = None
    min_width: int = 10
    max_width: int | None = None
    width: int | None = None
    audience: Audience = Audience.ALL
    role: Role = Role.TEXT
    blank: str = ""
    keep: bool = False

    @property
    def for_people(self) -> bool:
        return self.audience is not Audience.MACHINES

    @property
    def for_machines(self) -> bool:
        return self.audience is not Audience.PEOPLE


Row = Sequence[str]


class Mapped(Sequence[T], Generic[S, T]):
    """``function`` applied to each item of ``source`` only when it is read.

    A report on 100,000 records holds its rows, labels and dicts this way, so a format
    pays only for what it writes: tsv never builds the labels, json never the cells.
    """

    def __init__(self, function: Callable[[S], T], source: Sequence[S]) -> None:
        self._function = function
        self._source = source

    def __len__(self) -> int:
        return len(self._source)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return [self._function(item) for item in self._source[index]]
        return self._function(self._source[index])

    def __iter__(self) -> Iterator[T]:
        return map(self._function, self._source)


class Deferred(Sequence[T]):
    """A sequence read from ``load`` the first time anything asks for it (a store query
    that a writer may never need)."""

    def __init__(self, load: Callable[[], Sequence[T]]) -> None:
        self._load = load
        self._items: Sequence[T] | None = None

    def _all(self) -> Sequence[T]:
        if self._items is None:
            self._items = self._load()
        return self._items

    def __len__(self) -> int:
        return len(self._all())

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        return self._all()[index]

    def __iter__(self) -> Iterator[T]:
        return iter(self._all())


class Report:
    """A titled result in rows and columns, with notes for a person.

    ``dim`` holds indexes into the people's rows (``display``, else ``rows``) to show
    faded, such as a year without records; ``totals`` is a row for people, shown after a
    section line; ``notes`` and ``caption`` are for people and never reach a script.
    ``caption`` may be a function, when it costs a query: only a table calls it.
    ``json_items`` and ``json_lines`` are ``items`` already written by the store, as UTF-8:
    each as ``json`` writes an item of its list (indented one level), and as ``jsonl``
    writes a line; the same bytes, without a dict per record, make a large answer fast.

    A plain class with keyword arguments, not a dataclass: it is built on every run, and
    a dataclass costs compiles at every start.
    """

    def __init__(
        self,
        *,
        title: str = "",
        columns: tuple[Column, ...] = (),
        rows: Sequence[Row] = (),
        display: Sequence[Row] | None = None,
        notes: tuple[str, ...] = (),
        caption: str | Callable[[], str] | None = None,
        totals: Row | None = None,
        dim: frozenset[int] = frozenset(),
        items: Sequence[Any] | None = None,
        ids: Sequence[str] | None = None,
        json_items: Sequence[bytes] | None = None,
        json_lines: Sequence[bytes] | None = None,
    ) -> None:
        self.title, self.columns, self.rows, self.display = title, columns, rows, display
        self.notes, self.caption, self.totals, self.dim = notes, caption, totals, dim
        self.items, self.ids = items, ids
        self.json_items, self.json_lines = json_items, json_lines
        # Rows may be computed on demand (``Mapped``): only their number is checked here.
        if self.dim and max(self.dim) >= len(self.people_rows):
            raise ValueError("a dimmed row that is not there")
        people = len(self.people_columns)
        if self.totals is not None and len(self.totals) != people:
            raise ValueError(f"a totals row of {len(self.totals)} cells for {people} columns")
        if self.display is None and any(c.audience is not Audience.ALL for c in self.columns):
            raise ValueError("a column for one audience only needs display rows for people")

    @property
    def machine_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.for_machines)

    @property
    def people_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.for_people)

    @property
    def people_rows(self) -> Sequence[Row]:
        return self.rows if self.display is None else self.display

    @property
    def structured(self) -> Sequence[Any]:
        """The items of json, jsonl and yaml: ``items``, else each row as a dict."""
        if self.items is not None:
            return self.items
        names = [c.name for c in self.machine_columns]
        return Mapped(lambda row: dict(zip(names, row, strict=True)), self.rows)

    @property
    def keys(self) -> Sequence[str]:
        """What ``--format ids`` writes: ``ids``, else the first machine column."""
        if self.ids is not None:
            return self.ids
        return Mapped(lambda row: row[0], self.rows)
