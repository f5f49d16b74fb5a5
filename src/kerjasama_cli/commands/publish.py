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
from ..errors import CommandError, DatasetError, ExitStatus, UsageError
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
        if str(old) == "-" and str(new) == "-":
            raise UsageError(message("diff_stdin_twice", env.lang))
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

    with contextlib.ExitStack() as stack:
        try:
            readable = stack.enter_context(_regular_file(path, env.lang))
            register = Register.open(readable, env.lang, env.cache_folder)
        except DatasetError as exc:
            problems = [p._replace(path=str(path)) for p in exc.problems]
            raise DiffTroubleError(str(path), problems) from None
        try:
            return register.to_dataset()
        finally:
            register.close()


@contextlib.contextmanager
def _regular_file(path: Path, lang: str) -> Iterator[Path]:
    """``path``, or a temporary copy of what it holds when it is a pipe, such as the
    ``<(git show v0.1:data/partnerships.yaml)`` of a shell, which can be read only once.

    A pipe is read as the register's own rules read standard input: without blocking on
    a pipe that has no writer, and never beyond the size limit. Anything else that is
    not a regular file (a device such as ``/dev/zero``) is left to ``Register.open``,
    which refuses it."""
    import stat

    try:
        fifo = stat.S_ISFIFO(path.stat().st_mode)
    except OSError:
        fifo = False
    if not fifo:
        yield path
        return
    import tempfile

    data = _read_pipe(path, lang)
    with tempfile.TemporaryDirectory(prefix="kerjasama-diff-") as folder:
        copy = Path(folder) / "register.yaml"
        copy.write_bytes(data)
        yield copy


def _read_pipe(path: Path, lang: str, wait: float = 30.0, first_wait: float = 2.0) -> bytes:
    """Everything a pipe holds, within the size limit; a writer silent for ``wait``
    seconds, or no writer within ``first_wait``, ends the read, as an empty or cut file
    would."""
    import os
    import select

    from ..datafile import _error, max_bytes

    limit = max_bytes(lang, path=path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    chunks: list[bytes] = []
    size = 0
    waited = False
    try:
        while True:
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:  # a writer, with nothing to say yet: wait for it
                ready, _, _ = select.select([fd], [], [], wait)
                if not ready:
                    break
                continue
            if not chunk:
                if chunks or waited:  # the end of what the writer had to say
                    break
                # No writer yet (a named pipe whose writer opens it later): give one a
                # moment, never longer, rather than wait for ever on a pipe nobody feeds.
                waited = True
                select.select([fd], [], [], first_wait)
                continue
            size += len(chunk)
            if size > limit:
                raise _error(path, lang, "data.too_large", limit=limit)
            chunks.append(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks)
