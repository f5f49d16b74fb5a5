"""TSV (tabs and newlines inside values become spaces, as gh does) and CSV (RFC 4180)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO


def _tsv_cell(value: str) -> str:
    return " ".join(value.replace("\t", " ").splitlines()) if value else ""


def write_tsv(out: TextIO, header: Sequence[str] | None, rows: Sequence[Sequence[str]]) -> None:
    lines = [] if header is None else ["\t".join(header)]
    lines += ["\t".join(_tsv_cell(cell) for cell in row) for row in rows]
    if lines:
        out.write("\n".join(lines) + "\n")


def write_csv(out: TextIO, header: Sequence[str] | None, rows: Sequence[Sequence[str]]) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
