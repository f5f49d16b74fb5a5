"""The compiled store: a register file validated once, then queried with SQL.

``Register.open(path)`` finds the store of that exact file content in the user's cache
folder, or validates the file and compiles one; every later run on the unchanged file
answers from SQLite without parsing YAML or importing pydantic. Where no store can be
kept (the folder cannot be written, ``KERJASAMA_NO_CACHE`` is set) the register is
compiled into memory instead and queried the same way: there is one query engine.

    YAML file ──validate──▶ SQLite store ──query (store/sql.py)──▶ records ──▶ writer
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import StoreCorruptError
from . import files
from .schema import STORE_FORMAT
from .sql import order_by, where

if TYPE_CHECKING:
    from ..i18n import Lang
    from ..models import (
        Dataset,
        DatasetInfo,
        Figure,
        Partnership,
        RegisterView,
        Sector,
        Source,
    )
    from ..query import Query

#: The columns a ``Partnership`` is rebuilt from, in this order.
_RECORD_COLUMNS = (
    "id, title, partner, partner_type, country, kind, instrument, sectors_list, signed, ends,"
    " status, summary_id, summary_en, note_id, note_en, sources_list"
)


class StoreState(NamedTuple):
    """Where a register's answers came from, for ``info`` and for tests."""

    entry: Path | None  # the store file in use; None when compiled into memory
    built: bool  # compiled during this run (the file was new or changed)
    reason: str = ""  # why there is no store file, when there is none


def _salt() -> str:
    from .. import __version__

    return f"kerjasama {__version__} store {STORE_FORMAT} sqlite {sqlite3.sqlite_version}"


