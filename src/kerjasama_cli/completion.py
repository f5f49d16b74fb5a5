"""Shell completion of option values from the dataset in use (``--install-completion``).

Completion runs the program on every TAB, so these functions load lazily and never
fail loudly: a dataset that cannot be read simply completes nothing.
"""

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


def _starting(candidates: Candidates, incomplete: str) -> Candidates:
    prefix = normalize(incomplete)
    return [(value, help_) for value, help_ in candidates if normalize(value).startswith(prefix)]


def complete_sector(ctx: typer.Context, incomplete: str) -> Candidates:
    dataset = _dataset(ctx)
    if dataset is None:
        return []
    lang = _lang(ctx)
    return _starting([(key, s.label(lang)) for key, s in dataset.sectors.items()], incomplete)


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
    return list(dict.fromkeys(_starting(candidates, incomplete)))


def complete_id(ctx: typer.Context, incomplete: str) -> Candidates:
    dataset = _dataset(ctx)
    if dataset is None:
        return []
    return _starting([(p.id, p.partner) for p in dataset.partnerships], incomplete)


def _enum_completer(labels: dict[Any, Label]) -> Any:
    def complete(ctx: typer.Context, incomplete: str) -> Candidates:
        lang = _lang(ctx)
        return _starting(
            [(m.value, entry[0] if lang is Lang.ID else entry[1]) for m, entry in labels.items()],
            incomplete,
        )

    return complete


COMPLETERS: dict[str, Any] = {
    "sector": complete_sector,
    "country": complete_country,
    "kind": _enum_completer(KIND_LABELS),
    "instrument": _enum_completer(INSTRUMENT_LABELS),
    "partner_type": _enum_completer(PARTNER_TYPE_LABELS),
    "scope": _enum_completer(SCOPE_LABELS),
    "status": _enum_completer(STATUS_LABELS),
}
