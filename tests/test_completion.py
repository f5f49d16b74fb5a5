"""Shell completion (issue 6, issue 10 class 2): candidates from the dataset in use, and
never shell code, whatever the register holds.

The register may come from someone else, and what a completion prints is read by a
shell (zsh even ``eval``s it), so every value and description is reduced to a safe set
of characters. The unit tests check that set; the protocol tests run the program the way
each shell's script does; the shell tests source Typer's real script in bash, zsh and
fish and press TAB on a crafted register.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import string
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import BUNDLED, MINI_YAML, invoke, run_cli
from kerjasama_cli.completion import (
    COMPLETERS,
    MAX_DESCRIPTION,
    complete_country,
    complete_id,
    complete_sector,
    is_safe_char,
    safe_candidates,
    safe_description,
    safe_value,
)

#: Characters that must never reach a shell from the data.
FORBIDDEN = frozenset("$`\\\"';|&<>[]{}*?!#~=%^:\n\r\t\x00\x1b") | frozenset(
    chr(c) for c in range(0x20)
)


def _no_forbidden(lines: str) -> bool:
    """Whether each line of ``lines`` is made of safe characters only."""
    return all(
        not (set(line) & FORBIDDEN) and all(is_safe_char(c) for c in line)
        for line in lines.split("\n")
    )


class _Ctx:
    """Just enough of a Click context for the completion functions."""

    def __init__(self, params: dict[str, object]) -> None:
        self.params = params

    def find_root(self) -> _Ctx:
        return self


def _candidates(func: object, incomplete: str, data: Path = BUNDLED) -> list[tuple[str, str]]:
    return func(_Ctx({"data": data}), incomplete)  # type: ignore[operator,no-any-return]


def _complete(func: object, incomplete: str, data: Path = BUNDLED) -> list[str]:
    return [value for value, _ in _candidates(func, incomplete, data)]


# --- candidates from the dataset in use -------------------------------------------------------


def test_completion_offers_sector_keys_from_the_dataset_in_use(mini_data: Path) -> None:
    assert _complete(complete_sector, "ba") == ["banjir"]
    assert sorted(_complete(complete_sector, "", mini_data)) == ["banjir", "budaya", "kesehatan"]


def test_completion_offers_only_countries_the_dataset_holds(mini_data: Path) -> None:
    assert "NL" in _complete(complete_country, "N", mini_data)
    assert "Belanda" in _complete(complete_country, "Bel", mini_data)
    assert "FR" not in _complete(complete_country, "F", mini_data)


def test_completion_offers_ids(mini_data: Path) -> None:
    assert _complete(complete_id, "rot", mini_data) == ["rotterdam-dutep"]
    assert _candidates(complete_id, "rot", mini_data) == [("rotterdam-dutep", "Rotterdam")]


def test_completion_offers_kinds() -> None:
    assert _complete(COMPLETERS["kind"], "sis") == ["sister-city"]


def test_completion_of_an_unreadable_dataset_offers_nothing(tmp_path: Path) -> None:
    assert _complete(complete_sector, "", tmp_path / "missing.yaml") == []


def test_a_completer_that_fails_offers_nothing() -> None:
    class Broken:
        def find_root(self) -> object:
            raise RuntimeError("boom")

    for completer in COMPLETERS.values():
        assert completer(Broken(), "") == []  # type: ignore[arg-type]


def test_shell_completion_through_the_program(monkeypatch: pytest.MonkeyPatch) -> None:
    variables = {
        "_KERJASAMA_COMPLETE": "complete_bash",
        "COMP_WORDS": "kerjasama list --sector ba",
        "COMP_CWORD": "3",
    }
    for name, value in variables.items():  # Click reads these from os.environ itself
        monkeypatch.setenv(name, value)
    result = invoke([], env=variables)
    assert result.exit_code == 0
    assert "banjir" in result.stdout.split()


# --- the safe set ----------------------------------------------------------------------------


def test_the_safe_set() -> None:
    assert all(is_safe_char(c) for c in string.ascii_letters + string.digits + " -_.,/()’")
    assert all(is_safe_char(c) for c in "éÉñçøßōĀ\u0301日本語ไทย٣")
    assert not any(is_safe_char(c) for c in FORBIDDEN)
    # Control, format (bidi, zero-width), symbols and other punctuation are not safe.
    assert not any(is_safe_char(c) for c in "\u202e\u200b\u2028\x85\xa0€→…“”«»+@")
    assert not any(is_safe_char(c, ascii_only=True) for c in "é’٣日")


@pytest.mark.parametrize(
    "value",
    ["rotterdam-dutep", "NL", "Korea Selatan", "Cocos (Keeling) Islands", "Virgin Islands, U.S."],
)
def test_safe_values_are_offered(value: str) -> None:
    assert safe_value(value)


@pytest.mark.parametrize(
    "value",
    ["", " NL", "NL ", "a  b", "Côte d'Ivoire", "$(id)", "a;b", "a\nb", "[bold]", "a*", "x:y"],
)
def test_unsafe_values_are_not_offered(value: str) -> None:
    assert not safe_value(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rotterdam", "Rotterdam"),
        ("$(touch /tmp/x)", "(touch /tmp/x)"),
        ("`id`; rm -rf ~ | cat > f & ", "id rm -rf cat f"),
        ("[bold]Tokyo[/bold]\nline\ttwo", "bold Tokyo /bold line two"),
        ('Jakarta\'s \\"first\\"', "Jakarta’s first"),
        ("\x1b[2J\u202eevil\u200b", "2J evil"),
    ],
)
def test_descriptions_keep_only_safe_characters(text: str, expected: str) -> None:
    assert safe_description(text) == expected


def test_descriptions_are_cut() -> None:
    text = safe_description("word " * 100)
    assert len(text) == MAX_DESCRIPTION
    assert text.endswith("...")


def test_outside_utf8_only_ascii_is_offered() -> None:
    assert safe_description("Tōkyō's", ascii_only=True) == "T ky s"
    assert not safe_value("Tōkyō", ascii_only=True)


@given(st.text())
def test_any_description_comes_out_safe(text: str) -> None:
    for ascii_only in (False, True):
        out = safe_description(text, ascii_only)
        assert all(is_safe_char(c, ascii_only) for c in out)
        assert out == out.strip()
        assert "  " not in out
        assert len(out) <= MAX_DESCRIPTION


@given(st.lists(st.tuples(st.text(), st.text())), st.text(max_size=3))
def test_any_candidates_come_out_safe(candidates: list[tuple[str, str]], prefix: str) -> None:
    for value, description in safe_candidates(candidates, prefix):
        assert safe_value(value)
        assert value in {v for v, _ in candidates}
        assert all(is_safe_char(c) for c in description)


# --- a crafted register through each shell's protocol ------------------------------------------


def _payloads(marker: Path) -> list[str]:
    """Text that runs ``touch marker`` if a shell evaluates it, breaks Rich, or splits lines."""
    touch = f"touch {marker}"
    return [
        f"$({touch})",
        f"\\$({touch})",
        f"`{touch}`",
        f"\\`{touch}\\`",
        f"'; {touch}; '",
        f'"; {touch}; "',
        f'\\"; {touch}; \\"',
        f"x; {touch}",
        f"x | {touch}",
        f"x && {touch}",
        f"))' ; {touch} ; '((",
        f'")) ; {touch} ; (("',
        f"a:b\\:c $({touch})",
        "[bold]bold[/bold] [/] [link=https://example.org]link[/link]",
        f"line one\n$({touch})\nline three",
        "tab\there\rreturn\x1b[2J\x07\u202eevil\u200b",
        "* ? ~ # ! % ^ = { } < >",
    ]


def hostile_register(marker: Path) -> str:
    """A valid register whose partner names and sector labels are all hostile."""
    payloads = _payloads(marker)
    head = MINI_YAML[: MINI_YAML.index("sectors:")]
    tail = MINI_YAML[MINI_YAML.index("sources:") : MINI_YAML.index("partnerships:")]
    lines = [head.rstrip("\n"), "sectors:"]
    for i, payload in enumerate(payloads):
        label = json.dumps(payload)  # a JSON string is a YAML double-quoted scalar
        lines.append(f"  sector-{i}: {{id: {label}, en: {label}}}")
    lines += [tail.rstrip("\n"), "partnerships:"]
    for i, payload in enumerate(payloads):
        lines += [
            f"  - id: partner-{i}",
            f"    title: {json.dumps(payload)}",
            f"    partner: {json.dumps(payload)}",
            "    partner_type: city",
            "    country: NL",
            "    kind: programme",
            f"    sectors: [sector-{i}]",
            "    status: active",
            f"    summary: {{id: {json.dumps(payload)}, en: {json.dumps(payload)}}}",
            "    sources: [s1]",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    """The file a successful attack would create."""
    return tmp_path / f"PWNED-{uuid.uuid4().hex}"


@pytest.fixture
def hostile(tmp_path: Path, marker: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile_register(marker), encoding="utf-8")
    return path


def test_the_hostile_register_is_valid(hostile: Path, marker: Path) -> None:
    result = invoke(["--data", str(hostile), "validate"])
    assert result.exit_code == 0, result.stdout + result.stderr
    count = len(_payloads(marker))
    assert len(_complete(complete_id, "", hostile)) == count
    assert len(_complete(complete_sector, "", hostile)) == count


def _protocol(
    monkeypatch: pytest.MonkeyPatch, shell: str, line: str, data: Path
) -> tuple[int, str, str]:
    """What the program prints when ``shell``'s script asks it to complete ``line``."""
    variables = {"_KERJASAMA_COMPLETE": f"complete_{shell}", "KERJASAMA_DATA": str(data)}
    if shell == "bash":
        words = line.split(" ")
        variables |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    else:
        variables["_TYPER_COMPLETE_ARGS"] = line
    if shell == "fish":
        variables["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    for name, value in variables.items():  # Click reads these from os.environ itself
        monkeypatch.setenv(name, value)
    result = invoke([], env=variables)
    return result.exit_code, result.stdout.rstrip("\n"), result.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(
    "line", ["kerjasama show ", "kerjasama list --sector ", "kerjasama list --country "]
)
def test_a_hostile_register_completes_only_safe_text(
    monkeypatch: pytest.MonkeyPatch, hostile: Path, marker: Path, shell: str, line: str
) -> None:
    code, out, err = _protocol(monkeypatch, shell, line, hostile)
    assert (code, err) == (0, "")
    if shell == "zsh":  # Typer's own frame around the candidates
        assert out.startswith("_arguments '*: :((")
        assert out.endswith("))'")
        out = out.removeprefix("_arguments '*: :((").removesuffix("))'")
        out = out.replace('"', "")  # Typer's quotes around each value and description
        out = out.replace(":", "\n")  # between a value and its description
    if shell == "fish":
        out = out.replace("\t", "\n")  # between a value and its description
    assert _no_forbidden(out), out
    assert "partner-0" in out or "sector-0" in out or "NL" in out
    assert not marker.exists()


def test_an_id_that_is_not_a_slug_completes_nothing(
    monkeypatch: pytest.MonkeyPatch, write_yaml: object, marker: Path
) -> None:
    text = MINI_YAML.replace("id: rotterdam-dutep", f'id: "$(touch {marker})"')
    path = write_yaml(text)  # type: ignore[operator]
    code, out, err = _protocol(monkeypatch, "zsh", "kerjasama show ", path)
    assert (code, out, err) == (0, "_files", "")


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_commands_and_options_complete_in_both_languages(
    monkeypatch: pytest.MonkeyPatch, mini_data: Path, shell: str, lang: str
) -> None:
    monkeypatch.setenv("KERJASAMA_LANG", lang)
    for line in ("kerjasama ", "kerjasama list --", "kerjasama show --", "kerjasama export --"):
        code, out, err = _protocol(monkeypatch, shell, line, mini_data)
        assert (code, err) == (0, ""), line
        assert "--" in out or "list" in out


@pytest.mark.parametrize("encoding", ["latin-1", "shift_jis"])
def test_outside_utf8_the_program_completes_in_ascii(write_yaml: Any, encoding: str) -> None:
    path = write_yaml(MINI_YAML.replace("partner: Tokyo", "partner: Tōkyō 東京"))
    variables = {
        "_KERJASAMA_COMPLETE": "complete_fish",
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        "_TYPER_COMPLETE_ARGS": "kerjasama show tok",
        "KERJASAMA_DATA": str(path),
        "PYTHONIOENCODING": encoding,
    }
    done = run_cli([], env=variables)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "tokyo-sister-city\tT ky\n"


# --- the real shells: Typer's installed script, TAB pressed on a crafted register ----------------
#
# Each test installs the completion as a user would (``kerjasama --install-completion`` run
# from that shell, into a private HOME), runs the shell on the crafted register and asks
# it to complete; bash and zsh interactively in a pseudo-terminal, with TAB pressed, fish
# through ``complete --do-complete``, which is what its TAB runs. A wrapper around the
# shell's own completion records what was offered. The marker file must never appear,
# and every candidate and description must be made of safe characters.


def _shell(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture
def home(tmp_path: Path, hostile: Path) -> tuple[Path, dict[str, str]]:
    """A private HOME, and an environment with ``kerjasama`` on PATH reading ``hostile``."""
    home = tmp_path / "home"
    bin_dir = tmp_path / "bin"
    home.mkdir()
    bin_dir.mkdir()
    program = bin_dir / "kerjasama"
    program.write_text(
        f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m kerjasama_cli "$@"\n', encoding="utf-8"
    )
    program.chmod(0o755)
    env = {
        "HOME": str(home),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', os.defpath)}",
        "TERM": "xterm",
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "KERJASAMA_DATA": str(hostile),
        "KERJASAMA_CACHE_DIR": os.environ["KERJASAMA_CACHE_DIR"],
    }
    return home, env


def _install(argv: list[str], env: dict[str, str], cwd: Path) -> None:
    """``kerjasama --install-completion`` run from the shell ``argv`` (Typer detects it)."""
    done = subprocess.run(
        [*argv, "kerjasama --install-completion; true"],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert "completion installed" in done.stdout, done.stdout + done.stderr


def _press_tab(
    argv: list[str], env: dict[str, str], cwd: Path, line: str, captured: Path, done: Path
) -> bytes:
    """Start the interactive shell ``argv`` in a pseudo-terminal, type ``line`` and press TAB,
    waiting each time for the shell's completion to write ``done``, until it has written
    ``captured`` (twice at most); what the terminal showed."""
    import fcntl  # POSIX only, as are the shells
    import pty
    import select
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 200, 0, 0))
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, start_new_session=True
    )
    os.close(slave)
    screen = b""
    deadline = time.monotonic() + 20

    def read(until: Callable[[], bool]) -> None:
        nonlocal screen
        while not until() and time.monotonic() < deadline:
            if select.select([master], [], [], 0.05)[0]:
                try:
                    screen += os.read(master, 65536)
                except OSError:
                    return

    try:
        read(lambda: b"READY>" in screen)
        os.write(master, line.encode())
        for _ in range(2):  # zsh: the first TAB autoloads Typer's function, which registers
            done.unlink(missing_ok=True)
            os.write(master, b"\t")
            read(done.exists)
            if captured.exists():
                break
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)
    return screen


