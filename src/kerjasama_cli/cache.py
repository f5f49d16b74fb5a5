"""An invisible cache of validated datasets, keyed on the file's exact bytes.

The key is a hash of the contents (and this program's version), so an edited file is
never served stale, whatever its timestamps say. A cache that cannot be read, is
corrupt or cannot be written is ignored: the file is then parsed as if there were none.
Set ``KERJASAMA_NO_CACHE=1`` to bypass it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

from .loading import parse_and_validate, read_text

_FORMAT = 1


def cache_dir() -> Path:
    base = os.environ.get("KERJASAMA_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root if os.environ.get("KERJASAMA_CACHE_DIR") else root / "kerjasama"


def _key(raw: bytes) -> str:
    from . import __version__

    digest = hashlib.blake2b(raw, digest_size=20)
    digest.update(f"{__version__}:{_FORMAT}:{sys.version_info[:2]}".encode())
    # A changed model must never meet an old pickle, even within one version.
    for module in ("models.py", "vocabulary.py"):
        stat = (Path(__file__).parent / module).stat()
        digest.update(f"{module}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def cached_load(path: Path) -> Any:
    text = read_text(path)
    if os.environ.get("KERJASAMA_NO_CACHE"):
        return parse_and_validate(path, text)
    raw = text.encode("utf-8")
    entry = cache_dir() / f"{_key(raw)}.pickle"
    try:
        with entry.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # absent, unreadable or corrupt: parse the file instead
        pass
    dataset = parse_and_validate(path, text)
    _store(entry, dataset)
    return dataset


def _store(entry: Path, dataset: Any) -> None:
    """Write atomically (temporary file, then rename), or not at all."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(dataset, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except Exception:  # read-only home, full disk: the cache is only an optimisation
        pass
