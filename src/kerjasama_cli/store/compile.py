"""Writing a validated register into SQLite: the tables of ``export x.db``, plus the store's.

Records arrive one at a time (from the streaming reader or from a ``Dataset``) and are
inserted in batches, so compiling a large file never holds all of it in memory.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from ..dates import parse_partial_date
from ..fields import FIELDS
from ..i18n import normalize
from ..models import DatasetInfo, Figure, Partnership, Sector, Source, partnership_to_dict
from .schema import STORE_FORMAT, STORE_INDEXES, schema

_BATCH = 2000
#: The texts the store keeps folded for sorting (``Field.folded_sort``), in column order.
FOLDED = tuple(f.name for f in FIELDS if f.folded_sort)

_text = json.encoder.encode_basestring


def _date_parts(text: str | None) -> tuple[int | None, int | None, int | None]:
    if text is None:
        return None, None, None
    parts = parse_partial_date(text)
    return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


def exported_row(p: Partnership) -> tuple[Any, ...]:
    """The record's row of the ``partnerships`` table, in ``schema.EXPORTED_COLUMNS`` order."""
    return (
        p.id, p.title, p.partner, p.partner_type.value, p.country, p.kind.value,
        p.instrument.value if p.instrument else None, p.signed, p.ends, p.status.value,
        p.scope.value, p.year, p.summary.id, p.summary.en,
        p.note.id if p.note else None, p.note.en if p.note else None,
    )  # fmt: skip


def searchable_text(p: Partnership) -> str:
    """What ``--search`` looks in: id, title, partner and both summaries, folded."""
    return normalize(" \n ".join((p.id, p.title, p.partner, p.summary.id, p.summary.en)))


def pretty_item(item: Mapping[str, Any]) -> str:
    """``json.dumps(item, ensure_ascii=False, indent=2)``, indented one more level (as an
    item of a list), for a record's shape: texts, lists of texts, mappings of texts.

    The same text, built with the C string encoder: the indenting encoder is pure Python
    and was a sixth of compiling a large register. Other shapes go through ``json``.
    """
    lines = []
    for key, value in item.items():
        name = _text(key)
        if isinstance(value, str):
            lines.append(f"    {name}: {_text(value)}")
        elif isinstance(value, list) and all(isinstance(v, str) for v in value) and value:
            inner = ",\n".join(f"      {_text(v)}" for v in value)
            lines.append(f"    {name}: [\n{inner}\n    ]")
        elif isinstance(value, dict) and all(isinstance(v, str) for v in value.values()) and value:
            inner = ",\n".join(f"      {_text(k)}: {_text(v)}" for k, v in value.items())
            lines.append(f"    {name}: {{\n{inner}\n    }}")
        else:
            text = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            lines.append(f"    {name}: {text}")
    if not lines:
        return "  {}"
    return "  {\n" + ",\n".join(lines) + "\n  }"


def store_row(p: Partnership) -> tuple[Any, ...]:
    """The exported row, then the store's own columns (``schema.STORE_COLUMNS``)."""
    item = partnership_to_dict(p)
    pretty = pretty_item(item)
    return (
        *exported_row(p),
        ",".join(p.sectors),
        ",".join(p.sources),
        *_date_parts(p.signed),
        *_date_parts(p.ends),
        *(normalize(getattr(p, name)) for name in FOLDED),
        searchable_text(p),
        pretty,
        json.dumps(item, ensure_ascii=False),
    )


class Compiler:
    """Fills an empty database: ``header`` parts and ``record``s in any order, then ``finish``."""

    def __init__(
        self, connection: sqlite3.Connection, store: bool = True, countries: bool = True
    ) -> None:
        self.connection = connection
        self.store = store
        self.countries = countries
        self._rows: list[tuple[Any, ...]] = []
        self._links: list[tuple[str, str, int]] = []
        self._cites: list[tuple[str, str, int]] = []
        connection.executescript(schema(store))

    def metadata(self, values: Mapping[str, str]) -> None:
        self.connection.executemany("INSERT OR REPLACE INTO metadata VALUES (?, ?)", values.items())

    def info(self, schema_version: int, info: DatasetInfo) -> None:
        self.metadata({
            "schema_version": str(schema_version),
            "title_id": info.title.id, "title_en": info.title.en,
            "description_id": info.description.id, "description_en": info.description.en,
            "updated": info.updated, "licence": info.licence, "maintainer": info.maintainer,
        })  # fmt: skip

    def sectors(self, sectors: Mapping[str, Sector]) -> None:
        if self.store:  # every way to name a sector, folded, for a lookup by SQL
            terms: dict[str, str] = {}
            for key, s in sectors.items():
                for term in (key, s.id, s.en, *s.aliases):
                    terms.setdefault(normalize(term), key)
            self.connection.executemany("INSERT INTO sector_terms VALUES (?, ?)", terms.items())
        self.connection.executemany(
            "INSERT INTO sectors VALUES (?, ?, ?)", [(k, s.id, s.en) for k, s in sectors.items()]
        )
        self.connection.executemany(
            "INSERT INTO sector_aliases VALUES (?, ?)",
            [(k, a) for k, s in sectors.items() for a in s.aliases],
        )

    def sources(self, sources: Mapping[str, Source]) -> None:
        self.connection.executemany(
            "INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
            [(k, s.title, s.publisher, s.date, s.url) for k, s in sources.items()],
        )

    def figures(self, figures: Iterable[Figure]) -> None:
        self.connection.executemany("INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?)", [
            (f.id, f.label.id, f.label.en, f.value, f.year, f.source,
             None if f.compare is None else json.dumps(
                 {k: list(v) for k, v in f.compare.items()}, ensure_ascii=False))
            for f in figures
        ])  # fmt: skip

    def record(self, p: Partnership) -> None:
        self._rows.append(store_row(p) if self.store else exported_row(p))
        self._links += [(p.id, s, i) for i, s in enumerate(p.sectors)]
        self._cites += [(p.id, s, i) for i, s in enumerate(p.sources)]
        if len(self._rows) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            marks = ", ".join("?" * len(self._rows[0]))
            self.connection.executemany(f"INSERT INTO partnerships VALUES ({marks})", self._rows)
        self.connection.executemany("INSERT INTO partnership_sectors VALUES (?, ?, ?)", self._links)
        self.connection.executemany("INSERT INTO partnership_sources VALUES (?, ?, ?)", self._cites)
        self._rows, self._links, self._cites = [], [], []

    def finish(self) -> None:
        """The last batch, the indexes, and (in a store) the country names and format."""
        self._flush()
        if self.store:
            count = self.connection.execute("SELECT count(*) FROM partnerships").fetchone()[0]
            self.metadata({"count": str(count)})
            self.connection.executescript(STORE_INDEXES)
            if self.countries:
                _countries(self.connection)
            self.metadata({"store_format": str(STORE_FORMAT)})


def _countries(connection: sqlite3.Connection) -> None:
    """Every ISO country's names and the terms that find it, so queries need no pycountry."""
    from ..countries import all_country_names, country_terms

    connection.executemany("INSERT INTO countries VALUES (?, ?, ?)", all_country_names())
    connection.executemany("INSERT INTO country_terms VALUES (?, ?)", country_terms().items())
