"""The SQLite schema of ``export x.db`` and of the store, generated from the field registry.

``export`` writes the tables a reader of the data needs; the store adds what queries
need: sort and search keys, the record's JSON as written, indexes on the filtered
columns, and the ISO country names (so a query never imports pycountry).
"""

from __future__ import annotations

from ..fields import FIELDS

#: Bumped whenever the store's tables change shape: an old store is then rebuilt.
STORE_FORMAT = 3

#: Columns the store keeps beside the exported ones, for queries and fast output.
STORE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("sectors_list", "TEXT NOT NULL"),  # the sector keys, comma-joined, in the record's order
    ("sources_list", "TEXT NOT NULL"),
    ("signed_y", "INTEGER"), ("signed_m", "INTEGER"), ("signed_d", "INTEGER"),
    ("ends_y", "INTEGER"), ("ends_m", "INTEGER"), ("ends_d", "INTEGER"),
    *((f"{f.name}_fold", "TEXT NOT NULL") for f in FIELDS if f.folded_sort),
    ("search", "TEXT NOT NULL"),  # folded id, title, partner and summaries
    ("json", "TEXT NOT NULL"),  # the record as ``list --format json`` writes one item
    ("json_line", "TEXT NOT NULL"),  # ... and as ``--format jsonl`` writes it
)  # fmt: skip

#: The columns of the ``partnerships`` table that ``export`` writes, in order.
EXPORTED_COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.sql)


def partnerships_table(store: bool) -> str:
    columns = [
        f"{f.name} {f.sql}{'' if f.optional else ' NOT NULL'}"
        + (" PRIMARY KEY" if f.name == "id" else "")
        for f in FIELDS
        if f.sql
    ]
    if store:
        columns += [f"{name} {sql}" for name, sql in STORE_COLUMNS]
    return "CREATE TABLE partnerships (\n    " + ",\n    ".join(columns) + "\n);\n"


_COMMON = """
CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE sectors (key TEXT PRIMARY KEY, label_id TEXT NOT NULL, label_en TEXT NOT NULL);
CREATE TABLE sector_aliases (sector TEXT NOT NULL REFERENCES sectors(key), alias TEXT NOT NULL);
CREATE TABLE sources (key TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT NOT NULL,
                      date TEXT, url TEXT);
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

_STORE_ONLY = """
CREATE TABLE countries (code TEXT PRIMARY KEY, name_id TEXT NOT NULL, name_en TEXT NOT NULL);
CREATE TABLE country_terms (term TEXT PRIMARY KEY, code TEXT NOT NULL);
CREATE TABLE sector_terms (term TEXT PRIMARY KEY, sector TEXT NOT NULL);
"""

#: Created after the rows are in: building an index once is faster than keeping it up.
STORE_INDEXES = "\n".join(
    [
        *(
            f"CREATE INDEX partnerships_{f.name} ON partnerships({f.name});"
            for f in FIELDS
            if f.sql and f.group
        ),
        "CREATE INDEX partnership_sectors_sector ON partnership_sectors(sector, partnership);",
    ]
)


def schema(store: bool) -> str:
    """The DDL of an export (``store=False``) or of the store."""
    return _COMMON + partnerships_table(store) + (_STORE_ONLY if store else "")
