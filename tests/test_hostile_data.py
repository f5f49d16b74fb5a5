"""Issue 10, classes 6-8: a register file from someone else cannot crash, hang or exhaust the
tool, and everything it refuses is located as ``PATH:LINE:COL`` with what was expected.

Small hostile files live in ``tests/hostile/`` (each the five-record test dataset with one
edit, and a comment saying what it tries); large ones are generated here. Expected lines
and columns are computed from the text itself, never taken from the loader. The streaming
reader (``stream.py``) and the full path (``loading.parse_and_validate``) must agree on
every one of them.
"""

from __future__ import annotations

import io
import os
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI_YAML, invoke
from kerjasama_cli import loading, stream
from kerjasama_cli.errors import DatasetError, Problem
from kerjasama_cli.i18n import Lang
from kerjasama_cli.loading import parse_and_validate, read_text
from kerjasama_cli.stream import iter_register

HOSTILE = Path(__file__).parent / "hostile"


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def position(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1


def problems_of(call: Callable[[], object]) -> list[Problem]:
    with pytest.raises(DatasetError) as info:
        call()
    return info.value.problems


def full_path_problems(path: Path, lang: Lang = Lang.EN) -> list[Problem]:
    return problems_of(lambda: parse_and_validate(path, read_text(path, lang), lang))


def stream_problems(path: Path, lang: Lang = Lang.EN) -> list[Problem]:
    return problems_of(lambda: list(iter_register(path, lang)))


def located(path: Path, lang: Lang = Lang.EN) -> Problem:
    """The one problem of ``path``: the same from the stream and the full path, and from
    ``validate`` (exit 1, one line ``PATH:LINE:COL: message``)."""
    problems = full_path_problems(path, lang)
    assert stream_problems(path, lang) == problems
    assert len(problems) == 1, problems
    result = invoke(["validate", str(path)], lang=lang)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == str(problems[0])
    assert "internal error" not in result.stdout + result.stderr
    assert problems[0].line > 0
    assert problems[0].column > 0
    return problems[0]


# --- 6. numbers and dates ------------------------------------------------------------------

#: fixture -> (where the offending text starts, what the English message says)
FIXTURES: dict[str, tuple[str, str]] = {
    "arabic-indic-year.yaml": ("'٢٠٢٠'", "is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
    "full-width-year.yaml": ("'２０２０-０１'", "is not a date of the form YYYY"),
    "year-zero.yaml": ("'0000'", "'0000': the year must be from 1000 to 9999"),
    "nan-value.yaml": (".nan", ".nan is out of range: expected a finite number from 0 to less than 10^15"),
    "sexagesimal-value.yaml": ("1:20.5", "Input should be a valid number; got a string '1:20.5'"),
    "underscore-value.yaml": ("1_000.5", "valid number; got a string '1_000.5'"),
    "huge-year.yaml": ("9999999", "is out of range: expected a whole number from 1000 to 9999"),
    "binary-tag.yaml": ("!!binary", "the YAML tag !!binary is not allowed: the register uses only !!str"),
    "set-tag.yaml": ("!!set", "the YAML tag !!set is not allowed"),
    "merge-override.yaml": ("<<", "YAML merge keys ('<<') are not supported"),
    "null-key.yaml": ("null: x", "partnerships[0] (key null): Keys should be strings"),
    "bool-key.yaml": ("true: x", "partnerships[0] (key true): Keys should be strings"),
    "control-character.yaml": ("\x1b", "the control character U+001B is not allowed in a YAML file"),
}  # fmt: skip


def test_every_fixture_is_checked() -> None:
    assert sorted(p.name for p in HOSTILE.glob("*.yaml")) == sorted(FIXTURES)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_hostile_fixture_is_refused_at_its_place_by_both_paths(name: str) -> None:
    path = HOSTILE / name
    needle, said = FIXTURES[name]
    problem = located(path)
    text = path.read_text(encoding="utf-8")
    assert (problem.line, problem.column) == position(text, needle, text.index("\n"))
    assert said in problem.message
    assert "\n" not in str(problem)
    indonesian = located(path, Lang.ID)
    assert (indonesian.line, indonesian.column) == (problem.line, problem.column)


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("9" * 5000, "999999999999… (5000 digits) is out of range"),
        ("9" * 400, "(400 digits) is out of range"),
        ("-" + "9" * 4400, "(4400 digits) is out of range"),
        ("1" + "0" * 15, "1000000000000000 is out of range"),
        ("1.0e15", "1000000000000000.0 is out of range"),
        ("1.0e999", ".inf is out of range"),
        ("1e999", "got a string '1e999'"),
        (".inf", ".inf is out of range"),
        ("-.Inf", "-.inf is out of range"),
        (".NaN", ".nan is out of range"),
        ("-1", "-1 is out of range"),
        ("1_000", "got a string '1_000'"),
        ("0x1F", "got a string '0x1F'"),
        ("!!float 1_0.5", "'1_0.5' is not a number written in decimal digits"),
        ("!!int 0o17", "'0o17' is not a number written in decimal digits"),
        ("!!float .nan", ".nan is out of range"),
    ],
)
def test_a_figure_value_must_be_a_finite_decimal_number_within_bounds(
    write_yaml: Any, value: str, said: str
) -> None:
    text = edit(MINI_YAML, "value: 3", f"value: {value}")
    problem = located(write_yaml(text))
    assert (problem.line, problem.column) == position(text, value, text.index("value: "))
    assert said in problem.message
    if "out of range" in said:
        assert "expected a finite number from 0 to less than 10^15" in problem.message


