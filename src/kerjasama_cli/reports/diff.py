"""``diff``: the changes between two versions of a register, one row each.

A script reads ``part``, ``key``, ``change``, ``field``, ``old`` and ``new`` (keys and
values as the data file writes them; for an added or removed record, its title or label in
tsv and csv, the whole record in json). A person reads the same rows with the part and
the change named in their language, and a note that counts the changes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..diff import Change, ChangeKind, Part, record_label
from ..i18n import Lang, message
from ..report import Column, Report, Role
from .labels import machine_value

COLUMNS = ("part", "key", "change", "field", "old", "new")


def text_of(value: Any) -> str:
    """A value in one cell: lists comma-joined, a mapping as compact JSON, none as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(machine_value(value))
    if isinstance(value, list | tuple):
        return ",".join(text_of(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, float):
        return machine_value(value)
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


def _cells(change: Change, lang: Lang) -> tuple[str, str]:
    """``old`` and ``new`` as cells: a changed field's values, or an added or removed
    record's title or label."""
    if change.kind is ChangeKind.CHANGED:
        return text_of(change.old), text_of(change.new)
    label = record_label(change, lang)
    return ("", label) if change.kind is ChangeKind.ADDED else (label, "")


def change_item(change: Change) -> dict[str, Any]:
    return {
        "part": change.part.value,
        "key": change.key,
        "change": change.kind.value,
        "field": change.field or None,
        "old": _json_value(change.old),
        "new": _json_value(change.new),
    }


def count_note(changes: Sequence[Change], lang: Lang) -> str:
    """``Partnerships: 2 added, 1 removed, 3 changed. Sources: 1 added.``"""
    parts: list[str] = []
    for part in Part:
        keys: dict[ChangeKind, set[str]] = {kind: set() for kind in ChangeKind}
        for change in changes:
            if change.part is part:
                keys[change.kind].add(change.key)
        counts = [
            message(f"diff_n_{kind.value}", lang, n=len(keys[kind]))
            for kind in ChangeKind
            if keys[kind]
        ]
        if counts:
            parts.append(f"{message(f'diff_parts_{part.value}', lang)}: {', '.join(counts)}.")
    return " ".join(parts)


def diff_report(changes: Sequence[Change], old: str, new: str, lang: Lang) -> Report:
    """The report of ``changes`` from the register ``old`` to ``new`` (their paths)."""
    rows = []
    display = []
    for change in changes:
        before, after = _cells(change, lang)
        rows.append((change.part.value, change.key, change.kind.value, change.field, before, after))
        display.append(
            (
                message(f"diff_part_{change.part.value}", lang),
                change.key,
                message(f"diff_{change.kind.value}", lang),
                change.field,
                before or "—",
                after or "—",
            )
        )
    return Report(
        title=message("diff_title", lang, old=old, new=new),
        columns=(
            Column("part", message("diff_col_part", lang), wrap=False),
            Column("key", message("diff_col_key", lang), wrap=False, role=Role.KEY, keep=True),
            Column("change", message("diff_col_change", lang), wrap=False, keep=True),
            Column("field", message("diff_col_field", lang), wrap=False),
            Column("old", message("diff_col_old", lang), ratio=1),
            Column("new", message("diff_col_new", lang), ratio=1),
        ),
        rows=tuple(rows),
        display=tuple(display),
        notes=(count_note(changes, lang),),
        items=tuple(change_item(c) for c in changes),
    )