class Register:
    """A validated register, answered from its SQLite store.

    Has the attributes of a ``Dataset`` (``dataset``, ``sectors``, ``sources``,
    ``figures``, ``partnerships``), so code written for one works with the other; the
    records themselves are read only when asked for.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path, state: StoreState) -> None:
        self.connection = connection
        self.path = path
        self.state = state
        self._all: tuple[Partnership, ...] | None = None
        self._header: dict[str, Any] | None = None

    # --- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, lang: Lang | None = None, cache: Path | None = None) -> Register:
        """The register of the file at ``path``: from its store in ``cache`` (a folder,
        made private if new), compiled there first if need be; in memory when ``cache``
        is None or unusable. Raises ``DatasetError`` for a file that cannot be read or
        is invalid, is not a regular file or is larger than the limit (``datafile``).

        ``-`` is standard input: read once, whole (within the same limit), and compiled in
        memory, never into the cache folder (a pipe has no identity to key a store by
        without reading it all first, and is rarely read twice)."""
        from ..i18n import Lang

        lang = Lang.EN if lang is None else lang
        files.check_readable(path, lang)  # a clear message for a missing or unreadable file
        from ..datafile import is_stdin, read_data

        if is_stdin(path):  # read once, whole (within the limit), compiled in memory
            raw = read_data(path, lang)
            piped = _compile_into(":memory:", path, lang, raw=raw)
            return cls(piped, path, StoreState(None, True, "standard input"))
        folder = None if cache is None else files.private_folder(cache)
        if folder is None:
            reason = "disabled" if cache is None else f"cannot use {cache}"
            return cls(_compile_into(":memory:", path, lang), path, StoreState(None, True, reason))
        before = _identity(path)
        key = files.remembered_key(folder, path, _salt())
        entry = folder / f"{key}{files.SUFFIX}"
        trusted = files.trusted_entry(entry)
        if trusted:
            connection = _open_entry(entry, key)
            if connection is not None:
                files.touch(entry)
                return cls(connection, path, StoreState(entry, False))
        try:
            temporary = files.new_temporary(folder) if _writable(folder) else None
        except OSError:
            temporary = None
        if temporary is None:
            memory = _compile_into(":memory:", path, lang)
            return cls(memory, path, StoreState(None, True, f"cannot write {folder}"))
        try:
            _compile_into(str(temporary), path, lang, key=key).close()
        except (OSError, sqlite3.Error):  # the cache's disk is full: answer from memory
            temporary.unlink(missing_ok=True)
            memory = _compile_into(":memory:", path, lang)
            return cls(memory, path, StoreState(None, True, f"cannot write {folder}"))
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        if _identity(path) != before:
            # The file changed while it was hashed and compiled: what was compiled may
            # not be what the key names. Use it for this run; never keep it.
            connection = _open_entry(temporary, key)
            temporary.unlink(missing_ok=True)
            if connection is None:
                raise StoreCorruptError(str(temporary))
            return cls(connection, path, StoreState(None, True, "file changed while read"))
        if not files.publish(temporary, entry):
            # Something we may not replace sits at the entry's name: use the fresh store
            # for this run only (it stays readable after its name is gone).
            connection = _open_entry(temporary, key)
            temporary.unlink(missing_ok=True)
            if connection is None:
                raise StoreCorruptError(str(temporary))
            return cls(connection, path, StoreState(None, True, f"cannot replace {entry}"))
        files.prune(folder)
        connection = _open_entry(entry, key)
        if connection is None:  # replaced under us by a concurrent run: compile in memory
            memory = _compile_into(":memory:", path, lang)
            return cls(memory, path, StoreState(None, True, "store replaced while opening"))
        return cls(connection, path, StoreState(entry, True))

    @classmethod
    def from_dataset(cls, dataset: RegisterView) -> Register:
        """An in-memory register of records already validated (for the Python API)."""
        from .compile import Compiler

        connection = sqlite3.connect(":memory:")
        compiler = Compiler(connection)
        _fill(compiler, dataset)
        connection.commit()
        return cls(connection, Path("<memory>"), StoreState(None, True, "in memory"))

    def close(self) -> None:
        self.connection.close()

    # --- the header: a Dataset's attributes ---------------------------------------------

    def _read_header(self) -> dict[str, Any]:
        if self._header is None:
            self._header = _read_header(self.connection)
        return self._header

    @property
    def schema_version(self) -> int:
        return int(self._read_header()["schema_version"])

    @property
    def dataset(self) -> DatasetInfo:
        info: DatasetInfo = self._read_header()["dataset"]
        return info

    @property
    def sectors(self) -> dict[str, Sector]:
        sectors: dict[str, Sector] = self._read_header()["sectors"]
        return sectors

    @property
    def sources(self) -> dict[str, Source]:
        sources: dict[str, Source] = self._read_header()["sources"]
        return sources

    @property
    def figures(self) -> tuple[Figure, ...]:
        figures: tuple[Figure, ...] = self._read_header()["figures"]
        return figures

    # --- records ----------------------------------------------------------------------

    @property
    def partnerships(self) -> tuple[Partnership, ...]:
        """Every record, in the file's order."""
        if self._all is None:
            rows = self._rows(f"SELECT {_RECORD_COLUMNS} FROM partnerships ORDER BY rowid", [])
            self._all = tuple(_record(row) for row in rows)
        return self._all

    def partnership(self, id_: str) -> Partnership | None:
        rows = self._rows(f"SELECT {_RECORD_COLUMNS} FROM partnerships WHERE id = ?", [id_])
        return _record(rows[0]) if rows else None

    def ids(self) -> list[str]:
        return [row[0] for row in self._rows("SELECT id FROM partnerships ORDER BY rowid", [])]

    def count(self, query: Query | None = None, undated_only: bool = False) -> int:
        """How many records match ``query`` (all of them without one); with ``undated_only``,
        how many of those have no signed date."""
        if query is None and not undated_only:
            stored = self._rows("SELECT value FROM metadata WHERE key = 'count'", [])
            if stored:
                return int(stored[0][0])
        clause, params = where(query) if query is not None else ("", [])
        if undated_only:
            clause = f"{clause} AND signed IS NULL" if clause else "WHERE signed IS NULL"
        return int(self._rows(f"SELECT count(*) FROM partnerships {clause}", params)[0][0])

    def select(
        self, query: Query | None = None, sort: str | None = None, limit: int | None = None
    ) -> list[Partnership]:
        """The records that match, sorted by ``sort`` (file order without one)."""
        return [_record(row) for row in self._select(_RECORD_COLUMNS, query, sort, limit)]

    def selection(
        self, query: Query | None = None, sort: str | None = None, limit: int | None = None
    ) -> Selection:
        """The records that match, read only in the form that is asked for."""
        return Selection(self, query, sort, limit)

    def select_texts(
        self, column: str, query: Query | None = None, sort: str | None = None,
        limit: int | None = None,
    ) -> list[str]:  # fmt: skip
        """One stored text per matching record: ``id``, ``json`` or ``json_line``."""
        if column not in ("id", "json", "json_line"):
            raise ValueError(column)
        return [row[0] for row in self._select(column, query, sort, limit)]

    def _select(
        self, columns: str, query: Query | None, sort: str | None, limit: int | None
    ) -> list[tuple[Any, ...]]:
        clause, params = where(query) if query is not None else ("", [])
        order = order_by(sort) if sort else "ORDER BY rowid"
        tail = ""
        if limit is not None and limit < 2**62:  # a larger limit is no limit at all
            tail, params = " LIMIT ?", [*params, limit]
        return self._rows(f"SELECT {columns} FROM partnerships {clause} {order}{tail}", params)

    def _rows(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        try:
            return self.connection.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreCorruptError(str(exc), self.state.entry) from None

    def lookup_term(self, vocabulary: str, folded: str) -> str | None:
        """The sector key or country code that a folded term names, by one indexed lookup;
        None when it names none (or for another vocabulary)."""
        table = {"sector": ("sector_terms", "sector"), "country": ("country_terms", "code")}
        if vocabulary not in table:
            return None
        name, column = table[vocabulary]
        rows = self._rows(f"SELECT {column} FROM {name} WHERE term = ?", [folded])
        return str(rows[0][0]) if rows else None

    def sector_terms(self) -> list[tuple[str, tuple[str, ...]]]:
        """Each sector's key with its labels and aliases, for resolving what a user types."""
        aliases: dict[str, list[str]] = {}
        for sector, alias in self._rows("SELECT sector, alias FROM sector_aliases", []):
            aliases.setdefault(sector, []).append(alias)
        rows = self._rows("SELECT key, label_id, label_en FROM sectors ORDER BY rowid", [])
        return [(key, (i, e, *aliases.get(key, ()))) for key, i, e in rows]

    def sector_counts(self) -> dict[str, int]:
        """How many records name each sector."""
        sql = "SELECT sector, count(*) FROM partnership_sectors GROUP BY sector"
        return dict(self._rows(sql, []))

    def country_table(self) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
        """Every ISO country's names and the terms that find it (see ``countries``)."""
        names = {c: (i, e) for c, i, e in self._rows("SELECT * FROM countries", [])}
        terms = dict(self._rows("SELECT term, code FROM country_terms", []))
        return names, terms

    def to_dataset(self) -> Dataset:
        from ..models import Dataset

        return Dataset(
            schema_version=1,
            dataset=self.dataset,
            sectors=self.sectors,
            sources=self.sources,
            partnerships=self.partnerships,
            figures=self.figures,
        )


class Selection:
    """The answer to one query, read from the store in the form a writer asks for: the
    records themselves, their ids, or their JSON as the store keeps it. Each is read
    once, on first use; ``len`` is counted by SQL."""

    def __init__(
        self, register: Register, query: Query | None, sort: str | None, limit: int | None
    ) -> None:
        self.register, self.query, self.sort, self.limit = register, query, sort, limit
        self._count: int | None = None
        self._records: list[Partnership] | None = None
        self._texts: dict[str, list[str]] = {}

    def __bool__(self) -> bool:
        """Whether any record matches (one row read, not a count)."""
        if self._records is not None:
            return bool(self._records)
        return bool(self.register.select_texts("id", self.query, None, 1))

    def __len__(self) -> int:
        if self._records is not None:
            return len(self._records)
        if self._count is None:
            matched = self.register.count(self.query)
            self._count = matched if self.limit is None else min(matched, self.limit)
        return self._count

    def matched(self) -> int:
        """How many records match, ``limit`` aside."""
        return self.register.count(self.query)

    def records(self) -> list[Partnership]:
        if self._records is None:
            self._records = self.register.select(self.query, self.sort, self.limit)
        return self._records

    def encoded(self, column: str) -> list[bytes]:
        """``json`` or ``json_line`` of each record as UTF-8 bytes, straight from SQLite:
        a large JSON answer is written without decoding and encoding it again."""
        if column not in ("json", "json_line"):
            raise ValueError(column)
        connection = self.register.connection
        connection.text_factory = bytes
        try:
            rows = self.register._select(column, self.query, self.sort, self.limit)
        finally:
            connection.text_factory = str
        return [row[0] for row in rows]

    def texts(self, column: str) -> list[str]:
        """``id``, ``json`` or ``json_line`` of each record, in order."""
        if column not in self._texts:
            self._texts[column] = self.register.select_texts(
                column, self.query, self.sort, self.limit
            )
        return self._texts[column]


# --- compiling and opening --------------------------------------------------------------


def _identity(path: Path) -> tuple[int, ...] | None:
    """What changes when a file is written: device, inode, size, modification and change
    times (None when it cannot be read)."""
    import os

    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _writable(folder: Path) -> bool:
    import os

    return os.access(folder, os.W_OK | os.X_OK)


def _compile_into(
    target: str, path: Path, lang: Lang, key: str | None = None, raw: bytes | None = None
) -> sqlite3.Connection:
    """Validate the file at ``path`` (or its bytes ``raw``, already read) and compile it
    into ``target`` (a file or ``:memory:``)."""
    from ..loading import iter_parts
    from .compile import Compiler

    connection = sqlite3.connect(target)
    try:
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        compiler = Compiler(connection)
        header: dict[str, Any] = {}
        for name, value in iter_parts(path, lang, raw):
            if name == "partnership":
                compiler.record(value)
            else:
                header[name] = value
        compiler.info(header["schema_version"], header["dataset"])
        compiler.sectors(header["sectors"])
        compiler.sources(header["sources"])
        compiler.figures(header.get("figures", ()))
        compiler.finish()
        if key is not None:
            compiler.metadata({"key": key})
        connection.commit()
    except BaseException:
        connection.close()
        raise
    return connection


def _fill(compiler: Any, dataset: RegisterView) -> None:
    for record in dataset.partnerships:
        compiler.record(record)
    compiler.info(dataset.schema_version, dataset.dataset)
    compiler.sectors(dataset.sectors)
    compiler.sources(dataset.sources)
    compiler.figures(dataset.figures)
    compiler.finish()


def _open_entry(entry: Path, key: str) -> sqlite3.Connection | None:
    """A read-only connection to a store entry that is whole and is the one for ``key``."""
    from urllib.parse import quote

    try:
        size = entry.stat().st_size
        connection = sqlite3.connect(
            f"file:{quote(str(entry))}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
    except (OSError, sqlite3.Error):
        return None
    try:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        meta = dict(
            connection.execute(
                "SELECT key, value FROM metadata WHERE key IN ('key', 'store_format')"
            ).fetchall()
        )
        if pages * page_size != size or meta != {"key": key, "store_format": str(STORE_FORMAT)}:
            raise sqlite3.DatabaseError("not this store")
    except sqlite3.Error:
        connection.close()
        return None
    return connection


# --- reading rows back --------------------------------------------------------------------


def _read_header(connection: sqlite3.Connection) -> dict[str, Any]:
    import json

    from ..models import DatasetInfo, Figure, Localized, Sector, Source

    try:
        meta = dict(connection.execute("SELECT key, value FROM metadata").fetchall())
        aliases: dict[str, list[str]] = {}
        for sector, alias in connection.execute("SELECT sector, alias FROM sector_aliases"):
            aliases.setdefault(sector, []).append(alias)
        sectors = {
            key: _make(Sector, id=label_id, en=label_en, aliases=tuple(aliases.get(key, ())))
            for key, label_id, label_en in connection.execute("SELECT * FROM sectors")
        }
        sources = {
            key: _make(Source, title=title, publisher=publisher, date=date, url=url)
            for key, title, publisher, date, url in connection.execute("SELECT * FROM sources")
        }
        figures = tuple(
            _make(
                Figure, id=fid, label=_make(Localized, id=label_id, en=label_en),
                value=value, year=year, source=source,
                compare=None if compare is None
                else {k: tuple(v) for k, v in json.loads(compare).items()},
            )
            for fid, label_id, label_en, value, year, source, compare in connection.execute(
                "SELECT * FROM figures ORDER BY rowid"
            )
        )  # fmt: skip
    except sqlite3.DatabaseError as exc:
        raise StoreCorruptError(str(exc)) from None
    info = _make(
        DatasetInfo,
        title=_make(Localized, id=meta["title_id"], en=meta["title_en"]),
        description=_make(Localized, id=meta["description_id"], en=meta["description_en"]),
        updated=meta["updated"], licence=meta["licence"], maintainer=meta["maintainer"],
    )  # fmt: skip
    return {
        "schema_version": meta["schema_version"],
        "dataset": info,
        "sectors": sectors,
        "sources": sources,
        "figures": figures,
    }


_SET = object.__setattr__


def _make(cls: type[Any], **values: Any) -> Any:
    """A frozen model object from values the store already validated, without re-checking."""
    obj = object.__new__(cls)
    for name, value in values.items():
        _SET(obj, name, value)
    return obj


def _record(row: tuple[Any, ...]) -> Partnership:
    from ..models import Localized, Partnership
    from ..vocabulary import Instrument, Kind, PartnerType, Status

    (id_, title, partner, partner_type, country, kind, instrument, sectors, signed, ends,
     status, summary_id, summary_en, note_id, note_en, sources) = row  # fmt: skip
    return _make(  # type: ignore[no-any-return]
        Partnership,
        id=id_, title=title, partner=partner, partner_type=PartnerType(partner_type),
        country=country, kind=Kind(kind),
        instrument=None if instrument is None else Instrument(instrument),
        sectors=tuple(sectors.split(",")), signed=signed, ends=ends, status=Status(status),
        summary=_make(Localized, id=summary_id, en=summary_en),
        note=None if note_id is None else _make(Localized, id=note_id, en=note_en),
        sources=tuple(sources.split(",")),
    )  # fmt: skip


def country_table_of(entry: Path) -> tuple[dict[str, tuple[str, str]], dict[str, str]] | None:
    """The ISO names kept in a store file, read on first use; None when it cannot be read."""
    from urllib.parse import quote

    try:
        connection = sqlite3.connect(f"file:{quote(str(entry))}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return None
    try:
        return Register(connection, entry, StoreState(entry, False)).country_table()
    except StoreCorruptError:
        return None
    finally:
        connection.close()


__all__ = ["Register", "Selection", "StoreCorruptError", "StoreState", "country_table_of"]
