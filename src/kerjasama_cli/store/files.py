"""Where the store lives and how its files are trusted: private, regular, the user's own.

The store is a cache: when the folder cannot be made private or written, or an entry
looks wrong in any way, the tool carries on without it (or rebuilds the entry). Nothing
read from this folder is ever executed: an entry is a SQLite file opened read-only.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

#: Bytes read at a time when hashing a register file.
_CHUNK = 1 << 20
#: How many entries the folder keeps; the least recently used go first.
KEEP = 16
SUFFIX = ".sqlite"


def cache_folder(environ: Mapping[str, str]) -> Path:
    """``$KERJASAMA_CACHE_DIR``, else the user's cache folder (``$XDG_CACHE_HOME/kerjasama``)."""
    if environ.get("KERJASAMA_CACHE_DIR"):
        return Path(environ["KERJASAMA_CACHE_DIR"])
    if environ.get("XDG_CACHE_HOME"):
        return Path(environ["XDG_CACHE_HOME"]) / "kerjasama"
    import platformdirs

    return Path(platformdirs.user_cache_dir("kerjasama", appauthor=False))


def _is_private(info: os.stat_result) -> bool:
    """Ours, and no one else may write to it."""
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def private_folder(folder: Path) -> Path | None:
    """``folder`` if it is (or can be created as) a private folder of the user's, else a
    private ``kerjasama-UID`` folder inside it; None when neither can be had."""
    for candidate in (folder, folder / f"kerjasama-{os.getuid()}"):
        try:
            candidate.mkdir(mode=0o700, parents=candidate == folder, exist_ok=True)
            info = os.lstat(candidate)
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode) and _is_private(info):
            return candidate
    return None


def content_key(path: Path, salt: str) -> str:
    """A hash of the file's bytes and of ``salt`` (the program and store versions)."""
    digest = hashlib.blake2b(salt.encode(), digest_size=20)
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def trusted_entry(path: Path) -> bool | None:
    """True for a regular file of the user's that no one else may write; None when absent;
    False for anything else (a link, a FIFO, a folder, another user's file).

    Opened without following links and without blocking, then checked through the
    descriptor, so a FIFO planted there cannot hang the tool.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError:  # a symbolic link (ELOOP), no permission: not ours to use
        return False
    try:
        info = os.fstat(fd)
    finally:
        os.close(fd)
    return stat.S_ISREG(info.st_mode) and _is_private(info) and info.st_size > 0


def new_temporary(folder: Path) -> Path:
    """An empty ``0600`` file in ``folder``, for a store being built."""
    fd, name = tempfile.mkstemp(dir=folder, prefix=".building-", suffix=SUFFIX)
    os.close(fd)
    return Path(name)


def publish(temporary: Path, entry: Path) -> bool:
    """Put a finished store in place in one rename; False if it could not be."""
    try:
        os.chmod(temporary, 0o600)
        os.replace(temporary, entry)
    except OSError:
        return False
    return True


def prune(folder: Path, keep: int = KEEP) -> None:
    """Remove all but the ``keep`` most recently used entries (and stale temporaries)."""
    try:
        entries = [p for p in folder.iterdir() if p.name.endswith(SUFFIX)]
        entries.sort(key=lambda p: p.lstat().st_mtime, reverse=True)
        for old in entries[keep:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def touch(entry: Path) -> None:
    """Mark an entry as just used, so pruning keeps it."""
    with contextlib.suppress(OSError):
        os.utime(entry)
