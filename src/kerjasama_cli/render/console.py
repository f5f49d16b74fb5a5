"""A Rich console made when a command runs (never at import), from the Environment."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from ..environment import Environment


def make_console(env: Environment) -> Console:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """Rich exits with status 1 here; hand the closed pipe to the command's error
            handling instead, which ends quietly with status 0 as ``list | head`` does."""
            self.quiet = True
            raise BrokenPipeError

    return _Console(
        file=env.stdout,
        width=env.width,
        no_color=not env.color,
        color_system="auto" if env.color else None,
        force_terminal=env.stdout_is_tty and env.color,
        markup=False,
        highlight=False,
        emoji=False,
        soft_wrap=not env.stdout_is_tty,  # piped text is never hard-wrapped (URLs stay whole)
    )
