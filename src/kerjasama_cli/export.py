"""Writing the whole dataset out as SQLite, JSON or CSV, atomically and without races.

The file appears complete or not at all, and nothing but the target is ever written:

- the temporary file is created (``O_EXCL | O_NOFOLLOW``) inside a private folder (``0700``,
  made by ``mkdtemp``) in the target's folder, so no one else can plant a link at its name;
  JSON and CSV are written through the descriptor that created it, SQLite by its name inside
  that folder;
- it is ``fsync``ed, checked to be still the file that was created, then put in place: without
  ``replace`` by an atomic no-replace (``link``, which fails if anything, even a dangling
  symlink, is at the target), with ``replace`` by ``os.replace`` (a symlink at the target is
  replaced, never followed), keeping the permission bits of a replaced regular file; the
  folder is ``fsync``ed after;
- the private folder is removed on any failure, on Ctrl-C, and on SIGTERM or SIGHUP (handlers
  installed for the duration of the export, then the previous ones restored; the process
  then exits with 128 + the signal; a signal already ignored, SIGHUP under ``nohup``, stays
  ignored). Only SIGKILL, which cannot be caught, leaves it behind.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import json
import os
import sqlite3
import stat
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

from .models import (
    Localized,
    RegisterView,
    partnership_to_dict,
    source_to_dict,
)


class TargetExistsError(Exception):
    """Something (a file, a folder, a symlink, dangling or not) is at the target, and it may not
    be replaced. Raised when it appeared while the export ran; the file written is discarded."""


class TemporaryChangedError(OSError):
    """The temporary file's name no longer leads to the file the export created."""


class ExportFormat(StrEnum):
    SQLITE = "sqlite"
    JSON = "json"
    CSV = "csv"


#: File extensions and the format each one means.
EXTENSIONS: dict[str, ExportFormat] = {
    ".db": ExportFormat.SQLITE,
    ".sqlite": ExportFormat.SQLITE,
    ".sqlite3": ExportFormat.SQLITE,
    ".json": ExportFormat.JSON,
    ".csv": ExportFormat.CSV,
}


def format_for(path: Path) -> ExportFormat | None:
    return EXTENSIONS.get(path.suffix.lower())


def _localized(value: Localized) -> dict[str, str]:
    return {"id": value.id, "en": value.en}


def dataset_to_dict(dataset: RegisterView) -> dict[str, Any]:
    """The whole document in the data file's own shape (so an export validates as a dataset)."""
    info = dataset.dataset
    figures = []
    for figure in dataset.figures:
        item: dict[str, Any] = {
            "id": figure.id, "label": _localized(figure.label), "value": figure.value,
            "year": figure.year, "source": figure.source,
        }  # fmt: skip
        if figure.compare is not None:
            item["compare"] = {name: list(values) for name, values in figure.compare.items()}
        figures.append(item)
    sources = {}
    for key, source in dataset.sources.items():
        entry = source_to_dict(key, source)
        del entry["key"]
        sources[key] = entry
    return {
        "schema_version": dataset.schema_version,
        "dataset": {
            "title": _localized(info.title),
            "description": _localized(info.description),
            "updated": info.updated,
            "licence": info.licence,
            "maintainer": info.maintainer,
        },
        "sectors": {
            key: {"id": s.id, "en": s.en, "aliases": list(s.aliases)}
            for key, s in dataset.sectors.items()
        },
        "sources": sources,
        "figures": figures,
        "partnerships": [partnership_to_dict(p) for p in dataset.partnerships],
    }


def write_json(dataset: RegisterView, fd: int, path: Path) -> None:
    """Through ``fd``, the descriptor of the new file (``path`` is its name, unused here)."""
    with open(fd, "w", encoding="utf-8", closefd=False) as fh:
        json.dump(dataset_to_dict(dataset), fh, ensure_ascii=False, indent=2)
        fh.write("\n")


def write_csv(dataset: RegisterView, fd: int, path: Path) -> None:
    """The partnerships, one row each, every column of ``list --format csv`` (RFC 4180)."""
    from .render.columns import ALL_COLUMNS, MACHINE

    with open(fd, "w", encoding="utf-8", newline="", closefd=False) as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(ALL_COLUMNS)
        writer.writerows([MACHINE[c](p) for c in ALL_COLUMNS] for p in dataset.partnerships)


def write_sqlite(dataset: RegisterView, fd: int, path: Path) -> None:
    """Tables for records, sectors, sources and figures, with the links between them: the
    store's schema (``store/schema.py``) without the store's own columns.

    SQLite needs a name: ``path``, the empty file already created, inside the private folder.
    """
    from . import __version__
    from .store.compile import Compiler

    connection = sqlite3.connect(path)
    try:
        with connection:
            compiler = Compiler(connection, store=False)
            compiler.info(dataset.schema_version, dataset.dataset)
            compiler.metadata({"exported_by": f"kerjasama {__version__}"})
            compiler.sectors(dataset.sectors)
            compiler.sources(dataset.sources)
            for record in dataset.partnerships:
                compiler.record(record)
            compiler.figures(dataset.figures)
            compiler.finish()
    except sqlite3.Error as exc:  # "database or disk is full": a failed write, as for JSON
        import errno

        full = "full" in str(exc)
        raise OSError(errno.ENOSPC if full else errno.EIO, os.strerror(errno.ENOSPC) if full
                      else str(exc)) from None  # fmt: skip
    finally:
        connection.close()


#: What writes each format: ``writer(dataset, fd, path)``, ``fd`` open for writing on the new,
#: empty file named ``path``. The file is fsynced and closed by ``export``.
WRITERS: dict[ExportFormat, Callable[[RegisterView, int, Path], None]] = {
    ExportFormat.SQLITE: write_sqlite,
    ExportFormat.JSON: write_json,
    ExportFormat.CSV: write_csv,
}

