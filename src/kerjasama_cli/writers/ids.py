"""Ids, one a line, as ``kubectl -o name``: for ``xargs kerjasama show``."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..report import Report
    from .interface import WriteOptions


def write_ids(report: Report, out: TextIO, options: WriteOptions) -> None:
    out.write("".join(f"{key}\n" for key in report.keys))
