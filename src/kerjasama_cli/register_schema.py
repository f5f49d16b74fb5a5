"""The register's JSON Schema (2020-12), generated from the models.

pydantic writes the shape (objects, required fields, enums, ``additionalProperties:
false``, minimum lengths) from ``models.py``; the rules it cannot see, because they live
in validator functions, are added here by the model's own type of each field: ``Slug``
gets the slug pattern, ``PartialDate`` a pattern of real partial dates, ``CountryCode``
the ISO 3166-1 alpha-2 codes of pycountry, ``Url`` the URL pattern, and a partnership the
rule that only a network or an international organisation may lack a country.

What a schema cannot say is left to ``kerjasama validate``: that sector and source keys
are defined, that ids are unique, and that ``ends`` is not before ``signed``.

Imports pydantic and pycountry: only ``kerjasama schema`` and the tests need it.
"""

from __future__ import annotations

import json
import types
import typing
from typing import Any

from . import models
from .vocabulary import STATELESS_PARTNER_TYPES

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: The repository's copy, relative to the repository (and to the package in the wheel).
SCHEMA_FILE = "schema/partnerships.schema.json"

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://\S+$"

_DAY_31 = r"(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
_DAY_30 = r"(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
_DAY_28 = r"02-(?:0[1-9]|1[0-9]|2[0-8])"
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
#: ``YYYY``, ``YYYY-MM`` (month 01–12) or ``YYYY-MM-DD`` (a day that exists, 29 February
#: in leap years only): what ``dates.parse_partial_date`` accepts.
DATE_PATTERN = (
    rf"^(?:[0-9]{{4}}(?:-(?:0[1-9]|1[0-2]))?"
    rf"|[0-9]{{4}}-(?:{_DAY_31}|{_DAY_30}|{_DAY_28})"
    rf"|{_LEAP_YEAR}-02-29)$"
)

_DESCRIPTIONS = {
    "Dataset": "The register of the partnerships (kerja sama) of the Provincial Government of "
    "DKI Jakarta, as read by `kerjasama`. Checked further by `kerjasama validate`: sector and "
    "source keys must be defined, ids unique, and `ends` not before `signed`.",
    "DatasetInfo": "About the register: its title and description in both languages, when it "
    "was updated, its licence and its maintainer.",
    "Localized": "A text in Indonesian (`id`) and English (`en`).",
    "Sector": "A sector of the vocabulary: its labels in Indonesian (`id`) and English (`en`), "
    "and other words for it.",
    "Source": "A source cited by the records: title, publisher, date as precise as known, URL.",
    "Figure": "A number that officials reported, and the filters of `list` that ask the "
    "register the same question (`compare`).",
    "Partnership": "One partnership. `country` may be left out only for a network or an "
    "international organisation; `scope` and `year` are derived, never stored.",
}


def register_schema() -> dict[str, Any]:
    """The JSON Schema of a register file, as a JSON-ready dict."""
    from pydantic import TypeAdapter

    generated = TypeAdapter(models.Dataset).json_schema(mode="validation")
    defs: dict[str, Any] = generated.pop("$defs")
    defs["Dataset"] = generated
    for cls in (
        models.Dataset,
        models.DatasetInfo,
        models.Localized,
        models.Sector,
        models.Source,
        models.Figure,
        models.Partnership,
    ):
        node = defs[cls.__name__]
        node.pop("title", None)
        node["description"] = _DESCRIPTIONS[cls.__name__]
        hints = typing.get_type_hints(cls, include_extras=True)
        for name, prop in node["properties"].items():
            prop.pop("title", None)
            _refine(prop, hints[name])
    for name in ("Instrument", "Kind", "PartnerType", "Status"):
        defs[name].pop("title", None)
    defs["Partnership"].update(
        {
            "if": {
                "properties": {"partner_type": {"enum": sorted(STATELESS_PARTNER_TYPES)}},
                "required": ["partner_type"],
            },
            "else": {
                "properties": {"country": {"$ref": "#/$defs/CountryCode"}},
                "required": ["country"],
            },
        }
    )
    defs["CountryCode"] = {
        "description": "An ISO 3166-1 alpha-2 country code (`ID` for Indonesia).",
        "type": "string",
        "enum": _country_codes(),
    }
    defs["PartialDate"] = {
        "description": "A partial date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, written as a quoted "
        "string (a bare year is accepted).",
        "anyOf": [
            {"type": "string", "pattern": DATE_PATTERN},
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ],
    }
    defs["Slug"] = {
        "description": "A key or id: lower-case letters and digits, in words joined by hyphens.",
        "type": "string",
        "pattern": SLUG_PATTERN,
    }
    dataset = defs.pop("Dataset")
    return {
        "$schema": DIALECT,
        "title": "Register of partnerships (kerjasama)",
        **dataset,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text() -> str:
    """The schema as ``kerjasama schema`` prints it and the repository keeps it."""
    return json.dumps(register_schema(), indent=2, ensure_ascii=False) + "\n"


def _refine(prop: dict[str, Any], hint: Any) -> None:
    """Add to ``prop`` (pydantic's schema of one field) the rules of the field's type."""
    if _is_optional(hint):
        inner = next(a for a in typing.get_args(hint) if a is not type(None))
        first = prop["anyOf"][0]
        _refine(first, inner)
        return
    if hint == models.Slug:
        _replace(prop, {"$ref": "#/$defs/Slug"})
    elif hint == models.PartialDate:
        _replace(prop, {"$ref": "#/$defs/PartialDate"})
    elif hint == models.CountryCode:
        _replace(prop, {"$ref": "#/$defs/CountryCode"})
    elif hint == models.Url:
        prop["pattern"] = URL_PATTERN
    elif typing.get_origin(hint) is typing.Annotated:
        _refine(prop, typing.get_args(hint)[0])
    elif typing.get_origin(hint) is tuple and "items" in prop:
        _refine(prop["items"], typing.get_args(hint)[0])
    elif typing.get_origin(hint) is dict:
        key, value = typing.get_args(hint)
        if key == models.Slug:
            prop["propertyNames"] = {"$ref": "#/$defs/Slug"}
        if isinstance(prop.get("additionalProperties"), dict):
            _refine(prop["additionalProperties"], value)


def _is_optional(hint: Any) -> bool:
    origin = typing.get_origin(hint)
    return origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(hint)


def _replace(prop: dict[str, Any], new: dict[str, Any]) -> None:
    prop.clear()
    prop.update(new)


def _country_codes() -> list[str]:
    import pycountry

    return sorted(country.alpha_2 for country in pycountry.countries)
