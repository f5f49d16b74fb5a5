"""The program's surroundings in one object: streams, terminal, colour, language, data, cache.

Built once per run, from the real process by ``Environment.from_process`` or by a test
with its own streams and variables, then handed to ``cli.main``; nothing below reads
``os.environ`` or asks ``sys.stdout.isatty()`` for itself.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from .i18n import Lang


class ClosedStream(io.StringIO):
    """Stands in for a standard stream the process was started without (``>&-``): every
    write fails as writing to a closed descriptor does, so it is reported, not ignored."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


class _CompleteWrites(io.RawIOBase):
    """A file descriptor whose every write is written whole, or fails.

    The kernel may take only part of a write (a disk that fills up takes what fits), and
    Python's text layer can drop the rest of a large one without a word: the output is
    cut short and the program still exits 0. Looping here until every byte is written
    turns the next attempt into the ``OSError`` (``ENOSPC``) it should be.
    """

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        total = len(view)
        while view:
            view = view[os.write(self._fd, view) :]
        return total


def _whole_writes(stream: TextIO) -> TextIO:
    """``stream`` (the process's stdout) rebuilt over ``_CompleteWrites``, with the same
    encoding and error handling; unchanged when it is not backed by a file descriptor."""
    try:
        fd = stream.fileno()
        stream.flush()
    except (AttributeError, ValueError, OSError):
        return stream
    raw = _CompleteWrites(fd)
    return io.TextIOWrapper(
        io.BufferedWriter(raw),
        encoding=stream.encoding,
        errors=stream.errors,
        line_buffering=getattr(stream, "line_buffering", False),
    )


def is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Environment:
    """Streams, variables and the global options of one run (a plain class: a dataclass
    costs a compile at every start)."""

    def __init__(
        self,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        environ: Mapping[str, str] | None = None,
        stdout_is_tty: bool = False,
        columns: int | None = None,
        lang: Lang = Lang.EN,
        no_color: bool = False,
        data_path: Path | None = None,
        color_choice: str = "auto",
    ) -> None:
        self.stdout: TextIO = sys.stdout if stdout is None else stdout
        self.stderr: TextIO = sys.stderr if stderr is None else stderr
        #: The process's environment variables (``KERJASAMA_*``, ``NO_COLOR``, ``COLUMNS``...).
        self.environ: Mapping[str, str] = {} if environ is None else environ
        self.stdout_is_tty = stdout_is_tty
        #: The terminal's width; None to ask the terminal (``COLUMNS`` first).
        self.columns = columns
        self.lang = lang
        self.no_color = no_color  # --no-color
        self.color_choice = color_choice  # --color auto|always|never
        self.data_path = data_path  # --data

    @classmethod
    def from_process(cls) -> Environment:
        stdout = _whole_writes(sys.stdout) if sys.stdout is not None else ClosedStream()
        stderr = sys.stderr if sys.stderr is not None else ClosedStream()
        return cls(stdout=stdout, stderr=stderr, environ=os.environ, stdout_is_tty=is_tty(stdout))

    @property
    def color(self) -> bool:
        """Whether the human formats are coloured.

        ``--no-color`` or ``--color never``: no; ``--color always``: yes, even into a pipe
        (for ``less -R``). Otherwise a non-empty ``NO_COLOR`` says no, a ``FORCE_COLOR``
        other than empty or ``0`` says yes, and else colour goes to a terminal that is not
        ``TERM=dumb``. Machine formats never carry colour, whatever this says.
        """
        choice = "never" if self.no_color else self.color_choice
        if choice != "auto":
            return choice == "always"
        if self.environ.get("NO_COLOR", "") != "":
            return False
        if self.environ.get("FORCE_COLOR", "") not in ("", "0"):
            return True
        return self.stdout_is_tty and self.environ.get("TERM") != "dumb"

    @property
    def width(self) -> int:
        """The terminal's width (``COLUMNS`` wins), for tables and wrapped text; 100 without one."""
        if self.columns is not None:
            return self.columns
        text = self.environ.get("COLUMNS", "")
        if text.isdigit() and int(text) > 0:
            return int(text)
        try:
            return os.get_terminal_size(self.stdout.fileno()).columns
        except (AttributeError, ValueError, OSError):
            return 100

    @property
    def cache_folder(self) -> Path | None:
        """Where the compiled store lives; None with ``KERJASAMA_NO_CACHE``."""
        if self.environ.get("KERJASAMA_NO_CACHE"):
            return None
        from .store.files import cache_folder

        return cache_folder(self.environ)
