"""``summary``, ``sectors`` and ``figures``: counts a person can read and a script can trust.

Every count is checked against an independent count of the same records, made here from
the YAML file parsed with ``yaml.safe_load``, never from the code under test.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, MINI_YAML, invoke
from kerjasama_cli.i18n import Lang
from kerjasama_cli.loading import load_dataset
from kerjasama_cli.models import Dataset
from kerjasama_cli.query import Query, filter_partnerships
from kerjasama_cli.summary import OTHER, SortOrder, crosstab, summarize

Raw = dict[str, Any]

# --- an independent reading of the data ------------------------------------------------


@cache
def raw_document(path: Path = BUNDLED) -> Raw:
    """The YAML file as ``yaml.safe_load`` reads it: parsed once, and only read after."""
    document: Raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document


@cache
def raw_records(path: Path = BUNDLED) -> tuple[Raw, ...]:
    return tuple(raw_document(path)["partnerships"])


def raw_keys(record: Raw, by: str) -> list[str]:
    """The group keys of one record, worked out from the YAML alone."""
    signed = record.get("signed")
    year = str(signed)[:4] if signed is not None else ""
    match by:
        case "sector":
            return sorted(set(record["sectors"]))
        case "country":
            return [record.get("country", "")]
        case "scope":
            return ["domestic" if record.get("country") == "ID" else "international"]
        case "partner-type":
            return [record["partner_type"]]
        case "year":
            return [year]
        case "decade":
            return [f"{year[:3]}0s" if year else ""]
        case _:
            return [record[by]]


def raw_count(by: str, records: tuple[Raw, ...] | None = None) -> Counter[str]:
    counts: Counter[str] = Counter()
    for record in raw_records() if records is None else records:
        counts.update(raw_keys(record, by))
    return counts


def summary_json(args: list[str], lang: Lang = Lang.EN) -> list[dict[str, Any]]:
    result = invoke(["--data", str(BUNDLED), "summary", *args, "--format", "json"], lang=lang)
    assert result.exit_code == 0, result.stderr
    items: list[dict[str, Any]] = json.loads(result.stdout)
    return items


def as_counter(items: list[dict[str, Any]], field: str) -> Counter[str]:
    return Counter(
        {item[field] if item[field] is not None else "": item["count"] for item in items}
    )


@cache
def bundled() -> Dataset:
    dataset: Dataset = load_dataset(BUNDLED)
    return dataset


# --- one --by ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "by", ["sector", "country", "kind", "partner-type", "scope", "status", "year", "decade"]
)
def test_summary_counts_match_an_independent_count_of_the_data(by: str) -> None:
    field = by.replace("-", "_")
    assert as_counter(summary_json(["--by", by]), field) == raw_count(by)


def test_summary_by_sector_counts_a_multi_sector_record_once_in_each_sector(
    mini_data: Path,
) -> None:
    result = invoke(["--data", str(mini_data), "summary", "--by", "sector", "--format", "json"])
    counts = as_counter(json.loads(result.stdout), "sector")
    # c40-hospitals is both kesehatan and banjir; tokyo is budaya and kesehatan
    assert counts == {"kesehatan": 3, "banjir": 2, "budaya": 2}
    assert sum(counts.values()) > 5


def test_summary_table_footer_says_sector_counts_exceed_the_number_of_records(
    mini_data: Path,
) -> None:
    result = invoke(["--data", str(mini_data), "summary", "--by", "sector", "--format", "table"])
    assert result.exit_code == 0
    assert "several sectors counts once in each" in result.stdout
    assert "add up to 7, more than the 5 partnerships" in result.stdout
    total = next(line for line in result.stdout.splitlines() if line.strip().startswith("Total"))
    assert total.split()[1:3] == ["5", "100.0%"]


def test_summary_table_shows_share_of_records_and_a_bar_to_scale(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "summary", "--by", "kind", "--format", "table"])
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if "%" in line}
    assert "40.0%" in rows["sister"]  # 2 of 5
    assert "20.0%" in rows["grant"]
    assert rows["sister"].count("█") == 2 * rows["grant"].count("█")


def test_records_without_a_country_form_their_own_group(mini_data: Path) -> None:
    base = ["--data", str(mini_data), "summary", "--by", "country"]
    items = json.loads(invoke([*base, "--format", "json"]).stdout)
    assert {"country": None, "count": 1} in items
    assert "— (no country)" in invoke([*base, "--format", "table"]).stdout
    tsv = invoke([*base, "--format", "tsv"]).stdout.splitlines()
    assert "\t1" in tsv  # the empty key


def test_summary_default_format_is_tsv_with_a_header_when_piped(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "summary", "--by", "status"])
    lines = result.stdout.splitlines()
    assert lines[0] == "status\tcount"
    assert "─" not in result.stdout
    assert "█" not in result.stdout


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv"])
def test_every_summary_format_parses_back_to_the_same_counts(fmt: str) -> None:
    result = invoke(["--data", str(BUNDLED), "summary", "--by", "kind", "--format", fmt])
    assert result.exit_code == 0
    if fmt == "json":
        counts = as_counter(json.loads(result.stdout), "kind")
    else:
        if fmt == "csv":
            rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
        else:
            rows = [line.split("\t") for line in result.stdout.splitlines()]
        assert rows[0] == ["kind", "count"]
        counts = Counter({key: int(n) for key, n in rows[1:]})
    assert counts == raw_count("kind")


def test_no_header_drops_the_header_row(mini_data: Path) -> None:
    args = ["--data", str(mini_data), "summary", "--by", "status", "--format", "csv"]
    with_header = invoke(args).stdout.splitlines()
    without = invoke([*args, "--no-header"]).stdout.splitlines()
    assert without == with_header[1:]


def test_machine_output_carries_keys_whatever_the_language() -> None:
    args = ["--data", str(BUNDLED), "summary", "--by", "country", "--by", "kind", "-f", "tsv"]
    english = invoke(args, lang=Lang.EN).stdout
    indonesian = invoke(["--lang", "id", *args], lang=Lang.ID).stdout
    assert english == indonesian
    assert "\tsister-city\t" in english


def test_summary_table_speaks_indonesian_with_lang_id(mini_data: Path) -> None:
    args = ["--lang", "id", "--data", str(mini_data), "summary", "--by", "kind", "-f", "table"]
    result = invoke(args, lang=Lang.ID)
    assert "Kerja sama menurut jenis" in result.stdout
    assert "kota kembar" in result.stdout
    assert "hibah" in result.stdout
    assert "40,0%" in result.stdout  # the Indonesian decimal comma


def test_summary_honours_the_filters_of_list() -> None:
    args = ["--sector", "banjir", "--scope", "international"]
    listed = invoke(["--data", str(BUNDLED), "list", *args, "--format", "ids"]).stdout.split()
    counts = as_counter(summary_json(["--by", "kind", *args]), "kind")
    assert sum(counts.values()) == len(listed) > 0


def test_a_filter_that_matches_nothing_gives_an_empty_json_array(mini_data: Path) -> None:
    args = ["--data", str(mini_data), "summary", "--by", "kind", "-q", "nothing-like-this"]
    result = invoke([*args, "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


# --- the property: groups account for every record -------------------------------------

_STATUSES = ["active", "planned", "ended", "unknown"]
_KINDS = ["sister-city", "cooperation", "project", "programme", "grant", "exchange", "membership"]
_SCOPES = ["domestic", "international"]


@st.composite
def queries(draw: st.DrawFn) -> Query:
    sectors = sorted(bundled().sectors)
    subset = st.lists(st.sampled_from(sectors), max_size=3, unique=True)
    return Query(
        status=frozenset(draw(st.lists(st.sampled_from(_STATUSES), unique=True))),
        kind=frozenset(draw(st.lists(st.sampled_from(_KINDS), max_size=3, unique=True))),
        scope=frozenset(draw(st.lists(st.sampled_from(_SCOPES), unique=True))),
        sector=frozenset(draw(subset)),
    )


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(queries())
def test_summary_by_status_counts_add_up_to_list_count(query: Query) -> None:
    records = filter_partnerships(bundled().partnerships, query)
    summary = summarize(records, "status")
    assert summary.group_total == summary.records == len(records)
    # and the independent count agrees with the groups
    ids = {r.id for r in records}
    raw = tuple(r for r in raw_records() if r["id"] in ids)
    assert {g.key: g.count for g in summary.groups} == raw_count("status", raw)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(queries())
def test_summary_by_sector_counts_each_record_once_per_sector(query: Query) -> None:
    records = filter_partnerships(bundled().partnerships, query)
    summary = summarize(records, "sector")
    assert summary.group_total == sum(len(set(r.sectors)) for r in records)


def test_summary_by_status_through_the_cli_adds_up_to_list_count() -> None:
    args = ["--status", "active,unknown", "--kind", "sister-city", "--sector", "budaya"]
    listed = invoke(["--data", str(BUNDLED), "list", *args, "--format", "ids"]).stdout.split()
    counts = as_counter(summary_json(["--by", "status", *args]), "status")
    assert sum(counts.values()) == len(listed) > 0


# --- cross-tab --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "columns"), [("country", "kind"), ("sector", "scope"), ("year", "status")]
)
def test_crosstab_totals_add_up(rows: str, columns: str) -> None:
    tab = crosstab(bundled().partnerships, rows, columns)
    row_totals = [tab.row_total(r) for r in tab.rows]
    column_totals = [tab.column_total(c) for c in tab.columns]
    assert sum(row_totals) == sum(column_totals) == tab.total
    for r in tab.rows:
        assert tab.row_total(r) == sum(tab.cell(r, c) for c in tab.columns)
    expected = sum(len(raw_keys(rec, rows)) * len(raw_keys(rec, columns)) for rec in raw_records())
    assert tab.total == expected


def test_crosstab_json_cells_match_an_independent_count() -> None:
    items = summary_json(["--by", "country", "--by", "kind"])
    got = Counter({(i["country"] or "", i["kind"]): i["count"] for i in items})
    expected: Counter[tuple[str, str]] = Counter()
    for record in raw_records():
        expected[(record.get("country", ""), record["kind"])] += 1
    assert got == expected
    assert sum(got.values()) == len(raw_records())


def test_crosstab_table_has_row_and_column_totals(mini_data: Path) -> None:
    args = ["--data", str(mini_data), "summary", "--by", "scope", "--by", "status", "-f", "table"]
    result = invoke(args)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    header = next(line for line in lines if "Scope" in line)
    assert header.split()[-1] == "Total"
    total_row = next(line for line in lines if line.strip().startswith("Total"))
    numbers = [int(n) for n in total_row.split()[1:]]
    assert numbers[-1] == 5 == sum(numbers[:-1])
    international = next(line for line in lines if line.strip().startswith("international"))
    assert international.split()[-1] == "4"


def test_crosstab_csv_is_one_row_per_pair_with_machine_keys(mini_data: Path) -> None:
    args = ["--data", str(mini_data), "summary", "--by", "kind", "--by", "status", "-f", "csv"]
    rows = list(csv.reader(io.StringIO(invoke(args).stdout, newline="")))
    assert rows[0] == ["kind", "status", "count"]
    assert ["sister-city", "active", "1"] in rows
    assert sum(int(r[2]) for r in rows[1:]) == 5


# --- sort and top ------------------------------------------------------------------------------


def test_top_folds_the_rest_into_other_and_keeps_the_total() -> None:
    items = summary_json(["--by", "country", "--top", "3"])
    assert len(items) == 4
    assert items[-1]["country"] == OTHER
    assert sum(i["count"] for i in items) == len(raw_records())
    largest = sorted(raw_count("country").values(), reverse=True)[:3]
    assert [i["count"] for i in items[:3]] == largest


def test_top_table_total_is_still_the_number_of_records() -> None:
    result = invoke(
        ["--data", str(BUNDLED), "summary", "--by", "sector", "--top", "5", "-f", "table"]
    )
    total = next(line for line in result.stdout.splitlines() if line.strip().startswith("Total"))
    assert total.split()[1] == str(len(raw_records()))
    assert "other (" in result.stdout


def test_summary_sorts_by_count_descending_by_default() -> None:
    counts = [i["count"] for i in summary_json(["--by", "sector"])]
    assert counts == sorted(counts, reverse=True)


def test_sort_name_orders_groups_by_key_in_machine_formats() -> None:
    keys = [i["kind"] for i in summary_json(["--by", "kind", "--sort", "name"])]
    assert keys == sorted(keys)


def test_sort_name_orders_the_table_by_the_label_a_reader_sees(mini_data: Path) -> None:
    args = ["--data", str(mini_data), "summary", "--by", "kind", "--sort", "name", "-f", "table"]
    lines = invoke(["--lang", "id", *args], lang=Lang.ID).stdout.splitlines()
    labels = [line.split()[0] for line in lines if "%" in line and "Total" not in line]
    assert labels == ["hibah", "kota", "program", "proyek"]


# --- the timeline ------------------------------------------------------------------------------


def test_year_timeline_shows_gaps_empty_and_folds_long_ones(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "summary", "--by", "year", "-f", "table"])
    first = [line.split()[0] for line in result.stdout.splitlines() if re.match(r"\s*\d{4}", line)]
    # the years with records, and each stretch of empty years as one line
    assert first == ["1979", "1980–1988", "1989", "1990–2013", "2014", "2015–2021", "2022"]
    gap = next(line for line in result.stdout.splitlines() if "1980–1988" in line)
    assert gap.split() == ["1980–1988"]  # no count, no share, no bar: shown empty
    assert "— (undated)" in result.stdout
    assert "three or more in a row share one line" in result.stdout


def test_two_empty_years_in_a_row_stay_two_empty_lines(write_yaml: Any) -> None:
    text = MINI_YAML.replace('signed: "1989-10-23"', 'signed: "1982-10-23"')
    result = invoke(["--data", str(write_yaml(text)), "summary", "--by", "year", "-f", "table"])
    lines = [line.split() for line in result.stdout.splitlines()]
    assert ["1980"] in lines
    assert ["1981"] in lines
    assert next(line for line in lines if line and line[0] == "1982")[:3] == ["1982", "1", "20.0%"]


def test_year_in_machine_formats_lists_only_years_with_records(mini_data: Path) -> None:
    args = ["--data", str(mini_data), "summary", "--by", "year", "-f", "json"]
    items = json.loads(invoke(args).stdout)
    assert [i["year"] for i in items] == ["1979", "1989", "2014", "2022", None]


def test_decade_groups_are_in_time_order(mini_data: Path) -> None:
    args = ["--data", str(mini_data), "summary", "--by", "decade", "-f", "json"]
    items = json.loads(invoke(args).stdout)
    assert [i["decade"] for i in items] == ["1970s", "1980s", "2010s", "2020s", None]
    table = invoke([*args[:-1], "table"]).stdout
    assert "2000s" in table
    assert "1990s" in table


def test_summarize_fills_gaps_only_for_a_timeline() -> None:
    records = bundled().partnerships
    plain = summarize(records, "year")
    timeline = summarize(records, "year", timeline=True)
    assert len(timeline.groups) > len(plain.groups)
    assert timeline.group_total == plain.group_total == len(records)
    assert summarize(records, "year", sort=SortOrder.COUNT, timeline=True) == summarize(
        records, "year", sort=SortOrder.COUNT
    )


# --- bad input --------------------------------------------------------------------------------


def test_unknown_by_field_exits_2_and_suggests_the_closest(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "summary", "--by", "cuntry"])
    assert result.exit_code == 2
    assert "--by" in result.stderr
    assert "country" in result.stderr
    assert result.stdout == ""


def test_by_accepts_indonesian_and_the_data_field_name(mini_data: Path) -> None:
    for name in ("sektor", "partner_type", "Partner-Type", "tahun"):
        result = invoke(["--data", str(mini_data), "summary", "--by", name])
        assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--by", "kind", "--by", "status", "--by", "scope"],
        ["--by", "kind", "--by", "kind"],
        ["--by", "kind", "--top", "0"],
        ["--by", "kind", "--format", "ids"],
        ["--by", "kind", "--sort", "size"],
        ["--by", "kind", "--sector", "floood"],
    ],
)
def test_bad_summary_arguments_exit_2(mini_data: Path, args: list[str]) -> None:
    result = invoke(["--data", str(mini_data), "summary", *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


# --- sectors ----------------------------------------------------------------------------------


def test_sectors_counts_records_in_each_sector() -> None:
    result = invoke(["--data", str(BUNDLED), "sectors", "--format", "json"])
    items = json.loads(result.stdout)
    vocabulary = raw_document()["sectors"]
    assert [i["key"] for i in items] == list(vocabulary)
    expected = raw_count("sector")
    for item in items:
        assert item["count"] == expected.get(item["key"], 0)
        assert item["id"] == vocabulary[item["key"]]["id"]
        assert item["en"] == vocabulary[item["key"]]["en"]
        assert item["aliases"] == vocabulary[item["key"]].get("aliases", [])


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_sectors_tabular_formats_have_a_header_and_parse_back(mini_data: Path, fmt: str) -> None:
    out = invoke(["--data", str(mini_data), "sectors", "--format", fmt]).stdout
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out, newline="")))
    else:
        rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0] == ["key", "id", "en", "aliases", "count"]
    assert rows[1] == ["banjir", "Banjir", "Flood management", "flood,floods", "2"]


def test_sectors_table_shows_both_labels(mini_data: Path) -> None:
    out = invoke(["--data", str(mini_data), "sectors", "--format", "table"]).stdout
    assert "Kesehatan" in out
    assert "Health" in out
    assert "rumah sakit" in out


# --- figures ---------------------------------------------------------------------------------

_FIGURES = """\
figures:
  - id: sister-cities
    label: {id: Kota kembar, en: Sister cities}
    value: 3
    year: 2024
    source: s1
    compare: {kind: [sister-city]}
  - id: sister-cities-1990
    label: {id: Kota kembar 1990, en: Sister cities in 1990}
    value: 2
    year: 1990
    source: s2
    compare: {kind: [sister-city], until: ["1990"]}
  - id: health-grants
    label: {id: Hibah kesehatan, en: Health grants}
    value: 1
    year: 2024
    source: s1
    compare: {sector: [health], kind: [grant], since: ["2000"]}
  - id: hospitals
    label: {id: Rumah sakit, en: Hospitals}
    value: 27.5
    year: 2024
    source: s1
