"""The ``kerjasama`` command: global options, the subcommands, and a quiet, exact exit.

Help text is translated, so the app is built after the language is known: ``--lang``
on the command line, else ``KERJASAMA_LANG``, else the locale.
"""

import os
import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .environment import Environment
from .errors import ExitStatus
from .help_text import help_for
from .i18n import Lang, error_line, language_from_argv, language_from_env, message


def build_app(lang: Lang) -> typer.Typer:
    """The Typer app with help text in ``lang``."""
    from .commands import check, counts, export, records

    app = typer.Typer(
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
            Path | None,
            typer.Option(
                "--data",
                envvar="KERJASAMA_DATA",
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
        chosen = _chosen_language(language, lang)
        ctx.obj = Environment.from_process(chosen, no_color=no_color, data_path=data)

    records.register(app, lang)
    counts.register(app, lang)
    check.register(app, lang)
    export.register(app, lang)
    return app


def _chosen_language(option: str | None, fallback: Lang) -> Lang:
    """``--lang``, else ``KERJASAMA_LANG``, else the locale; a bad value is a usage error."""
    for source, value in (("--lang", option), ("KERJASAMA_LANG", os.environ.get("KERJASAMA_LANG"))):
        if value is None or (source == "KERJASAMA_LANG" and not value.strip()):
            continue
        if value.strip().lower() in ("id", "en"):
            return Lang(value.strip().lower())
        text = message("bad_language", fallback, source=source, value=value)
        print(error_line(fallback, text), file=sys.stderr)
        raise typer.Exit(ExitStatus.USAGE)
    return language_from_env()


def main() -> None:
    """Console-script entry point."""
    try:
        args = sys.argv[1:]
        lang = language_from_argv(args)
        app = build_app(lang)
        try:
            result = app(args=args, prog_name="kerjasama", standalone_mode=False)
            code = result if isinstance(result, int) else int(ExitStatus.OK)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except Exception as exc:
            if _is_click_error(exc):  # Click's parse errors: printed by us, translated
                report_click_error(exc, lang)
                code = int(getattr(exc, "exit_code", ExitStatus.USAGE))
            elif os.environ.get("KERJASAMA_DEBUG"):
                raise
            else:  # a bug of ours: one line for the user, never a traceback
                name = type(exc).__name__
                text = message("internal_error", lang, error=f"{name}: {exc}")
                print(f"kerjasama: {text}", file=sys.stderr)
                code = int(ExitStatus.DATA_ERROR)
        _flush_stdout()
    except KeyboardInterrupt:
        code = int(ExitStatus.INTERRUPTED)
    sys.exit(code)


def _is_click_error(exc: BaseException) -> bool:
    """Click's exceptions (Typer vendors Click in some versions), found without a private import."""
    return any(cls.__name__ in ("ClickException", "Abort") for cls in type(exc).__mro__)


_NO_SUCH_COMMAND = re.compile(
    r"No such command '(?P<name>.+?)'\.(?: Did you mean '(?P<close>.+?)'\?)?"
)


def report_click_error(exc: Any, lang: Lang) -> None:
    """What Click's ``show()`` prints, in Indonesian when that is the language."""
    name = type(exc).__name__
    if lang is Lang.EN or name in ("NoArgsIsHelpError", "Abort"):
        if name != "Abort":
            exc.show()
        return
    ctx = getattr(exc, "ctx", None)
    lines: list[str] = []
    if ctx is not None:
        lines.append(ctx.get_usage().replace("Usage:", message("usage", lang), 1))
        lines.append(message("try_help", lang, command=ctx.command_path) + "\n")
    lines.append(f"{message('error', lang).capitalize()}: {_indonesian_text(exc, name, lang)}")
    print("\n".join(lines), file=sys.stderr)


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


def _flush_stdout() -> None:
    """Flush now, so a closed pipe (``| head -1``) ends quietly instead of at interpreter exit."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()


def silence_stdout() -> None:
    """Point stdout at /dev/null: the Python documentation's recipe for SIGPIPE."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (a test's capture): nothing to silence
        pass
    finally:
        os.close(devnull)
