"""The table, for a person at a terminal: fits the width, wraps long text, never cuts an id.

When the columns cannot all fit, whole columns are dropped from the right (a column
marked ``keep``, such as ``id``, stays): a column missing is plain to see, a column squeezed to three
letters is not. Numbers are right-aligned, faded rows are dimmed, totals follow a
section line, and the notes are printed after the table at the full width (a caption
would wrap to the table's). Colour only where ``WriteOptions.color`` allows it; the
data is printed as text, never as Rich markup, so ``[brackets]`` survive. Every text a
table shows (cells, headings, title, caption, notes) goes through ``terminal.visible``
first, before any width is measured: a control or bidi character in the data is shown as
an escape, never obeyed by the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from rich.cells import cell_len

from ..report import Align, Column, Report, Role
from ..terminal import visible
from .console import make_console

if TYPE_CHECKING:
    from rich.text import Text

    from .interface import WriteOptions

#: Each column's padding and separator, as ``box.SIMPLE_HEAD`` without edge padding draws
#: them: a table is ``sum(widths) + 3 * columns - 1`` wide.
_PADDING = 3

_COLUMN_STYLE = {Role.KEY: "cyan", Role.TOTAL: "bold"}
_CELL_STYLE = {Role.BAR: "green"}


def natural_widths(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], header: bool = True
) -> list[int]:
    """Each column's width if nothing wrapped: its longest value, or its heading if shown."""
    return [
        max([cell_len(column.heading) if header else 0, *(cell_len(row[i]) for row in rows)])
        for i, column in enumerate(columns)
    ]


def least_width(column: Column, natural: int) -> int:
    """The narrowest a column may become: a one-line value is never cut."""
    if column.width is not None:
        return column.width
    if not column.wrap:
        return natural
    return min(natural, column.min_width)


def table_width(widths: Sequence[int]) -> int:
    return sum(widths) + _PADDING * len(widths) - 1 if widths else 0


def fit_columns(columns: Sequence[Column], least: Sequence[int], room: int) -> list[int]:
    """Indexes of the columns kept: drop from the right until the rest fit in ``room``.

    Columns marked ``keep`` always stay, even when they alone are wider than the room. A
    report that sized a column to the room it was given (a bar, a cross-tab's grid) may
    fill the line; any other table leaves the line's last cell free, as the list always has.
    """
    kept = list(range(len(columns)))
    spare = 0 if any(c.width is not None for c in columns) else 1

    def too_wide() -> bool:
        return table_width([least[i] for i in kept]) + spare > room

    while len(kept) > 1 and too_wide():
        drop = next((i for i in reversed(kept) if not columns[i].keep), None)
        if drop is None:
            break
        kept.remove(drop)
    return kept


def write_table(report: Report, out: TextIO, options: WriteOptions) -> None:
    from rich import box
    from rich.table import Table

    columns = [c._replace(heading=visible(c.heading)) for c in report.people_columns]
    if not columns:
        return
    rows = [[visible(cell) for cell in row] for row in report.people_rows]
    totals = None if report.totals is None else [visible(cell) for cell in report.totals]
    every_row = [*rows, *([totals] if totals is not None else [])]
    natural = natural_widths(columns, every_row, options.header)
    least = [least_width(c, n) for c, n in zip(columns, natural, strict=True)]
    shown = fit_columns(columns, least, options.width)

    bold = "bold" if options.color else ""
    dim = "dim" if options.color else ""
    caption = report.caption() if callable(report.caption) else report.caption
    table = Table(
        title=visible(report.title) or None if options.header else None,
        caption=None if caption is None else visible(caption),
        show_header=options.header,
        header_style=bold,
        box=box.SIMPLE_HEAD,
        title_style=bold,
        caption_style=dim,
        pad_edge=False,
    )
    for i in shown:
        column = columns[i]
        table.add_column(
            column.heading,
            justify="right" if column.align is Align.RIGHT else "left",
            style=_COLUMN_STYLE.get(column.role, "") if options.color else "",
            no_wrap=not column.wrap,
            overflow="fold" if column.wrap else "ellipsis",
            ratio=column.ratio,
            min_width=None if column.width is not None else least[i],
            max_width=column.max_width,
            width=column.width,
        )
    for n, row in enumerate(rows):
        faded = dim if n in report.dim else ""
        table.add_row(*(_cell(row[i], columns[i], faded, options) for i in shown))
    if totals is not None:
        table.add_section()
        table.add_row(*(_cell(totals[i], columns[i], bold, options) for i in shown))

    console = make_console(out, options)
    kept = [least[i] for i in shown if columns[i].keep]
    if console.width < table_width(kept):  # never cut an id, even on a tiny terminal
        console.width = table_width(kept)
    console.print(table)
    for note in report.notes:
        console.print(_text(visible(note), dim))


def _cell(value: str, column: Column, style: str, options: WriteOptions) -> Text:
    """A cell's value, already made ``visible``, in its style."""
    if not value:
        return _text(column.blank, "dim" if options.color and column.blank else "")
    if not style and options.color:
        style = _CELL_STYLE.get(column.role, "")
    return _text(value, style)


def _text(value: str, style: str) -> Text:
    from rich.text import Text

    return Text(value, style=style)
