"""Every field of a partnership and every filter, declared once.

What the command line and the store know of a field comes from ``FIELDS``: the columns
``--columns`` offers and their headings in both languages, the fields ``--sort`` and
``--by`` accept, the fields ``show`` prints, the store's SQL columns, and the filter
options of ``list`` and ``summary`` (from ``FILTERS``, which ``Query`` must follow). A
new field also needs its place in the model (``models.py``), in the store's row
(``store/compile.py`` and ``store/__init__.py``) and in the data; tests check that those
lists agree with this one (``tests/test_architecture.py``).

A field is named by one canonical spelling, the data's own key (``partner_type``); a
user may also type it with hyphens (``partner-type``) or by an alias (``sektor``).
Nothing here imports more than the standard library and ``i18n``, so the fast path
stays lean; the records are named tuples, which cost far less to define than dataclasses
on every start.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple

from .i18n import normalize


class Vocab(StrEnum):
    """Where the values of a field come from, for resolving what a user types."""

    SECTOR = "sector"
    COUNTRY = "country"
    KIND = "kind"
    INSTRUMENT = "instrument"
    PARTNER_TYPE = "partner_type"
    SCOPE = "scope"
    STATUS = "status"


class Field(NamedTuple):
    """One field of a record, and what the command line may do with it."""

    name: str
    #: Column heading (Indonesian, English).
    heading: tuple[str, str]
    #: SQL type of its column in the ``partnerships`` table; "" for a field kept elsewhere
    #: (a list in a link table) or computed when asked (``decade``).
    sql: str = "TEXT"
    #: Other names a user may type for it (``--by sektor``); hyphens always work too.
    aliases: tuple[str, ...] = ()
    column: bool = True  # may be chosen with --columns
    sort: bool = False  # may be used with --sort
    group: bool = False  # may be used with --by
    #: The vocabulary its values belong to (labels shown in a table, values resolved).
    vocab: Vocab | None = None
    #: Several values per record (a record counts once in each group).
    multi_valued: bool = False
    #: Ordered by time: read as a timeline.
    chronological: bool = False
    #: Text sorted case- and accent-insensitively (the store keeps a folded copy).
    folded_sort: bool = False
    #: Its name in the machine output of ``summary --by`` (``sector``, not ``sectors``).
    group_name: str = ""
    #: Heading of a ``--by`` group column, where it differs from the column heading.
    group_heading: tuple[str, str] | None = None
    #: Shown by ``show`` in the list of fields above the summary.
    detail: bool = False
    #: A record may lack it (its SQL column accepts NULL).
    optional: bool = False
    #: In a table: long text that may wrap, sharing the room left in this proportion;
    #: short values (ids, dates, enums) stay on one line.
    wrap: bool = True
    ratio: int = 1

    @property
    def grouped_as(self) -> str:
        return self.group_name or self.name

    def label(self, lang: str) -> str:
        return self.heading[0] if lang == "id" else self.heading[1]

    def group_label(self, lang: str) -> str:
        pair = self.group_heading or self.heading
        return pair[0] if lang == "id" else pair[1]


FIELDS: tuple[Field, ...] = (
    Field("id", ("ID", "ID"), sort=True, wrap=False),
    Field("title", ("Judul", "Title"), aliases=("judul",), sort=True, folded_sort=True, ratio=3),
    Field(
        "partner",
        ("Mitra", "Partner"),
        aliases=("mitra",),
        sort=True,
        folded_sort=True,
        detail=True,
        ratio=2,
    ),
    Field(
        "partner_type",
        ("Jenis mitra", "Partner type"),
        aliases=("partner types", "jenis mitra", "tipe mitra"),
        sort=True,
        group=True,
        vocab=Vocab.PARTNER_TYPE,
        detail=True,
    ),
    Field(
        "country",
        optional=True,
        heading=("Negara", "Country"),
        aliases=("countries", "negara"),
        sort=True,
        group=True,
        vocab=Vocab.COUNTRY,
        detail=True,
    ),
    Field(
        "kind",
        ("Jenis", "Kind"),
        aliases=("kinds", "jenis"),
        sort=True,
        group=True,
        vocab=Vocab.KIND,
        detail=True,
        wrap=False,
    ),
    Field(
        "instrument",
        optional=True,
        heading=("Dokumen", "Instrument"),
        aliases=("instruments", "dokumen"),
        sort=True,
        group=True,
        vocab=Vocab.INSTRUMENT,
        detail=True,
        wrap=False,
    ),
    Field(
        "sectors",
        ("Sektor", "Sectors"),
        sql="",
        aliases=("sector", "sektor"),
        group=True,
        vocab=Vocab.SECTOR,
        multi_valued=True,
        group_name="sector",
        group_heading=("Sektor", "Sector"),
        detail=True,
        ratio=2,
    ),
    Field(
        "signed",
        optional=True,
        heading=("Mulai", "Signed"),
        aliases=("mulai", "date", "tanggal"),
        sort=True,
        detail=True,
        wrap=False,
    ),
    Field(
        "ends",
        optional=True,
        heading=("Berakhir", "Ends"),
        aliases=("berakhir", "end"),
        sort=True,
        detail=True,
        wrap=False,
    ),
    Field(
        "status",
        ("Status", "Status"),
        aliases=("statuses", "state"),
        sort=True,
        group=True,
        vocab=Vocab.STATUS,
        detail=True,
        wrap=False,
    ),
    Field(
        "scope",
        ("Lingkup", "Scope"),
        aliases=("lingkup",),
        sort=True,
        group=True,
        vocab=Vocab.SCOPE,
        detail=True,
        wrap=False,
    ),
    Field(
        "year",
        optional=True,
        heading=("Tahun", "Year"),
        sql="INTEGER",
        aliases=("years", "tahun"),
        sort=True,
        group=True,
        chronological=True,
        wrap=False,
    ),
    Field(
        "decade",
        ("Dekade", "Decade"),
        sql="",
        aliases=("decades", "dekade"),
        column=False,
        group=True,
        chronological=True,
    ),
    Field("summary_id", ("Ringkasan (id)", "Summary (id)"), ratio=4),
    Field("summary_en", ("Ringkasan (en)", "Summary (en)"), ratio=4),
    Field("note_id", optional=True, heading=("Catatan (id)", "Note (id)"), ratio=3),
    Field("note_en", optional=True, heading=("Catatan (en)", "Note (en)"), ratio=3),
    Field("sources", ("Sumber", "Sources"), sql="", aliases=("source", "sumber"), ratio=2),
)

BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}

#: Every field a column can show, in the order of the schema.
COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.column)
SORT_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.sort)
GROUP_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.group)
DETAIL_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.detail)

#: The columns of tsv and csv when ``--columns`` is not given.
DEFAULT_MACHINE_COLUMNS: tuple[str, ...] = (
    "id", "title", "partner", "partner_type", "country", "kind", "instrument", "sectors",
    "signed", "ends", "status",
)  # fmt: skip
#: The columns of the table when ``--columns`` is not given.
DEFAULT_TABLE_COLUMNS: tuple[str, ...] = (
    "id", "partner", "country", "kind", "signed", "status", "sectors",
)  # fmt: skip


_SPELLINGS: dict[str, str] = {}
for _field in FIELDS:
    for _term in (_field.name, _field.group_name, *_field.aliases):
        if _term:
            _SPELLINGS.setdefault(normalize(_term), _field.name)


def field_named(text: str) -> Field | None:
    """The field a user means by ``text``: its name in any case, with ``-`` or ``_``, or an alias."""
    name = _SPELLINGS.get(normalize(text))
    return None if name is None else BY_NAME[name]


def group_field(name: str) -> Field:
    """The field of a ``--by`` group, by any of its spellings; ``ValueError`` if none."""
    found = field_named(name)
    if found is None or not found.group:
        raise ValueError(f"unknown group field {name!r}")
    return found


def suggest_fields(text: str, among: Iterable[str]) -> list[str]:
    """The closest names among ``among`` to a mistyped field name."""
    import difflib

    names = list(among)
    spellings = {s: n for s, n in _SPELLINGS.items() if n in names}
    close = difflib.get_close_matches(normalize(text), list(spellings), n=6, cutoff=0.6)
    return list(dict.fromkeys(spellings[c] for c in close))[:3]


# --- filters ---------------------------------------------------------------------------


class Match(StrEnum):
    """How a filter's values select records."""

    ANY_OF = "any-of"  # the record's value is one of them
    OVERLAPS = "overlaps"  # one of the record's values (sectors) is one of them
    YEAR = "year"  # the signed year is one of them
    SINCE = "since"  # signed on or after, compared at the coarser precision
    UNTIL = "until"  # signed on or before, compared at the coarser precision
    TEXT = "text"  # case- and accent-insensitive search of the record's text


