"""Loading and validating a dataset: every kind of bad input gets its own message at its exact
``PATH:LINE:COL``; ``kerjasama validate`` reports every problem in one run.

Each bad file is the five-record test dataset (``MINI_YAML``) with one edit. The expected
line and column are computed from the edited text itself (where the offending text sits),
never taken from the loader.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import BUNDLED, MINI_YAML, invoke


def edit(text: str, old: str, new: str) -> str:
    """Replace the one occurrence of ``old``; a test that edits nothing would prove nothing."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def position(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the first character of the ``nth`` occurrence of ``needle``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column


def validate(path: Path) -> tuple[int, list[str], str]:
    """Exit code, the problem lines of ``kerjasama validate PATH`` and its whole stdout."""
    result = invoke(["validate", str(path)])
    located = re.compile(rf"{re.escape(str(path))}:\d+:\d+: ")
    lines = [line for line in result.stdout.splitlines() if located.match(line)]
    return result.exit_code, lines, result.stdout


def only_problem(path: Path) -> str:
    """The single problem line ``validate`` reports for ``path`` (exit status 1)."""
    code, lines, stdout = validate(path)
    assert code == 1, stdout
    assert len(lines) == 1, stdout
    return lines[0]


def at(path: Path, line: int, column: int) -> str:
    return f"{path}:{line}:{column}: "


def load(path: Path) -> Any:
    from kerjasama_cli import load_dataset

    return load_dataset(path)


# --- the YAML layer ----------------------------------------------------------------------


def test_yaml_syntax_error_is_reported_where_the_parser_stopped(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "title: Program pelatihan air DUTEP", "title: Program: pelatihan air")
    path = write_yaml(text)
    line, column = position(text, ": pelatihan air")  # the second colon of the line
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert "invalid YAML" in problem
    assert "mapping values are not allowed" in problem


def test_unclosed_flow_sequence_is_a_syntax_error_on_the_following_line(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "sectors: [banjir]\n", "sectors: [banjir\n")
    path = write_yaml(text)
    opened, _ = position(text, "sectors: [banjir\n")
    problem = only_problem(path)
    reported_line = int(problem.removeprefix(f"{path}:").split(":")[0])
    assert reported_line == opened + 1
    assert "invalid YAML" in problem


def test_duplicate_top_level_key_is_an_error_at_the_second_key(write_yaml: Any) -> None:
    text = MINI_YAML + "schema_version: 1\n"
    path = write_yaml(text)
    line, column = position(text, "schema_version", nth=1)
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert "duplicate key 'schema_version'" in problem
    assert "line 1" in problem  # where it was first written


def test_duplicate_key_inside_a_record_is_an_error_at_the_second_key(write_yaml: Any) -> None:
    text = edit(
        MINI_YAML, "    partner: Rotterdam\n", "    partner: Rotterdam\n    partner: Delft\n"
    )
    path = write_yaml(text)
    first, _ = position(text, "partner: Rotterdam")
    line, column = position(text, "partner: Delft")
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert "duplicate key 'partner'" in problem
    assert f"line {first}" in problem


def test_duplicate_key_is_not_silently_resolved_to_the_last_value(write_yaml: Any) -> None:
    from kerjasama_cli import DatasetError

    text = edit(
        MINI_YAML, "    partner: Rotterdam\n", "    partner: Rotterdam\n    partner: Delft\n"
    )
    with pytest.raises(DatasetError):
        load(write_yaml(text))


@pytest.mark.parametrize(
    "tag",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        '!!python/object/apply:subprocess.call [["touch", "{marker}"]]',
        "!!python/name:os.system",
        "!Custom value",
    ],
)
def test_object_constructing_tag_is_an_error_and_runs_nothing(
    write_yaml: Any, tmp_path: Path, tag: str
) -> None:
    marker = tmp_path / "ran"
    value = tag.format(marker=marker)
    text = edit(MINI_YAML, "partner: Rotterdam", f"partner: {value}")
    path = write_yaml(text)
    line, column = position(text, value)
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert "tags that construct objects are not allowed" in problem
    result = invoke(["--data", str(path), "list"])
    assert result.exit_code == 1
    assert not marker.exists()


