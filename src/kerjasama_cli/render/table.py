"""The human table: fits the terminal, wraps long text, never cuts an id."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..i18n import heading
from .columns import human_value
from .console import make_console

if TYPE_CHECKING:
    from ..environment import Environment
    from ..models import Partnership

#: Short values that read badly when wrapped: kept on one line.
_NO_WRAP = frozenset({"id", "signed", "ends", "year", "status", "kind", "scope", "instrument"})
#: Long texts share the room left over, in these proportions.
_RATIO = {
    "title": 3,
    "partner": 2,
    "sectors": 2,
    "summary_id": 4,
    "summary_en": 4,
    "note_id": 3,
    "note_en": 3,
    "sources": 2,
    "country": 1,
    "partner_type": 1,
}
#: The narrowest a wrapped column may become, and the padding between columns.
_MIN_WRAPPED, _PADDING = 10, 3


def fit_columns(columns: Sequence[str], widths: Mapping[str, int], room: int) -> list[str]:
    """Drop columns from the right until the rest fit in ``room``; ``id`` always stays."""
    kept = list(columns)

    def needed(cols: Sequence[str]) -> int:
        return sum(
            (widths[c] if c in _NO_WRAP else min(widths[c], _MIN_WRAPPED)) + _PADDING for c in cols
        )

    while len(kept) > 1 and needed(kept) > room:
        drop = next((c for c in reversed(kept) if c != "id"), None)
        if drop is None:
            break
        kept.remove(drop)
    return kept


def write_table(
    env: Environment,
    records: Sequence[Partnership],
    columns: Sequence[str],
    sectors: Mapping[str, Any],
    title: str | None = None,
    caption: str | None = None,
    show_header: bool = True,
) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    cells = {c: [human_value(r, c, env.lang, sectors) for r in records] for c in columns}
    widths = {c: max([len(heading(c, env.lang)), *(len(v) for v in cells[c])]) for c in columns}
    shown = fit_columns(columns, widths, env.width)
    table = Table(
        title=title,
        caption=caption,
        show_header=show_header,
        header_style="bold" if env.color else "",
        box=box.SIMPLE_HEAD,
        title_style="bold" if env.color else "",
        caption_style="dim" if env.color else "",
        pad_edge=False,
    )
    for column in shown:
        style = "cyan" if env.color and column == "id" else ""
        if column in _NO_WRAP:
            table.add_column(
                heading(column, env.lang), no_wrap=True, min_width=widths[column], style=style
            )
        else:
            table.add_column(
                heading(column, env.lang),
                overflow="fold",
                ratio=_RATIO.get(column, 1),
                min_width=min(widths[column], _MIN_WRAPPED),
            )
    for i in range(len(records)):
        table.add_row(*(Text(cells[c][i]) for c in shown))
    console = make_console(env)
    if console.width < widths.get("id", 0) + 2:  # never cut an id, even on a tiny terminal
        console.width = widths["id"] + 2
    console.print(table)
