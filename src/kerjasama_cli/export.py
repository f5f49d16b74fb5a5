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

from .models import Dataset, Localized, Partnership, partnership_to_dict, source_to_dict


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


def dataset_to_dict(dataset: Dataset) -> dict[str, Any]:
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


def write_json(dataset: Dataset, path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        json.dump(dataset_to_dict(dataset), fh, ensure_ascii=False, indent=2)
        fh.write("\n")


def write_csv(dataset: Dataset, path: Path) -> None:
    """The partnerships, one row each, every column of ``list --format csv`` (RFC 4180)."""
    from .render.columns import ALL_COLUMNS, MACHINE

    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(ALL_COLUMNS)
        writer.writerows([MACHINE[c](p) for c in ALL_COLUMNS] for p in dataset.partnerships)


_SCHEMA = """
CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE sectors (key TEXT PRIMARY KEY, label_id TEXT NOT NULL, label_en TEXT NOT NULL);
CREATE TABLE sector_aliases (sector TEXT NOT NULL REFERENCES sectors(key), alias TEXT NOT NULL);
CREATE TABLE sources (key TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT NOT NULL,
                      date TEXT, url TEXT);
CREATE TABLE partnerships (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, partner TEXT NOT NULL,
    partner_type TEXT NOT NULL, country TEXT, kind TEXT NOT NULL, instrument TEXT,
    signed TEXT, ends TEXT, status TEXT NOT NULL, scope TEXT NOT NULL, year INTEGER,
    summary_id TEXT NOT NULL, summary_en TEXT NOT NULL, note_id TEXT, note_en TEXT
);
CREATE TABLE partnership_sectors (
    partnership TEXT NOT NULL REFERENCES partnerships(id),
    sector TEXT NOT NULL REFERENCES sectors(key), position INTEGER NOT NULL,
    PRIMARY KEY (partnership, sector)
);
CREATE TABLE partnership_sources (
    partnership TEXT NOT NULL REFERENCES partnerships(id),
    source TEXT NOT NULL REFERENCES sources(key), position INTEGER NOT NULL,
    PRIMARY KEY (partnership, source)
);
CREATE TABLE figures (
    id TEXT PRIMARY KEY, label_id TEXT NOT NULL, label_en TEXT NOT NULL, value REAL NOT NULL,
    year INTEGER NOT NULL, source TEXT NOT NULL REFERENCES sources(key), compare TEXT
);
"""


def _partnership_row(p: Partnership) -> tuple[Any, ...]:
    return (
        p.id, p.title, p.partner, p.partner_type.value, p.country, p.kind.value,
        p.instrument.value if p.instrument else None, p.signed, p.ends, p.status.value,
        p.scope.value, p.year, p.summary.id, p.summary.en,
        p.note.id if p.note else None, p.note.en if p.note else None,
    )  # fmt: skip


def write_sqlite(dataset: Dataset, path: Path) -> None:
    """Tables for records, sectors, sources and figures, with the links between them."""
    from . import __version__

    info = dataset.dataset
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.executescript(_SCHEMA)
            connection.executemany("INSERT INTO metadata VALUES (?, ?)", [
                ("schema_version", str(dataset.schema_version)),
                ("title_id", info.title.id), ("title_en", info.title.en),
                ("description_id", info.description.id), ("description_en", info.description.en),
                ("updated", info.updated), ("licence", info.licence),
                ("maintainer", info.maintainer), ("exported_by", f"kerjasama {__version__}"),
            ])  # fmt: skip
            connection.executemany(
                "INSERT INTO sectors VALUES (?, ?, ?)",
                [(k, s.id, s.en) for k, s in dataset.sectors.items()],
            )
            connection.executemany(
                "INSERT INTO sector_aliases VALUES (?, ?)",
                [(k, a) for k, s in dataset.sectors.items() for a in s.aliases],
            )
            connection.executemany(
                "INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
                [(k, s.title, s.publisher, s.date, s.url) for k, s in dataset.sources.items()],
            )
            connection.executemany(
                f"INSERT INTO partnerships VALUES ({', '.join('?' * 16)})",
                [_partnership_row(p) for p in dataset.partnerships],
            )
            connection.executemany(
                "INSERT INTO partnership_sectors VALUES (?, ?, ?)",
                [(p.id, s, i) for p in dataset.partnerships for i, s in enumerate(p.sectors)],
            )
            connection.executemany(
                "INSERT INTO partnership_sources VALUES (?, ?, ?)",
                [(p.id, s, i) for p in dataset.partnerships for i, s in enumerate(p.sources)],
            )
            connection.executemany("INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?)", [
                (f.id, f.label.id, f.label.en, f.value, f.year, f.source,
                 None if f.compare is None else json.dumps(
                     {k: list(v) for k, v in f.compare.items()}, ensure_ascii=False))
                for f in dataset.figures
            ])  # fmt: skip
    finally:
        connection.close()


WRITERS: dict[ExportFormat, Callable[[Dataset, Path], None]] = {
    ExportFormat.SQLITE: write_sqlite,
    ExportFormat.JSON: write_json,
    ExportFormat.CSV: write_csv,
}


def export(dataset: Dataset, path: Path, fmt: ExportFormat) -> None:
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