"""


@pytest.fixture
def figures_data(write_yaml: Any) -> Path:
    head, tail = MINI_YAML.split("figures:\n", 1)
    tail = tail.split("partnerships:\n", 1)[1]
    path: Path = write_yaml(head + _FIGURES + "partnerships:\n" + tail)
    return path


def test_figures_json_gives_the_register_count_beside_each_figure(figures_data: Path) -> None:
    result = invoke(["--data", str(figures_data), "figures", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    items = {i["id"]: i for i in json.loads(result.stdout)}
    assert items["sister-cities"]["register"] == 2
    assert items["sister-cities"]["register_undated"] is None  # no date condition
    # Jeddah 1979 and Tokyo 1989 are both on or before 1990
    assert items["sister-cities-1990"]["register"] == 2
    assert items["sister-cities-1990"]["register_undated"] == 0
    # Bekasi's health grant has no signed date: `since` leaves it out, honestly reported
    assert items["health-grants"]["register"] == 0
    assert items["health-grants"]["register_undated"] == 1
    assert items["hospitals"]["register"] is None
    assert items["hospitals"]["value"] == 27.5
    assert items["sister-cities"]["value"] == 3
    assert isinstance(items["sister-cities"]["value"], int)
    assert set(items["hospitals"]) == {
        "id",
        "label_id",
        "label_en",
        "value",
        "year",
        "source",
        "register",
        "register_undated",
    }


def test_figures_table_shows_register_undated_and_a_dash_without_compare(
    figures_data: Path,
) -> None:
    result = invoke(["--data", str(figures_data), "figures", "--format", "table"])
    lines = result.stdout.splitlines()
    row = next(line for line in lines if "Health grants" in line)
    assert row.rstrip().endswith("0 (+1 undated)")
    assert next(line for line in lines if "Hospitals" in line).rstrip().endswith("—")
    assert "Penerbit, 2024-12" in result.stdout  # source publisher and date
    assert "Register:" in result.stdout  # the footer explains the columns


def test_figures_table_speaks_indonesian(figures_data: Path) -> None:
    args = ["--lang", "id", "--data", str(figures_data), "figures", "--format", "table"]
    out = invoke(args, lang=Lang.ID).stdout
    assert "Hibah kesehatan" in out
    assert "(+1 tanpa tanggal)" in out
    assert "27,5" in out


def test_bundled_sister_city_figure_counts_match_an_independent_count() -> None:
    result = invoke(["--data", str(BUNDLED), "figures", "--format", "json"])
    item = next(i for i in json.loads(result.stdout) if i["id"] == "sister-cities-2024")
    sister = [
        r
        for r in raw_records()
        if r["kind"] == "sister-city" and r["status"] in ("active", "unknown")
    ]
    dated = [r for r in sister if "signed" in r and int(str(r["signed"])[:4]) <= 2024]
    undated = [r for r in sister if "signed" not in r]
    assert item["register"] == len(dated)
    assert item["register_undated"] == len(undated) > 0


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_figures_tabular_formats_parse_back(figures_data: Path, fmt: str) -> None:
    out = invoke(["--data", str(figures_data), "figures", "--format", fmt]).stdout
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out, newline="")))
    else:
        rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0][-2:] == ["register", "register_undated"]
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["health-grants"][-2:] == ["0", "1"]
    assert by_id["hospitals"][-2:] == ["", ""]


# --- through main, as a pipe sees it --------------------------------------------------------


def test_summary_writes_tsv_to_a_pipe() -> None:
    proc = invoke(["--data", str(BUNDLED), "summary", "--by", "scope"])
    assert proc.exit_code == 0, proc.stderr
    rows = [line.split("\t") for line in proc.stdout.splitlines()]
    assert rows[0] == ["scope", "count"]
    assert Counter({k: int(n) for k, n in rows[1:]}) == raw_count("scope")
    assert "\x1b[" not in proc.stdout


def test_unknown_by_exits_2_without_a_traceback() -> None:
    proc = invoke(["--data", str(BUNDLED), "summary", "--by", "sektr"])
    assert proc.exit_code == 2
    assert "sector" in proc.stderr
    assert "Traceback" not in proc.stderr
