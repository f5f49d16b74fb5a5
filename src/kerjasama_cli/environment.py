"""The program's surroundings in one object: streams, terminal, colour, language, dataset path.

Built once per run from the real process (or by a test), then passed down, so nothing
deep inside a renderer asks ``sys.stdout.isatty()`` for itself.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .i18n import Lang


def color_allowed(stream: TextIO, env: Mapping[str, str], no_color_flag: bool) -> bool:
    """Colour only on a terminal, and never with ``--no-color``, ``NO_COLOR`` or ``TERM=dumb``."""
    if no_color_flag or env.get("NO_COLOR", "") != "" or env.get("TERM") == "dumb":
        return False
    return is_tty(stream)


def is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass
class Environment:
    lang: Lang = Lang.EN
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdout_is_tty: bool = False
    color: bool = False
    data_path: Path | None = None

    @classmethod
    def from_process(
        cls,
        lang: Lang,
        no_color: bool = False,
        data_path: Path | None = None,
        env: Mapping[str, str] | None = None,
    ) -> Environment:
        env = os.environ if env is None else env
        return cls(
            lang=lang,
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdout_is_tty=is_tty(sys.stdout),
            color=color_allowed(sys.stdout, env, no_color),
            data_path=data_path,
        )

    @property
    def width(self) -> int:
        """The terminal's width (``COLUMNS`` wins), for tables and wrapped text."""
        return shutil.get_terminal_size((100, 24)).columns
