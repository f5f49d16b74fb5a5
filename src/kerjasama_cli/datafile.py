"""Which register file a run reads: ``--data``, then ``$KERJASAMA_DATA``, then the bundled one,
and how it is read: a regular file (or standard input, ``-``), never more than a limit.

Kept apart from ``loading`` so that a run answered from the store never imports the
parsing machinery.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

#: Environment variable naming the dataset file.
DATA_ENV = "KERJASAMA_DATA"


def bundled_data_path() -> Path:
    """The dataset shipped inside the wheel, or the repository's copy in a source checkout."""
    packaged = Path(__file__).parent / "data" / "partnerships.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "partnerships.yaml"


def resolve_data_path(
    path: str | os.PathLike[str] | None, env: Mapping[str, str] | None = None
) -> Path:
    """``--data``, then ``$KERJASAMA_DATA``, then the bundled file."""
    if path is not None and str(path) != "":
        return Path(path)
    env = os.environ if env is None else env
    if env.get(DATA_ENV):
        return Path(env[DATA_ENV])
    return bundled_data_path()


# --- reading a register file: regular files (or standard input), never without a limit ---

#: ``--data -`` (or ``validate -``) reads the register from standard input.
STDIN = "-"
#: Environment variable raising (or lowering) the size limit, in bytes.
MAX_BYTES_ENV = "KERJASAMA_MAX_BYTES"
#: The default limit: 256 MiB, some forty times the largest register measured
#: (100,000 records) and far below what PyYAML would need in memory to parse it whole.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024


def is_stdin(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names standard input (``-``; a file named so is ``./-``)."""
    return os.fspath(path) == STDIN


def _error(path: str | os.PathLike[str], lang: str, key: str, **values: object) -> Exception:
    from .errors import DatasetError, Problem
    from .i18n import Lang, message

    name = os.fspath(path)
    return DatasetError(name, [Problem(name, 0, 0, message(key, Lang(lang), **values))])


def max_bytes(
    lang: str = "en", environ: Mapping[str, str] | None = None, path: str | Path = MAX_BYTES_ENV
) -> int:
    """The size limit: ``$KERJASAMA_MAX_BYTES`` (a positive number of bytes), else 256 MiB.

    Read from the process's environment: the limit protects the process itself."""
    environ = os.environ if environ is None else environ
    value = environ.get(MAX_BYTES_ENV, "").strip()
    if not value:
        return DEFAULT_MAX_BYTES
    if not value.isascii() or not value.isdigit() or int(value) <= 0:
        raise _error(path, lang, "data.bad_limit", value=value)
    return int(value)


def open_data(path: Path, lang: str = "en") -> tuple[BinaryIO, int]:
    """The register file at ``path``, open for reading, and the most bytes to read from it.

    Only a regular file is opened: a folder, a device (``/dev/zero``, ``/dev/urandom``), a
    FIFO or a socket is refused (the open does not block, so a FIFO with no writer cannot
    hang the tool), and so is a file larger than the limit. Raises ``DatasetError``.
    """
    limit = max_bytes(lang, path=path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _error(path, lang, "data.cannot_read", reason=exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _error(path, lang, "data.not_regular")
        if info.st_size > limit:
            raise _error(path, lang, "data.too_large", limit=limit)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb", buffering=0), limit
    except BaseException:
        os.close(fd)
        raise


def read_data(path: Path, lang: str = "en") -> bytes:
    """The bytes of a register file (or of standard input, for ``-``), at most the limit;
    raises ``DatasetError`` for anything else."""
    if is_stdin(path):
        limit = max_bytes(lang, path=path)
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise _error(path, lang, "data.cannot_read", reason="standard input is closed")
        try:
            raw: bytes = stream.read(limit + 1)
        except (OSError, ValueError) as exc:
            raise _error(path, lang, "data.cannot_read", reason=str(exc)) from None
    else:
        fh, limit = open_data(path, lang)
        try:
            raw = _read_upto(fh, limit + 1)
        except OSError as exc:
            raise _error(path, lang, "data.cannot_read", reason=exc.strerror or str(exc)) from None
        finally:
            fh.close()
    if len(raw) > limit:  # a file that grew, or standard input
        raise _error(path, lang, "data.too_large", limit=limit)
    return raw


def _read_upto(fh: BinaryIO, n: int) -> bytes:
    parts = []
    while n > 0 and (chunk := fh.read(min(n, 1 << 20))):
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


class Limited(io.RawIOBase):
    """A file read through this raises ``DatasetError`` (too large) once more than ``limit``
    bytes came (a regular file can still grow, or be a ``/proc`` file whose size says 0)."""

    def __init__(self, raw: BinaryIO, limit: int, path: Path, lang: str = "en") -> None:
        super().__init__()
        self.raw, self.left, self.limit = raw, limit, limit
        self.path, self.lang = path, lang

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n: int = self.raw.readinto(buffer)  # type: ignore[attr-defined]
        self.left -= n
        if self.left < 0:
            raise _error(self.path, self.lang, "data.too_large", limit=self.limit)
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()
