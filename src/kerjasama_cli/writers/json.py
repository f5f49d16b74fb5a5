"""JSON: one document, a list of the report's items, UTF-8 rather than ASCII escapes.

An empty result is ``[]``, a valid document for ``jq``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..report import Report
    from .interface import WriteOptions


def write_json(report: Report, out: TextIO, options: WriteOptions) -> None:
    out.write(json.dumps(list(report.structured), ensure_ascii=False, indent=2) + "\n")
