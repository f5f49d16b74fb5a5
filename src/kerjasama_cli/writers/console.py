"""A Rich console for one command's output, made when it runs (never at import)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

    from .interface import WriteOptions


def make_console(out: TextIO, options: WriteOptions) -> Console:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """Rich exits with status 1 here; hand the closed pipe to the command's error
            handling instead, which ends quietly with status 0 as ``list | head`` does."""
            self.quiet = True
            raise BrokenPipeError

    return _Console(
        file=out,
        width=options.width,
        no_color=not options.color,
        color_system="auto" if options.color else None,
        force_terminal=options.color,  # colour asked for into a pipe (--color always) too
        markup=False,
        highlight=False,
        emoji=False,
        soft_wrap=not options.terminal,  # piped text is never hard-wrapped (URLs stay whole)
    )
