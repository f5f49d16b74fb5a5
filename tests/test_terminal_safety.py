"""Issue 10, classes 3, 9 and part of 5: what reaches a terminal, searches that mean
nothing, and a closed or broken stderr.

A register file may come from anyone. No data value (title, partner, summary, note,
source, sector or figure label), no path and no value typed on the command line may send
the terminal a control sequence or a bidi or invisible character: every human format and
every message shows them as visible escapes (``terminal.visible``). Only Rich's own
layout newlines, and with colour its SGR styling, reach the terminal.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import _SCRUBBED, invoke
from kerjasama_cli.cli import main
from kerjasama_cli.environment import ClosedStream, Environment
from kerjasama_cli.i18n import Lang
from kerjasama_cli.terminal import say, visible

#: The categories no byte of human output may hold (newline aside): controls (C0, DEL,
#: C1), format characters (bidi controls, zero-width, BOM, tags), line and paragraph
#: separators, surrogates. Written out here, not taken from the module under test.
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}
#: What Rich sends for colour and bold: SGR, ``ESC [ ... m``, nothing else.
_SGR = re.compile(r"\x1b\[[0-9;]*m")

#: Characters an attacker would reach for, drawn often so that every example has some.
HOSTILE = (
    "\x1b", "\x00", "\x07", "\x08", "\t", "\n", "\r", "\x0b", "\x0c", "\x7f", "\x85", "\x9b",
    "\x9d", "\u061c", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2028", "\u2029",
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2060", "\u2066", "\u2067", "\u2068",
    "\u2069", "\ufeff", "\U000e0041",
)  # fmt: skip
#: Whole sequences: clear the screen, a hyperlink (OSC 8), a clipboard write (OSC 52).
SEQUENCES = ("\x1b[2J\x1b[H", "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
             "\x1b]52;c;ZXZpbA==\x07", "\x9b31m", "\x1bP+q\x1b\\")  # fmt: skip


def forbidden(text: str, color: bool = False) -> list[str]:
    """The characters of ``text`` that must not reach a terminal (Rich's SGR set aside
    when colour is on)."""
    if color:
        text = _SGR.sub("", text)
    return [c for c in text if c != "\n" and unicodedata.category(c) in _FORBIDDEN_CATEGORIES]


# -- the one function --------------------------------------------------------------------


def test_visible_shows_controls_as_escapes_and_leaves_text_alone() -> None:
    assert visible("\x1b[2J") == "\\x1b[2J"
    assert visible("a\tb\nc\rd\x00e\x7f\x85\x9b") == "a\\tb\\nc\\rd\\x00e\\x7f\\x85\\x9b"
    assert visible("abc\u202egnp.exe") == "abcU+202Egnp.exe"
    assert visible("\u200b\u200c\u200d\u2060\ufeff\u061c\u200e\u200f") == (
        "U+200BU+200CU+200DU+2060U+FEFFU+061CU+200EU+200F"
    )
    assert visible("\u2066x\u2069\u2028\u2029\U000e0041\ud800") == (
        "U+2066xU+2069U+2028U+2029U+E0041U+D800"
    )
    for text in ("Kota kembar Jakarta–Tokyo", "Tōkyō", "[bold]x[/]", "Ḥ\u0301", "a\u00a0b", "🇮🇩"):
        assert visible(text) == text


@given(st.text())
def test_visible_never_lets_a_control_through(text: str) -> None:
    shown = visible(text)
    assert forbidden(shown) == []
    assert "\n" not in shown
    if text.isprintable():
        assert shown == text


# -- every human format, on a pretend terminal --------------------------------------------


def _quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar: every character outside printable ASCII
    written as an escape, so the file itself is plain ASCII."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def hostile_register(text: str) -> str:
    """A register whose every shown text holds ``text`` (after a letter: no text is empty)."""

    def q(prefix: str) -> str:
        return _quoted(prefix + text)

    url = _quoted("https://example.org/" + "".join(c for c in text if not c.isspace()))
    return f"""\
