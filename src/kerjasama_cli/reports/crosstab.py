"""``summary --by ROWS --by COLUMNS``: a cross-tab, as a report.

People read a grid with totals at the end of each row and column; a script reads one
line per cell that holds records (``rows, columns, count``), which needs no reshaping
before ``sort`` or a spreadsheet's pivot table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..i18n import Lang, message
from ..report import Align, Audience, Column, Report, Role
from ..summary import MISSING, CrossTab
from .labels import field_heading, group_label, integer, machine_field, multi_note

if TYPE_CHECKING:
    from ..models import RegisterView


def crosstab_report(dataset: RegisterView, tab: CrossTab, lang: Lang, width: int) -> Report:
    """``tab`` for a terminal ``width`` wide.

    Where even the numbers cannot all fit, the grid keeps its first columns (the
    largest, unless sorted by name) and the Total column, which still counts them all.
    """
    folded_rows, folded_columns = tab.rows_folded, tab.columns_folded
    notes = [message("sum_records_note", lang, records=integer(tab.records, lang))]
    if tab.multi_valued:
        notes.append(multi_note(tab.total, tab.records, lang))
    if folded_rows:
        notes.append(message("sum_top_rows", lang, n=folded_rows))
    if folded_columns:
        notes.append(message("sum_top_columns", lang, n=folded_columns))

    rows_heading = field_heading(tab.rows_by, lang)
    columns_heading = field_heading(tab.columns_by, lang)
    row_names = [group_label(dataset, tab.rows_by, r, lang, folded_rows) for r in tab.rows]
    column_names = [
        group_label(dataset, tab.columns_by, c, lang, folded_columns) for c in tab.columns
    ]
    total = message("sum_total", lang)
    column_totals = [integer(tab.column_total(c), lang) for c in tab.columns]
    grand_total = integer(tab.total, lang)
    # As many columns as fit, at the least the width of their numbers; Total always.
    shown = len(tab.columns)
    while True:
        label_width, widths = crosstab_widths(
            width,
            [rows_heading, *row_names, total],
            [*column_names[:shown], total],
            [*column_totals[:shown], grand_total],
        )
        if shown == 0 or label_width + sum(widths) + 3 * (len(widths) + 1) - 1 <= width:
            break
        shown -= 1
    rows_name, columns_name = machine_field(tab.rows_by), machine_field(tab.columns_by)
    people = Audience.PEOPLE
    grid = [
        Column(key, text, Align.RIGHT, width=w, audience=people, blank="·")
        for key, text, w in zip(tab.columns[:shown], column_names, widths, strict=False)
    ]
    return Report(
        title=message(
            "sum_title_cross", lang, rows=rows_heading.lower(), columns=columns_heading.lower()
        ),
        columns=(
            Column(rows_name, audience=Audience.MACHINES),
            Column(columns_name, audience=Audience.MACHINES),
            Column("count", audience=Audience.MACHINES),
            Column(rows_name, rows_heading, width=label_width, audience=people),
            *grid,
            Column(
                "total",
                total,
                Align.RIGHT,
                width=widths[-1],
                audience=people,
                role=Role.TOTAL,
                keep=True,
            ),
        ),
        rows=tuple((r, c, str(n)) for r, c, n in tab.nonzero()),
        display=tuple(
            (
                name,
                *(integer(n, lang) if (n := tab.cell(row, c)) else "" for c in tab.columns[:shown]),
                integer(tab.row_total(row), lang),
            )
            for row, name in zip(tab.rows, row_names, strict=True)
        ),
        totals=(total, *column_totals[:shown], grand_total),
        notes=tuple(notes),
        items=tuple(
            {
                rows_name: r if r != MISSING else None,
                columns_name: c if c != MISSING else None,
                "count": n,
            }
            for r, c, n in tab.nonzero()
        ),
    )


def crosstab_widths(
    width: int, labels: Sequence[str], headings: Sequence[str], totals: Sequence[str]
) -> tuple[int, list[int]]:
    """Widths that fit the terminal, so the table never has to crop the Total column.

    A heading wraps between its words ("sister / city") while that fits; on a narrow
    terminal the number columns share what is left and long headings fold.
    """
    columns = len(headings) + 1
    # one cell of padding each side of each column (not the outer edges), one between
    # columns, and the two edges
    available = width - (3 * columns - 1)
    label = min(max((len(t) for t in labels), default=8), 24)
    numbers = [len(t) for t in totals]
    words = [
        max(n, max((len(w) for w in h.split()), default=1))
        for h, n in zip(headings, numbers, strict=True)
    ]
    if label + sum(words) <= available:
        return label, words
    label = max(8, min(label, available - sum(numbers)))
    share = max(1, (available - label) // len(headings))
    return label, [max(n, min(w, share)) for n, w in zip(numbers, words, strict=True)]