def test_out_of_range_is_told_in_indonesian(write_yaml: Any) -> None:
    path = write_yaml(edit(MINI_YAML, "value: 3", "value: .inf"))
    assert "di luar rentang: seharusnya bilangan hingga dari 0" in located(path, Lang.ID).message
    path = write_yaml(edit(MINI_YAML, 'signed: "2014-09"', "signed: '0999'"))
    assert "tahun harus dari 1000 sampai 9999" in located(path, Lang.ID).message


@pytest.mark.parametrize("year", ["0", "999", "10000", "-2024", "9" * 30, "2024.0", "true"])
def test_a_figure_year_is_a_whole_number_from_1000_to_9999(write_yaml: Any, year: str) -> None:
    text = edit(MINI_YAML, "year: 2024", f"year: {year}")
    problem = located(write_yaml(text))
    assert (problem.line, problem.column) == position(text, year, text.index("year: "))


@pytest.mark.parametrize(
    ("value", "year"),
    [("0", "1000"), ("999999999999999", "9999"), ("1.5e6", "2024"), ("2.5", "2024")],
)
def test_the_bounds_themselves_are_accepted(write_yaml: Any, value: str, year: str) -> None:
    text = edit(edit(MINI_YAML, "value: 3", f"value: {value}"), "year: 2024", f"year: {year}")
    path = write_yaml(text)
    assert invoke(["validate", str(path)]).exit_code == 0
    result = invoke(["--data", str(path), "figures", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert invoke(["--data", str(path), "export", str(path.with_suffix(".db"))]).exit_code == 0


@pytest.mark.parametrize(
    "date", ["'٢٠٢٠'", "'２０２０'", "'0000'", "'0999'", "'2020-٠١'", "'2020-01-０１'"]
)
def test_dates_are_ascii_digits_with_a_real_year(write_yaml: Any, date: str) -> None:
    text = edit(MINI_YAML, 'signed: "2014-09"', f"signed: {date}")
    problem = located(write_yaml(text))
    assert (problem.line, problem.column) == position(text, date)
    assert "partnerships[0].signed" in problem.message


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize(
    "option", [["--since", "٢٠٢٠"], ["--year", "٢٠٢٠"], ["--until", "２０２０"], ["--since", "0000"],
               ["--year", "0999"]],
)  # fmt: skip
def test_command_line_dates_with_other_digits_or_no_real_year_are_usage_errors(
    mini_data: Path, option: list[str], lang: Lang
) -> None:
    result = invoke(["--data", str(mini_data), "list", *option], lang=lang)
    assert result.exit_code == 2, result.stderr
    assert option[0] in result.stderr
    assert result.stdout == ""


def test_a_huge_figure_no_longer_crashes_figures_or_export(tmp_path: Path) -> None:
    for name in ("huge-year.yaml", "nan-value.yaml"):
        path = HOSTILE / name
        for args in (
            ["figures"],
            ["figures", "--format", "json"],
            ["export", str(tmp_path / "x.db")],
        ):
            result = invoke(["--data", str(path), *args])
            assert result.exit_code == 1
            assert "internal error" not in result.stderr
            assert "kerjasama validate" in result.stderr
        assert not (tmp_path / "x.db").exists()


# --- 7. YAML tags and keys -------------------------------------------------------------------


@pytest.mark.parametrize(
    "tagged",
    ["!!binary UmFw", "!!merge x", "!!value y", "!!omap [{a: 1}]", "!!pairs [{a: 1}]", "!!timestamp 2020-01-01",
     "!!set {a}", "!!bool yes", "!<tag:example.com,2000:x> y", "!local y"],
)  # fmt: skip
def test_only_the_schemas_tags_are_allowed(write_yaml: Any, tagged: str) -> None:
    text = edit(MINI_YAML, "partner: Rotterdam", f"partner: {tagged}")
    problem = located(write_yaml(text))
    assert (problem.line, problem.column) == position(text, tagged)


def test_the_schemas_own_tags_written_explicitly_are_accepted(write_yaml: Any) -> None:
    text = "--- !!map\n" + edit(MINI_YAML, "partner: Rotterdam", "partner: !!str Rotterdam")
    text = edit(text, "value: 3", "value: !!float 3")
    text = edit(text, "year: 2024", "year: !!int 2024")
    text = edit(text, "sectors: [banjir]\n", "sectors: !!seq [banjir]\n")
    text = edit(text, "    instrument: mou\n", "    instrument: !!null\n")
    assert invoke(["validate", str(write_yaml(text))]).exit_code == 0


def test_a_merge_key_is_refused_not_reported_as_a_duplicate() -> None:
    problem = located(HOSTILE / "merge-override.yaml")
    assert "duplicate" not in problem.message


def test_text_that_looks_like_yaml_1_1_special_values_is_text(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "partner: Rotterdam", "partner: =")
    text = edit(text, "partner: Tokyo", "partner: <<")
    path = write_yaml(text)
    assert invoke(["validate", str(path)]).exit_code == 0
    result = invoke(["--data", str(path), "list", "--format", "ids", "--country", "JP"])
    assert result.stdout.split() == ["tokyo-sister-city"]


@pytest.mark.parametrize("key", ["null", "~", "true", "False", "12", "1.5"])
@pytest.mark.parametrize(
    "where", ["    partner: Rotterdam\n", "  banjir: {id: Banjir"], ids=["record", "sectors"]
)
def test_a_key_that_is_not_text_is_located_at_the_key(
    write_yaml: Any, key: str, where: str
) -> None:
    indent = where[: len(where) - len(where.lstrip())]
    value = "x" if indent == "    " else "{id: X, en: Y}"
    text = edit(MINI_YAML, where, f"{indent}{key}: {value}\n{where}")
    problem = located(write_yaml(text))
    line, _ = position(text, f"\n{indent}{key}: {value}")
    assert (problem.line, problem.column) == (line + 1, len(indent) + 1)


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x08", "\x1b", "\x7f", "\x9b"])
def test_a_control_character_is_located_on_one_line(write_yaml: Any, char: str) -> None:
    text = edit(MINI_YAML, "partner: Tokyo", f"partner: Tōkyō {char}x")
    problem = located(write_yaml(text))
    assert (problem.line, problem.column) == position(text, char)
    assert f"U+{ord(char):04X}" in problem.message


def test_the_pure_python_reader_locates_a_control_character_the_same_way() -> None:
    import yaml

    text = edit(MINI_YAML, "partner: Tokyo", "partner: Tōkyō \x07x")
    with pytest.raises(yaml.YAMLError) as info:
        yaml.SafeLoader(text).get_single_data()
    problem = loading._syntax_problem("f.yaml", info.value, Lang.EN, text)
    assert (problem.line, problem.column) == position(text, "\x07")


# --- 8. resource bounds ------------------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_at_once_not_read_until_memory_runs_out(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    for args in (["--data", device, "list"], ["validate", device]):
        result = invoke(args)
        assert result.exit_code == 1
        assert "not a regular file" in result.stdout + result.stderr


def test_a_fifo_or_a_folder_is_refused_without_hanging(tmp_path: Path) -> None:
    from conftest import run_cli

    fifo = tmp_path / "register.yaml"
    os.mkfifo(fifo)
    for args in (["--data", str(fifo), "list"], ["validate", str(fifo), str(tmp_path)]):
        done = run_cli(args, timeout=30)  # a real process: a hang fails, not blocks the suite
        assert done.returncode == 1
        assert "not a regular file" in done.stdout + done.stderr
    result = invoke(["--data", str(fifo), "list"], lang=Lang.ID)
    assert "bukan berkas biasa" in result.stderr


def test_a_large_sparse_file_is_refused_by_its_size_with_the_variable_to_raise(
    tmp_path: Path,
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(300 * 1024 * 1024)  # sparse: no disk used
    for args in (["--data", str(big), "list"], ["validate", str(big)]):
        started = time.perf_counter()
        result = invoke(args)
        assert time.perf_counter() - started < 5
        assert result.exit_code == 1
        said = result.stdout + result.stderr
        assert "larger than the limit of 268435456 bytes" in said
        assert "KERJASAMA_MAX_BYTES" in said


def test_the_limit_can_be_raised_or_lowered(
    mini_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    size = mini_data.stat().st_size
    monkeypatch.setenv("KERJASAMA_MAX_BYTES", str(size - 1))
    for args in (["--data", str(mini_data), "list"], ["validate", str(mini_data)]):
        result = invoke(args)
        assert result.exit_code == 1
        assert f"larger than the limit of {size - 1} bytes" in result.stdout + result.stderr
    monkeypatch.setenv("KERJASAMA_MAX_BYTES", str(size))
    assert invoke(["--data", str(mini_data), "list"]).exit_code == 0
    assert invoke(["validate", str(mini_data)]).exit_code == 0
    monkeypatch.setenv("KERJASAMA_MAX_BYTES", "lots")
    result = invoke(["--data", str(mini_data), "list"])
    assert result.exit_code == 1
    assert (
        "KERJASAMA_MAX_BYTES must be a positive whole number of bytes, not 'lots'" in result.stderr
    )


def test_a_file_whose_size_says_less_than_it_holds_is_read_no_further_than_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    proc = Path("/proc/self/status")  # a regular file of size 0 that holds text
    if not proc.exists() or not stat.S_ISREG(proc.stat().st_mode) or proc.stat().st_size:
        pytest.skip("no /proc file of size 0")
    from kerjasama_cli import datafile

    monkeypatch.setenv("KERJASAMA_MAX_BYTES", "10")
    assert "larger than the limit of 10 bytes" in str(problems_of(lambda: datafile.read_data(proc)))
    with pytest.raises(stream._FallbackError):  # the stream stops too (and falls back)
        list(stream._stream(proc, Lang.EN, stream._Progress()))
    assert "limit" in str(problems_of(lambda: list(iter_register(proc))))
    result = invoke(["--data", str(proc), "list"])  # hashed for the store: bounded too
    assert result.exit_code == 1
    assert "larger than the limit of 10 bytes" in result.stderr


def stdin_of(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_data_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_of(monkeypatch, MINI_YAML.encode())
    result = invoke(["--data", "-", "list", "--format", "ids", "--sector", "banjir"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == ["c40-hospitals", "rotterdam-dutep"]
    stdin_of(monkeypatch, MINI_YAML.encode())
    result = invoke(["validate", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("-: OK — 5 partnerships")


def test_standard_input_is_bounded_and_located_like_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    text = edit(MINI_YAML, "value: 3", "value: .nan")
    stdin_of(monkeypatch, text.encode())
    result = invoke(["--data", "-", "list"])
    assert result.exit_code == 1
    stdin_of(monkeypatch, text.encode())
    result = invoke(["validate", "-"])
    line, column = position(text, ".nan")
    assert result.stdout.startswith(f"-:{line}:{column}: figures[0].value: .nan is out of range")
    monkeypatch.setenv("KERJASAMA_MAX_BYTES", "100")
    stdin_of(monkeypatch, MINI_YAML.encode())
    result = invoke(["--data", "-", "list"])
    assert result.exit_code == 1
    assert "larger than the limit of 100 bytes" in result.stderr


def _best_of(call: Callable[[], object], times: int = 3) -> float:
    best = float("inf")
    for _ in range(times):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best


def test_checking_a_record_with_50000_sectors_is_linear() -> None:
    """The cross-checks of a record listing n defined sectors: five times n must not cost
    anything like twenty-five times (``keys.index`` made it quadratic: about a minute)."""

    def data(n: int) -> dict[str, Any]:
        keys = [f"s{i}" for i in range(n)]
        record = {"id": "a", "sectors": [*keys, keys[0]], "sources": ["x"]}
        sectors: dict[str, Any] = {key: {} for key in keys}
        return {"sectors": sectors, "sources": {"x": {}}, "partnerships": [record]}

    small, large = data(10_000), data(50_000)
    problems = list(loading.reference_problems(large))
    assert [loc for loc, _ in problems] == [("partnerships", 0, "sectors", 50_000)]
    ratio = _best_of(lambda: list(loading.reference_problems(large))) / _best_of(
        lambda: list(loading.reference_problems(small))
    )
    assert ratio < 12, ratio


def test_locating_many_problems_in_a_large_mapping_is_linear() -> None:
    import yaml

    def locate_all(n: int) -> Callable[[], object]:
        tag, mark = "tag:yaml.org,2002:str", yaml.Mark("x", 0, 0, 0, "", 0)
        pairs = [
            (yaml.ScalarNode(tag, f"k{i}", mark), yaml.ScalarNode(tag, "v", mark)) for i in range(n)
        ]
        inner = yaml.MappingNode("tag:yaml.org,2002:map", pairs, mark)
        top = [(yaml.ScalarNode(tag, "sectors", mark), inner)]
        root = yaml.MappingNode("tag:yaml.org,2002:map", top, mark)
        locs = [("sectors", f"k{i}") for i in range(n)]

        def run() -> None:
            index: Any = {}
            for loc in locs:
                loading._position(root, loc, index)

        return run

    ratio = _best_of(locate_all(20_000)) / _best_of(locate_all(4_000))
    assert ratio < 12, ratio


def test_validate_of_a_record_with_50000_sectors_is_linear(write_yaml: Any) -> None:
    """``validate`` on a record listing n defined sectors: five times n must not cost
    anything like twenty-five times (it was about a minute at 50,000)."""

    def path(n: int) -> Path:
        keys = ", ".join(f"k{i}" for i in range(n))
        text = edit(MINI_YAML, "sectors: [banjir]", f"sectors: [{keys}]")
        defs = "".join(f"  k{i}: {{id: K{i}, en: E{i}}}\n" for i in range(n))
        written: Path = write_yaml(text.replace("sectors:\n", "sectors:\n" + defs, 1))
        return written

    def validate(path: Path) -> Callable[[], object]:
        def run() -> None:
            result = invoke(["validate", str(path)])
            assert result.exit_code == 0, result.stdout

        return run

    small, large = path(10_000), path(50_000)
    ratio = _best_of(validate(large), 1) / _best_of(validate(small), 1)
    assert ratio < 12, ratio


def test_the_loader_constructs_only_the_documented_tags() -> None:
    from kerjasama_cli import yamlsafe

    built = set(yamlsafe.StrictLoader.yaml_constructors) - {None, "tag:yaml.org,2002:merge"}
    assert built == set(yamlsafe.ALLOWED_TAGS)
    assert not yamlsafe.StrictLoader.yaml_multi_constructors


def test_a_huge_integer_where_text_is_expected_is_named_briefly(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "partner: Rotterdam", "partner: " + "7" * 9000)
    problem = located(write_yaml(text))
    assert problem.message.endswith("got an integer 777777777777… (9000 digits)")


def test_aliases_that_expand_a_small_file_into_millions_of_nodes_are_refused(
    write_yaml: Any,
) -> None:
    """A 50 kB file whose 1,000 sectors each alias one list of 1,000 terms made a million
    problems (9 s, 500 MB); it is refused at once, at the anchor of the shared list."""
    n = 1000
    anchor = "&terms [" + ", ".join(f"t{j}" for j in range(n)) + "]"
    defs = "".join(f"  s{i}: {{id: S{i}, en: E{i}, aliases: *terms}}\n" for i in range(n))
    text = edit(MINI_YAML, "aliases: [culture]}\n", f"aliases: {anchor}}}\n{defs}")
    started = time.perf_counter()
    problem = located(write_yaml(text))
    assert time.perf_counter() - started < 5
    assert (problem.line, problem.column) == position(text, "&terms")
    assert "YAML aliases expand the document to" in problem.message


def test_a_few_aliases_of_shared_lists_are_still_fine(write_yaml: Any) -> None:
    text = edit(MINI_YAML, "sources: [s2]\n  - id: jeddah", "sources: &s [s2]\n  - id: jeddah")
    text = edit(text, "sources: [s1, s2]", "sources: *s")
    assert invoke(["validate", str(write_yaml(text))]).exit_code == 0


@pytest.mark.parametrize("version", ["true", "1.0"])
def test_the_schema_version_is_the_integer_1_not_something_equal_to_it(
    write_yaml: Any, version: str
) -> None:
    text = edit(MINI_YAML, "schema_version: 1\n", f"schema_version: {version}\n")
    problem = located(write_yaml(text))
    assert (problem.line, problem.column) == (1, 17)
    assert "is not a whole number; expected 1" in problem.message