#: Signals after which the temporary folder is removed before the process exits.
CLEANUP_SIGNALS: tuple[str, ...] = ("SIGTERM", "SIGHUP")


def export(dataset: RegisterView, path: Path, fmt: ExportFormat, *, replace: bool = False) -> None:
    """Write ``dataset`` to ``path`` in ``fmt``: complete, or not at all.

    Without ``replace``, ``TargetExistsError`` if anything is at ``path`` when the file is put
    in place (the caller checks before, this closes the race). ``OSError`` when the file
    cannot be written. See the module's docstring for what is guaranteed.
    """
    import shutil

    folder = path.parent
    private: list[str] = []  # the temporary folder, once made

    def cleanup() -> None:
        for name in private:
            shutil.rmtree(name, ignore_errors=True)

    with _cleanup_on_signal(cleanup):
        try:
            with _signals_blocked():  # made and remembered, or not made at all
                private.append(_private_folder(folder, path.name))
            temporary = Path(private[0]) / _INNER_NAME
            fd = os.open(temporary, _CREATE_FLAGS, 0o666)  # 0666 & ~umask, as for any new file
            try:
                WRITERS[fmt](dataset, fd, temporary)
                _check_same_file(fd, temporary)
                if replace:
                    _keep_mode(fd, path)
                os.fsync(fd)
            finally:
                os.close(fd)
            if replace:
                os.replace(temporary, path)
            else:
                _put_in_place_without_replacing(temporary, path)
        finally:
            cleanup()
        _fsync_folder(folder)


_CREATE_FLAGS = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)  # fmt: skip


#: The temporary file's name in its folder: short, so SQLite's ``-journal`` beside it fits too.
_INNER_NAME = "export"


def _private_folder(folder: Path, name: str) -> str:
    """``.NAME.XXXXXXXX.tmp`` beside the target (``NAME`` cut short to fit a file name)."""
    import tempfile

    return tempfile.mkdtemp(dir=folder, prefix=f".{name[:200]}.", suffix=".tmp")  # mode 0700


def _check_same_file(fd: int, temporary: Path) -> None:
    """The name still leads to the regular file created (no link swapped in by anyone)."""
    ours = os.fstat(fd)
    try:
        there = os.lstat(temporary)
    except FileNotFoundError:
        there = None
    if there is None or not stat.S_ISREG(there.st_mode) or (there.st_dev, there.st_ino) != (
        ours.st_dev, ours.st_ino,
    ):  # fmt: skip
        raise TemporaryChangedError(errno.EEXIST, "temporary file replaced", str(temporary))


def _keep_mode(fd: int, path: Path) -> None:
    """A replaced regular file's permission bits (not setuid, setgid or sticky) for the new one."""
    try:
        old = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISREG(old.st_mode) and hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(old.st_mode) & 0o777)


#: ``link`` errors that mean the filesystem has no hard links (FAT, some FUSE and network ones).
_NO_LINKS = frozenset(
    {errno.EPERM, errno.EACCES, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}
)


def _put_in_place_without_replacing(temporary: Path, path: Path) -> None:
    """``link`` (never replaces, never follows a symlink at ``path``), else Linux's
    ``renameat2(RENAME_NOREPLACE)``, else, where neither exists, a check then a rename."""
    try:
        _link(temporary, path)
        return
    except FileExistsError:
        raise TargetExistsError(str(path)) from None
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
    if _rename_noreplace(temporary, path):
        return
    if os.path.lexists(path):  # not atomic: the last resort of a system with neither
        raise TargetExistsError(str(path))
    os.rename(temporary, path)


def _link(source: Path, target: Path) -> None:
    """A hard link to ``source`` itself (``linkat`` without ``AT_SYMLINK_FOLLOW``) where the
    system can say so; ``link(2)`` never follows a symlink at ``target``."""
    try:
        os.link(source, target, follow_symlinks=False)
    except NotImplementedError:
        os.link(source, target)


def _rename_noreplace(source: Path, target: Path) -> bool:
    """``renameat2(…, RENAME_NOREPLACE)``; False where the system or filesystem has none."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    name, c_int = ctypes.c_char_p, ctypes.c_int
    renameat2.argtypes = [c_int, name, c_int, name, ctypes.c_uint]
    renameat2.restype = c_int
    at_fdcwd, noreplace = -100, 1
    if renameat2(at_fdcwd, os.fsencode(source), at_fdcwd, os.fsencode(target), noreplace) == 0:
        return True
    error = ctypes.get_errno()
    if error == errno.EEXIST:
        raise TargetExistsError(str(target))
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(target))


def _fsync_folder(folder: Path) -> None:
    """The folder's entries on disk too (POSIX; a filesystem that cannot is let be)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF):
            raise
    finally:
        os.close(fd)


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP held back while the block runs (POSIX), then delivered."""
    import signal

    held = {getattr(signal, n) for n in ("SIGINT", *CLEANUP_SIGNALS) if hasattr(signal, n)}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def _cleanup_on_signal(cleanup: Callable[[], None]) -> Iterator[None]:
    """On SIGTERM or SIGHUP while the block runs: ``cleanup()``, then exit 128 + the signal.

    Only in the main thread (the only one Python lets set handlers); a signal that is ignored
    (SIGHUP under ``nohup``) stays ignored. The previous handlers come back after.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        cleanup()
        raise SystemExit(128 + signum)

    previous: dict[signal.Signals, Any] = {}
    try:
        for name in CLEANUP_SIGNALS:
            number = getattr(signal, name, None)
            if number is None or signal.getsignal(number) == signal.SIG_IGN:
                continue
            previous[number] = signal.signal(number, handler)
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, signal.SIG_DFL if old is None else old)
