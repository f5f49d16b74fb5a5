"""Turning what a user typed (`banjir`, `flood`, `Jepang`, `kota kembar`) into the data's keys.

Sector, country, kind and the other vocabularies match their key, their labels in both
languages and their aliases, ignoring case and accents. An unknown value is a usage
error that names the closest valid values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .errors import RuleError, UsageError
from .fields import FILTERS
from .i18n import (
    INSTRUMENT_LABELS,
    KIND_LABELS,
    PARTNER_TYPE_LABELS,
    SCOPE_LABELS,
    STATUS_LABELS,
    Label,
    Lang,
    message,
    normalize,
)

if TYPE_CHECKING:
    from .models import RegisterView

#: The option a user types for each filter (``partner_type`` → ``--partner-type``).
OPTION_NAMES: dict[str, str] = {f.name: f.option for f in FILTERS}

_ENUM_LABELS: dict[str, Mapping[Any, Label]] = {
    "kind": KIND_LABELS,
    "instrument": INSTRUMENT_LABELS,
    "partner_type": PARTNER_TYPE_LABELS,
    "scope": SCOPE_LABELS,
    "status": STATUS_LABELS,
}


def _close_matches(word: str, possibilities: Sequence[str], n: int, cutoff: float) -> list[str]:
    """difflib's closest matches (imported only when a value is unknown: it is slow to load)."""
    import difflib

    return difflib.get_close_matches(word, possibilities, n=n, cutoff=cutoff)


class Vocabulary:
    """Normalized term → key, and the display keys offered as suggestions."""

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        self.terms: dict[str, str] = {}
        self.keys: list[str] = []
        for key, terms in entries:
            self.keys.append(key)
            for term in (key, *terms):
                self.terms.setdefault(normalize(term), key)

    @classmethod
    def from_terms(cls, terms: Mapping[str, str]) -> Vocabulary:
        """From a ready map of normalized term → key (the countries')."""
        vocab = cls(())
        vocab.terms = dict(terms)
        vocab.keys = sorted(set(terms.values()))
        return vocab

    def lookup(self, value: str) -> str | None:
        return self.terms.get(normalize(value))

    def suggest(self, value: str, n: int = 3) -> list[str]:
        close = _close_matches(normalize(value), list(self.terms), n=12, cutoff=0.6)
        keys: list[str] = []
        for term in close:
            key = self.terms[term]
            if key not in keys:
                keys.append(key)
        return keys[:n]


def enum_vocabulary(labels: Mapping[Any, Label]) -> Vocabulary:
    return Vocabulary(
        (member.value, (ind, eng, *aliases)) for member, (ind, eng, aliases) in labels.items()
    )


def sector_vocabulary(sectors: Mapping[str, Any]) -> Vocabulary:
    return Vocabulary((key, (s.id, s.en, *s.aliases)) for key, s in sectors.items())


def country_vocabulary() -> Vocabulary:
    from .countries import country_terms

    return Vocabulary.from_terms(country_terms())


class Resolver:
    """Resolves filter values against one dataset's sectors and the fixed vocabularies."""

    def __init__(self, dataset: RegisterView, lang: Lang = Lang.EN) -> None:
        self.dataset = dataset
        self.lang = lang
        self._vocabularies: dict[str, Vocabulary] = {}

    def vocabulary(self, name: str) -> Vocabulary:
        if name not in self._vocabularies:
            if name == "sector":
                # A store answers with the terms themselves, without building Sector objects.
                terms = getattr(self.dataset, "sector_terms", None)
                self._vocabularies[name] = (
                    Vocabulary(terms()) if terms else sector_vocabulary(self.dataset.sectors)
                )
            elif name == "country":
                self._vocabularies[name] = country_vocabulary()
            else:
                self._vocabularies[name] = enum_vocabulary(_ENUM_LABELS[name])
        return self._vocabularies[name]

    def resolve(self, name: str, value: str) -> str:
        """The canonical key for ``value`` of filter ``name``; a ``UsageError`` if there is none."""
        option = OPTION_NAMES.get(name, name)
        if name in ("since", "until", "year"):
            return _check_date(option, value, self.lang, year_only=name == "year")
        lookup = getattr(self.dataset, "lookup_term", None)  # a store: one indexed query
        key = lookup(name, normalize(value)) if lookup else None
        if key is not None:
            return str(key)
        vocab = self.vocabulary(name)
        key = vocab.lookup(value)
        if key is not None:
            return key
        suggestions = vocab.suggest(value)
        if name == "country":  # a bare code says little: "RU (Russian Federation)"
            from .countries import country_name

            suggestions = [f"{c} ({country_name(c, self.lang)})" for c in suggestions]
        raise unknown_value(
            option, value, suggestions, self.lang, None if name == "country" else vocab.keys
        )

    def resolve_all(self, name: str, values: Iterable[str]) -> frozenset[str]:
        return frozenset(self.resolve(name, v) for v in values)


def unknown_value(
    option: str, value: str, suggestions: list[str], lang: Lang, valid: list[str] | None = None
) -> UsageError:
    text = message("unknown_value", lang, option=option, value=value)
    if suggestions:
        hint = message("did_you_mean", lang, choices=", ".join(suggestions))
    elif valid:
        hint = message("valid_values", lang, choices=", ".join(valid))
    else:
        hint = None
    return UsageError(text, hint)


def _check_date(option: str, value: str, lang: Lang, year_only: bool) -> str:
    from .dates import parse_partial_date

    try:
        parsed = parse_partial_date(value.strip())
    except ValueError as exc:
        reason = exc.text(lang) if isinstance(exc, RuleError) else str(exc)
        raise UsageError(message("bad_date", lang, option=option, reason=reason)) from None
    if year_only and len(parsed) != 1:
        raise UsageError(message("bad_date", lang, option=option, reason=f"{value!r}: YYYY"))
    return value.strip()


def suggest_ids(value: str, ids: Sequence[str], n: int = 3) -> list[str]:
    """The ids closest to a mistyped one: similar as a whole, containing it, or with one part
    mistyped ("jedah" for ``jeddah-sister-city``). Ids are lower case: so is the comparison."""
    value = value.strip().lower()
    close = _close_matches(value, ids, n=n, cutoff=0.5)
    close += [i for i in ids if value and value in i and i not in close][: n - len(close)]
    owners: dict[str, list[str]] = {}
    for id_ in ids:
        for part in set(id_.split("-")):
            owners.setdefault(part, []).append(id_)
    unique_parts = {part: found[0] for part, found in owners.items() if len(found) == 1}
    for part in _close_matches(value, list(unique_parts), n=n, cutoff=0.75):
        if unique_parts[part] not in close and len(close) < n:
            close.append(unique_parts[part])
    return close
