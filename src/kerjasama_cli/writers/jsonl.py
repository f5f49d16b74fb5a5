"""JSON Lines: one item per line, so ``head`` and ``grep`` work; nothing for no items."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..report import Report
    from .interface import WriteOptions


def write_jsonl(report: Report, out: TextIO, options: WriteOptions) -> None:
    for item in report.structured:
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
