"""``summary``, ``sectors`` and ``figures``: counting the register.

The counting is ``summary.py``'s and the reports ``reports/``' (pure functions); the
writing is ``writers/``'; this module only turns options into those calls and refuses
bad input with exit 2.
"""

from typing import Annotated

import typer

from ..errors import UsageError
from ..help_text import help_for
from ..i18n import Lang, message
from ..options import (
    FilterArgs,
    build_query,
    format_option,
    no_header_option,
    parse_format,
    with_filters,
)
from ..summary import SortOrder
from ..writers import OutputFormat, default_format, write
from .common import environment, load, nothing_matched

#: The formats a count can be written in: a table for people, keys and counts for scripts.
COUNT_FORMATS = (OutputFormat.TABLE, OutputFormat.TSV, OutputFormat.CSV, OutputFormat.JSON)


def resolve_group_fields(values: list[str], lang: Lang) -> list[str]:
    """``--by`` values as group names: one or two different fields, else a ``UsageError``."""
    from ..fields import GROUP_FIELDS as NAMES
    from ..fields import field_named, suggest_fields
    from ..resolve import unknown_value

    chosen: list[str] = []
    for value in values:
        field = field_named(value)
        if field is None or not field.group:
            raise unknown_value("--by", value, suggest_fields(value, NAMES), lang, list(NAMES))
        if field.grouped_as in chosen:
            raise UsageError(message("by_twice", lang, value=value))
        chosen.append(field.grouped_as)
    if not 1 <= len(chosen) <= 2:
        raise UsageError(
            message("bad_by_count", lang, n=len(chosen)),
            message("valid_values", lang, choices=", ".join(NAMES)),
        )
    return chosen


def register(app: typer.Typer, lang: Lang) -> None:
    @app.command("summary", help=help_for("cmd.summary", lang))
    @with_filters(lang)
    def summary_command(
        ctx: typer.Context,
        filters: FilterArgs,
        by: Annotated[
            list[str] | None,
            typer.Option(
                "--by", "-b", help=help_for("opt.by", lang), show_default=False, metavar="FIELD"
            ),
        ] = None,
        sort: Annotated[
            SortOrder | None,
            typer.Option(
                "--sort",
                help=help_for("opt.summary_sort", lang),
                case_sensitive=False,
                show_default=False,
            ),
        ] = None,
        top: Annotated[
            int | None,
            typer.Option("--top", help=help_for("opt.top", lang), show_default=False, metavar="N"),
        ] = None,
        fmt: Annotated[str | None, format_option(lang, COUNT_FORMATS)] = None,
        no_header: Annotated[bool, no_header_option(lang)] = False,
    ) -> None:
        from ..reports.crosstab import crosstab_report
        from ..reports.labels import group_label
        from ..reports.summary import summary_report
        from ..resolve import Resolver
        from ..summary import CHRONOLOGICAL_FIELDS, crosstab, summarize

        env = environment(ctx)
        chosen = parse_format(fmt, COUNT_FORMATS, env.lang) or default_format(env)
        fields = resolve_group_fields(by or [], env.lang)
        if top is not None and top < 1:
            raise UsageError(message("bad_top", env.lang))

        dataset = load(env)
        query = build_query(filters, Resolver(dataset, env.lang))
        records = dataset.select(query)
        if not records:
            nothing_matched(env, chosen)
            return
        # A name sort follows what the reader sees: labels in a table, keys in a machine format.
        human = chosen.for_people
        if len(fields) == 1:
            field = fields[0]
            timeline = (
                human
                and field in CHRONOLOGICAL_FIELDS
                and sort in (None, SortOrder.NAME)
                and top is None
            )
            result = summarize(
                records,
                field,
                sort=sort,
                top=top,
                timeline=timeline,
                name_of=(lambda k: group_label(dataset, field, k, env.lang)) if human else None,
            )
            report = summary_report(dataset, result, env.lang, env.width, timeline=timeline)
        else:
            tab = crosstab(
                records,
                fields[0],
                fields[1],
                sort=sort,
                top=top,
                name_of=(lambda f, k: group_label(dataset, f, k, env.lang)) if human else None,
            )
            report = crosstab_report(dataset, tab, env.lang, env.width)
        write(report, env, chosen, header=not no_header)

    @app.command("sectors", help=help_for("cmd.sectors", lang))
    def sectors_command(
        ctx: typer.Context,
        fmt: Annotated[str | None, format_option(lang, COUNT_FORMATS)] = None,
        no_header: Annotated[bool, no_header_option(lang)] = False,
    ) -> None:
        from ..reports.sectors import sectors_report
        from ..summary import sector_use

        env = environment(ctx)
        chosen = parse_format(fmt, COUNT_FORMATS, env.lang) or default_format(env)
        dataset = load(env)
        report = sectors_report(sector_use(dataset), len(dataset.partnerships), env.lang)
        write(report, env, chosen, header=not no_header)

    @app.command("figures", help=help_for("cmd.figures", lang))
    def figures_command(
        ctx: typer.Context,
        fmt: Annotated[str | None, format_option(lang, COUNT_FORMATS)] = None,
        no_header: Annotated[bool, no_header_option(lang)] = False,
    ) -> None:
        from ..reports.figures import figures_report
        from ..resolve import Resolver
        from ..summary import check_figures

        env = environment(ctx)
        chosen = parse_format(fmt, COUNT_FORMATS, env.lang) or default_format(env)
        dataset = load(env)
        checks = check_figures(dataset, Resolver(dataset, env.lang).resolve)
        write(figures_report(dataset, checks, env.lang), env, chosen, header=not no_header)
