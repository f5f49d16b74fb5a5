"""Where the store lives and how its files are trusted: private, regular, the user's own.

The store is a cache: when the folder cannot be made private or written, or an entry
looks wrong in any way, the tool carries on without it (or rebuilds the entry). Nothing
read from this folder is ever executed: an entry is a SQLite file opened read-only.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..i18n import Lang

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
        # Missing parents are made private too, whatever the umask: a new ~/.cache must
        # not become a folder everyone may write to.
        old_umask = os.umask(0o077)
        try:
            candidate.mkdir(mode=0o700, parents=candidate == folder, exist_ok=True)
            info = os.lstat(candidate)
        except OSError:
            continue
        finally:
            os.umask(old_umask)
        if stat.S_ISDIR(info.st_mode) and _is_private(info):
            return candidate
    return None


def check_readable(path: Path, lang: Lang) -> None:
    """Raise ``DatasetError`` with a clear message when ``path`` cannot be read as a register:
    it cannot be opened, is not a regular file (a folder, a device, a FIFO) or is larger
    than the limit (``datafile.open_data``). Standard input (``-``) is read later."""
    from ..datafile import is_stdin, open_data

    if not is_stdin(path):
        open_data(path, lang)[0].close()


def content_key(path: Path, salt: str) -> str:
    """A hash of the file's bytes and of ``salt`` (the program and store versions)."""
    try:  # the BLAKE2 module alone: ``hashlib`` would load OpenSSL as well
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - an interpreter built without it
        from hashlib import blake2b

    from ..datafile import Limited, open_data

    digest = blake2b(salt.encode(), digest_size=20)
    binary, limit = open_data(path)  # a regular file, read no further than the limit
    with Limited(binary, limit, path) as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


#: A file whose timestamps are younger than this may still change within the same
#: timestamp tick, so its hash is not remembered by its metadata (git's "racy" rule).
RACY_SECONDS = 2.0
MEMO_SUFFIX = ".key"


def _stat_memo(folder: Path, path: Path, salt: str) -> tuple[Path, str, os.stat_result] | None:
    """Where the memo of ``path``'s hash lives, and what it must say of the file to count."""
    try:
        info = os.stat(path)
        real = os.path.realpath(path)
    except OSError:
        return None
    ident = "\0".join(
        map(str, (real, info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns,
                  info.st_ctime_ns, salt))
    )  # fmt: skip
    # The name only spreads memos out (a checksum is enough, and cheap to load): the memo
    # itself holds the whole description, and is used only if every part of it matches.
    name = f"{zlib.crc32(real.encode()):08x}-{info.st_ino:x}"
    return folder / f"{name}{MEMO_SUFFIX}", ident, info


def remembered_key(folder: Path, path: Path, salt: str) -> str:
    """``content_key`` of ``path``, without reading it again when its metadata (device,
    inode, size, modification and change times) is exactly that of an earlier run.

    The change time (ctime) moves on every write and cannot be set back, so an edit
    that keeps the size and the modification time is still seen. A file changed less
    than ``RACY_SECONDS`` before its hash was taken is never remembered.
    """
    import time

    memo = _stat_memo(folder, path, salt)
    if memo is not None and trusted_entry(memo[0]):
        try:
            said, _, key = memo[0].read_bytes().decode("utf-8").rpartition("\n")
        except (OSError, UnicodeDecodeError):
            said, key = "", ""
        if said == memo[1] and len(key) == 40 and all(c in "0123456789abcdef" for c in key):
            return key
    key = content_key(path, salt)
    if memo is not None:
        newest = max(memo[2].st_mtime_ns, memo[2].st_ctime_ns) / 1e9
        if time.time() - newest > RACY_SECONDS:
            with contextlib.suppress(OSError):
                temporary = new_temporary(folder)
                temporary.write_bytes(f"{memo[1]}\n{key}".encode())
                if not publish(temporary, memo[0]):
                    temporary.unlink(missing_ok=True)
    return key


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
    import tempfile

    fd, name = tempfile.mkstemp(dir=folder, prefix=".building-", suffix=".tmp")
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
        for pattern, kept in ((_STORE_NAME, keep), (_MEMO_NAME, 8 * keep)):
            # only the names this program gives: never a file of the user's that only
            # happens to end in .sqlite or .key (the folder may be one they chose)
            entries = [p for p in folder.iterdir() if pattern.fullmatch(p.name)]
            entries.sort(key=lambda p: p.lstat().st_mtime, reverse=True)
            for old in entries[kept:]:
                old.unlink(missing_ok=True)
        # a run killed while building leaves its temporary file: gone after a day
        import time

        for temporary in folder.glob(".building-*.tmp"):
            if time.time() - temporary.lstat().st_mtime > 86400:
                temporary.unlink(missing_ok=True)
    except OSError:
        pass


_STORE_NAME = re.compile(r"[0-9a-f]{40}\.sqlite")
_MEMO_NAME = re.compile(r"[0-9a-f]{8}-[0-9a-f]+\.key")


def touch(entry: Path) -> None:
    """Mark an entry as just used, so pruning keeps it."""
    with contextlib.suppress(OSError):
        os.utime(entry)