_LINES = [("kerjasama show ", "partner"), ("kerjasama list --sector ", "sector")]


def _check(offered: list[str], prefix: str, marker: Path) -> None:
    assert not marker.exists(), "the register ran a command"
    count = len(_payloads(marker))
    values = [text.split()[0] for text in offered if text.strip()]
    assert {f"{prefix}-{i}" for i in range(count)} <= set(values), offered
    bad = [text for text in offered if not _no_forbidden(text)]
    assert bad == []


@pytest.mark.parametrize(("line", "prefix"), _LINES)
def test_bash_completes_a_hostile_register_safely(
    home: tuple[Path, dict[str, str]], marker: Path, line: str, prefix: str
) -> None:
    bash = _shell("bash")
    path, env = home
    _install([bash, "--norc", "--noprofile", "-c"], env, path)
    captured = path / "captured"
    with (path / ".bashrc").open("a", encoding="utf-8") as rc:
        rc.write(  # record what Typer's function offers, then offer it
            "PS1='READY> '\n"
            '_harness() { _kerjasama_completion "$@";'
            f" printf '%s\\n' \"${{COMPREPLY[@]}}\" > {shlex.quote(str(captured))}; }}\n"
            "complete -o default -F _harness kerjasama\n"
        )
    argv = [bash, "--rcfile", str(path / ".bashrc"), "-i"]
    screen = _press_tab(argv, env, path, line, captured, captured)
    assert captured.exists(), f"bash did not complete: {screen!r}"
    _check(captured.read_text(encoding="utf-8").splitlines(), prefix, marker)


