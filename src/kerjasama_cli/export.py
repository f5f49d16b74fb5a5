"""Writing the whole dataset out as SQLite, JSON or CSV, atomically.

The file appears complete or not at all: everything is written to a temporary file in
the target's folder, which then replaces the target in one rename.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any

from .models import (
    Localized,
    RegisterView,
    partnership_to_dict,
    source_to_dict,
)


class ExportFormat(StrEnum):
    SQLITE = "sqlite"
    JSON = "json"
    CSV = "csv"


#: File extensions and the format each one means.
EXTENSIONS: dict[str, ExportFormat] = {
    ".db": ExportFormat.SQLITE,
    ".sqlite": ExportFormat.SQLITE,
    ".sqlite3": ExportFormat.SQLITE,
    ".json": ExportFormat.JSON,
    ".csv": ExportFormat.CSV,
}


def format_for(path: Path) -> ExportFormat | None:
    return EXTENSIONS.get(path.suffix.lower())


def _localized(value: Localized) -> dict[str, str]:
    return {"id": value.id, "en": value.en}


def dataset_to_dict(dataset: RegisterView) -> dict[str, Any]:
    """The whole document in the data file's own shape (so an export validates as a dataset)."""
    info = dataset.dataset
    figures = []
    for figure in dataset.figures:
        item: dict[str, Any] = {
            "id": figure.id, "label": _localized(figure.label), "value": figure.value,
            "year": figure.year, "source": figure.source,
        }  # fmt: skip
        if figure.compare is not None:
            item["compare"] = {name: list(values) for name, values in figure.compare.items()}
        figures.append(item)
    sources = {}
    for key, source in dataset.sources.items():
        entry = source_to_dict(key, source)
        del entry["key"]
        sources[key] = entry
    return {
        "schema_version": dataset.schema_version,
        "dataset": {
            "title": _localized(info.title),
            "description": _localized(info.description),
            "updated": info.updated,
            "licence": info.licence,
            "maintainer": info.maintainer,
        },
        "sectors": {
            key: {"id": s.id, "en": s.en, "aliases": list(s.aliases)}
            for key, s in dataset.sectors.items()
        },
        "sources": sources,
        "figures": figures,
        "partnerships": [partnership_to_dict(p) for p in dataset.partnerships],
    }


def write_json(dataset: RegisterView, path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        json.dump(dataset_to_dict(dataset), fh, ensure_ascii=False, indent=2)
        fh.write("\n")


def write_csv(dataset: RegisterView, path: Path) -> None:
    """The partnerships, one row each, every column of ``list --format csv`` (RFC 4180)."""
    from .render.columns import ALL_COLUMNS, MACHINE

    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(ALL_COLUMNS)
        writer.writerows([MACHINE[c](p) for c in ALL_COLUMNS] for p in dataset.partnerships)


def write_sqlite(dataset: RegisterView, path: Path) -> None:
    """Tables for records, sectors, sources and figures, with the links between them: the
    store's schema (``store/schema.py``) without the store's own columns."""
    from . import __version__
    from .store.compile import Compiler

    connection = sqlite3.connect(path)
    try:
        with connection:
            compiler = Compiler(connection, store=False)
            compiler.info(dataset.schema_version, dataset.dataset)
            compiler.metadata({"exported_by": f"kerjasama {__version__}"})
            compiler.sectors(dataset.sectors)
            compiler.sources(dataset.sources)
            for record in dataset.partnerships:
                compiler.record(record)
            compiler.figures(dataset.figures)
            compiler.finish()
    finally:
        connection.close()


WRITERS: dict[ExportFormat, Callable[[RegisterView, Path], None]] = {
    ExportFormat.SQLITE: write_sqlite,
    ExportFormat.JSON: write_json,
    ExportFormat.CSV: write_csv,
}


def export(dataset: RegisterView, path: Path, fmt: ExportFormat) -> None:
    """Write ``dataset`` to ``path`` in ``fmt``: complete, or not at all (``OSError`` raised).

    Whether an existing file may be replaced is the caller's decision.
    """
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    temporary = Path(name)
    try:
        temporary.unlink()  # sqlite3 wants to create its file itself
        WRITERS[fmt](dataset, temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
