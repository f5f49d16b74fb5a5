"""The writers, one per output format, each given the same reports.

Each machine format is read back with a real parser (csv, json, yaml) and must give the
report's values exactly; the table is read as a person would: headings, labels, notes.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence

import pytest
import yaml

from kerjasama_cli.report import Align, Audience, Column, Mapped, Report, Role
from kerjasama_cli.writers import OutputFormat, WriteOptions, writer_for

ANSI = re.compile(r"\x1b\[")
MACHINE_FORMATS = [f for f in OutputFormat if not f.for_people]

EMPTY = Report(
    title="Nothing",
    columns=(Column("id", "Id", wrap=False, role=Role.KEY, keep=True), Column("name", "Name")),
)
UNICODE = Report(
    title="Kota kembar",
    columns=(Column("id", "Id", wrap=False, role=Role.KEY, keep=True), Column("name", "Nama")),
    rows=(("tokyo", "Tōkyō 東京"), ("istanbul", "İstanbul — Türkiye"), ("kairo", "القاهرة")),
)
AWKWARD = Report(
    title="Awkward values",
    columns=(Column("id", "Id", wrap=False, role=Role.KEY, keep=True), Column("text", "Text")),
    rows=(
        ("comma", "a, b, c"),
        ("quote", 'say "hello"'),
        ("tab", "left\tright"),
        ("newline", "one\ntwo\r\nthree"),
        ("markup", "[bold]not bold[/bold] [s1]"),
        ("blank", ""),
    ),
)
TWO_VIEWS = Report(
    title="Records per sector",
    columns=(
        Column("sector", "Sector"),
        Column("count", "Count", Align.RIGHT, wrap=False),
        Column("share", "Share", Align.RIGHT, wrap=False, audience=Audience.PEOPLE),
        Column("bar", "", wrap=False, audience=Audience.PEOPLE, role=Role.BAR),
    ),
    rows=(("banjir", "12"), ("budaya", "3")),
    display=(
        ("Flood management", "12", "80.0%", "████"),
        ("Culture", "3", "20.0%", "█"),
        ("Health", "0", "", ""),
    ),
    dim=frozenset({2}),
    totals=("Total", "15", "100.0%", ""),
    notes=("Shares are of 15 records.",),
    items=({"sector": "banjir", "count": 12}, {"sector": "budaya", "count": 3}),
)
REPORTS = {"empty": EMPTY, "unicode": UNICODE, "awkward": AWKWARD, "two-views": TWO_VIEWS}


def written(
    report: Report,
    fmt: OutputFormat,
    header: bool = True,
    width: int = 120,
    color: bool = False,
    terminal: bool = False,
) -> str:
    out = io.StringIO(newline="")
    options = WriteOptions(header=header, width=width, color=color, terminal=terminal)
    writer_for(fmt)(report, out, options)
    return out.getvalue()


def machine_rows(report: Report) -> list[list[str]]:
    return [list(row) for row in report.rows]


def machine_names(report: Report) -> list[str]:
    return [c.name for c in report.machine_columns]


def test_every_output_format_has_a_writer() -> None:
    for fmt in OutputFormat:
        assert callable(writer_for(fmt)), fmt


@pytest.mark.parametrize("header", [True, False], ids=["header", "no-header"])
@pytest.mark.parametrize("fmt", list(OutputFormat), ids=str)
@pytest.mark.parametrize("name", list(REPORTS))
def test_every_writer_writes_every_report(name: str, fmt: OutputFormat, header: bool) -> None:
    text = written(REPORTS[name], fmt, header=header)
    assert text == "" or text.endswith("\n")


@pytest.mark.parametrize("fmt", MACHINE_FORMATS, ids=str)
@pytest.mark.parametrize("name", list(REPORTS))
def test_machine_formats_carry_no_colour_even_when_colour_is_allowed(
    name: str, fmt: OutputFormat
) -> None:
    assert not ANSI.search(written(REPORTS[name], fmt, color=True, terminal=True))


@pytest.mark.parametrize("name", list(REPORTS))
def test_csv_reads_back_as_the_machine_rows(name: str) -> None:
    report = REPORTS[name]
    rows = list(csv.reader(io.StringIO(written(report, OutputFormat.CSV), newline="")))
    assert rows == [machine_names(report), *machine_rows(report)]


@pytest.mark.parametrize("name", list(REPORTS))
def test_csv_without_header_is_the_rows_alone(name: str) -> None:
    report = REPORTS[name]
    text = written(report, OutputFormat.CSV, header=False)
    assert list(csv.reader(io.StringIO(text, newline=""))) == machine_rows(report)


def test_csv_ends_lines_with_crlf_and_quotes_only_where_needed() -> None:
    text = written(AWKWARD, OutputFormat.CSV)
    assert text.startswith('id,text\r\ncomma,"a, b, c"\r\nquote,"say ""hello"""\r\n')


