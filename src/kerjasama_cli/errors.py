"""Exit statuses and the exceptions that carry a user-facing message to the CLI edge."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import NamedTuple


class ExitStatus(IntEnum):
    OK = 0
    DATA_ERROR = 1
    FAILURE = 1  # the same code: a file that cannot be read, or written (export)
    USAGE = 2
    INTERRUPTED = 130


class Problem(NamedTuple):
    """One thing wrong with a dataset file, where it is and what was expected."""

    path: str
    line: int  # 1-based; 0 when unknown
    column: int  # 1-based; 0 when unknown
    message: str

    def __str__(self) -> str:
        if not self.line:  # about the whole file (it cannot be read): no position to give
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class KerjasamaError(Exception):
    """An error with a message for the user; ``exit_status`` is what the program exits with.

    ``cli.main`` is the one place that turns these into their message and exit status.
    """

    exit_status: ExitStatus = ExitStatus.FAILURE


class DatasetError(KerjasamaError):
    """The dataset cannot be read or is invalid: exit status 1."""

    exit_status = ExitStatus.DATA_ERROR

    def __init__(self, path: str, problems: list[Problem]) -> None:
        super().__init__(f"{path}: {len(problems)} problem(s)")
        self.path = path
        self.problems = problems


class RuleError(ValueError):
    """A data rule broken (an impossible date, an unknown country code), told in either language.

    Raised inside validation, where no language is known; the message is rendered by
    ``text(lang)`` where it is shown. ``str()`` gives the English text.
    """

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(self.text())

    def text(self, lang: str = "en") -> str:
        from .i18n import Lang, message

        return message(self.key, Lang(lang), **self.values)


class UsageError(KerjasamaError):
    """Bad input on the command line (unknown value, id, option): exit status 2."""

    exit_status = ExitStatus.USAGE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class CommandError(KerjasamaError):
    """A command that ran but failed (an export that could not be written): exit status 1.

    The message (already in the user's language) is printed as ``kerjasama: error: ...``;
    with ``silent`` the command has already said what went wrong (``validate``).
    """

    def __init__(self, message: str = "", silent: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.silent = silent


class StoreCorruptError(Exception):
    """A store entry that could be opened turned out unusable mid-query. ``entry`` is its
    file, which ``cli.main`` removes before running the command once more."""

    def __init__(self, message: str, entry: Path | None = None) -> None:
        super().__init__(message)
        self.entry = entry