@pytest.mark.parametrize(("line", "prefix"), _LINES)
def test_zsh_completes_a_hostile_register_safely(
    home: tuple[Path, dict[str, str]], marker: Path, line: str, prefix: str
) -> None:
    zsh = _shell("zsh")
    path, env = home
    _install([zsh, "-f", "-c"], env, path)
    captured, done = path / "captured", path / "done"
    out, finished = shlex.quote(str(captured)), shlex.quote(str(done))
    with (path / ".zshrc").open("a", encoding="utf-8") as rc:
        rc.write(  # record each match and its description as zsh adds them
            "PS1='READY> '\n"
            "compadd() {\n"
            '  if (( ${@[(I)-[OAD]*]} )); then builtin compadd "$@"; return; fi\n'
            "  local -a hits\n"
            '  builtin compadd -O hits "$@"\n'
            f"  print -rl -- $hits >> {out}\n"
            "  local -i i=${@[(i)-d]}\n"
            f'  if (( i < $# )); then print -rl -- "${{(@P)${{@[i+1]}}}}" >> {out}; fi\n'
            '  builtin compadd "$@"\n'
            "}\n"
            f"_harness_done() {{ : > {finished}; comppostfuncs=(_harness_done) }}\n"
            "zle-line-init() { comppostfuncs=(_harness_done) }\n"
            "zle -N zle-line-init\n"
        )
    env = {**env, "ZDOTDIR": str(path)}
    screen = _press_tab([zsh, "-d", "-i"], env, path, line, captured, done)
    assert captured.exists(), f"zsh did not complete: {screen!r}"
    _check(captured.read_text(encoding="utf-8").splitlines(), prefix, marker)


@pytest.mark.parametrize(("line", "prefix"), _LINES)
def test_fish_completes_a_hostile_register_safely(
    home: tuple[Path, dict[str, str]], marker: Path, line: str, prefix: str
) -> None:
    fish = _shell("fish")
    path, env = home
    _install([fish, "--no-config", "-c"], env, path)
    done = subprocess.run(
        [fish, "-c", f"complete --do-complete {shlex.quote(line)}"],
        env=env,
        cwd=path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    offered = [part for row in done.stdout.splitlines() for part in row.split("\t")]
    _check(offered, prefix, marker)
