"""``show``: one record in full, with its sources, for a person to read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..fields import DETAIL_FIELDS
from ..i18n import heading, message
from .columns import human_value
from .console import make_console

if TYPE_CHECKING:
    from ..environment import Environment
    from ..models import Partnership, RegisterView


def write_details(env: Environment, dataset: RegisterView, records: Sequence[Partnership]) -> None:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    console = make_console(env)
    bold = "bold" if env.color else ""
    for n, record in enumerate(records):
        if n:
            console.print()
        console.print(Text(f"{record.id} — {record.title}", style=bold))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style=bold)
        grid.add_column(overflow="fold")
        for field in DETAIL_FIELDS:
            value = human_value(record, field, env.lang, dataset.sectors)
            if field == "country" and record.country:
                value = f"{value} ({record.country})"
            if value:
                grid.add_row(heading(field, env.lang), Text(value))
        console.print(grid)
        parts: list[Text] = [
            Text(""),
            Text(message("summary", env.lang), style=bold),
            Text(record.summary.get(env.lang)),
        ]
        if record.note:
            parts += [
                Text(""),
                Text(message("note", env.lang), style=bold),
                Text(record.note.get(env.lang)),
            ]
        parts += [Text(""), Text(message("sources", env.lang), style=bold)]
        for key in record.sources:
            source = dataset.sources[key]
            line = f"[{key}] {source.publisher}, “{source.title}”"
            if source.date:
                line += f", {source.date}"
            if source.url:
                line += f". {source.url}"
            parts.append(Text(line))
        console.print(Group(*parts))
