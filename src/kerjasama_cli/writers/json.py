"""JSON: one document, a list of the report's items, UTF-8 rather than ASCII escapes.

An empty result is ``[]``, a valid document for ``jq``."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from .interface import write_encoded

if TYPE_CHECKING:
    from ..report import Report
    from .interface import WriteOptions


def write_json(report: Report, out: TextIO, options: WriteOptions) -> None:
    if report.json_items is not None:
        items = report.json_items
        write_encoded(out, b"[\n" + b",\n".join(items) + b"\n]\n" if items else b"[]\n")
        return
    import json

    out.write(json.dumps(list(report.structured), ensure_ascii=False, indent=2) + "\n")
