"""What every command needs: its Environment, the register, and a word for the user."""

from typing import TYPE_CHECKING

import typer

from ..environment import Environment
from ..i18n import message
from ..writers import OutputFormat

if TYPE_CHECKING:
    from ..store import Register


def environment(ctx: typer.Context) -> Environment:
    """The run's Environment, set up by the root callback (``cli.main`` passes it in)."""
    env = ctx.find_root().obj
    if not isinstance(env, Environment):  # a command invoked without the root callback
        env = Environment.from_process()
    return env


def load(env: Environment) -> "Register":
    """The register in use, answered from its store (compiled first if need be)."""
    from ..countries import use_table
    from ..datafile import resolve_data_path
    from ..store import Register, country_table_of

    path = resolve_data_path(env.data_path, env.environ)
    register = Register.open(path, env.lang, env.cache_folder)
    if register.state.entry is not None:
        entry = register.state.entry
        use_table(lambda: country_table_of(entry))
    return register


def say(env: Environment, text: str) -> None:
    """A message for a person: always stderr, never stdout, control characters shown as
    escapes; a closed or broken stderr loses it without changing the exit status."""
    from ..terminal import say as say_on

    say_on(env.stderr, text)


def nothing_matched(env: Environment, fmt: OutputFormat) -> None:
    """A filter that matches nothing is success: an empty result, and a note for a person.

    json and yaml write an empty list (a valid document for ``jq``); the line formats
    (tsv, csv, jsonl, ids) write nothing at all.
    """
    from ..report import Report
    from ..writers import write

    if env.stdout_is_tty or fmt.for_people:
        say(env, message("no_match", env.lang))
    write(Report(), env, fmt)
