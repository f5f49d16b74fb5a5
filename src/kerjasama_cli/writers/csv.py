"""CSV as RFC 4180 has it: CRLF line ends, quotes only where a value needs them."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..report import Report
    from .interface import WriteOptions


def write_csv(report: Report, out: TextIO, options: WriteOptions) -> None:
    columns = report.machine_columns
    if not columns:
        return
    writer = csv.writer(out, lineterminator="\r\n")
    if options.header:
        writer.writerow(c.name for c in columns)
    writer.writerows(report.rows)
