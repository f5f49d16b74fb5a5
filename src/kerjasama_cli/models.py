"""The dataset document, exactly as the README's schema: plain frozen dataclasses.

pydantic validates these classes (see ``loading``) when a file is read; the
markers in ``Annotated`` carry the rules. Cross-references (sector and source keys,
unique ids) are checked in ``loading`` so that every problem is reported with its line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Literal, Protocol

from .constraints import After, Before, MinLength, StrictNumber, matches
from .dates import MAX_YEAR, MIN_YEAR, on_or_after, parse_partial_date, year_of
from .errors import RuleError
from .vocabulary import STATELESS_PARTNER_TYPES, Instrument, Kind, PartnerType, Scope, Status


def _check_partial_date(value: str) -> str:
    parse_partial_date(value)
    return value


def _check_country(value: str) -> str:
    from .countries import country_exists

    if not country_exists(value):
        raise RuleError("rule.not_a_country", value=value)
    return value


def _year_as_text(value: Any) -> Any:
    """A bare year may be written unquoted (YAML reads it as an int); keep it as text."""
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    return value


def _whole_number(value: Any) -> Any:
    """``true`` and ``1.0`` equal 1 in Python, but are not the schema version 1."""
    if isinstance(value, (bool, float)):
        raise RuleError("rule.not_whole_number", value=value)
    return value


Text = Annotated[str, MinLength(1)]
Slug = Annotated[str, matches(r"[a-z0-9]+(?:-[a-z0-9]+)*", "rule.not_a_slug")]
PartialDate = Annotated[str, Before(_year_as_text), After(_check_partial_date)]
CountryCode = Annotated[str, matches(r"[A-Z]{2}", "rule.not_a_country"), After(_check_country)]
Url = Annotated[str, matches(r"https?://\S+", "rule.not_a_url")]
#: A year as a figure gives it: the years a date may name (``dates.MIN_YEAR`` to ``MAX_YEAR``).
Year = Annotated[int, StrictNumber(ge=MIN_YEAR, lt=MAX_YEAR + 1)]
#: A figure's value: a count or an amount, finite, not negative, and below 10^15, so that
#: it is exact as a float (2^53 is about 9 * 10^15), fits SQLite's integer and prints
#: in full (the largest figure officials gave so far is eleven million).
FIGURE_MAX = 10**15
Number = Annotated[float, StrictNumber(ge=0, lt=FIGURE_MAX, floats=True)]

_CONFIG: dict[str, Any] = {"extra": "forbid"}


@dataclass(frozen=True, slots=True)
class Localized:
    """A text in Indonesian (``id``) and English (``en``)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _CONFIG
    id: Text
    en: Text

    def get(self, lang: str) -> str:
        return self.id if lang == "id" else self.en


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    __pydantic_config__: ClassVar[dict[str, Any]] = _CONFIG
    title: Localized
    description: Localized
    updated: PartialDate
    licence: Text
    maintainer: Text


@dataclass(frozen=True, slots=True)
class Sector:
    __pydantic_config__: ClassVar[dict[str, Any]] = _CONFIG
    id: Text
    en: Text
    aliases: tuple[Text, ...] = ()

    def label(self, lang: str) -> str:
        return self.id if lang == "id" else self.en


@dataclass(frozen=True, slots=True)
class Source:
    __pydantic_config__: ClassVar[dict[str, Any]] = _CONFIG
    title: Text
    publisher: Text
    date: PartialDate | None = None
    url: Url | None = None


FilterName = Literal[
    "sector",
    "country",
    "kind",
    "instrument",
    "partner_type",
    "scope",
    "status",
    "year",
    "since",
    "until",
]


