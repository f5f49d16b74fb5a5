"""The ``kerjasama`` command: global options, the subcommands, and the one way out.

``main(argv, env)`` runs the program against an ``Environment`` (the real process's, or
a test's) and is the only place where an error becomes a message and an exit status:
our own errors carry theirs (``errors.KerjasamaError``), Click's parse errors are told
in the user's language, a closed pipe ends quietly, Ctrl-C exits 130, and a bug is one
line on stderr, never a traceback. Every message goes out through ``_say``, which shows
control and bidi characters as escapes (``terminal.visible``): paths, values and option
names echoed from the command line or the data never steer the terminal. A closed or
broken stderr loses the message, never the exit status or what stdout gets.

Help text is translated, so the app is built after the language is known: ``--lang``
on the command line, else ``KERJASAMA_LANG``, else the locale.
"""

import contextlib
import io
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .environment import Environment
from .errors import (
    CommandError,
    DatasetError,
    ExitStatus,
    KerjasamaError,
    StoreCorruptError,
    UsageError,
)
from .help_text import help_for
from .i18n import Lang, error_line, language_from_argv, language_from_env, message
from .terminal import say, visible

#: How many problems of a dataset a command other than ``validate`` prints.
MAX_PROBLEMS_SHOWN = 10


class _PipeClosedError(Exception):
    """The reader of stdout went away. Not an ``OSError``, so Click lets it through."""


class _Interrupted(BaseException):
    """Ctrl-C. Not a ``KeyboardInterrupt``, so Click does not turn it into ``Abort``."""


def _group_class() -> type:
    """Typer's group, with the two exceptions Click would swallow handed on to ``main``."""
    from typer.core import TyperGroup

    class Group(TyperGroup):
        def invoke(self, ctx: Any) -> Any:
            try:
                return super().invoke(ctx)
            except BrokenPipeError:
                raise _PipeClosedError from None
            except KeyboardInterrupt:
                raise _Interrupted from None

    return Group


#: The module that registers each command.
_COMMAND_MODULES = {
    "list": "records", "show": "records", "summary": "counts", "sectors": "counts",
    "figures": "counts", "validate": "check", "export": "export",
    "schema": "publish", "diff": "publish", "info": "info",
}  # fmt: skip
#: Global options that take a value (``--data PATH``).
_GLOBAL_VALUES = frozenset({"--data", "--lang"})


