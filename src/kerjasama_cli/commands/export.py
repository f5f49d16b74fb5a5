"""``export PATH``: the whole dataset as SQLite, JSON or CSV, chosen by the file's extension."""

import os
import stat
from pathlib import Path
from typing import Annotated

import typer

from ..errors import CommandError, UsageError
from ..help_text import help_for
from ..i18n import Lang, message
from .common import environment, load, say


def register(app: typer.Typer, lang: Lang) -> None:
    @app.command("export", help=help_for("cmd.export", lang))
    def export_command(
        ctx: typer.Context,
        path: Annotated[
            Path, typer.Argument(help=help_for("arg.export_path", lang), metavar="PATH")
        ],
        force: Annotated[bool, typer.Option("--force", help=help_for("opt.force", lang))] = False,
    ) -> None:
        from ..export import (
            EXTENSIONS,
            TargetExistsError,
            TemporaryChangedError,
            export,
            format_for,
        )

        env = environment(ctx)
        target = _lstat(path)  # what is at the target itself: a symlink there is never followed
        if target is not None and stat.S_ISDIR(target.st_mode):
            raise UsageError(message("export_is_folder", env.lang, path=path))
        fmt = format_for(path)
        if fmt is None:
            raise UsageError(
                message("export_extension", env.lang, value=path.name,
                        choices=", ".join(EXTENSIONS)),
            )  # fmt: skip
        if target is not None and not force:  # a dangling symlink too
            raise UsageError(message("export_exists", env.lang, path=path))
        if not path.parent.is_dir():
            raise UsageError(message("export_no_folder", env.lang, folder=path.parent))
        dataset = load(env)
        try:
            export(dataset, path, fmt, replace=force)
        except TargetExistsError:  # it appeared while the export ran: as if it had been there
            raise UsageError(message("export_exists", env.lang, path=path)) from None
        except TemporaryChangedError:
            reason = message("export_temporary_changed", env.lang)
            raise CommandError(
                message("export_failed", env.lang, path=path, reason=reason)
            ) from None
        except OSError as exc:  # a full disk, a folder we may not write to
            reason = exc.strerror or str(exc)
            raise CommandError(
                message("export_failed", env.lang, path=path, reason=reason)
            ) from None
        say(env, message("export_done", env.lang, path=path, format=fmt.value,
                         count=len(dataset.partnerships)))  # fmt: skip


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:  # nothing there, or a folder we may not look in: the export will say
        return None