@dataclass(frozen=True, slots=True)
class Figure:
    """A number that officials reported, and the register query that answers the same question."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _CONFIG
    id: Slug
    label: Localized
    value: Number
    year: Year
    source: Slug
    compare: dict[FilterName, tuple[Text, ...]] | None = None


@dataclass(frozen=True, slots=True)
class Partnership:
    """One partnership of the register. ``scope`` and ``year`` are derived, never stored."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _CONFIG
    id: Slug
    title: Text
    partner: Text
    partner_type: PartnerType
    kind: Kind
    sectors: Annotated[tuple[Slug, ...], MinLength(1)]
    status: Status
    summary: Localized
    sources: Annotated[tuple[Slug, ...], MinLength(1)]
    country: CountryCode | None = None
    instrument: Instrument | None = None
    signed: PartialDate | None = None
    ends: PartialDate | None = None
    note: Localized | None = None

    def __post_init__(self) -> None:
        if self.country is None and self.partner_type not in STATELESS_PARTNER_TYPES:
            raise RuleError("rule.country_required", partner_type=self.partner_type.value)
        if self.signed and self.ends and not on_or_after(self.ends, self.signed):
            raise RuleError("rule.ends_before_signed", ends=self.ends, signed=self.signed)

    @property
    def scope(self) -> Scope:
        """Domestic where the partner is Indonesian, else international."""
        return Scope.DOMESTIC if self.country == "ID" else Scope.INTERNATIONAL

    @property
    def year(self) -> int | None:
        """The year of ``signed``."""
        return year_of(self.signed)


#: Stored fields of a record, in the order of the schema (and of every machine format).
PARTNERSHIP_FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "partner",
    "partner_type",
    "country",
    "kind",
    "instrument",
    "sectors",
    "signed",
    "ends",
    "status",
    "summary",
    "note",
    "sources",
)


@dataclass(frozen=True, slots=True)
class Dataset:
    __pydantic_config__: ClassVar[dict[str, Any]] = _CONFIG
    schema_version: Annotated[Literal[1], Before(_whole_number)]
    dataset: DatasetInfo
    sectors: dict[Slug, Sector]
    sources: dict[Slug, Source]
    partnerships: tuple[Partnership, ...]
    figures: tuple[Figure, ...] = field(default=())

    def partnership(self, id_: str) -> Partnership | None:
        return next((p for p in self.partnerships if p.id == id_), None)


class RegisterView(Protocol):
    """What readers of a register need: a ``Dataset`` in memory, or a store's ``Register``."""

    @property
    def schema_version(self) -> int: ...
    @property
    def dataset(self) -> DatasetInfo: ...
    @property
    def sectors(self) -> dict[str, Sector]: ...
    @property
    def sources(self) -> dict[str, Source]: ...
    @property
    def figures(self) -> tuple[Figure, ...]: ...
    @property
    def partnerships(self) -> tuple[Partnership, ...]: ...


def partnership_to_dict(record: Partnership) -> dict[str, Any]:
    """The stored fields, as the data file writes them (absent optional fields left out)."""
    out: dict[str, Any] = {}
    for name in PARTNERSHIP_FIELDS:
        value = getattr(record, name)
        if value is None:
            continue
        if isinstance(value, Localized):
            value = {"id": value.id, "en": value.en}
        elif isinstance(value, tuple):
            value = list(value)
        elif hasattr(value, "value"):  # an enum member
            value = value.value
        out[name] = value
    return out


def source_to_dict(key: str, source: Source) -> dict[str, Any]:
    """A bibliography entry with its key, absent fields left out."""
    fields = {"title": source.title, "publisher": source.publisher, "date": source.date,
              "url": source.url}  # fmt: skip
    return {"key": key, **{k: v for k, v in fields.items() if v is not None}}


def partnership_with_sources(record: Partnership, sources: Mapping[str, Source]) -> dict[str, Any]:
    """The record as ``partnership_to_dict`` writes it, each source key expanded (``show``)."""
    out = partnership_to_dict(record)
    out["sources"] = [source_to_dict(key, sources[key]) for key in record.sources]
    return out