schema_version: 1
dataset:
  title: {{id: {q("R")}, en: {q("R")}}}
  description: {{id: {q("D")}, en: {q("D")}}}
  updated: "2026-11-25"
  licence: CC-BY-4.0
  maintainer: {q("M")}
sectors:
  hostile: {{id: {q("S")}, en: {q("E")}, aliases: [{q("A")}]}}
sources:
  s1: {{title: {q("T")}, publisher: {q("P")}, date: "2024-12", url: {url}}}
figures:
  - id: f1
    label: {{id: {q("L")}, en: {q("F")}}}
    value: 1
    year: 2024
    source: s1
    compare: {{sector: [hostile]}}
partnerships:
  - id: hostile-record
    title: {q("T")}
    partner: {q("P")}
    partner_type: city
    country: NL
    kind: sister-city
    sectors: [hostile]
    signed: "2014-09"
    status: active
    summary: {{id: {q("S")}, en: {q("S")}}}
    note: {{id: {q("N")}, en: {q("N")}}}
    sources: [s1]
"""


#: Every human format of every command that shows data.
HUMAN_COMMANDS = (
    ["list", "--format", "table"],
    ["list", "--format", "table", "--columns",
     "id,title,partner,sectors,summary_id,summary_en,note_id,note_en,sources"],
    ["show", "hostile-record"],
    ["summary", "--by", "sector"],
    ["summary", "--by", "country", "--by", "kind"],
    ["summary", "--by", "kind", "--by", "sector"],  # sector labels as column headings
    ["sectors"],
    ["figures"],
)  # fmt: skip


def run_on_terminal(
    args: list[str], color: bool = False, columns: int = 100, lang: str = "en"
) -> tuple[int, str, str]:
    """``main`` on a pretend terminal: stdout a tty ``columns`` wide."""
    environ = dict(os.environ, KERJASAMA_LANG=lang)
    if color:
        environ["TERM"] = "xterm-256color"
    else:
        environ["NO_COLOR"] = "1"
    out, err = io.StringIO(), io.StringIO()
    env = Environment(stdout=out, stderr=err, environ=environ, stdout_is_tty=True, columns=columns)
    code = main(args, env)
    return code, out.getvalue(), err.getvalue()


_TEXT = st.text(
    st.one_of(
        st.characters(exclude_categories=["Cs"]),
        st.sampled_from(HOSTILE),
    ),
    max_size=24,
)
_HOSTILE_TEXT = st.one_of(
    _TEXT,
    st.builds(lambda a, s, b: a + s + b, _TEXT, st.sampled_from(SEQUENCES), _TEXT),
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=_HOSTILE_TEXT,
    color=st.booleans(),
    columns=st.integers(min_value=30, max_value=160),
    lang=st.sampled_from(["en", "id"]),
)
def test_no_data_value_steers_the_terminal(text: str, color: bool, columns: int, lang: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "hostile.yaml")
        path.write_text(hostile_register(text), encoding="utf-8")
        for args in HUMAN_COMMANDS:
            code, out, err = run_on_terminal(["--data", str(path), *args], color, columns, lang)
            assert forbidden(out, color) == [], (args, out)
            assert forbidden(err) == [], (args, err)
            if not color:
                assert "\x1b" not in out
            assert code == 0, (args, err)


@settings(max_examples=40, deadline=None)
@given(
    cells=st.lists(_HOSTILE_TEXT, min_size=8, max_size=8),
    color=st.booleans(),
    width=st.integers(min_value=20, max_value=120),
)
def test_the_table_writer_shows_every_text_it_is_given_escaped(
    cells: list[str], color: bool, width: int
) -> None:
    """The writer itself, whatever a register's validation lets through: cells, headings,
    totals, title, caption and notes."""
    from kerjasama_cli.report import Column, Report
    from kerjasama_cli.writers.interface import WriteOptions
    from kerjasama_cli.writers.table import write_table

    report = Report(
        title=cells[0],
        columns=(Column("a", cells[1]), Column("b", cells[2], wrap=False)),
        rows=((cells[3], cells[4]),),
        totals=(cells[5], "1"),
        notes=(cells[6],),
        caption=cells[7],
    )
    out = io.StringIO()
    write_table(report, out, WriteOptions(width=width, color=color, terminal=True))
    assert forbidden(out.getvalue(), color) == []


def test_escape_sequences_in_the_data_are_shown_not_obeyed(tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile_register("\x1b[2J\u202eexe.gnp\x1b]52;c;ZXZpbA==\x07"), "utf-8")
    for args in HUMAN_COMMANDS:
        code, out, err = run_on_terminal(["--data", str(path), *args], columns=200)
        assert code == 0, (args, err)
        assert forbidden(out) == []
        assert forbidden(err) == []
        if "country" not in args:  # that cross-tab shows no text of the data
            assert "\\x1b[2J" in out, (args, out)
            assert "U+202E" in out, (args, out)
    code, out, _ = run_on_terminal(["--data", str(path), "show", "hostile-record"], color=True)
    assert code == 0
    assert forbidden(out, color=True) == []
    assert "\\x1b]52;c;ZXZpbA==\\x07" in out


def test_machine_formats_keep_the_data_exact(tmp_path: Path) -> None:
    """Escaping is for people: json keeps the characters (JSON-escaped), tsv only turns
    tabs and newlines into spaces, csv quotes."""
    import csv
    import json

    value = "\x1b[2J\u202ex\ty\nz"
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile_register(value), "utf-8")
    data = ["--data", str(path), "list"]
    assert json.loads(invoke([*data, "--format", "json"]).stdout)[0]["title"] == "T" + value
    tsv = invoke([*data, "--format", "tsv", "--columns", "title"]).stdout
    assert tsv.splitlines()[1] == "T\x1b[2J\u202ex y z"
    rows = list(csv.reader(io.StringIO(invoke([*data, "--format", "csv"]).stdout)))
    assert rows[1][1] == "T" + value


# -- messages -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", [Lang.EN, Lang.ID])
@pytest.mark.parametrize(
    ("args", "status", "shown"),
    [
        (["list", "--sector", "\x1b[2J"], 2, "\\x1b[2J"),
        (["list", "--country", "\u202eNL"], 2, "\\u202eNL"),  # quoted as repr quotes
        (["summary", "--by", "\x1b]8;;x\x1b\\y"], 2, "\\x1b]8;;x\\x1b"),
        (["list", "--format", "\x1b[31mtable"], 2, "\\x1b[31mtable"),
        (["list", "--sek\x1b[2Jtor", "x"], 2, "--sek\\x1b[2Jtor"),  # Click's NoSuchOption
        (["list", "--limit", "\x1b[2J\nx"], 2, "\\x1b[2J\\nx"),  # Click's BadParameter
        (["\x1b[2J"], 2, "\\x1b[2J"),  # Click's NoSuchCommand
        (["show", "x\x1b[2J"], 2, "x\\x1b[2J"),
        (["--data", "/nonexistent/\x1b]52;c;ZXZpbA==\x07.yaml", "list"], 1, "\\x1b]52;c;"),
        (["--lang", "\x1b[2J", "list"], 2, "\\x1b[2J"),
    ],
)
def test_values_echoed_in_messages_are_shown_escaped(
    args: list[str], status: int, shown: str, lang: Lang
) -> None:
    result = invoke(args, lang)
    assert result.exit_code == status
    assert forbidden(result.stderr) == []
    assert shown in result.stderr
    assert result.stdout == ""


def test_a_dataset_problem_quoting_a_bad_value_is_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "data\x1b[2J"
    folder.mkdir()
    path = folder / "bad\u202e.yaml"
    text = hostile_register("x").replace("kind: sister-city", 'kind: "sister\\e[2J\\u202e"')
    path.write_text(text, "utf-8")
    listed = invoke(["--data", str(path), "list"])
    assert listed.exit_code == 1
    assert forbidden(listed.stderr) == []
    assert "data\\x1b[2J/badU+202E.yaml:" in listed.stderr
    checked = invoke(["validate", str(path)])  # validate's report goes to stdout
    assert checked.exit_code == 1
    assert forbidden(checked.stdout) == []
    assert forbidden(checked.stderr) == []
    assert "data\\x1b[2J/badU+202E.yaml:" in checked.stdout


def test_a_message_is_one_line_whatever_its_values_hold() -> None:
    result = invoke(["list", "--sector", "a\nkerjasama: fake\rline"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].endswith("'a\\nkerjasama: fake\\rline'.")


# -- searches that mean nothing (class 9) ---------------------------------------------------


@pytest.mark.parametrize("query", ["_", "-", "\u0301", " _ - ", "--", "\u0301\u0308"])
@pytest.mark.parametrize("lang", [Lang.EN, Lang.ID])
def test_a_search_that_folds_to_nothing_is_a_usage_error(
    query: str, lang: Lang, mini_data: Path
) -> None:
    for command in (["list"], ["summary", "--by", "kind"]):
        result = invoke(["--data", str(mini_data), *command, "--search", query], lang)
        assert result.exit_code == 2, (command, result.stdout)
        assert result.stdout == ""
        assert "--search" in result.stderr
        word = "error" if lang is Lang.EN else "galat"
        assert result.stderr.startswith(f"kerjasama: {word}: ")


def test_a_search_with_something_left_still_searches(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "list", "-q", "_tōkyō_", "--format", "ids"])
    assert result.exit_code == 0
    assert result.stdout == "tokyo-sister-city\n"


# -- a closed or broken stderr (class 5, in part) -------------------------------------------


def test_say_never_fails() -> None:
    say(ClosedStream(), "x")

    class Broken(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    say(Broken(), "x")


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["list", "--sector", "x"], 2),  # our usage error
        (["list", "--sektor", "x"], 2),  # Click's
        (["list", "--sector", "budaya", "--year", "1900", "--format", "table"], 0),  # a note
        (["list", "--format", "tsv"], 0),
    ],
)
def test_a_closed_stderr_in_process_changes_neither_status_nor_output(
    args: list[str], status: int, mini_data: Path
) -> None:
    expected = invoke(["--data", str(mini_data), *args])
    assert expected.exit_code == status
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    env = Environment(stdout=out, stderr=ClosedStream(), environ=dict(os.environ))
    assert main(["--data", str(mini_data), *args], env) == status
    out.flush()
    assert out.buffer.getvalue() == expected.stdout_bytes


def _process(args: list[str], stderr: str) -> subprocess.CompletedProcess[bytes]:
    """``python -m kerjasama_cli ARGS`` with stderr ``closed`` (``2>&-``), ``broken`` (a
    pipe whose reader has gone) or ``full`` (``/dev/full``: every write fails)."""
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    command = [sys.executable, "-m", "kerjasama_cli", *args]
    if stderr == "closed":
        script = 'exec 2>&-; exec "$@"'
        return subprocess.run(
            ["sh", "-c", script, "sh", *command], stdout=subprocess.PIPE, env=env, timeout=60
        )
    if stderr == "full":
        with open("/dev/full", "w") as full:
            return subprocess.run(command, stdout=subprocess.PIPE, stderr=full, env=env, timeout=60)
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(command, stdout=subprocess.PIPE, stderr=write, env=env, timeout=60)
    finally:
        os.close(write)


_STDERRS = ["closed", "broken"] + (["full"] if Path("/dev/full").exists() else [])


@pytest.mark.parametrize("stderr", _STDERRS)
def test_a_closed_or_broken_stderr_changes_neither_status_nor_stdout(
    stderr: str, mini_data: Path
) -> None:
    data = ["--data", str(mini_data)]
    for args in (["list", "--sektor", "x"], ["list", "--sector", "x"]):  # Click's, ours
        usage = _process([*data, *args], stderr)
        assert (usage.returncode, usage.stdout) == (2, b""), args
    note = _process([*data, "list", "--year", "1900", "--format", "table"], stderr)
    assert (note.returncode, note.stdout) == (0, b"")  # "no match" was for stderr only
    done = _process([*data, "list", "--format", "tsv"], stderr)
    assert done.returncode == 0
    assert done.stdout == invoke([*data, "list", "--format", "tsv"]).stdout_bytes
