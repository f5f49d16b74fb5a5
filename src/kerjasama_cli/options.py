"""Options shared by several commands, declared once (as sqlite-utils' ``output_options``).

``with_filters`` gives a command every filter of ``fields.FILTERS`` and hands it one
``FilterArgs``; ``build_query`` turns those raw strings into a ``Query`` of data keys.
"""

import functools
import inspect
from collections.abc import Callable, Sequence
from typing import Annotated, Any, NamedTuple, TypeVar

import typer

from .completion import COMPLETERS
from .errors import UsageError
from .fields import FILTERS, Match
from .help_text import help_for
from .i18n import Lang, message
from .query import Query
from .resolve import Resolver, _close_matches, unknown_value
from .writers import OutputFormat

F = TypeVar("F", bound=Callable[..., Any])


class FilterArgs(NamedTuple):
    """The filters as typed on the command line, before they are resolved."""

    sector: list[str] | None = None
    country: list[str] | None = None
    kind: list[str] | None = None
    instrument: list[str] | None = None
    partner_type: list[str] | None = None
    scope: list[str] | None = None
    status: list[str] | None = None
    year: list[str] | None = None
    since: list[str] | None = None  # one value at most; a list so that twice is seen
    until: list[str] | None = None
    search: list[str] | None = None


FILTER_NAMES: tuple[str, ...] = FilterArgs._fields
assert tuple(f.name for f in FILTERS) == FILTER_NAMES, "FilterArgs must follow fields.FILTERS"


def _filter_parameters(lang: Lang) -> list[inspect.Parameter]:
    params = []
    for spec in FILTERS:
        # Every filter is read as a list, so that one given twice is seen (and refused
        # where only one value makes sense) instead of the last silently winning.
        annotation: Any = list[str] | None
        option = typer.Option(
            *spec.flags,
            autocompletion=COMPLETERS.get(spec.name),
            help=help_for(f"opt.{spec.name}", lang),
            show_default=False,
            metavar=spec.metavar,
        )
        params.append(
            inspect.Parameter(
                spec.name,
                inspect.Parameter.POSITIONAL_OR_KEYWORD,
                default=None,
                annotation=Annotated[annotation, option],
            )
        )
    return params


def with_filters(lang: Lang) -> Callable[[F], F]:
    """Replace a command's ``filters: FilterArgs`` parameter with one option per filter."""

    def decorate(func: F) -> F:
        signature = inspect.signature(func)
        kept = [p for p in signature.parameters.values() if p.name != "filters"]

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            filters = FilterArgs(**{n: kwargs.pop(n) for n in FILTER_NAMES})
            return func(*args, filters=filters, **kwargs)

        # The context first, then the filters, then the command's own options.
        contexts = [p for p in kept if p.name == "ctx"]
        params = contexts + _filter_parameters(lang) + [p for p in kept if p.name != "ctx"]
        wrapper.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in params}
        return wrapper  # type: ignore[return-value]

    return decorate


def split_values(
    values: list[str] | None, option: str, lang: Lang, empty: str = "empty_value"
) -> list[str]:
    """``--sector banjir,air`` is the same as ``--sector banjir --sector air``.

    An empty value is a usage error, not "no filter": a script passing ``--sector "$S"``
    with an empty ``$S`` must not silently get the whole register.
    """
    out: list[str] = []
    for value in values or []:
        parts = [v.strip() for v in value.split(",")]
        if not all(parts):  # "a,,b" or "a," hides an empty value as surely as ""
            raise UsageError(message(empty, lang, option=option))
        out += parts
    return out


def _not_blank(value: str, option: str, lang: Lang) -> str:
    if not value.strip():
        raise UsageError(message("empty_value", lang, option=option))
    return value


def _searchable(value: str, option: str, lang: Lang) -> str:
    """A search that folds to nothing (``-q _``, ``-q -``, a lone accent) would match every
    record, as an empty one would: a usage error too."""
    from .i18n import normalize

    if not normalize(value):
        raise UsageError(message("empty_search", lang, option=option, value=value))
    return value


def build_query(args: FilterArgs, resolver: Resolver) -> Query:
    """Resolve every value to a data key; an unknown one raises ``UsageError`` with suggestions."""
    lang = resolver.lang
    resolved: dict[str, Any] = {}
    for spec in FILTERS:
        value = getattr(args, spec.name)
        if value is not None and not spec.repeatable:
            if len(value) > 1:
                raise UsageError(message("option_twice", lang, option=spec.option))
            value = value[0]
        if value is None:
            resolved[spec.name] = frozenset() if spec.repeatable else None
        elif spec.match is Match.TEXT:
            resolved[spec.name] = frozenset(
                _searchable(_not_blank(v, spec.option, lang), spec.option, lang) for v in value
            )
        elif not spec.repeatable:
            resolved[spec.name] = resolver.resolve(spec.name, _not_blank(value, spec.option, lang))
        elif not spec.commas:  # names may hold commas ("Korea, Republic of")
            values = [_not_blank(v, spec.option, lang) for v in value]
            resolved[spec.name] = resolver.resolve_all(spec.name, values)
        else:
            values = split_values(value, spec.option, lang)
            resolved[spec.name] = resolver.resolve_all(spec.name, values)
    return Query(**resolved)


def format_option(lang: Lang, formats: Sequence[OutputFormat], help_key: str = "opt.format") -> Any:
    """``--format``/``-f``, listing only the formats this command writes; ``help_key``
    where the command's default is not "a table on a terminal, TSV when piped"."""
    return typer.Option(
        "--format",
        "-f",
        help=help_for(help_key, lang),
        show_default=False,
        metavar="[" + "|".join(f.value for f in formats) + "]",
    )


def parse_format(
    value: str | None, formats: Sequence[OutputFormat], lang: Lang
) -> OutputFormat | None:
    """The chosen format, or None for the command's default; anything else is a ``UsageError``."""
    if value is None:
        return None
    choice = value.strip().lower()
    if choice in {f.value for f in formats}:
        return OutputFormat(choice)
    names = [f.value for f in formats]
    if choice in {f.value for f in OutputFormat}:
        raise UsageError(
            message("format_not_for_command", lang, value=value, choices=", ".join(names))
        )
    raise unknown_value(
        "--format", value, _close_matches(choice, names, n=2, cutoff=0.6), lang, names
    )


def no_header_option(lang: Lang) -> Any:
    """``--no-header``: the same flag for every command that writes rows."""
    return typer.Option("--no-header", help=help_for("opt.no_header", lang))