@pytest.mark.parametrize("name", list(REPORTS))
def test_tsv_has_one_line_per_row_and_one_field_per_column(name: str) -> None:
    report = REPORTS[name]
    lines = written(report, OutputFormat.TSV).splitlines()
    assert lines[0].split("\t") == machine_names(report)
    assert len(lines) == 1 + len(report.rows)
    for line in lines[1:]:
        assert len(line.split("\t")) == len(report.machine_columns)


def test_tsv_turns_tabs_and_newlines_inside_a_value_into_spaces() -> None:
    lines = written(AWKWARD, OutputFormat.TSV).split("\n")
    assert "tab\tleft right" in lines
    assert "newline\tone two three" in lines
    assert 'quote\tsay "hello"' in lines  # no quoting in TSV


def test_tsv_without_header_starts_with_the_first_row() -> None:
    assert written(UNICODE, OutputFormat.TSV, header=False).startswith("tokyo\tTōkyō 東京\n")


@pytest.mark.parametrize("name", list(REPORTS))
def test_json_reads_back_as_the_items(name: str) -> None:
    report = REPORTS[name]
    expected = [dict(zip(machine_names(report), row, strict=True)) for row in report.rows]
    if report.items is not None:
        expected = list(report.items)
    assert json.loads(written(report, OutputFormat.JSON)) == expected


def test_json_writes_unicode_as_itself_not_as_escapes() -> None:
    assert "Tōkyō 東京" in written(UNICODE, OutputFormat.JSON)


@pytest.mark.parametrize("name", list(REPORTS))
def test_jsonl_is_one_item_per_line(name: str) -> None:
    report = REPORTS[name]
    lines = written(report, OutputFormat.JSONL).splitlines()
    assert [json.loads(line) for line in lines] == list(report.structured)


@pytest.mark.parametrize("name", list(REPORTS))
def test_yaml_reads_back_as_the_items(name: str) -> None:
    report = REPORTS[name]
    assert yaml.safe_load(written(report, OutputFormat.YAML)) == list(report.structured)


@pytest.mark.parametrize("name", list(REPORTS))
def test_ids_are_the_first_machine_column_one_a_line(name: str) -> None:
    report = REPORTS[name]
    assert written(report, OutputFormat.IDS).splitlines() == [row[0] for row in report.rows]


def test_ids_prefers_the_reports_own_ids() -> None:
    report = Report(columns=(Column("x"),), rows=(("a",),), ids=("first", "second"))
    assert written(report, OutputFormat.IDS) == "first\nsecond\n"


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        (OutputFormat.TABLE, ""),
        (OutputFormat.TSV, ""),
        (OutputFormat.CSV, ""),
        (OutputFormat.JSON, "[]\n"),
        (OutputFormat.JSONL, ""),
        (OutputFormat.YAML, "[]\n"),
        (OutputFormat.IDS, ""),
    ],
    ids=str,
)
def test_a_report_of_nothing_is_an_empty_list_or_nothing_at_all(
    fmt: OutputFormat, expected: str
) -> None:
    assert written(Report(), fmt) == expected


def test_machine_formats_leave_out_the_columns_for_people() -> None:
    text = written(TWO_VIEWS, OutputFormat.TSV)
    assert text == "sector\tcount\nbanjir\t12\nbudaya\t3\n"


def test_the_table_shows_the_display_labels_not_the_keys() -> None:
    text = written(TWO_VIEWS, OutputFormat.TABLE)
    assert "Flood management" in text
    assert "banjir" not in text


def test_the_table_shows_totals_after_the_rows_and_notes_after_the_table() -> None:
    lines = written(TWO_VIEWS, OutputFormat.TABLE).splitlines()
    total = next(i for i, line in enumerate(lines) if line.strip().startswith("Total"))
    health = next(i for i, line in enumerate(lines) if "Health" in line)
    note = lines.index("Shares are of 15 records.")
    assert health < total < note
    assert lines[total - 1].strip() == ""  # the section: a blank line in this box style