def test_country_no_is_norway_not_false(write_yaml: Any) -> None:
    path = write_yaml(edit(MINI_YAML, "country: NL", "country: NO"))
    record = load(path).partnership("rotterdam-dutep")
    assert record.country == "NO"
    assert validate(path)[0] == 0


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "NO", "Off"])
def test_yaml_1_1_boolean_words_are_read_as_text(write_yaml: Any, word: str) -> None:
    path = write_yaml(edit(MINI_YAML, "partner: Rotterdam", f"partner: {word}"))
    assert load(path).partnership("rotterdam-dutep").partner == word


def test_lowercase_country_no_is_text_and_rejected_as_not_a_country_code(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "country: NL", "country: no")
    path = write_yaml(text)
    line, column = position(text, "no\n", nth=0)
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert "'no'" in problem
    assert "False" not in problem


def test_true_is_still_a_boolean_and_not_accepted_as_text(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "partner: Rotterdam", "partner: true")
    path = write_yaml(text)
    line, column = position(text, "true")
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert "partner" in problem


@pytest.mark.parametrize(("field", "old"), [("year", "year: 2024"), ("value", "value: 3")])
def test_octal_looking_integer_is_one_error_not_the_number_ten(
    write_yaml: Any, field: str, old: str
) -> None:
    text = edit(MINI_YAML, old, f"{field}: 012")
    path = write_yaml(text)
    line, column = position(text, "012")
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert f"figures[0].{field}" in problem
    assert "'012'" in problem


def test_unquoted_full_date_is_kept_as_the_text_written(write_yaml: Any) -> None:
    path = write_yaml(edit(MINI_YAML, 'signed: "2014-09"', "signed: 2024-05-01"))
    assert load(path).partnership("rotterdam-dutep").signed == "2024-05-01"


def test_unquoted_bare_year_becomes_the_text_of_the_year(write_yaml: Any) -> None:
    path = write_yaml(edit(MINI_YAML, 'signed: "2014-09"', "signed: 2024"))
    assert load(path).partnership("rotterdam-dutep").signed == "2024"


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ('"2023-02-30"', "2023-02-30"),
        ("2023-02-30", "2023-02-30"),  # unquoted: not a crash inside the YAML parser either
        ('"2023-02-29"', "2023-02-29"),  # not a leap year
        ('"2024-13"', "month 13"),
        ('"2024-00"', "month 0"),
        ('"2024-04-31"', "2024-04-31"),
    ],
)
def test_impossible_date_is_an_error_at_the_date(
    write_yaml: Any, written: str, reason: str
) -> None:
    text = edit(MINI_YAML, 'signed: "2014-09"', f"signed: {written}")
    path = write_yaml(text)
    line, column = position(text, written)
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert "partnerships[0].signed" in problem
    assert reason in problem


def test_leap_day_of_a_leap_year_is_a_real_date(write_yaml: Any) -> None:
    path = write_yaml(edit(MINI_YAML, 'signed: "2014-09"', 'signed: "2024-02-29"'))
    assert load(path).partnership("rotterdam-dutep").signed == "2024-02-29"


@pytest.mark.parametrize(
    "written", ['"Sept 2014"', '"2014-9"', '"14-09-2014"', '"2014/09/01"', '""']
)
def test_date_that_is_not_a_partial_date_names_the_expected_forms(
    write_yaml: Any, written: str
) -> None:
    text = edit(MINI_YAML, 'signed: "2014-09"', f"signed: {written}")
    path = write_yaml(text)
    line, column = position(text, written)
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert "YYYY, YYYY-MM or YYYY-MM-DD" in problem


def test_end_before_signing_is_an_error_at_the_record(write_yaml: Any) -> None:
    text = edit(MINI_YAML, 'signed: "2014-09"\n', 'signed: "2014-09"\n    ends: "2013"\n')
    path = write_yaml(text)
    line, column = position(text, "id: rotterdam-dutep")
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert "ends (2013) is before signed (2014-09)" in problem


def test_end_in_the_month_of_signing_is_accepted(write_yaml: Any) -> None:
    path = write_yaml(
        edit(MINI_YAML, 'signed: "2014-09"\n', 'signed: "2014-09"\n    ends: "2014"\n')
    )
    assert load(path).partnership("rotterdam-dutep").ends == "2014"


# --- the schema --------------------------------------------------------------------------


def test_unknown_field_in_a_record_is_an_error_at_its_key(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "    partner: Rotterdam\n", "    partner: Rotterdam\n    colour: blue\n")
    path = write_yaml(text)
    line, column = position(text, "colour")
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert "partnerships[0].colour" in problem
    assert "unknown field" in problem


