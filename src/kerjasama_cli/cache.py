"""An invisible cache of validated datasets, keyed on the file's exact bytes.

The key is a hash of the contents (and this program's version), so an edited file is
never served stale, whatever its timestamps say. A cache that cannot be read, is
corrupt or cannot be written is ignored: the file is then parsed as if there were none.
Set ``KERJASAMA_NO_CACHE=1`` to bypass it.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .i18n import Lang
from .loading import decode_text, parse_and_validate, read_bytes
from .models import Dataset

#: Bumped whenever what is pickled changes shape.
_FORMAT = 2


def cache_dir() -> Path:
    base = os.environ.get("KERJASAMA_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root if os.environ.get("KERJASAMA_CACHE_DIR") else root / "kerjasama"


def _key(raw: bytes) -> str:
    from . import __version__

    digest = hashlib.blake2b(raw, digest_size=20)
    digest.update(f"{__version__}:{_FORMAT}:{sys.version_info[:2]}".encode())
    # Changed code (a model, a validation rule) must never meet an old pickle, even within
    # one version: every module of the package is part of the key.
    for module in sorted(Path(__file__).parent.rglob("*.py")):
        stat = module.stat()
        digest.update(f"{module.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a dataset is built.

    Parsing and unpickling allocate millions of objects that all stay alive and form no
    cycles, so every collection they trigger walks the growing heap for nothing: at
    100,000 records that was more than half of the time (see ``benchmarks/``).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def cached_load(path: Path, lang: Lang = Lang.EN) -> Dataset:
    with _gc_paused():
        return _cached_load(path, lang)


def _cached_load(path: Path, lang: Lang) -> Dataset:
    raw = read_bytes(path, lang)
    if os.environ.get("KERJASAMA_NO_CACHE"):
        return parse_and_validate(path, decode_text(path, raw, lang), lang)
    # Keyed on the bytes: a hit never decodes the text (a file that is not UTF-8 was
    # never stored, so it still fails below, exactly as without a cache).
    entry = cache_dir() / f"{_key(raw)}.pickle"
    try:
        with entry.open("rb") as fh:
            cached = pickle.load(fh)
        if isinstance(cached, Dataset):
            return cached
    except Exception:  # absent, unreadable or corrupt: parse the file instead
        pass
    dataset = parse_and_validate(path, decode_text(path, raw, lang), lang)
    _store(entry, dataset)
    return dataset


_NEW = object.__new__
_SET = object.__setattr__
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        from dataclasses import fields

        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _rebuild(cls: type, values: tuple[Any, ...]) -> Any:
    """A frozen dataclass from its field values, without re-running its checks.

    What pickle does by default (``dataclasses``' ``__setstate__``) looks the fields up
    again for every object, which made unpickling 100,000 records take most of a second.
    """
    obj: Any = _NEW(cls)
    for name, value in zip(_field_names(cls), values, strict=True):
        _SET(obj, name, value)
    return obj


def _reduce(obj: Any) -> tuple[Any, ...]:
    cls = type(obj)
    return _rebuild, (cls, tuple([getattr(obj, name) for name in _field_names(cls)]))


def _dump(dataset: Dataset, fh: Any) -> None:
    from dataclasses import is_dataclass

    from . import models

    pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {
        cls: _reduce
        for cls in vars(models).values()
        if isinstance(cls, type) and is_dataclass(cls) and cls.__module__ == models.__name__
    }
    pickler.dump(dataset)


def _store(entry: Path, dataset: Dataset) -> None:
    """Write atomically (temporary file, then rename), or not at all."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                _dump(dataset, fh)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except Exception:  # read-only home, full disk: the cache is only an optimisation
        pass
