"""TSV, as ``gh`` writes it when piped: one line per row, tabs and newlines inside a value
become spaces, so every line splits on tabs into exactly its columns."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..report import Report
    from .interface import WriteOptions


def _cell(value: str) -> str:
    return " ".join(value.replace("\t", " ").splitlines()) if value else ""


def write_tsv(report: Report, out: TextIO, options: WriteOptions) -> None:
    columns = report.machine_columns
    if not columns:
        return
    lines = ["\t".join(c.name for c in columns)] if options.header else []
    lines += ["\t".join(_cell(cell) for cell in row) for row in report.rows]
    if lines:
        out.write("\n".join(lines) + "\n")