def test_unknown_top_level_field_is_an_error_at_its_key(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "schema_version: 1\n", "schema_version: 1\nextra: 3\n")
    path = write_yaml(text)
    problem = only_problem(path)
    assert problem.startswith(at(path, 2, 1))
    assert "extra" in problem
    assert "unknown field" in problem


def test_missing_required_field_is_an_error_at_its_record(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "    status: planned\n", "")
    path = write_yaml(text)
    line, column = position(text, "id: bekasi-grant")
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert "partnerships[4].status" in problem
    assert "missing" in problem


def test_enum_value_outside_the_vocabulary_lists_the_valid_ones(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "status: planned", "status: later")
    path = write_yaml(text)
    line, column = position(text, "later")
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    for valid in ("active", "planned", "ended", "unknown"):
        assert valid in problem


def test_duplicate_record_id_is_an_error_at_the_second_id(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "id: c40-hospitals", "id: rotterdam-dutep")
    path = write_yaml(text)
    line, column = position(text, "rotterdam-dutep", nth=1)
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert "duplicate id 'rotterdam-dutep'" in problem


def test_sector_key_not_in_the_vocabulary_is_an_error_at_the_key(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "sectors: [banjir]", "sectors: [banjr]")
    path = write_yaml(text)
    line, column = position(text, "banjr")
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert "'banjr'" in problem
    assert "sector" in problem


def test_source_key_not_in_the_bibliography_is_an_error_at_the_key(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "sources: [s2]\n  - id: jeddah", "sources: [s9]\n  - id: jeddah")
    path = write_yaml(text)
    line, column = position(text, "s9")
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert "'s9'" in problem
    assert "source" in problem


def test_unknown_country_code_is_an_error_at_the_code(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "country: NL", "country: XX")
    path = write_yaml(text)
    line, column = position(text, "XX")
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert "'XX'" in problem
    assert "ISO 3166" in problem


def test_city_without_a_country_is_an_error_at_its_record(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "    country: NL\n", "")
    path = write_yaml(text)
    line, column = position(text, "id: rotterdam-dutep")
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert "country is required" in problem


def test_network_without_a_country_is_valid(mini_data: Path) -> None:
    record = load(mini_data).partnership("c40-hospitals")
    assert record.partner_type.value == "network"
    assert record.country is None


# --- the file itself ----------------------------------------------------------------------


def test_missing_file_exits_1_and_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "data.yaml"
    result = invoke(["--data", str(path), "list"])
    assert result.exit_code == 1
    assert str(path) in result.stderr
    assert result.stdout == ""


def test_validate_of_a_missing_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    result = invoke(["validate", str(path)])
    assert result.exit_code == 1
    assert str(path) in result.stdout
    assert "cannot read" in result.stdout


def test_file_that_is_not_utf8_is_an_error_at_the_first_bad_byte(tmp_path: Path) -> None:
    text = edit(MINI_YAML, "partner: Rotterdam", "partner: Rotterd\udcffm")
    raw = text.encode("utf-8", "surrogateescape")  # a lone 0xFF byte: never valid UTF-8
    path = tmp_path / "latin.yaml"
    path.write_bytes(raw)
    line, column = position(text, "\udcff")
    problem = only_problem(path)
    assert problem.startswith(at(path, line, column))
    assert "UTF-8" in problem


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file_is_an_error_not_an_empty_register(write_yaml: Any, text: str) -> None:
    path = write_yaml(text)
    problem = only_problem(path)
    assert problem.startswith(at(path, 1, 1))
    assert "expected a mapping" in problem
    assert "empty" in problem
    assert "None" not in problem


def test_top_level_list_is_an_error_saying_a_mapping_was_expected(write_yaml: Any) -> None:
    path = write_yaml("- id: a\n- id: b\n")
    problem = only_problem(path)
    assert problem.startswith(at(path, 1, 1))
    assert "expected a mapping" in problem
    assert "got a list" in problem


# --- validate ----------------------------------------------------------------------------


def test_validate_reports_every_problem_in_one_run(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "sectors: [banjir]", "sectors: [banjr]")
    text = edit(text, "country: NL", "country: XX")
    text = edit(text, "status: planned", "status: later")
    path = write_yaml(text)
    code, lines, stdout = validate(path)
    assert code == 1
    located = [
        tuple(int(n) for n in line.removeprefix(f"{path}:").split(":")[:2]) for line in lines
    ]
    assert located == [position(text, "XX"), position(text, "banjr"), position(text, "later")]
    assert "3 problem" in stdout


