"""A Rich console made when a command runs (never at import), from the Environment."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from ..environment import Environment


def make_console(env: Environment) -> Console:
    from ..writers.console import make_console as console_for
    from ..writers.interface import WriteOptions

    return console_for(env.stdout, WriteOptions.for_env(env))