class Filter(NamedTuple):
    """A filter option of ``list`` and ``summary``."""

    name: str  # the Query attribute, and the key of a figure's ``compare``
    flags: tuple[str, ...]
    match: Match
    field: str  # the field it looks at
    #: Several values (repeated or comma-separated) are OR-ed; else one value.
    repeatable: bool = True
    #: Values hold commas of their own ("Korea, Republic of"): only repeat the option.
    commas: bool = True
    vocab: Vocab | None = None
    metavar: str = "VALUE"

    @property
    def option(self) -> str:
        return self.flags[0]


FILTERS: tuple[Filter, ...] = (
    Filter("sector", ("--sector", "-s"), Match.OVERLAPS, "sectors", vocab=Vocab.SECTOR),
    Filter(
        "country", ("--country", "-c"), Match.ANY_OF, "country", commas=False, vocab=Vocab.COUNTRY
    ),
    Filter("kind", ("--kind", "-k"), Match.ANY_OF, "kind", vocab=Vocab.KIND),
    Filter("instrument", ("--instrument",), Match.ANY_OF, "instrument", vocab=Vocab.INSTRUMENT),
    Filter(
        "partner_type", ("--partner-type",), Match.ANY_OF, "partner_type", vocab=Vocab.PARTNER_TYPE
    ),
    Filter("scope", ("--scope",), Match.ANY_OF, "scope", vocab=Vocab.SCOPE),
    Filter("status", ("--status",), Match.ANY_OF, "status", vocab=Vocab.STATUS),
    Filter("year", ("--year", "-y"), Match.YEAR, "signed"),
    Filter("since", ("--since",), Match.SINCE, "signed", repeatable=False),
    Filter("until", ("--until",), Match.UNTIL, "signed", repeatable=False),
    Filter(
        "search",
        ("--search", "-q"),
        Match.TEXT,
        "id",
        commas=False,  # a text may hold commas: repeat the option for another text
        metavar="TEXT",
    ),
)