def test_problems_of_different_layers_are_reported_together(write_yaml: Any) -> None:
    text = edit(
        MINI_YAML, "    partner: Rotterdam\n", "    partner: Rotterdam\n    partner: Delft\n"
    )
    text = edit(text, 'signed: "1979"', 'signed: "1979-02-30"')
    text = edit(text, "id: c40-hospitals", "id: rotterdam-dutep")
    path = write_yaml(text)
    code, lines, _ = validate(path)
    assert code == 1
    assert len(lines) == 3
    assert any("duplicate key 'partner'" in line for line in lines)
    assert any("1979-02-30" in line for line in lines)
    assert any("duplicate id" in line for line in lines)


def test_validate_prints_ok_with_the_counts_for_a_clean_file(mini_data: Path) -> None:
    result = invoke(["validate", str(mini_data)])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{mini_data}: OK")
    for count in ("5 partnerships", "3 sectors", "2 sources", "1 figures"):
        assert count in result.stdout


def test_validate_without_a_path_checks_the_bundled_dataset_and_it_is_clean() -> None:
    import yaml

    raw = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    result = invoke(["validate"])
    assert result.exit_code == 0, result.stdout
    assert "OK" in result.stdout
    assert f"{len(raw['partnerships'])} partnerships" in result.stdout


def test_validate_without_a_path_checks_the_data_option(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "validate"])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{mini_data}: OK")


def test_validate_checks_several_paths_and_fails_if_any_fails(
    mini_data: Path, write_yaml: Any
) -> None:
    bad = write_yaml(edit(MINI_YAML, "country: NL", "country: XX"))
    result = invoke(["validate", str(mini_data), str(bad), str(mini_data)])
    assert result.exit_code == 1
    assert result.stdout.count(f"{mini_data}: OK") == 2
    assert f"{bad}:" in result.stdout
    assert "1 problem" in result.stdout


def test_validate_of_several_clean_paths_exits_0(mini_data: Path, write_yaml: Any) -> None:
    other = write_yaml(MINI_YAML)
    result = invoke(["validate", str(mini_data), str(other)])
    assert result.exit_code == 0
    assert result.stdout.count(": OK") == 2


# --- other commands on a bad dataset -----------------------------------------------------


def test_list_on_a_bad_dataset_exits_1_with_the_problem_on_stderr_only(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "country: NL", "country: XX")
    path = write_yaml(text)
    line, column = position(text, "XX")
    result = invoke(["--data", str(path), "list", "--format", "json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert at(path, line, column) in result.stderr
    assert "Traceback" not in result.stderr


def test_show_on_a_bad_dataset_exits_1(write_yaml: Any) -> None:
    path = write_yaml(edit(MINI_YAML, "country: NL", "country: XX"))
    result = invoke(["--data", str(path), "show", "tokyo-sister-city"])
    assert result.exit_code == 1
    assert result.stdout == ""


# --- the Python API ----------------------------------------------------------------------


def test_python_api_loads_a_dataset(mini_data: Path) -> None:
    from kerjasama_cli import load_dataset

    dataset = load_dataset(mini_data)
    assert [p.id for p in dataset.partnerships] == [
        "rotterdam-dutep",
        "c40-hospitals",
        "tokyo-sister-city",
        "jeddah-sister-city",
        "bekasi-grant",
    ]
    assert set(dataset.sectors) == {"banjir", "kesehatan", "budaya"}


def test_python_api_raises_dataset_error_with_located_problems(write_yaml: Any) -> None:
    from kerjasama_cli import DatasetError, load_dataset

    text = edit(MINI_YAML, "country: NL", "country: XX")
    path = write_yaml(text)
    with pytest.raises(DatasetError) as info:
        load_dataset(path)
    [problem] = info.value.problems
    assert (problem.line, problem.column) == position(text, "XX")
    assert problem.path == str(path)


def test_python_api_reads_the_environment_variable_then_the_bundled_file(
    mini_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from kerjasama_cli import load_dataset

    bundled = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    assert len(load_dataset().partnerships) == len(bundled["partnerships"])
    monkeypatch.setenv("KERJASAMA_DATA", os.fspath(mini_data))
    assert len(load_dataset().partnerships) == 5
