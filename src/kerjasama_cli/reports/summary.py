"""``summary --by FIELD``: records per group, as a report.

People read a label, a count, a share of the records and a bar drawn to scale, then a
total and notes that say what the numbers mean; a script reads the group key and the
count, and only the groups that hold records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import Lang, message
from ..report import Align, Audience, Column, Report, Role
from ..summary import MISSING, Summary
from .labels import bar, field_heading, group_label, integer, machine_field, multi_note, percent

if TYPE_CHECKING:
    from ..models import RegisterView

#: The longest a bar grows, in cells, however wide the terminal.
MAX_BAR = 40


def bar_width(label_width: int, numbers_width: int, width: int) -> int:
    """Room for the bars on a ``width`` terminal, beside labels ``label_width`` wide (a
    longer label wraps at 40) and the count and share columns, ``numbers_width`` together.
    """
    padding = 3 * 4 - 1  # four columns: one cell each side of each, none at the edges
    return max(10, min(MAX_BAR, width - min(label_width, 40) - numbers_width - padding))


#: How many groups without records in a row are folded into one line ("1990–2011").
_FOLD_EMPTY = 3


def summary_report(
    dataset: RegisterView, summary: Summary, lang: Lang, width: int, timeline: bool = False
) -> Report:
    """``summary`` for a terminal ``width`` wide; ``timeline`` if it shows empty years."""
    labels = [group_label(dataset, summary.by, g.key, lang, summary.folded) for g in summary.groups]
    notes = [message("sum_share_note", lang, records=integer(summary.records, lang))]
    if summary.multi_valued:
        notes.append(multi_note(summary.group_total, summary.records, lang))
    if summary.folded:
        notes.append(message("sum_top_note", lang, n=summary.folded))
    if timeline and any(g.count == 0 for g in summary.groups):
        key = "sum_timeline_decade_note" if summary.by == "decade" else "sum_timeline_note"
        notes.append(message(key, lang))

    by = field_heading(summary.by, lang)
    total = message("sum_total", lang)
    counts = [integer(g.count, lang) for g in summary.groups]
    shares = [percent(g.count, summary.records, lang) for g in summary.groups]
    totals = (
        total,
        integer(summary.records, lang),
        percent(summary.records, summary.records, lang),
    )
    count_heading, share_heading = message("sum_count", lang), message("sum_share", lang)
    numbers = max(map(len, [count_heading, *counts, totals[1]])) + max(
        map(len, [share_heading, *shares, totals[2]])
    )
    bars = bar_width(max((len(t) for t in [*labels, total]), default=8), numbers, width)
    largest = max((g.count for g in summary.groups), default=0)
    name = machine_field(summary.by)
    display: list[tuple[str, str, str, str]] = []
    dim: set[int] = set()
    groups = list(zip(summary.groups, labels, counts, shares, strict=True))
    i = 0
    while i < len(groups):
        g, text, count, share = groups[i]
        if g.count:
            display.append((text, count, share, bar(g.count, largest, bars)))
            i += 1
            continue
        # Groups without records are shown empty, and a long stretch of them (a timeline's
        # empty years) as one line, so a gap reads as a gap, not as a column of zeros.
        end = i
        while end + 1 < len(groups) and not groups[end + 1][0].count:
            end += 1
        if end - i + 1 >= _FOLD_EMPTY:
            dim.add(len(display))
            display.append((f"{text}–{groups[end][1]}", "", "", ""))
        else:
            for _, quiet, _, _ in groups[i : end + 1]:
                dim.add(len(display))
                display.append((quiet, "", "", ""))
        i = end + 1
    return Report(
        title=message("sum_title", lang, by=by.lower()),
        columns=(
            Column(name, by, min_width=8, max_width=40),
            Column("count", count_heading, Align.RIGHT, wrap=False),
            Column(
                "share",
                share_heading,
                Align.RIGHT,
                wrap=False,
                audience=Audience.PEOPLE,
            ),
            Column("bar", "", width=bars, audience=Audience.PEOPLE, role=Role.BAR),
        ),
        rows=tuple((g.key, str(g.count)) for g in summary.groups if g.count),
        display=tuple(display),
        dim=frozenset(dim),
        totals=(*totals, ""),
        notes=tuple(notes),
        items=tuple(
            {name: g.key if g.key != MISSING else None, "count": g.count}
            for g in summary.groups
            if g.count
        ),
    )
