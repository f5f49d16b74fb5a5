"""``show``: one record in full, with its sources, for a person to read.

Every text shown is made ``terminal.visible`` first (``_text``): a control or bidi
character in a title, a summary or a source's URL is shown as an escape, never obeyed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..fields import DETAIL_FIELDS
from ..i18n import heading, message
from ..terminal import visible
from .columns import human_value
from .console import make_console

if TYPE_CHECKING:
    from rich.text import Text

    from ..environment import Environment
    from ..models import Partnership, RegisterView


def write_details(env: Environment, dataset: RegisterView, records: Sequence[Partnership]) -> None:
    from rich.console import Group
    from rich.table import Table

    console = make_console(env)
    bold = "bold" if env.color else ""
    for n, record in enumerate(records):
        if n:
            console.print()
        console.print(_text(f"{record.id} — {record.title}", bold))
        rows = []
        for field in DETAIL_FIELDS:
            value = human_value(record, field, env.lang, dataset.sectors)
            if field == "country" and record.country:
                value = f"{value} ({record.country})"
            if value:
                rows.append((heading(field, env.lang), value))
        if env.stdout_is_tty:  # a grid that wraps long values at the terminal's width
            grid = Table.grid(padding=(0, 2))
            grid.add_column(no_wrap=True, style=bold)
            grid.add_column(overflow="fold")
            for label, value in rows:
                grid.add_row(_text(label), _text(value))
            console.print(grid)
        else:  # into a pipe: aligned lines, never padded to a width nor wrapped
            width = max(len(label) for label, _ in rows)
            for label, value in rows:
                row = _text(label.ljust(width + 2), bold)
                row.append_text(_text(value))
                console.print(row)
        parts: list[Text] = [
            _text(""),
            _text(message("summary", env.lang), bold),
            _text(record.summary.get(env.lang)),
        ]
        if record.note:
            parts += [
                _text(""),
                _text(message("note", env.lang), bold),
                _text(record.note.get(env.lang)),
            ]
        parts += [_text(""), _text(message("sources", env.lang), bold)]
        for key in record.sources:
            source = dataset.sources[key]
            line = f"[{key}] {source.publisher}, “{source.title}”"
            if source.date:
                line += f", {source.date}"
            if source.url:
                line += f". {source.url}"
            parts.append(_text(line))
        console.print(Group(*parts))


def _text(value: str, style: str = "") -> Text:
    """``value`` as Rich text, every control and bidi character shown as an escape."""
    from rich.text import Text

    return Text(visible(value), style=style)
