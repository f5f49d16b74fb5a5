"""Shell completion of option values from the dataset in use (``--install-completion``).

Completion runs the program on every TAB, so these functions load lazily and never
fail loudly: a dataset that cannot be read, or anything else that goes wrong, simply
completes nothing.

What a completion prints is read by a shell, and Typer's scripts do not quote it well
enough (zsh ``eval``s it twice, bash globs it, Rich reads markup in descriptions), while
the register may come from someone else. So every candidate is reduced to a safe set
of characters first (``is_safe_char``): letters of any script with their combining
accents, decimal digits, the space, ``- _ . , / ( )`` and the typographic apostrophe
``’``. A value (what TAB inserts) is offered only when it is made
of those characters alone; a description has every other character replaced by a space
(an ASCII apostrophe becomes ``’``) and is cut to ``MAX_DESCRIPTION`` characters. Where
the output is not UTF-8, only ASCII is safe: a multibyte encoding such as Shift-JIS can
hide a backslash or a backtick in the second byte of a letter.
"""

import sys
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

import typer

from .i18n import (
    INSTRUMENT_LABELS,
    KIND_LABELS,
    PARTNER_TYPE_LABELS,
    SCOPE_LABELS,
    STATUS_LABELS,
    Label,
    Lang,
    language_from_env,
    normalize,
)

Candidates = list[tuple[str, str]]
Completer = Callable[[typer.Context, str], Candidates]

#: The ASCII characters other than letters and digits that a candidate may hold.
SAFE_PUNCTUATION = frozenset(" -_.,/()")
#: What an ASCII apostrophe (a quote to every shell) becomes in a description.
APOSTROPHE = "’"
#: Unicode categories of the non-ASCII characters a candidate may hold: letters,
#: combining marks (the accent of a decomposed "é"), decimal digits.
SAFE_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Nd"})
#: The longest description offered, in characters.
MAX_DESCRIPTION = 80


def is_safe_char(char: str, ascii_only: bool = False) -> bool:
    """Whether ``char`` means nothing to bash, zsh, fish or Rich markup."""
    if char.isascii():
        return char.isalnum() or char in SAFE_PUNCTUATION
    if ascii_only:
        return False
    return char == APOSTROPHE or unicodedata.category(char) in SAFE_CATEGORIES


def safe_value(value: str, ascii_only: bool = False) -> bool:
    """Whether ``value`` may be offered as it is: safe characters, single inner spaces."""
    return (
        value == value.strip()
        and bool(value)
        and "  " not in value
        and all(is_safe_char(c, ascii_only) for c in value)
    )


def safe_description(text: str, ascii_only: bool = False) -> str:
    """``text`` with every unsafe character a space, spaces collapsed, cut to length."""
    text = text.replace("'", " " if ascii_only else APOSTROPHE)
    kept = "".join(c if is_safe_char(c, ascii_only) else " " for c in text)
    short = " ".join(kept.split())
    if len(short) > MAX_DESCRIPTION:
        short = short[: MAX_DESCRIPTION - 3].rstrip() + "..."
    return short


def _ascii_only() -> bool:
    """Whether the shell reads our output in an encoding other than UTF-8."""
    import codecs

    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name != "utf-8"
    except LookupError:
        return True


def safe_candidates(candidates: Iterable[tuple[str, str]], incomplete: str) -> Candidates:
    """The candidates starting with ``incomplete`` that are safe to print, each once."""
    ascii_only = _ascii_only()
    prefix = normalize(incomplete)
    chosen: dict[str, str] = {}
    for value, description in candidates:
        if value in chosen or not safe_value(value, ascii_only):
            continue
        if normalize(value).startswith(prefix):
            chosen[value] = safe_description(description, ascii_only)
    return list(chosen.items())


def _quiet(completer: Completer) -> Completer:
    """``completer``, completing nothing instead of raising: never a traceback in a shell."""

    def complete(ctx: typer.Context, incomplete: str) -> Candidates:
        try:
            return completer(ctx, incomplete)
        except Exception:
            return []

    complete.__name__ = completer.__name__
    complete.__doc__ = completer.__doc__
    return complete


def _dataset(ctx: typer.Context) -> Any:
    from .loading import load_dataset

    root = ctx.find_root()
    try:
        return load_dataset(root.params.get("data"))
    except Exception:  # completion must never print a traceback into the shell
        return None


def _lang(ctx: typer.Context) -> Lang:
    chosen = str(ctx.find_root().params.get("language") or "").strip().lower()
    return Lang(chosen) if chosen in ("id", "en") else language_from_env()


@_quiet
def complete_sector(ctx: typer.Context, incomplete: str) -> Candidates:
    dataset = _dataset(ctx)
    if dataset is None:
        return []
    lang = _lang(ctx)
    return safe_candidates([(key, s.label(lang)) for key, s in dataset.sectors.items()], incomplete)


@_quiet
def complete_country(ctx: typer.Context, incomplete: str) -> Candidates:
    """Codes of the countries the dataset holds, and their names in both languages."""
    from .countries import country_name

    dataset = _dataset(ctx)
    if dataset is None:
        return []
    codes = sorted({p.country for p in dataset.partnerships if p.country})
    candidates: Candidates = []
    for code in codes:
        english, indonesian = country_name(code, Lang.EN), country_name(code, Lang.ID)
        candidates.append((code, f"{english} / {indonesian}"))
        candidates += [(english, code), (indonesian, code)]
    return safe_candidates(candidates, incomplete)


@_quiet
def complete_id(ctx: typer.Context, incomplete: str) -> Candidates:
    dataset = _dataset(ctx)
    if dataset is None:
        return []
    return safe_candidates([(p.id, p.partner) for p in dataset.partnerships], incomplete)


def _enum_completer(labels: dict[Any, Label]) -> Completer:
    @_quiet
    def complete(ctx: typer.Context, incomplete: str) -> Candidates:
        lang = _lang(ctx)
        return safe_candidates(
            [(m.value, entry[0] if lang is Lang.ID else entry[1]) for m, entry in labels.items()],
            incomplete,
        )

    return complete


COMPLETERS: dict[str, Completer] = {
    "sector": complete_sector,
    "country": complete_country,
    "kind": _enum_completer(KIND_LABELS),
    "instrument": _enum_completer(INSTRUMENT_LABELS),
    "partner_type": _enum_completer(PARTNER_TYPE_LABELS),
    "scope": _enum_completer(SCOPE_LABELS),
    "status": _enum_completer(STATUS_LABELS),
}
