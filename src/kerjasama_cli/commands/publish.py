"""``schema`` and ``diff``: the register as a published dataset.

``schema`` prints the register's JSON Schema (``register_schema.py``), for editors and for
anyone who checks a register without this program. ``diff`` tells what changed between two
versions of a register (``diff.py``, ``reports/diff.py``), for release notes; its exit
status is diff(1)'s: 0 the same, 1 different, 2 trouble (a file that cannot be read or
is invalid, or a usage error).
"""

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..environment import Environment
from ..errors import CommandError, DatasetError, ExitStatus
from ..help_text import help_for
from ..i18n import Lang, message
from ..options import format_option, no_header_option, parse_format
from ..writers import OutputFormat, default_format, write
from .common import environment, say

if TYPE_CHECKING:
    from ..models import Dataset

#: The formats of ``diff``: a table for people, one row or item per change for scripts.
DIFF_FORMATS = (
    OutputFormat.TABLE,
    OutputFormat.TSV,
    OutputFormat.CSV,
    OutputFormat.JSON,
    OutputFormat.JSONL,
)


class DiffTroubleError(DatasetError):
    """A register ``diff`` cannot read, or an invalid one: exit 2, as diff(1) says trouble
    (1 means the two registers differ)."""

    exit_status = ExitStatus.USAGE


def register(app: typer.Typer, lang: Lang) -> None:
    @app.command("schema", help=help_for("cmd.schema", lang))
    def schema_command(ctx: typer.Context) -> None:
        from ..register_schema import schema_text

        env = environment(ctx)
        env.stdout.write(schema_text())

    @app.command("diff", help=help_for("cmd.diff", lang))
    def diff_command(
        ctx: typer.Context,
        old: Annotated[
            Path, typer.Argument(help=help_for("arg.diff_old", lang), show_default=False)
        ],
        new: Annotated[
            Path, typer.Argument(help=help_for("arg.diff_new", lang), show_default=False)
        ],
        fmt: Annotated[str | None, format_option(lang, DIFF_FORMATS)] = None,
        no_header: Annotated[bool, no_header_option(lang)] = False,
    ) -> None:
        from ..diff import diff_datasets
        from ..reports.diff import diff_report

        env = environment(ctx)
        chosen = parse_format(fmt, DIFF_FORMATS, env.lang) or default_format(env)
        changes = diff_datasets(_load(old, env), _load(new, env))
        if not changes:
            if env.stdout_is_tty or chosen.for_people:
                say(env, message("diff_same", env.lang, old=old, new=new))
            from ..report import Report

            write(Report(), env, chosen)
            return
        write(diff_report(changes, str(old), str(new), env.lang), env, chosen, not no_header)
        raise CommandError(silent=True)  # they differ: exit 1, as diff(1)


def _load(path: Path, env: Environment) -> "Dataset":
    """The register at ``path``; its problems, if any, as a ``DiffTroubleError``."""
    from ..store import Register

    with _regular_file(path) as readable:
        try:
            register = Register.open(readable, env.lang, env.cache_folder)
        except DatasetError as exc:
            problems = [p._replace(path=str(path)) for p in exc.problems]
            raise DiffTroubleError(str(path), problems) from None
        try:
            return register.to_dataset()
        finally:
            register.close()


@contextlib.contextmanager
def _regular_file(path: Path) -> Iterator[Path]:
    """``path``, or a temporary copy of what it holds when it is a pipe, such as the
    ``<(git show v0.1:data/partnerships.yaml)`` of a shell, which can be read only once."""
    try:
        special = path.exists() and not path.is_file() and not path.is_dir()
    except OSError:
        special = False
    if not special:
        yield path
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="kerjasama-diff-") as folder:
        copy = Path(folder) / "register.yaml"
        try:
            copy.write_bytes(path.read_bytes())
        except OSError:
            yield path  # let the register's own check say why it cannot be read
            return
        yield copy