def invoked_command(args: Sequence[str]) -> str | None:
    """The subcommand ``args`` run, when one of ours is named; None otherwise."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            return None
        if arg in _GLOBAL_VALUES:
            i += 2
        elif arg.startswith("-"):
            i += 1
        else:
            return arg if arg in _COMMAND_MODULES else None
    return None


def build_app(lang: Lang, only: str | None = None) -> typer.Typer:
    """The Typer app with help text in ``lang``.

    With ``only`` (a command's name), just the module of that command is imported and
    registered: a run of ``list`` need not build ``export``. Help, completion and
    unknown commands get every command.
    """
    import importlib

    app = typer.Typer(
        cls=_group_class(),
        name="kerjasama",
        help=help_for("app", lang),
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def show_version(value: bool) -> None:
        if value:
            typer.echo(f"kerjasama {__version__}")
            raise typer.Exit()

    @app.callback()
    def root(
        ctx: typer.Context,
        data: Annotated[
            str | None,  # not Path: Path("") would be ".", and an empty value must be seen
            typer.Option(
                "--data",
                help=help_for("opt.data", lang),
                show_default=False,
                metavar="PATH",
            ),
        ] = None,
        language: Annotated[
            str | None,
            typer.Option(
                "--lang",
                help=help_for("opt.lang", lang),
                show_default=False,
                metavar="[id|en]",
            ),
        ] = None,
        color: Annotated[
            str | None,
            typer.Option(
                "--color",
                help=help_for("opt.color", lang),
                show_default=False,
                metavar="[auto|always|never]",
            ),
        ] = None,
        no_color: Annotated[
            bool, typer.Option("--no-color", help=help_for("opt.no_color", lang))
        ] = False,
        version: Annotated[
            bool,
            typer.Option(
                "--version",
                callback=show_version,
                is_eager=True,
                help=help_for("opt.version", lang),
            ),
        ] = False,
    ) -> None:
        env = ctx.obj if isinstance(ctx.obj, Environment) else Environment.from_process()
        env.lang = _chosen_language(language, lang, env.environ)
        env.no_color = no_color
        if color is not None:
            choice = color.strip().lower()
            if choice not in ("auto", "always", "never"):
                from .resolve import unknown_value

                raise unknown_value("--color", color, [], env.lang, ["auto", "always", "never"])
            env.color_choice = choice
        if data is not None and not data.strip():
            raise UsageError(message("empty_data", env.lang))
        env.data_path = None if data is None else Path(data)
        ctx.obj = env

    names = dict.fromkeys(_COMMAND_MODULES.values())
    if only is not None:
        names = {_COMMAND_MODULES[only]: None}
    for name in names:
        importlib.import_module(f".commands.{name}", __package__).register(app, lang)
    return app


def _chosen_language(option: str | None, fallback: Lang, environ: Any) -> Lang:
    """``--lang``, else ``KERJASAMA_LANG``, else the locale; a bad value is a usage error."""
    for source, value in (("--lang", option), ("KERJASAMA_LANG", environ.get("KERJASAMA_LANG"))):
        if value is None or (source == "KERJASAMA_LANG" and not value.strip()):
            continue
        if value.strip().lower() in ("id", "en"):
            return Lang(value.strip().lower())
        raise UsageError(message("bad_language", fallback, source=source, value=value))
    return language_from_env(environ)


def run() -> None:
    """Console-script entry point: ``main`` on the real process, its status as the exit code."""
    sys.exit(main())


def main(argv: Sequence[str] | None = None, env: Environment | None = None) -> int:
    """Run the program on ``argv`` (default: the process's) and return its exit status."""
    env = Environment.from_process() if env is None else env
    args = list(sys.argv[1:] if argv is None else argv)
    lang = env.lang = language_from_argv(args, env.environ)
    try:
        with _streams(env):
            code = _run(args, env, lang)
    except (KeyboardInterrupt, _Interrupted):
        code = ExitStatus.INTERRUPTED
    return int(code)


@contextlib.contextmanager
def _streams(env: Environment) -> Any:
    """Click and Typer write help and their own messages to ``sys.stdout``/``sys.stderr``:
    point those at the environment's streams while the program runs."""
    with contextlib.redirect_stdout(env.stdout), contextlib.redirect_stderr(env.stderr):
        yield


def _run(args: list[str], env: Environment, lang: Lang, again: bool = False) -> int:
    try:
        completing = "_KERJASAMA_COMPLETE" in env.environ
        app = build_app(lang, None if completing else invoked_command(args))
        result = app(args=args, prog_name="kerjasama", standalone_mode=False, obj=env)
        code = result if isinstance(result, int) else int(ExitStatus.OK)
    except StoreCorruptError as exc:
        # A store damaged inside (its size and key still right): remove it, and answer
        # once more from the file itself, which compiles a new one.
        if exc.entry is not None and not again:
            with contextlib.suppress(OSError):
                exc.entry.unlink()
            return _run(args, env, lang, again=True)
        raise
    except (BrokenPipeError, _PipeClosedError):
        code = ExitStatus.OK  # the reader went away (``| head``): stop quietly
        _silence(env)
    except KerjasamaError as exc:
        code = exc.exit_status
        _report(env, exc)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except OSError as exc:  # writing the output failed (a full disk, a closed stdout)
        reason = exc.strerror or str(exc)
        _say(env, error_line(env.lang, message("cannot_write", env.lang, reason=reason)))
        code = ExitStatus.FAILURE
    except KeyboardInterrupt:
        raise
    except Exception as exc:
        if type(exc).__name__ == "Abort":  # Click's word for Ctrl-C or end of input
            raise _Interrupted from None
        if _is_click_error(exc):  # Click's parse errors: printed by us, translated
            if text := click_error_text(exc, env.lang):
                _say(env, text, lines=True)
            code = int(getattr(exc, "exit_code", ExitStatus.USAGE))
        elif type(exc).__name__ == "Exit":  # typer.Exit / click's Exit
            code = int(getattr(exc, "exit_code", 0))
        elif env.environ.get("KERJASAMA_DEBUG"):
            raise
        else:  # a bug of ours: one line for the user, never a traceback
            name = type(exc).__name__
            text = message("internal_error", env.lang, error=f"{name}: {exc}")
            _say(env, f"kerjasama: {text}")
            code = ExitStatus.DATA_ERROR
    try:
        env.stdout.flush()
    except BrokenPipeError:
        _silence(env)
    except OSError as exc:  # the last of the output could not be written
        if code == ExitStatus.OK:
            reason = exc.strerror or str(exc)
            _say(env, error_line(env.lang, message("cannot_write", env.lang, reason=reason)))
            code = ExitStatus.FAILURE
    except ValueError:
        pass
    return int(code)


def _say(env: Environment, text: str, lines: bool = False) -> None:
    """A message for a person: always stderr, never stdout, made visible (``terminal.say``);
    a closed or broken stderr is not an error."""
    say(env.stderr, text, lines)


def _report(env: Environment, exc: KerjasamaError) -> None:
    """The message of one of our errors, in the user's language."""
    if isinstance(exc, UsageError):
        _say(env, error_line(env.lang, exc.message))
        if exc.hint:
            _say(env, exc.hint)
    elif isinstance(exc, DatasetError):
        for problem in exc.problems[:MAX_PROBLEMS_SHOWN]:
            _say(env, str(problem))
        if len(exc.problems) > 1 or (exc.problems and exc.problems[0].line):
            _say(env, message("dataset_invalid", env.lang, count=len(exc.problems), path=exc.path))
    elif isinstance(exc, CommandError):
        if not exc.silent:
            _say(env, error_line(env.lang, exc.message))
    else:
        _say(env, error_line(env.lang, str(exc)))


def _is_click_error(exc: BaseException) -> bool:
    """Click's exceptions (Typer vendors Click in some versions), found without a private import."""
    return any(cls.__name__ in ("ClickException", "Abort") for cls in type(exc).__mro__)


_NO_SUCH_COMMAND = re.compile(
    r"No such command '(?P<name>.+?)'\.(?: Did you mean '(?P<close>.+?)'\?)?"
)


def click_error_text(exc: Any, lang: Lang) -> str:
    """What Click's ``show()`` prints, in Indonesian when that is the language, as text for
    ``_say``. The message itself (which quotes option names and values as typed) is made
    ``visible`` whole, its newlines included, so only Click's own layout keeps its lines.
    """
    name = type(exc).__name__
    if name == "Abort":
        return ""
    if lang is Lang.EN or name == "NoArgsIsHelpError":
        if name != "NoArgsIsHelpError":  # that one's message is the help, lines and all
            original = exc.format_message
            exc.format_message = lambda: visible(original())
        shown = io.StringIO()
        exc.show(file=shown)
        return shown.getvalue().removesuffix("\n")
    ctx = getattr(exc, "ctx", None)
    lines: list[str] = []
    if ctx is not None:
        lines.append(ctx.get_usage().replace("Usage:", message("usage", lang), 1))
        lines.append(message("try_help", lang, command=ctx.command_path) + "\n")
    text = visible(_indonesian_text(exc, name, lang))
    lines.append(f"{message('error', lang).capitalize()}: {text}")
    return "\n".join(lines)


def _indonesian_text(exc: Any, name: str, lang: Lang) -> str:
    hint = ""
    param = getattr(exc, "param", None)
    if param is not None:
        if getattr(param, "param_type_name", "") == "argument":
            hint = f"'{getattr(param, 'metavar', None) or param.name}'"
        else:
            hint = "/".join(f"'{o}'" for o in param.opts)
    if name == "NoSuchOption":
        text = message("click_no_such_option", lang, name=exc.option_name)
        if exc.possibilities:
            text += " " + message(
                "did_you_mean", lang, choices=", ".join(sorted(exc.possibilities))
            )
        return text
    if name == "MissingParameter":
        return message("click_missing", lang, name=hint)
    if name == "BadParameter":
        return message("click_bad_value", lang, name=hint, reason=exc.message)
    if name == "BadOptionUsage" and getattr(exc, "option_name", None):
        return message("click_needs_value", lang, name=exc.option_name)
    if str(getattr(exc, "message", "")) == "Missing command.":
        return message("click_missing_command", lang)
    found = _NO_SUCH_COMMAND.match(str(getattr(exc, "message", "")))
    if found:
        text = message("click_no_such_command", lang, name=found["name"])
        if found["close"]:
            text += " " + message("did_you_mean", lang, choices=found["close"])
        return text
    return str(exc.format_message())


def _silence(env: Environment) -> None:
    """Point stdout at /dev/null, so nothing more is written to a closed pipe (the Python
    documentation's recipe for SIGPIPE) and the interpreter's last flush stays quiet."""
    try:
        fd = env.stdout.fileno()
    except (AttributeError, ValueError, OSError):
        return  # not a real file (a test's capture): nothing to silence
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    except OSError:
        pass
    finally:
        os.close(devnull)
