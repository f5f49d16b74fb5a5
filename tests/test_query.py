"""The pure query layer (``query``, ``resolve``, ``dates``), called directly, without the CLI.

Expected results are literal facts of the five-record test dataset, or are computed from
``yaml.safe_load`` of the bundled file by a reference filter written here, never by the
code under test.

Date semantics, as specified by these tests: ``--since`` and ``--until`` compare the
``signed`` date with the bound at the coarser of the two precisions, so ``2014-09`` is
on or after ``2014-09-15`` (it may be) and ``1989-10-23`` is on or before ``1989``; a
record without ``signed`` never matches a date filter (nothing is invented).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, MINI_YAML
from kerjasama_cli.dates import on_or_after, on_or_before, parse_partial_date, sort_key
from kerjasama_cli.errors import UsageError
from kerjasama_cli.i18n import Lang
from kerjasama_cli.loading import parse_and_validate
from kerjasama_cli.models import Dataset
from kerjasama_cli.query import SORT_FIELDS, Query, filter_partnerships, sort_partnerships
from kerjasama_cli.resolve import Resolver

# Parsed without the cache: module import happens before the fixtures isolate the cache.
MINI: Dataset = parse_and_validate(Path("mini.yaml"), MINI_YAML)
REAL: Dataset = parse_and_validate(BUNDLED, BUNDLED.read_text(encoding="utf-8"))
RAW: list[dict[str, Any]] = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))["partnerships"]
RAW_BY_ID = {r["id"]: r for r in RAW}


def ids(records: Any) -> list[str]:
    return [r.id for r in records]


def mini(**filters: Any) -> set[str]:
    options: dict[str, Any] = {
        k: frozenset(v) if isinstance(v, set) else v for k, v in filters.items()
    }
    if isinstance(options.get("search"), str):
        options["search"] = frozenset({options["search"]})
    query = Query(**options)
    return set(ids(filter_partnerships(MINI.partnerships, query)))


def resolve(name: str, value: str, dataset: Dataset = MINI) -> str:
    return Resolver(dataset, Lang.EN).resolve(name, value)


# --- each filter on the test dataset ------------------------------------------------------


def test_empty_query_returns_every_record_in_file_order() -> None:
    assert ids(filter_partnerships(MINI.partnerships, Query())) == [
        "rotterdam-dutep",
        "c40-hospitals",
        "tokyo-sister-city",
        "jeddah-sister-city",
        "bekasi-grant",
    ]


def test_filter_keeps_the_original_order() -> None:
    found = filter_partnerships(MINI.partnerships, Query(sector=frozenset({"kesehatan"})))
    assert ids(found) == ["c40-hospitals", "tokyo-sister-city", "bekasi-grant"]


def test_sector_matches_records_listing_it_among_several() -> None:
    assert mini(sector={"banjir"}) == {"rotterdam-dutep", "c40-hospitals"}


def test_country_filter_matches_the_code() -> None:
    assert mini(country={"JP"}) == {"tokyo-sister-city"}


def test_country_filter_never_matches_a_record_without_country() -> None:
    assert "c40-hospitals" not in mini(country={"JP", "NL", "SA", "ID"})


def test_kind_filter() -> None:
    assert mini(kind={"sister-city"}) == {"tokyo-sister-city", "jeddah-sister-city"}


def test_instrument_filter_skips_records_without_an_instrument() -> None:
    assert mini(instrument={"mou"}) == {"jeddah-sister-city"}


def test_partner_type_filter() -> None:
    assert mini(partner_type={"regional-government"}) == {"bekasi-grant"}


def test_scope_domestic_is_an_indonesian_partner() -> None:
    assert mini(scope={"domestic"}) == {"bekasi-grant"}


def test_scope_international_includes_partners_without_a_country() -> None:
    assert mini(scope={"international"}) == {
        "rotterdam-dutep",
        "c40-hospitals",
        "tokyo-sister-city",
        "jeddah-sister-city",
    }


def test_status_filter() -> None:
    assert mini(status={"unknown"}) == {"jeddah-sister-city"}


def test_year_filter_matches_the_year_of_any_precision() -> None:
    assert mini(year={"1989"}) == {"tokyo-sister-city"}
    assert mini(year={"1979"}) == {"jeddah-sister-city"}


def test_values_of_one_option_are_or_ed() -> None:
    assert mini(country={"JP", "SA"}) == {"tokyo-sister-city", "jeddah-sister-city"}
    assert mini(sector={"banjir", "budaya"}) == {
        "rotterdam-dutep",
        "c40-hospitals",
        "tokyo-sister-city",
        "jeddah-sister-city",
    }


def test_options_are_and_ed() -> None:
    assert mini(sector={"kesehatan"}, status={"active"}) == {"c40-hospitals", "tokyo-sister-city"}
    assert mini(sector={"kesehatan"}, status={"active"}, kind={"sister-city"}) == {
        "tokyo-sister-city"
    }


def test_and_of_disjoint_options_matches_nothing() -> None:
    assert mini(sector={"banjir"}, country={"JP"}) == set()


# --- since / until -----------------------------------------------------------------------


def test_since_a_year_includes_later_dates_of_any_precision() -> None:
    assert mini(since="2014") == {"rotterdam-dutep", "c40-hospitals"}


def test_since_a_month_excludes_an_earlier_month() -> None:
    assert mini(since="2014-10") == {"c40-hospitals"}


def test_since_a_day_includes_a_month_date_that_may_fall_after_it() -> None:
    assert mini(since="2014-09-15") == {"rotterdam-dutep", "c40-hospitals"}


def test_until_a_year_includes_a_full_date_within_that_year() -> None:
    assert mini(until="1989") == {"jeddah-sister-city", "tokyo-sister-city"}


def test_until_a_month_excludes_a_later_day() -> None:
    assert mini(until="1989-09") == {"jeddah-sister-city"}


def test_until_a_day_includes_a_year_date_of_that_year() -> None:
    assert mini(until="1979-06-01") == {"jeddah-sister-city"}


def test_since_and_until_together_bound_both_ends() -> None:
    assert mini(since="1980", until="2015") == {"tokyo-sister-city", "rotterdam-dutep"}


def test_records_without_a_signing_date_never_match_a_date_filter() -> None:
    for query in ({"since": "1000"}, {"until": "9999"}, {"year": {"2024"}}):
        assert "bekasi-grant" not in mini(**query)


@pytest.mark.parametrize(
    ("date", "bound", "after", "before"),
    [
        ("2015", "2015-06", True, True),
        ("2014", "2015-06", False, True),
        ("2015-06-30", "2015-06", True, True),
        ("2015-07", "2015-06-30", True, False),
        ("2015-05-31", "2015-06", False, True),
    ],
)
def test_date_comparison_is_at_the_coarser_precision(
    date: str, bound: str, after: bool, before: bool
) -> None:
    assert on_or_after(date, bound) is after
    assert on_or_before(date, bound) is before


def test_partial_dates_order_a_year_before_its_months() -> None:
    dates = ["2014-09-01", "2014", "2013-12-31", "2014-09"]
    assert sorted(dates, key=sort_key) == ["2013-12-31", "2014", "2014-09", "2014-09-01"]


@pytest.mark.parametrize("text", ["2023-02-30", "2024-13", "2024-1", "24", "2024-05-01x", ""])
def test_impossible_or_malformed_partial_date_is_rejected(text: str) -> None:
    with pytest.raises(ValueError, match=repr(text)):
        parse_partial_date(text)


# --- search ------------------------------------------------------------------------------


def test_search_is_case_insensitive() -> None:
    assert mini(search="ROTTERDAM") == {"rotterdam-dutep"}


def test_search_without_accents_finds_accented_text() -> None:
    # "dengan Tōkyō" is written only in the summary, with macrons.
    assert mini(search="dengan tokyo") == {"tokyo-sister-city"}


def test_search_with_accents_finds_plain_text() -> None:
    assert mini(search="Rōtterdäm") == {"rotterdam-dutep"}


def test_search_covers_id_title_partner_and_both_summaries() -> None:
    assert mini(search="jeddah-sister") == {"jeddah-sister-city"}  # id
    assert mini(search="pelatihan air") == {"rotterdam-dutep"}  # title
    assert mini(search="finance facility") == {"c40-hospitals"}  # partner
    assert mini(search="daerah tetangga") == {"bekasi-grant"}  # summary (id)
    assert mini(search="neighbouring") == {"bekasi-grant"}  # summary (en)


def test_search_keeps_square_brackets_literal() -> None:
    assert mini(search="[training]") == {"rotterdam-dutep"}


def test_search_combines_with_other_filters() -> None:
    assert mini(search="kota kembar") == {"tokyo-sister-city", "jeddah-sister-city"}
    assert mini(search="kota kembar", status={"unknown"}) == {"jeddah-sister-city"}


# --- resolving what a user typed ---------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "banjir",
        "BANJIR",
        "Banjir",
        "flood",
        "FLOOD",
        "floods",
        "Flood management",
        "flood-management",
        "bánjir",
    ],
)
def test_sector_matches_key_labels_and_aliases_case_and_accent_insensitively(typed: str) -> None:
    assert resolve("sector", typed) == "banjir"


def test_sector_alias_in_english_matches_indonesian_key() -> None:
    flood = frozenset({resolve("sector", "flood")})
    banjir = frozenset({resolve("sector", "banjir")})
    assert (
        mini(sector=set(flood)) == mini(sector=set(banjir)) == {"rotterdam-dutep", "c40-hospitals"}
    )


def test_sector_alias_with_a_space_matches() -> None:
    assert resolve("sector", "Rumah Sakit") == "kesehatan"


@pytest.mark.parametrize("typed", ["JP", "jp", "JPN", "Japan", "japan", "Jepang", "JEPANG"])
def test_country_matches_code_english_and_indonesian_name(typed: str) -> None:
    assert resolve("country", typed) == "JP"


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Belanda", "NL"), ("Netherlands", "NL"), ("Arab Saudi", "SA"), ("Saudi Arabia", "SA")],
)
def test_country_names_in_both_languages(typed: str, code: str) -> None:
    assert resolve("country", typed) == code


@pytest.mark.parametrize(
    "typed",
    ["kota kembar", "Kota Kembar", "sister city", "sister-city", "SISTER CITY", "twin city"],
)
def test_kind_matches_key_and_labels(typed: str) -> None:
    assert resolve("kind", typed) == "sister-city"


@pytest.mark.parametrize(
    ("name", "typed", "key"),
    [
        ("status", "aktif", "active"),
        ("status", "Berakhir", "ended"),
        ("status", "tidak diketahui", "unknown"),
        ("instrument", "nota kesepahaman", "mou"),
        ("instrument", "MoU", "mou"),
        ("partner_type", "pemerintah daerah", "regional-government"),
        ("scope", "dalam negeri", "domestic"),
        ("scope", "luar negeri", "international"),
    ],
)
def test_fixed_vocabularies_match_indonesian_and_english_labels(
    name: str, typed: str, key: str
) -> None:
    assert resolve(name, typed) == key


@pytest.mark.parametrize(
    ("name", "typed", "suggested"),
    [
        ("sector", "bajir", "banjir"),
        ("sector", "helth", "kesehatan"),
        ("kind", "sistercity", "sister-city"),
        ("status", "activ", "active"),
        ("country", "Japn", "JP"),
    ],
)
def test_unknown_value_is_a_usage_error_suggesting_the_closest(
    name: str, typed: str, suggested: str
) -> None:
    with pytest.raises(UsageError) as info:
        resolve(name, typed)
    assert repr(typed) in info.value.message
    assert info.value.hint is not None
    assert suggested in info.value.hint


def test_unknown_value_with_nothing_close_lists_the_valid_values() -> None:
    with pytest.raises(UsageError) as info:
        resolve("status", "zzzzzz")
    assert info.value.hint is not None
    for valid in ("active", "planned", "ended", "unknown"):
        assert valid in info.value.hint


@pytest.mark.parametrize("value", ["2023-02-30", "soon", "2024-13"])
def test_invalid_since_date_is_a_usage_error(value: str) -> None:
    with pytest.raises(UsageError):
        resolve("since", value)


def test_year_filter_accepts_only_a_year() -> None:
    assert resolve("year", "2014") == "2014"
    with pytest.raises(UsageError):
        resolve("year", "2014-09")


# --- sort --------------------------------------------------------------------------------


def sort_mini(field: str) -> list[str]:
    return ids(sort_partnerships(MINI.partnerships, field))


def test_default_sort_is_by_id() -> None:
    assert ids(sort_partnerships(MINI.partnerships)) == sorted(r.id for r in MINI.partnerships)


def test_sort_by_signed_orders_partial_dates_and_puts_undated_last() -> None:
    assert sort_mini("signed") == [
        "jeddah-sister-city",  # 1979
        "tokyo-sister-city",  # 1989-10-23
        "rotterdam-dutep",  # 2014-09
        "c40-hospitals",  # 2022-09-06
        "bekasi-grant",  # undated
    ]


def test_descending_sort_still_puts_missing_values_last() -> None:
    assert sort_mini("-signed") == [
        "c40-hospitals",
        "rotterdam-dutep",
        "tokyo-sister-city",
        "jeddah-sister-city",
        "bekasi-grant",
    ]


def test_sort_by_country_puts_the_record_without_country_last() -> None:
    assert sort_mini("country") == [
        "bekasi-grant",  # ID
        "tokyo-sister-city",  # JP
        "rotterdam-dutep",  # NL
        "jeddah-sister-city",  # SA
        "c40-hospitals",  # none
    ]


def test_sort_ties_are_broken_by_id_ascending_in_both_directions() -> None:
    actives = ["c40-hospitals", "rotterdam-dutep", "tokyo-sister-city"]
    assert sort_mini("status") == [*actives, "bekasi-grant", "jeddah-sister-city"]
    assert sort_mini("-status") == ["jeddah-sister-city", "bekasi-grant", *actives]


def test_sort_by_text_ignores_case() -> None:
    # "C40 Cities…", "Jeddah", "Kota Bekasi", "Rotterdam", "Tokyo"
    assert sort_mini("partner") == [
        "c40-hospitals",
        "jeddah-sister-city",
        "bekasi-grant",
        "rotterdam-dutep",
        "tokyo-sister-city",
    ]


def test_sort_by_year_and_by_instrument() -> None:
    assert sort_mini("-year") == [
        "c40-hospitals",
        "rotterdam-dutep",
        "tokyo-sister-city",
        "jeddah-sister-city",
        "bekasi-grant",
    ]
    assert sort_mini("instrument")[0] == "jeddah-sister-city"
    assert sort_mini("-instrument")[0] == "jeddah-sister-city"


def test_sort_by_derived_scope() -> None:
    assert sort_mini("scope")[0] == "bekasi-grant"  # domestic < international
    assert sort_mini("-scope")[-1] == "bekasi-grant"


def test_unknown_sort_field_is_rejected() -> None:
    with pytest.raises(ValueError, match="colour"):
        sort_partnerships(MINI.partnerships, "colour")


def _raw_sort_value(record: dict[str, Any], field: str) -> Any:
    if field == "scope":
        return "domestic" if record.get("country") == "ID" else "international"
    if field == "year":
        return int(record["signed"][:4]) if "signed" in record else None
    value = record.get(field)
    if value is None:
        return None
    if field in ("signed", "ends"):
        return tuple(int(part) for part in value.split("-"))
    return _fold(str(value))


@pytest.mark.parametrize("field", SORT_FIELDS)
@pytest.mark.parametrize("descending", [False, True])
def test_sort_of_the_real_data_matches_a_reference_order(field: str, descending: bool) -> None:
    present = sorted(
        (r for r in RAW if _raw_sort_value(r, field) is not None), key=lambda r: r["id"]
    )
    present.sort(key=lambda r: _raw_sort_value(r, field), reverse=descending)
    missing = sorted(r["id"] for r in RAW if _raw_sort_value(r, field) is None)
    expected = [r["id"] for r in present] + missing
    got = ids(sort_partnerships(REAL.partnerships, ("-" if descending else "") + field))
    assert got == expected


# --- properties over the real data -------------------------------------------------------

SECTORS = sorted(yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))["sectors"])
COUNTRIES = sorted({r["country"] for r in RAW if "country" in r} | {"FR", "BR", "IN"})
KINDS = ["sister-city", "cooperation", "project", "programme", "grant", "exchange", "membership"]
INSTRUMENTS = ["letter-of-intent", "mou", "agreement", "joint-declaration", "contract"]
PARTNER_TYPES = sorted({r["partner_type"] for r in RAW} | {"school", "ngo"})
SCOPES = ["domestic", "international"]
STATUSES = ["active", "planned", "ended", "unknown"]
YEARS = sorted({r["signed"][:4] for r in RAW if "signed" in r} | {"1900"})
DATES = sorted({r["signed"] for r in RAW if "signed" in r} | {"2000", "2015-06", "1990-01-01"})
WORDS = sorted({w for r in RAW for w in r["title"].split() if len(w) > 3})

VOCABULARIES: dict[str, list[str]] = {
    "sector": SECTORS,
    "country": COUNTRIES,
    "kind": KINDS,
    "instrument": INSTRUMENTS,
    "partner_type": PARTNER_TYPES,
    "scope": SCOPES,
    "status": STATUSES,
    "year": YEARS,
}


@st.composite
def queries(draw: st.DrawFn) -> Query:
    chosen: dict[str, Any] = {}
    for name, vocabulary in VOCABULARIES.items():
        if draw(st.booleans()):
            chosen[name] = frozenset(draw(st.lists(st.sampled_from(vocabulary), max_size=3)))
    if draw(st.booleans()):
        chosen["since"] = draw(st.sampled_from(DATES))
    if draw(st.booleans()):
        chosen["until"] = draw(st.sampled_from(DATES))
    if draw(st.integers(0, 3)) == 0:
        chosen["search"] = frozenset(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=2)))
    return Query(**chosen)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(
        "".join(c for c in decomposed if not unicodedata.combining(c)).replace("-", " ").split()
    )


def reference_match(record: dict[str, Any], query: Query) -> bool:
    """What the README says each filter means, written over the raw YAML."""
    country = record.get("country")
    scope = "domestic" if country == "ID" else "international"
    checks = [
        not query.sector or bool(query.sector & set(record["sectors"])),
        not query.country or country in query.country,
        not query.kind or record["kind"] in query.kind,
        not query.instrument or record.get("instrument") in query.instrument,
        not query.partner_type or record["partner_type"] in query.partner_type,
        not query.scope or scope in query.scope,
        not query.status or record["status"] in query.status,
    ]
    signed = record.get("signed")
    if query.year or query.since or query.until:
        if signed is None:
            return False
        checks.append(not query.year or signed[:4] in query.year)
        if query.since:
            n = min(len(signed), len(query.since))
            checks.append(signed[:n] >= query.since[:n])
        if query.until:
            n = min(len(signed), len(query.until))
            checks.append(signed[:n] <= query.until[:n])
    if query.search:
        text = " ".join(
            [
                record["id"],
                record["title"],
                record["partner"],
                record["summary"]["id"],
                record["summary"]["en"],
            ]
        )
        checks.append(any(_fold(s) in _fold(text) for s in query.search))
    return all(checks)


PROPERTY = settings(max_examples=100, deadline=None)


@PROPERTY
@given(queries())
def test_filter_agrees_with_the_reference_reading_of_the_design(query: Query) -> None:
    expected = [r["id"] for r in RAW if reference_match(r, query)]
    assert ids(filter_partnerships(REAL.partnerships, query)) == expected


@PROPERTY
@given(queries())
def test_filter_result_is_a_subset_of_the_whole_in_the_same_order(query: Query) -> None:
    whole = ids(REAL.partnerships)
    found = ids(filter_partnerships(REAL.partnerships, query))
    assert set(found) <= set(whole)
    assert found == [i for i in whole if i in set(found)]


@PROPERTY
@given(queries(), st.sampled_from(sorted(VOCABULARIES)), st.data())
def test_adding_an_option_never_adds_records(query: Query, name: str, data: st.DataObject) -> None:
    values = frozenset(
        data.draw(st.lists(st.sampled_from(VOCABULARIES[name]), min_size=1, max_size=3))
    )
    base = Query(**{**_as_dict(query), name: frozenset()})
    narrowed = Query(**{**_as_dict(query), name: values})
    before = set(ids(filter_partnerships(REAL.partnerships, base)))
    after = set(ids(filter_partnerships(REAL.partnerships, narrowed)))
    assert after <= before


@PROPERTY
@given(queries(), st.sampled_from(sorted(VOCABULARIES)), st.data())
def test_adding_a_value_to_an_option_never_removes_records(
    query: Query, name: str, data: st.DataObject
) -> None:
    first, second = (data.draw(st.sampled_from(VOCABULARIES[name])) for _ in range(2))
    values = getattr(query, name) or frozenset({first})
    base = Query(**{**_as_dict(query), name: values})
    widened = Query(**{**_as_dict(query), name: values | {second}})
    before = set(ids(filter_partnerships(REAL.partnerships, base)))
    after = set(ids(filter_partnerships(REAL.partnerships, widened)))
    assert before <= after


@PROPERTY
@given(queries(), st.sampled_from(DATES))
def test_a_later_since_never_adds_records(query: Query, bound: str) -> None:
    early = Query(**{**_as_dict(query), "since": "1000"})
    late = Query(**{**_as_dict(query), "since": bound})
    assert set(ids(filter_partnerships(REAL.partnerships, late))) <= set(
        ids(filter_partnerships(REAL.partnerships, early))
    )


@PROPERTY
@given(queries(), st.sampled_from(SORT_FIELDS), st.booleans())
def test_sort_is_a_permutation(query: Query, field: str, descending: bool) -> None:
    found = filter_partnerships(REAL.partnerships, query)
    ordered = sort_partnerships(found, ("-" if descending else "") + field)
    assert sorted(ids(ordered)) == sorted(ids(found))
    assert len(ordered) == len(found)


@PROPERTY
@given(st.sampled_from(SORT_FIELDS), st.booleans())
def test_records_missing_the_sort_field_come_last(field: str, descending: bool) -> None:
    ordered = sort_partnerships(REAL.partnerships, ("-" if descending else "") + field)
    missing = [_raw_sort_value(RAW_BY_ID[r.id], field) is None for r in ordered]
    assert missing == sorted(missing)


def _as_dict(query: Query) -> dict[str, Any]:
    return {name: getattr(query, name) for name in Query._fields}
