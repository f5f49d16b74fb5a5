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
    for column in columns:
        if column == "id":
            longest = max((len(r.id) for r in records), default=2)
            table.add_column(
                heading(column, env.lang),
                no_wrap=True,
                min_width=longest,
                style="cyan" if env.color else "",
            )
        else:
            table.add_column(heading(column, env.lang), overflow="fold")
    for record in records:
        table.add_row(*(Text(human_value(record, c, env.lang, sectors)) for c in columns))
    make_console(env).print(table)
