"""JSON Lines: one item per line, so ``head`` and ``grep`` work; nothing for no items."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from .interface import write_encoded

if TYPE_CHECKING:
    from ..report import Report
    from .interface import WriteOptions


def write_jsonl(report: Report, out: TextIO, options: WriteOptions) -> None:
    if report.json_lines is not None:
        write_encoded(out, b"".join(line + b"\n" for line in report.json_lines))
        return
    import json

    for item in report.structured:
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
