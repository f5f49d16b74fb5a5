"""``figures``: each figure reported in a source, beside the register's own count.

People read the figure's label, its value as people write numbers, the source by
publisher and date, and the register's count; a script reads every field by its key.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..i18n import Lang, message
from ..report import Align, Audience, Column, Report
from ..summary import FigureCheck
from .labels import integer, machine_value, number

if TYPE_CHECKING:
    from ..models import Figure, RegisterView


def source_text(dataset: RegisterView, figure: Figure) -> str:
    """Publisher and date: enough to find the source in ``show`` or the data file."""
    source = dataset.sources.get(figure.source)
    if source is None:
        return figure.source
    return f"{source.publisher}, {source.date}" if source.date else source.publisher


def register_text(check: FigureCheck, lang: Lang) -> str:
    if check.register is None:
        return "—"
    text = integer(check.register, lang)
    if check.undated:
        text += " " + message("figures_undated", lang, n=integer(check.undated, lang))
    return text


def figure_item(check: FigureCheck) -> dict[str, Any]:
    figure = check.figure
    return {
        "id": figure.id,
        "label_id": figure.label.id,
        "label_en": figure.label.en,
        "value": machine_value(figure.value),
        "year": figure.year,
        "source": figure.source,
        "register": check.register,
        "register_undated": check.undated,
    }


def figures_report(dataset: RegisterView, checks: Sequence[FigureCheck], lang: Lang) -> Report:
    items = tuple(figure_item(c) for c in checks)
    machines, people = Audience.MACHINES, Audience.PEOPLE
    return Report(
        title=message("figures_title", lang),
        columns=(
            Column("id", audience=machines),
            Column("label_id", audience=machines),
            Column("label_en", audience=machines),
            Column("figure", message("figures_figure", lang), ratio=3, audience=people),
            Column("value", message("figures_value", lang), Align.RIGHT, wrap=False),
            Column("year", message("figures_year", lang), wrap=False),
            Column("source", message("figures_source", lang), ratio=1),
            Column(
                "register", message("figures_register", lang), Align.RIGHT, wrap=False, keep=True
            ),
            Column("register_undated", audience=machines),
        ),
        rows=tuple(
            tuple("" if value is None else str(value) for value in item.values()) for item in items
        ),
        display=tuple(
            (
                c.figure.label.get(lang),
                number(c.figure.value, lang),
                str(c.figure.year),
                source_text(dataset, c.figure),
                register_text(c, lang),
            )
            for c in checks
        ),
        notes=(message("figures_note", lang),),
        items=items,
    )
