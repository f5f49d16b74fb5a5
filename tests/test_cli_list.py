"""``kerjasama list`` through Typer's CliRunner: filters, every format parsed back by a real
parser, columns, sorting, limits, usage errors and the human table.

Expected records come from ``yaml.safe_load`` of the data file, never from the package.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

from conftest import BUNDLED, MINI_YAML, invoke
from kerjasama_cli import Partnership, load_dataset
from kerjasama_cli.i18n import Lang

Raw = dict[str, Any]

REAL: list[Raw] = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))["partnerships"]
MINI: list[Raw] = yaml.safe_load(MINI_YAML)["partnerships"]
MINI_BY_ID = {r["id"]: r for r in MINI}

MACHINE_COLUMNS = [
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
]


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def listed(args: list[str], data: Path | None = None) -> list[str]:
    """The ids ``list`` prints (``--format ids``); fails the test unless it exits 0."""
    prefix = ["--data", str(data)] if data else []
    result = invoke([*prefix, "list", *args, "--format", "ids"])
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


def expected(records: list[Raw], keep: Callable[[Raw], bool]) -> list[str]:
    return sorted(r["id"] for r in records if keep(r))


def as_row(record: Raw) -> list[str]:
    """A record as the default tsv/csv row: keys and codes, absent values empty."""
    return [
        ",".join(record[c]) if c == "sectors" else str(record.get(c, "")) for c in MACHINE_COLUMNS
    ]


# --- every filter on the real data -------------------------------------------------------

REAL_FILTERS: list[tuple[list[str], Callable[[Raw], bool]]] = [
    (["--sector", "banjir"], lambda r: "banjir" in r["sectors"]),
    (["--sector", "flood"], lambda r: "banjir" in r["sectors"]),
    (["--sector", "FLOOD"], lambda r: "banjir" in r["sectors"]),
    (["--sector", "Health"], lambda r: "kesehatan" in r["sectors"]),
    (["--sector", "banjir", "--sector", "kesehatan"], lambda r: bool({"banjir", "kesehatan"} & set(r["sectors"]))),
    (["--sector", "banjir,kesehatan"], lambda r: bool({"banjir", "kesehatan"} & set(r["sectors"]))),
    (["--country", "JP"], lambda r: r.get("country") == "JP"),
    (["--country", "Japan"], lambda r: r.get("country") == "JP"),
    (["--country", "Jepang"], lambda r: r.get("country") == "JP"),
    (["--country", "Jerman", "--country", "NL"], lambda r: r.get("country") in ("DE", "NL")),
    (["--kind", "kota kembar"], lambda r: r["kind"] == "sister-city"),
    (["--kind", "sister-city"], lambda r: r["kind"] == "sister-city"),
    (["--instrument", "letter of intent"], lambda r: r.get("instrument") == "letter-of-intent"),
    (["--partner-type", "network"], lambda r: r["partner_type"] == "network"),
    (["--scope", "domestic"], lambda r: r.get("country") == "ID"),
    (["--scope", "luar negeri"], lambda r: r.get("country") != "ID"),
    (["--status", "aktif"], lambda r: r["status"] == "active"),
    (["--status", "ended", "--status", "planned"], lambda r: r["status"] in ("ended", "planned")),
    (["--year", "1994"], lambda r: r.get("signed", "").startswith("1994")),
    (["--since", "2017"], lambda r: "signed" in r and int(r["signed"][:4]) >= 2017),
    (["--until", "1990"], lambda r: "signed" in r and int(r["signed"][:4]) <= 1990),
    (["--since", "1990", "--until", "1999"], lambda r: "signed" in r and 1990 <= int(r["signed"][:4]) <= 1999),
    (["-q", "rotterdam"], lambda r: "rotterdam" in fold(" ".join((r["id"], r["title"], r["partner"], r["summary"]["id"], r["summary"]["en"])))),
    (["--search", "ROTTERDAM"], lambda r: "rotterdam" in fold(" ".join((r["id"], r["title"], r["partner"], r["summary"]["id"], r["summary"]["en"])))),
    (["--kind", "sister-city", "--status", "active"], lambda r: r["kind"] == "sister-city" and r["status"] == "active"),
    (["--sector", "budaya", "--scope", "international", "--until", "2000"], lambda r: "budaya" in r["sectors"] and r.get("country") != "ID" and "signed" in r and int(r["signed"][:4]) <= 2000),
]  # fmt: skip


@pytest.mark.parametrize(("args", "keep"), REAL_FILTERS, ids=[" ".join(a) for a, _ in REAL_FILTERS])
def test_filter_on_the_real_data(args: list[str], keep: Callable[[Raw], bool]) -> None:
    want = expected(REAL, keep)
    assert want, "a filter whose expected result is empty would prove little"
    assert listed(args) == want


def test_flood_finds_what_banjir_finds() -> None:
    assert listed(["--sector", "flood"]) == listed(["--sector", "banjir"]) != []


def test_no_filter_lists_every_record_sorted_by_id() -> None:
    assert listed([]) == sorted(r["id"] for r in REAL)


# --- every filter on the test data -------------------------------------------------------

MINI_FILTERS: list[tuple[list[str], list[str]]] = [
    (["--sector", "banjir"], ["c40-hospitals", "rotterdam-dutep"]),
    (["--sector", "floods"], ["c40-hospitals", "rotterdam-dutep"]),
    (["--sector", "rumah sakit"], ["bekasi-grant", "c40-hospitals", "tokyo-sister-city"]),
    (["--country", "Belanda"], ["rotterdam-dutep"]),
    (["--country", "JP", "--country", "SA"], ["jeddah-sister-city", "tokyo-sister-city"]),
    (["--kind", "kota kembar"], ["jeddah-sister-city", "tokyo-sister-city"]),
    (["--instrument", "mou"], ["jeddah-sister-city"]),
    (["--partner-type", "pemda"], ["bekasi-grant"]),
    (["--scope", "domestic"], ["bekasi-grant"]),
    (["--status", "aktif"], ["c40-hospitals", "rotterdam-dutep", "tokyo-sister-city"]),
    (["--year", "1989"], ["tokyo-sister-city"]),
    (["--since", "2014-09-15"], ["c40-hospitals", "rotterdam-dutep"]),
    (["--until", "1989"], ["jeddah-sister-city", "tokyo-sister-city"]),
    (["-q", "tokyo"], ["tokyo-sister-city"]),
    (["-q", "dengan tokyo"], ["tokyo-sister-city"]),
    (["-q", "TŌKYŌ"], ["tokyo-sister-city"]),
    (["--sector", "kesehatan", "--status", "active", "--kind", "sister-city"], ["tokyo-sister-city"]),
]  # fmt: skip


@pytest.mark.parametrize(("args", "want"), MINI_FILTERS, ids=[" ".join(a) for a, _ in MINI_FILTERS])
def test_filter_on_the_test_data(mini_data: Path, args: list[str], want: list[str]) -> None:
    assert listed(args, mini_data) == want


# --- every format parsed back ------------------------------------------------------------


def parse_json(out: str) -> list[Raw]:
    items = json.loads(out)
    assert isinstance(items, list)
    return items


def parse_jsonl(out: str) -> list[Raw]:
    return [json.loads(line) for line in out.splitlines()]


def parse_yaml(out: str) -> list[Raw]:
    items = yaml.safe_load(out)
    assert isinstance(items, list)
    return items


def parse_csv(out: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(out, newline="")))


def parse_tsv(out: str) -> list[list[str]]:
    assert out.endswith("\n")
    return [line.split("\t") for line in out.removesuffix("\n").split("\n")]


HEALTH = ["bekasi-grant", "c40-hospitals", "tokyo-sister-city"]  # --sector kesehatan, by id


@pytest.mark.parametrize(
    ("fmt", "parse"), [("json", parse_json), ("jsonl", parse_jsonl), ("yaml", parse_yaml)]
)
def test_structured_format_holds_the_records_exactly_as_the_data_file(
    mini_data: Path, fmt: str, parse: Callable[[str], list[Raw]]
) -> None:
    result = invoke(["--data", str(mini_data), "list", "--sector", "kesehatan", "--format", fmt])
    assert result.exit_code == 0
    assert parse(result.stdout) == [MINI_BY_ID[i] for i in HEALTH]


@pytest.mark.parametrize(("fmt", "parse"), [("csv", parse_csv), ("tsv", parse_tsv)])
def test_delimited_format_has_a_header_and_one_row_per_record(
    mini_data: Path, fmt: str, parse: Callable[[str], list[list[str]]]
) -> None:
    result = invoke(["--data", str(mini_data), "list", "--sector", "kesehatan", "--format", fmt])
    assert result.exit_code == 0
    rows = parse(result.stdout)
    assert rows[0] == MACHINE_COLUMNS
    assert rows[1:] == [as_row(MINI_BY_ID[i]) for i in HEALTH]


def test_ids_format_is_one_id_a_line(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "list", "--sector", "kesehatan", "--format", "ids"])
    assert result.stdout == "".join(f"{i}\n" for i in HEALTH)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml"])
def test_structured_formats_of_the_real_data_equal_the_data_file(fmt: str) -> None:
    parse = {"json": parse_json, "jsonl": parse_jsonl, "yaml": parse_yaml}[fmt]
    result = invoke(["list", "--format", fmt])
    assert parse(result.stdout) == sorted(REAL, key=lambda r: r["id"])


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_delimited_formats_of_the_real_data_equal_the_data_file(fmt: str) -> None:
    parse = parse_csv if fmt == "csv" else parse_tsv
    rows = parse(invoke(["list", "--format", fmt]).stdout)
    assert rows[0] == MACHINE_COLUMNS
    assert rows[1:] == [as_row(r) for r in sorted(REAL, key=lambda r: r["id"])]


def test_csv_quotes_values_with_commas_and_uses_crlf(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "list", "--format", "csv", "--sector", "banjir"])
    raw = result.stdout_bytes  # .stdout would turn CRLF into LF
    assert b'"kesehatan,banjir"' in raw
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n") == 3  # header and two records


def test_json_objects_validate_back_into_the_loaded_records() -> None:
    loaded = {p.id: p for p in load_dataset(BUNDLED).partnerships}
    adapter = TypeAdapter(Partnership)
    items = parse_json(invoke(["list", "--format", "json"]).stdout)
    assert len(items) == len(loaded)
    for item in items:
        assert adapter.validate_python(item) == loaded[item["id"]]


def test_json_is_utf8_not_ascii_escaped(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "list", "--format", "json"])
    assert "Tōkyō" in result.stdout
    assert "Jakarta–Tokyo" in result.stdout
    assert "\\u" not in result.stdout


def test_json_dates_are_as_written_in_the_data(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "list", "--format", "json"])
    assert '"signed": "1979"' in result.stdout
    assert '"signed": "2014-09"' in result.stdout
    assert '"signed": "2022-09-06"' in result.stdout


def test_yaml_dates_stay_text_when_read_back(mini_data: Path) -> None:
    items = parse_yaml(invoke(["--data", str(mini_data), "list", "--format", "yaml"]).stdout)
    assert {i["id"]: i.get("signed") for i in items}["c40-hospitals"] == "2022-09-06"
    assert {i["id"]: i.get("signed") for i in items}["jeddah-sister-city"] == "1979"


def test_derived_fields_are_not_stored_in_structured_output(mini_data: Path) -> None:
    items = parse_json(invoke(["--data", str(mini_data), "list", "--format", "json"]).stdout)
    assert all("scope" not in i and "year" not in i for i in items)


# --- defaults, header, columns -----------------------------------------------------------


def test_default_format_when_not_a_terminal_is_tsv_with_a_header(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "list"])
    assert result.exit_code == 0
    rows = parse_tsv(result.stdout)
    assert rows[0] == MACHINE_COLUMNS
    assert [r[0] for r in rows[1:]] == sorted(MINI_BY_ID)


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_no_header_drops_the_header_row(mini_data: Path, fmt: str) -> None:
    parse = parse_csv if fmt == "csv" else parse_tsv
    result = invoke(["--data", str(mini_data), "list", "--format", fmt, "--no-header"])
    assert parse(result.stdout) == [as_row(MINI_BY_ID[i]) for i in sorted(MINI_BY_ID)]


def test_columns_chooses_and_orders_the_columns(mini_data: Path) -> None:
    result = invoke(
        ["--data", str(mini_data), "list", "--columns", "signed,id", "--sector", "banjir"]
    )
    assert parse_tsv(result.stdout) == [
        ["signed", "id"],
        ["2022-09-06", "c40-hospitals"],
        ["2014-09", "rotterdam-dutep"],
    ]


def test_columns_may_be_repeated_and_include_derived_fields(mini_data: Path) -> None:
    args = ["--columns", "id", "--columns", "scope,year", "--format", "csv", "--kind", "grant"]
    result = invoke(["--data", str(mini_data), "list", *args])
    assert parse_csv(result.stdout) == [["id", "scope", "year"], ["bekasi-grant", "domestic", ""]]


def test_unknown_column_is_a_usage_error_with_a_suggestion(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "list", "--columns", "id,contry"])
    assert result.exit_code == 2
    assert "contry" in result.stderr
    assert "country" in result.stderr
    assert result.stdout == ""


def test_columns_with_the_ids_format_is_a_usage_error(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "list", "--columns", "id", "--format", "ids"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--columns" in result.stderr


def test_columns_choose_the_fields_of_json_with_typed_values_and_nulls(mini_data: Path) -> None:
    args = ["--data", str(mini_data), "list", "--columns", "id,sectors,year,country,note_en"]
    result = invoke([*args, "--format", "json", "-q", "c40"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {"id": "c40-hospitals", "sectors": ["kesehatan", "banjir"], "year": 2022,
         "country": None, "note_en": None}
    ]  # fmt: skip
    lines = invoke([*args, "--format", "jsonl"]).stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == sorted(MINI_IDS_ANY_ORDER)
    assert all(list(json.loads(line)) == ["id", "sectors", "year", "country", "note_en"]
               for line in lines)  # fmt: skip
    documents = yaml.safe_load(invoke([*args, "--format", "yaml"]).stdout)
    assert [list(d) for d in documents] == [["id", "sectors", "year", "country", "note_en"]] * 5


MINI_IDS_ANY_ORDER = ["rotterdam-dutep", "c40-hospitals", "tokyo-sister-city",
                      "jeddah-sister-city", "bekasi-grant"]  # fmt: skip


# --- sort and limit ----------------------------------------------------------------------


def test_sort_descending_by_signed_puts_undated_last(mini_data: Path) -> None:
    assert listed(["--sort", "-signed"], mini_data) == [
        "c40-hospitals",
        "rotterdam-dutep",
        "tokyo-sister-city",
        "jeddah-sister-city",
        "bekasi-grant",
    ]


def test_sort_real_data_by_signed_matches_the_dates() -> None:
    got = listed(["--sort", "signed"])
    dated = sorted(
        (r for r in REAL if "signed" in r),
        key=lambda r: (tuple(int(p) for p in r["signed"].split("-")), r["id"]),
    )
    undated = sorted(r["id"] for r in REAL if "signed" not in r)
    assert got == [r["id"] for r in dated] + undated


def test_limit_keeps_the_first_records_after_sorting(mini_data: Path) -> None:
    assert listed(["--sort", "signed", "--limit", "2"], mini_data) == [
        "jeddah-sister-city",
        "tokyo-sister-city",
    ]


def test_limit_zero_prints_nothing(mini_data: Path) -> None:
    assert listed(["--limit", "0"], mini_data) == []


@pytest.mark.parametrize("value", ["-1", "two"])
def test_invalid_limit_is_a_usage_error(mini_data: Path, value: str) -> None:
    result = invoke(["--data", str(mini_data), "list", "--limit", value])
    assert result.exit_code == 2
    assert result.stdout == ""


def test_unknown_sort_field_is_a_usage_error_with_a_suggestion(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "list", "--sort", "signd"])
    assert result.exit_code == 2
    assert "signed" in result.stderr


# --- usage errors and empty results ------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "typed", "suggested"),
    [
        ("--sector", "bajir", "banjir"),
        ("--sector", "kesehatn", "kesehatan"),
        ("--country", "Jepan", "JP"),
        ("--kind", "sistercity", "sister-city"),
        ("--status", "aktive", "active"),
        ("--partner-type", "netwrk", "network"),
    ],
)
def test_unknown_value_exits_2_suggesting_the_closest(
    mini_data: Path, option: str, typed: str, suggested: str
) -> None:
    result = invoke(["--data", str(mini_data), "list", option, typed])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert typed in result.stderr
    assert suggested in result.stderr


@pytest.mark.parametrize("option", ["--since", "--until", "--year"])
def test_invalid_date_is_a_usage_error(mini_data: Path, option: str) -> None:
    result = invoke(["--data", str(mini_data), "list", option, "2023-02-30"])
    assert result.exit_code == 2
    assert "2023-02-30" in result.stderr


@pytest.mark.parametrize(("fmt", "output"), [("tsv", ""), ("csv", ""), ("ids", ""), ("jsonl", ""),
                                             ("json", "[]"), ("yaml", "[]")])  # fmt: skip
def test_filter_matching_nothing_exits_0_with_empty_output(
    mini_data: Path, fmt: str, output: str
) -> None:
    args = ["--data", str(mini_data), "list", "--sector", "banjir", "--country", "JP"]
    result = invoke([*args, "--format", fmt])
    assert result.exit_code == 0
    assert result.stdout.strip() == output
    if output:
        assert (json.loads if fmt == "json" else yaml.safe_load)(result.stdout) == []


def test_filter_matching_nothing_in_a_table_says_so_on_stderr(mini_data: Path) -> None:
    args = ["--data", str(mini_data), "list", "--sector", "banjir", "--country", "JP"]
    result = invoke([*args, "--format", "table"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.strip() != ""


# --- colour and decoration ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "jsonl", "yaml", "ids", None])
def test_machine_formats_carry_no_ansi_escapes_even_when_colour_is_forced(
    mini_data: Path, fmt: str | None
) -> None:
    env = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "CLICOLOR_FORCE": "1"}
    args = ["--data", str(mini_data), "list"] + (["--format", fmt] if fmt else [])
    result = invoke(args, env=env)
    assert result.exit_code == 0
    assert result.stdout
    assert "\x1b" not in result.stdout


def test_table_keeps_square_brackets_of_the_data(mini_data: Path) -> None:
    args = ["--data", str(mini_data), "list", "--format", "table", "--columns", "id,summary_en"]
    result = invoke(args, env={"COLUMNS": "200"})
    assert "Water [training] in Rotterdam." in result.stdout


def test_table_in_indonesian_keeps_square_brackets(mini_data: Path) -> None:
    args = [
        "--data",
        str(mini_data),
        "--lang",
        "id",
        "list",
        "-f",
        "table",
        "--columns",
        "id,summary_id",
    ]
    result = invoke(args, env={"COLUMNS": "200"})
    assert "Pelatihan [air] di Rotterdam." in result.stdout


def test_tsv_keeps_square_brackets_of_the_data(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "list", "--columns", "id,summary_en"])
    assert "Water [training] in Rotterdam." in result.stdout


@pytest.mark.parametrize("width", ["40", "60", "100"])
def test_table_never_cuts_an_id(width: str) -> None:
    result = invoke(["list", "--format", "table"], env={"COLUMNS": width})
    assert result.exit_code == 0
    for record in REAL:
        whole = re.compile(rf"(?<![\w-]){re.escape(record['id'])}(?![\w-])")
        assert whole.search(result.stdout), record["id"]


def test_table_fits_the_terminal_width() -> None:
    result = invoke(["list", "--format", "table"], env={"COLUMNS": "80"})
    longest_id = max(len(r["id"]) for r in REAL)
    assert max(len(line) for line in result.stdout.splitlines()) <= max(80, longest_id + 2)


def test_table_shows_labels_in_the_chosen_language(mini_data: Path) -> None:
    english = invoke(["--data", str(mini_data), "list", "-f", "table"], env={"COLUMNS": "160"})
    indonesian = invoke(
        ["--data", str(mini_data), "--lang", "id", "list", "-f", "table"], env={"COLUMNS": "160"}
    )
    assert "Japan" in english.stdout
    assert "Jepang" in indonesian.stdout
    assert "sister city" in english.stdout
    assert "kota kembar" in indonesian.stdout


# --- where the data comes from -----------------------------------------------------------


def test_data_option_beats_the_environment_variable(mini_data: Path, write_yaml: Any) -> None:
    other = write_yaml(MINI_YAML.replace("rotterdam-dutep", "rotterdam-other"))
    result = invoke(
        ["--data", str(other), "list", "--format", "ids"], env={"KERJASAMA_DATA": str(mini_data)}
    )
    assert "rotterdam-other" in result.stdout.splitlines()
    assert "rotterdam-dutep" not in result.stdout.splitlines()


def test_environment_variable_beats_the_bundled_data(mini_data: Path) -> None:
    result = invoke(["list", "--format", "ids"], env={"KERJASAMA_DATA": str(mini_data)})
    assert result.stdout.splitlines() == sorted(MINI_BY_ID)


def test_bundled_data_is_the_default() -> None:
    assert listed([]) == sorted(r["id"] for r in REAL)


@pytest.mark.parametrize(
    "args",
    [
        ["--sector", ""],
        ["--sector", ","],
        ["--country", " "],
        ["--year", ""],
        ["--since", ""],
        ["--until", ""],
        ["-q", ""],
        ["--status", ""],
        ["--columns", ""],
    ],
)
def test_an_empty_value_is_a_usage_error_not_the_whole_register(args: list[str]) -> None:
    result = invoke(["list", *args, "--format", "ids"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert args[0] in result.stderr or "--search" in result.stderr


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_a_single_value_option_given_twice_is_a_usage_error(option: str) -> None:
    value = "2020"
    result = invoke(["list", option, value, option, value, "--format", "ids"])
    assert result.exit_code == 2
    assert result.stderr == f"kerjasama: error: {option} may be given only once.\n"


@pytest.mark.parametrize("args", [["--columns", "id,,partner"], ["--sector", "banjir,"]])
def test_an_empty_part_of_a_comma_list_is_a_usage_error(args: list[str]) -> None:
    result = invoke(["list", *args, "--format", "tsv"])
    assert result.exit_code == 2
    assert result.stdout == ""


def test_search_repeated_matches_any_of_the_texts(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "list", "-q", "tokyo", "-q", "jeddah", "-f", "ids"])
    assert result.exit_code == 0
    assert result.stdout.split() == ["jeddah-sister-city", "tokyo-sister-city"]
    one = invoke(["--data", str(mini_data), "list", "-q", "tokyo, jeddah", "-f", "ids"])
    assert one.stdout == ""  # a comma is part of the text searched for


def test_a_table_sorts_by_the_names_it_shows_and_scripts_by_the_keys(mini_data: Path) -> None:
    args = ["--data", str(mini_data), "list", "--sort", "country", "--columns", "id,country"]

    def table_ids(lang: Lang) -> list[str]:
        out = invoke([*args, "--format", "table"], lang=lang, env={"COLUMNS": "120"}).stdout
        firsts = [line.split()[0] for line in out.splitlines() if line.split()]
        return [word for word in firsts if word in MINI_IDS_ANY_ORDER]

    # English names: Indonesia, Japan, Netherlands, Saudi Arabia, then no country
    assert table_ids(Lang.EN) == [
        "bekasi-grant", "tokyo-sister-city", "rotterdam-dutep", "jeddah-sister-city",
        "c40-hospitals",
    ]  # fmt: skip
    # Indonesian names: Arab Saudi, Belanda, Indonesia, Jepang, then no country
    assert table_ids(Lang.ID) == [
        "jeddah-sister-city", "rotterdam-dutep", "bekasi-grant", "tokyo-sister-city",
        "c40-hospitals",
    ]  # fmt: skip
    # scripts get the order of the keys (ID, JP, NL, SA), whatever the language
    keys = invoke([*args, "--format", "tsv", "--no-header"], lang=Lang.ID).stdout.split()[::2]
    assert keys == [
        "bekasi-grant", "tokyo-sister-city", "rotterdam-dutep", "jeddah-sister-city",
        "c40-hospitals",
    ]  # fmt: skip
