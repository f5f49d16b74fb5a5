"""Which register file a run reads: ``--data``, then ``$KERJASAMA_DATA``, then the bundled one.

Kept apart from ``loading`` so that a run answered from the store never imports the
parsing machinery.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

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
