"""``list`` and ``show``'s machine formats: the records themselves as a report.

The table shows labels in the reader's language (``human_value``), the tsv and csv the
data's keys (``MACHINE``), json, jsonl and yaml each record whole, as a dict. Every view
is computed only when a writer reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..fields import BY_NAME, DEFAULT_MACHINE_COLUMNS, DEFAULT_TABLE_COLUMNS
from ..i18n import Lang, message
from ..report import Audience, Column, Deferred, Mapped, Report, Role

if TYPE_CHECKING:
    from ..models import Partnership, RegisterView
    from ..store import Selection


def record_column(name: str, lang: Lang, audience: Audience = Audience.ALL) -> Column:
    """A field's column as the table shows it (from the field registry): ids and dates on
    one line, long texts sharing the room left."""
    field = BY_NAME[name]
    return Column(
        name,
        field.label(lang),
        wrap=field.wrap,
        ratio=field.ratio if field.wrap else None,
        audience=audience,
        role=Role.KEY if name == "id" else Role.TEXT,
        keep=name == "id",
    )


def list_report(
    dataset: RegisterView,
    selection: Selection | Sequence[Partnership],
    lang: Lang,
    columns: Sequence[str] | None = None,
    caption: str | Callable[[], str] | None = None,
    sort: str | None = None,
) -> Report:
    """The selected records in ``columns``; without them, a short table and the full tsv/csv.

    ``sort`` (``--sort``'s field, ``-`` for descending) reorders the people's view by what
    it shows where that differs from the data's key: countries by name, kinds and
    statuses by label, in the reader's language. Scripts keep the store's order of keys.

    From a store's ``Selection``, every view is read only if its writer asks: json and
    jsonl write the JSON the store keeps, ids the ids, and only the others build the
    records. Records already in hand (a ``Sequence``) work too.
    """
    from ..store import Selection as Stored

    if columns:
        shown = [record_column(c, lang) for c in columns]
    else:
        shown = [record_column(c, lang, Audience.MACHINES) for c in DEFAULT_MACHINE_COLUMNS]
        shown += [record_column(c, lang, Audience.PEOPLE) for c in DEFAULT_TABLE_COLUMNS]
    machine = [c.name for c in shown if c.for_machines]
    people = [c.name for c in shown if c.for_people]

    def cells(record: Partnership) -> tuple[str, ...]:
        from ..render.columns import machine_value  # loaded only by a format that shows cells

        return tuple(machine_value(record, c) for c in machine)

    def labels(record: Partnership) -> tuple[str, ...]:
        from ..render.columns import human_value

        return tuple(human_value(record, c, lang, dataset.sectors) for c in people)

    json_items: Sequence[bytes] | None = None  # from a store: its JSON, else the dicts
    json_lines: Sequence[bytes] | None = None
    if isinstance(selection, Stored):
        stored = selection
        records: Sequence[Partnership] = Deferred(stored.records)
        ids: Sequence[str] = Deferred(lambda: stored.texts("id"))
        json_items = Deferred(lambda: stored.encoded("json"))
        json_lines = Deferred(lambda: stored.encoded("json_line"))
    else:
        records, ids = selection, Mapped(_id, selection)
    items: Sequence[Any] = Mapped(_as_dict, records)
    if columns:  # the chosen fields, in json, jsonl and yaml too (as gh --json FIELDS)
        chosen = [c.name for c in shown]

        def selected(record: Partnership) -> dict[str, Any]:
            from ..render.columns import json_value

            return {name: json_value(record, name) for name in chosen}

        items, json_items, json_lines = Mapped(selected, records), None, None
    in_view = records  # the order people read
    field = (sort or "").removeprefix("-")
    if field in _SHOWN_AS_LABELS:
        in_view = Deferred(
            lambda: _by_label(records, field, (sort or "").startswith("-"), lang, dataset)
        )
    return Report(
        title=message("title_list", lang),
        columns=tuple(shown),
        rows=Mapped(cells, records),
        display=Mapped(labels, in_view),
        caption=caption,
        items=items,
        ids=ids,
        json_items=json_items,
        json_lines=json_lines,
    )


#: Fields a table shows as a label (a name, a translated word), not as the data's key.
_SHOWN_AS_LABELS = frozenset({"country", "kind", "status", "partner_type", "instrument", "scope"})


def _by_label(
    records: Sequence[Partnership], field: str, descending: bool, lang: Lang,
    dataset: RegisterView,
) -> list[Partnership]:  # fmt: skip
    """``records`` ordered by the label a person reads for ``field``: records lacking the
    field last either way, ties by id, as the store orders keys."""
    from ..i18n import normalize
    from ..render.columns import human_value

    by_id = sorted(records, key=lambda r: r.id)
    present = [r for r in by_id if getattr(r, field) is not None]
    missing = [r for r in by_id if getattr(r, field) is None]
    present.sort(
        key=lambda r: normalize(human_value(r, field, lang, dataset.sectors)), reverse=descending
    )
    return present + missing


def records_report(dataset: RegisterView, records: Sequence[Partnership]) -> Report:
    """``show`` in a machine format: each record whole, with its sources spelled out."""
    from ..models import partnership_with_sources

    return Report(
        items=Mapped(lambda r: partnership_with_sources(r, dataset.sources), records),
        ids=Mapped(_id, records),
    )


def _id(record: Partnership) -> str:
    return record.id


def _as_dict(record: Partnership) -> dict[str, object]:
    from ..models import partnership_to_dict

    return partnership_to_dict(record)
