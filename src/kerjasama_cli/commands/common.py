"""What every command needs: its Environment, the dataset, and errors turned into exits."""

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from ..environment import Environment
from ..errors import DatasetError, ExitStatus, UsageError
from ..i18n import error_line, message
from ..writers import OutputFormat

if TYPE_CHECKING:
    from ..models import Dataset

F = TypeVar("F", bound=Callable[..., Any])

#: How many problems a command other than ``validate`` prints before the summary line.
MAX_PROBLEMS_SHOWN = 10


def environment(ctx: typer.Context) -> Environment:
    env = ctx.find_root().obj
    if not isinstance(env, Environment):  # a command invoked without the root callback
        from ..i18n import language_from_env

        env = Environment.from_process(language_from_env())
    return env


def load(env: Environment) -> "Dataset":
    from ..loading import load_dataset

    return load_dataset(env.data_path, env.lang)


def say(env: Environment, text: str) -> None:
    """A message for a person: always stderr, never stdout."""
    print(text, file=env.stderr)


def fail_usage(env: Environment, exc: UsageError) -> None:
    say(env, error_line(env.lang, exc.message))
    if exc.hint:
        say(env, exc.hint)
    raise typer.Exit(ExitStatus.USAGE)


def fail_dataset(env: Environment, exc: DatasetError) -> None:
    for problem in exc.problems[:MAX_PROBLEMS_SHOWN]:
        say(env, str(problem))
    if len(exc.problems) > 1 or exc.problems[0].line:
        say(env, message("dataset_invalid", env.lang, count=len(exc.problems), path=exc.path))
    raise typer.Exit(ExitStatus.DATA_ERROR)


def handle_errors(func: F) -> F:
    """Turn the exceptions that carry a message for the user into that message and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx: Any = kwargs.get("ctx") or (args[0] if args else None)
        # Typer hands over a plain Click context, not a typer.Context instance.
        env = environment(ctx) if hasattr(ctx, "find_root") else Environment()
        try:
            return func(*args, **kwargs)
        except UsageError as exc:
            fail_usage(env, exc)
        except DatasetError as exc:
            fail_dataset(env, exc)
        except BrokenPipeError:
            from ..cli import silence_stdout

            silence_stdout()
            raise typer.Exit(ExitStatus.OK) from None
        return None

    return wrapper  # type: ignore[return-value]


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