def test_the_table_right_aligns_numbers() -> None:
    lines = written(TWO_VIEWS, OutputFormat.TABLE).splitlines()
    twelve = next(line for line in lines if "Flood" in line)
    three = next(line for line in lines if "Culture" in line)
    assert twelve.index("12") + 1 == three.index("3")


@pytest.mark.parametrize("name", list(REPORTS))
def test_the_table_has_no_colour_when_colour_is_not_allowed(name: str) -> None:
    assert not ANSI.search(written(REPORTS[name], OutputFormat.TABLE, terminal=True))


def test_the_table_dims_faded_rows_when_colour_is_allowed() -> None:
    text = written(TWO_VIEWS, OutputFormat.TABLE, color=True, terminal=True)
    health = next(line for line in text.splitlines() if "Health" in line)
    assert "\x1b[2m" in health  # dim


def test_the_table_prints_text_in_brackets_as_it_is() -> None:
    assert "[bold]not bold[/bold] [s1]" in written(AWKWARD, OutputFormat.TABLE, width=200)


def test_the_table_keeps_unicode_whole() -> None:
    text = written(UNICODE, OutputFormat.TABLE)
    assert "Tōkyō 東京" in text
    assert "القاهرة" in text


def test_the_table_without_header_has_no_title_and_no_headings() -> None:
    text = written(UNICODE, OutputFormat.TABLE, header=False)
    assert "Kota kembar" not in text
    assert "Nama" not in text
    assert "tokyo" in text


def test_the_table_drops_whole_columns_from_the_right_and_keeps_the_key() -> None:
    columns = (
        Column("name", "Name", wrap=False),
        Column("id", "Id", wrap=False, role=Role.KEY, keep=True),
        Column("long", "Long", wrap=False),
    )
    report = Report(columns=columns, rows=(("n" * 30, "the-id-that-stays", "x" * 30),))
    text = written(report, OutputFormat.TABLE, width=40)
    assert "the-id-that-stays" in text
    assert "x" * 30 not in text
    assert all(len(line) <= 40 for line in text.splitlines())
    assert "Name" not in written(report, OutputFormat.TABLE, width=20)


def test_the_table_never_cuts_a_key_even_on_a_tiny_terminal() -> None:
    report = Report(
        columns=(Column("id", "Id", wrap=False, role=Role.KEY, keep=True), Column("x", "X")),
        rows=(("a-very-long-identifier-indeed", "y"),),
    )
    assert "a-very-long-identifier-indeed" in written(report, OutputFormat.TABLE, width=12)


def test_the_table_wraps_long_text_instead_of_cutting_it() -> None:
    words = " ".join(f"word{n}" for n in range(40))
    report = Report(
        columns=(Column("id", "Id", wrap=False), Column("t", "T")), rows=(("a", words),)
    )
    text = written(report, OutputFormat.TABLE, width=60)
    assert all(len(line) <= 60 for line in text.splitlines())
    assert "word39" in text


def test_the_table_shows_a_blank_marker_in_an_empty_cell() -> None:
    report = Report(columns=(Column("n", "N", Align.RIGHT, blank="·"),), rows=(("",), ("3",)))
    assert "·" in written(report, OutputFormat.TABLE)


def _exploding(_: object) -> Sequence[str]:
    raise AssertionError("a view the format does not need was computed")


def test_a_machine_format_never_computes_the_labels_for_people() -> None:
    records = ["a", "b"]
    report = Report(
        columns=(Column("id"),),
        rows=Mapped(lambda r: (r,), records),
        display=Mapped(_exploding, records),
        items=Mapped(_exploding, records),
    )
    assert written(report, OutputFormat.TSV) == "id\na\nb\n"


def test_a_totals_row_must_have_a_cell_per_column_for_people() -> None:
    with pytest.raises(ValueError, match="totals"):
        Report(columns=(Column("a"), Column("b")), totals=("only one",))


def test_a_column_for_one_audience_needs_rows_for_people() -> None:
    with pytest.raises(ValueError, match="display"):
        Report(columns=(Column("a"), Column("b", audience=Audience.PEOPLE)), rows=(("x",),))
