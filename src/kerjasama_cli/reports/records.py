"""``list`` and ``show``'s machine formats: the records themselves as a report.

The table shows labels in the reader's language (``human_value``), the tsv and csv the
data's keys (``MACHINE``), json, jsonl and yaml each record whole, as a dict. Every view
is computed only when a writer reads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..i18n import Lang, heading, message
from ..models import partnership_to_dict, partnership_with_sources
from ..render.columns import DEFAULT_MACHINE_COLUMNS, DEFAULT_TABLE_COLUMNS, MACHINE, human_value
from ..report import Audience, Column, Mapped, Report, Role

if TYPE_CHECKING:
    from ..models import Partnership, RegisterView

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


def record_column(name: str, lang: Lang, audience: Audience = Audience.ALL) -> Column:
    """A column of ``MACHINE`` as the table shows it: ids and dates on one line."""
    wrap = name not in _NO_WRAP
    return Column(
        name,
        heading(name, lang),
        wrap=wrap,
        ratio=_RATIO.get(name, 1) if wrap else None,
        audience=audience,
        role=Role.KEY if name == "id" else Role.TEXT,
        keep=name == "id",
    )


def list_report(
    dataset: RegisterView,
    records: Sequence[Partnership],
    lang: Lang,
    columns: Sequence[str] | None = None,
    caption: str | None = None,
) -> Report:
    """``records`` in ``columns``; without them, a short table and the full tsv/csv."""
    if columns:
        shown = [record_column(c, lang) for c in columns]
    else:
        shown = [record_column(c, lang, Audience.MACHINES) for c in DEFAULT_MACHINE_COLUMNS]
        shown += [record_column(c, lang, Audience.PEOPLE) for c in DEFAULT_TABLE_COLUMNS]
    machine = [MACHINE[c.name] for c in shown if c.for_machines]
    people = [c.name for c in shown if c.for_people]

    def cells(record: Partnership) -> tuple[str, ...]:
        return tuple(value(record) for value in machine)

    def labels(record: Partnership) -> tuple[str, ...]:
        return tuple(human_value(record, c, lang, dataset.sectors) for c in people)

    return Report(
        title=message("title_list", lang),
        columns=tuple(shown),
        rows=Mapped(cells, records),
        display=Mapped(labels, records),
        caption=caption,
        items=Mapped(partnership_to_dict, records),
        ids=Mapped(_id, records),
    )


def records_report(dataset: RegisterView, records: Sequence[Partnership]) -> Report:
    """``show`` in a machine format: each record whole, with its sources spelled out."""
    return Report(
        items=Mapped(lambda r: partnership_with_sources(r, dataset.sources), records),
        ids=Mapped(_id, records),
    )


def _id(record: Partnership) -> str:
    return record.id
