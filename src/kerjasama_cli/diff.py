"""What changed between two versions of a register: the changes behind ``kerjasama diff``.

A change is one of: a record (partnership, source, figure, sector) added or removed, or
one field of a record changed, old → new. Records are matched by their id or key, so a
renamed id is a removal and an addition. Nested texts (``summary``, ``note``, a figure's
``label``) are compared field by field (``summary.en``), so a one-word correction in one
language is one change, not a whole record.

Pure functions over two ``Dataset``s: nothing here reads a file or prints.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .models import Dataset, Figure, Sector, Source


class Part(StrEnum):
    """What a change is about, in the order a diff lists them."""

    DATASET = "dataset"  # the register's own fields: title, updated, licence...
    PARTNERSHIP = "partnership"
    SOURCE = "source"
    FIGURE = "figure"
    SECTOR = "sector"


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class Change(NamedTuple):
    """One difference. For an added or removed record ``field`` is empty and ``old`` or
    ``new`` is the whole record (its stored fields, as the data file writes them)."""

    part: Part
    key: str
    kind: ChangeKind
    field: str = ""
    old: Any = None
    new: Any = None


_ORDER = {kind: i for i, kind in enumerate(ChangeKind)}


#: The fields of each part's records, in the order a record's changes are listed.
_FIELDS: dict[Part, tuple[str, ...]] = {
    Part.DATASET: ("schema_version", "title", "description", "updated", "licence", "maintainer"),
    Part.SOURCE: ("title", "publisher", "date", "url"),
    Part.FIGURE: ("label", "value", "year", "source", "compare"),
    Part.SECTOR: ("id", "en", "aliases"),
}


def diff_datasets(old: Dataset, new: Dataset) -> list[Change]:
    """Every change from ``old`` to ``new``: part by part; in each, additions, removals,
    then changes, each by key; a record's changed fields in the order of the schema."""
    from .models import PARTNERSHIP_FIELDS, partnership_to_dict

    changes: list[Change] = []
    changes += _record_changes(Part.DATASET, {"": _info(old)}, {"": _info(new)})
    changes += _record_changes(
        Part.PARTNERSHIP,
        {p.id: partnership_to_dict(p) for p in old.partnerships},
        {p.id: partnership_to_dict(p) for p in new.partnerships},
        PARTNERSHIP_FIELDS,
    )
    changes += _record_changes(Part.SOURCE, _sources(old.sources), _sources(new.sources))
    changes += _record_changes(Part.FIGURE, _figures(old.figures), _figures(new.figures))
    changes += _record_changes(Part.SECTOR, _sectors(old.sectors), _sectors(new.sectors))
    return changes


def _record_changes(
    part: Part,
    old: Mapping[str, dict[str, Any]],
    new: Mapping[str, dict[str, Any]],
    fields: tuple[str, ...] | None = None,
) -> list[Change]:
    order = _FIELDS[part] if fields is None else fields
    found = [Change(part, key, ChangeKind.ADDED, new=new[key]) for key in new if key not in old]
    found += [Change(part, key, ChangeKind.REMOVED, old=old[key]) for key in old if key not in new]
    for key in old.keys() & new.keys():
        found += [
            Change(part, key, ChangeKind.CHANGED, name, before, after)
            for name, before, after in _field_changes(old[key], new[key], order)
        ]
    # Sorting is stable: a record's fields keep the schema's order.
    return sorted(found, key=lambda c: (_ORDER[c.kind], c.key))


def _field_changes(
    old: dict[str, Any], new: dict[str, Any], order: tuple[str, ...]
) -> Iterator[tuple[str, Any, Any]]:
    """``(field, old, new)`` for each field that differs; texts in both languages (dicts of
    ``id`` and ``en``) field by field, as ``summary.en``."""
    flat_old, flat_new = _flatten(old), _flatten(new)

    def position(name: str) -> tuple[int, int, str]:
        top, _, lang = name.partition(".")
        return (order.index(top) if top in order else len(order), lang != "id", name)

    for name in sorted(flat_old.keys() | flat_new.keys(), key=position):
        before, after = flat_old.get(name), flat_new.get(name)
        if before != after:
            yield name, before, after


def _flatten(record: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in record.items():
        if isinstance(value, dict) and set(value) <= {"id", "en"}:
            for lang in ("id", "en"):
                if lang in value:
                    out[f"{name}.{lang}"] = value[lang]
        else:
            out[name] = value
    return out


def _info(data: Dataset) -> dict[str, Any]:
    info = data.dataset
    return {
        "schema_version": data.schema_version,
        "title": {"id": info.title.id, "en": info.title.en},
        "description": {"id": info.description.id, "en": info.description.en},
        "updated": info.updated,
        "licence": info.licence,
        "maintainer": info.maintainer,
    }


def _sources(sources: Mapping[str, Source]) -> dict[str, dict[str, Any]]:
    from .models import source_to_dict

    return {key: _without_key(source_to_dict(key, source)) for key, source in sources.items()}


def _without_key(item: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in item.items() if name != "key"}


def _figures(figures: tuple[Figure, ...]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for f in figures:
        item: dict[str, Any] = {
            "label": {"id": f.label.id, "en": f.label.en},
            "value": f.value,
            "year": f.year,
            "source": f.source,
        }
        if f.compare is not None:
            item["compare"] = {name: list(values) for name, values in f.compare.items()}
        out[f.id] = item
    return out


def _sectors(sectors: Mapping[str, Sector]) -> dict[str, dict[str, Any]]:
    return {key: {"id": s.id, "en": s.en, "aliases": list(s.aliases)} for key, s in sectors.items()}


def record_label(change: Change, lang: str) -> str:
    """A short name of an added or removed record, for a person or a tsv cell: a
    partnership's title, a source's title, a figure's or a sector's label."""
    record = change.new if change.kind is ChangeKind.ADDED else change.old
    if not isinstance(record, dict):
        return ""
    for name in ("title", "label"):
        value = record.get(name)
        if isinstance(value, dict):
            return str(value.get(lang) or value.get("en") or "")
        if value:
            return str(value)
    if change.part is Part.SECTOR:
        return str(record.get(lang) or record.get("en") or "")
    return ""
