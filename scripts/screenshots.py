"""Regenerate the README's pictures: real ``kerjasama`` output, saved as SVG in docs/images/.

Run from the repository root, after changing what a table looks like::

    python scripts/screenshots.py

Each picture is the real command run in-process on the bundled dataset. The CLI asks
its stdout whether it is a terminal (it prints a table only to one), so the script hands
it a text buffer that answers yes; the coloured output it captures is then replayed into
a recording Rich console and saved with ``Console.save_svg``. No hook in the package is
needed, and what the picture shows is exactly what a terminal would.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.text import Text

from kerjasama_cli.cli import build_app
from kerjasama_cli.i18n import Lang

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images"
WIDTH = 100

#: file name (without .svg) → arguments after ``kerjasama``
SHOTS: dict[str, list[str]] = {
    "list-sector-banjir": ["list", "--sector", "banjir"],
    "summary-by-sector": ["summary", "--by", "sector"],
    "summary-by-year": ["summary", "--by", "year"],
    "summary-country-kind": ["summary", "--by", "country", "--by", "kind", "--top", "10"],
    "show-kuala-lumpur": ["show", "kuala-lumpur-sister-city"],
}


class TerminalBuffer(io.StringIO):
    """A buffer that says it is a terminal, so the CLI draws what a person would see."""

    def isatty(self) -> bool:
        return True


def run(args: list[str], lang: Lang = Lang.EN) -> str:
    """The CLI's stdout for ``args``, with its colours, as on a terminal ``WIDTH`` wide."""
    buffer = TerminalBuffer()
    command = typer.main.get_command(build_app(lang))
    with contextlib.redirect_stdout(buffer):
        try:
            command.main(
                args=["--data", str(ROOT / "data" / "partnerships.yaml"), *args],
                prog_name="kerjasama",
                standalone_mode=False,
            )
        except SystemExit as exc:  # pragma: no cover - a failing command is a bug here
            if exc.code:
                raise
    return buffer.getvalue()


def save(name: str, args: list[str]) -> Path:
    output = run(args)
    console = Console(record=True, width=WIDTH, file=io.StringIO(), force_terminal=True)
    console.print(Text.from_ansi(output), soft_wrap=True)
    path = OUT / f"{name}.svg"
    console.save_svg(str(path), title="$ kerjasama " + " ".join(args))
    return path


def main() -> None:
    # A fixed, colourful terminal, whatever the caller's own settings.
    os.environ["COLUMNS"] = str(WIDTH)
    os.environ["TERM"] = "xterm-256color"
    for name in ("NO_COLOR", "KERJASAMA_DATA", "KERJASAMA_LANG"):
        os.environ.pop(name, None)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, args in SHOTS.items():
        print(save(name, args).relative_to(ROOT), file=sys.stderr)


if __name__ == "__main__":
    main()
