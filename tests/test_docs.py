"""The README documents every command and every option (an idea taken from sqlite-utils)."""

from __future__ import annotations

import re

import pytest
import typer

from conftest import REPO
from kerjasama_cli.cli import build_app
from kerjasama_cli.i18n import Lang

README = (REPO / "README.md").read_text(encoding="utf-8")
_APP = typer.main.get_command(build_app(Lang.EN))
_COMMANDS = sorted(_APP.commands)  # type: ignore[attr-defined]


def _options(command: object) -> list[str]:
    flags: list[str] = []
    for param in command.params:  # type: ignore[attr-defined]
        flags += [f for f in param.opts if f.startswith("--") and f not in ("--help",)]
    return flags


def test_there_are_commands_to_document() -> None:
    assert {"list", "show", "validate"} <= set(_COMMANDS)


@pytest.mark.parametrize("name", _COMMANDS)
def test_every_command_is_in_the_readme(name: str) -> None:
    assert re.search(rf"`{re.escape(name)}(\s[^`]*)?`", README), f"command {name} not documented"


@pytest.mark.parametrize(
    ("command", "flag"),
    [(name, flag) for name in _COMMANDS for flag in _options(_APP.commands[name])]  # type: ignore[attr-defined]
    + [("(global)", flag) for flag in _options(_APP)],
)
def test_every_option_is_in_the_readme(command: str, flag: str) -> None:
    assert f"`{flag}" in README, f"{command} {flag} not documented"


def test_quick_start_has_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 2
    assert all(len(block.strip().splitlines()) == 1 for block in blocks)
    assert "kerjasama list --sector banjir" in blocks[0]
    assert "pytest" in blocks[1]


def test_ci_runs_the_readmes_test_command() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    test_command = re.findall(r"```sh\n(.*?)```", section, flags=re.S)[1].strip()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    # CI creates its own venv first; the install-and-test part must be the README's.
    assert test_command.split("&& ", 2)[2] in ci
