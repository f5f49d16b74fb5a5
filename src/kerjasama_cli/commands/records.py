"""``list`` and ``show``: the records themselves."""

from typing import Annotated

import typer

from ..completion import complete_id
from ..errors import UsageError
from ..help_text import help_for
from ..i18n import Lang, message
from ..options import (
    FilterArgs,
    build_query,
    format_option,
    no_header_option,
    parse_format,
    split_values,
    with_filters,
)
from ..resolve import suggest_ids
from ..writers import OutputFormat, default_format, write
from .common import environment, load, nothing_matched

LIST_FORMATS = tuple(OutputFormat)
SHOW_FORMATS = (OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.JSONL, OutputFormat.YAML)


def register(app: typer.Typer, lang: Lang) -> None:
    @app.command("list", help=help_for("cmd.list", lang))
    @with_filters(lang)
    def list_command(
        ctx: typer.Context,
        filters: FilterArgs,
        fmt: Annotated[str | None, format_option(lang, LIST_FORMATS)] = None,
        sort: Annotated[
            str, typer.Option("--sort", help=help_for("opt.sort", lang), metavar="FIELD")
        ] = "id",
        limit: Annotated[
            int | None,
            typer.Option("--limit", "-n", help=help_for("opt.limit", lang), show_default=False),
        ] = None,
        columns: Annotated[
            list[str] | None,
            typer.Option(
                "--columns", help=help_for("opt.columns", lang), show_default=False, metavar="COLS"
            ),
        ] = None,
        no_header: Annotated[bool, no_header_option(lang)] = False,
    ) -> None:
        from ..fields import COLUMNS, SORT_FIELDS, field_named, suggest_fields
        from ..reports.records import list_report
        from ..resolve import Resolver, unknown_value

        env = environment(ctx)
        chosen = parse_format(fmt, LIST_FORMATS, env.lang) or default_format(env)
        wanted: list[str] = []
        for column in split_values(columns, "--columns", env.lang, empty="empty_columns"):
            field = field_named(column)
            if field is None or not field.column:
                raise unknown_value(
                    "--columns", column, suggest_fields(column, COLUMNS), env.lang, list(COLUMNS)
                )
            wanted.append(field.name)
        if wanted and chosen is OutputFormat.IDS:  # one id a line: there are no columns
            raise UsageError(message("columns_not_tabular", env.lang, value=chosen.value))
        descending = sort.strip().startswith("-")
        sort_field = field_named(sort.strip().removeprefix("-"))
        if sort_field is None or not sort_field.sort:
            bare = sort.strip().removeprefix("-")
            raise unknown_value(
                "--sort", sort, suggest_fields(bare, SORT_FIELDS), env.lang, list(SORT_FIELDS)
            )
        if limit is not None and limit < 0:
            raise UsageError(message("bad_limit", env.lang))

        register = load(env)
        query = build_query(filters, Resolver(register, env.lang))
        order = ("-" if descending else "") + sort_field.name
        shown = register.selection(query, order, limit)
        if not shown:
            nothing_matched(env, chosen)
            return

        def caption() -> str:  # counted only if a table shows it
            total, count = register.count(), len(shown)
            matched = shown.matched() if limit is not None and count == limit else count
            if matched > count:  # --limit cut the list: say how many matched
                return message("count_limited", env.lang, shown=count, matched=matched, total=total)
            return message("count_shown", env.lang, shown=count, total=total)

        report = list_report(
            register, shown, env.lang, columns=wanted or None, caption=caption, sort=order
        )
        write(report, env, chosen, header=not no_header)

    @app.command("show", help=help_for("cmd.show", lang))
    def show_command(
        ctx: typer.Context,
        ids: Annotated[
            list[str],
            typer.Argument(
                help=help_for("arg.ids", lang), metavar="ID...", autocompletion=complete_id
            ),
        ],
        fmt: Annotated[str | None, format_option(lang, SHOW_FORMATS, "opt.format_show")] = None,
    ) -> None:
        from ..render.detail import write_details
        from ..reports.records import records_report

        env = environment(ctx)
        chosen = parse_format(fmt, SHOW_FORMATS, env.lang) or OutputFormat.TABLE
        dataset = load(env)
        records = []
        for id_ in ids:
            record = dataset.partnership(id_)
            if record is None:
                close = suggest_ids(id_, dataset.ids())
                hint = (
                    message("did_you_mean", env.lang, choices=", ".join(close))
                    if close
                    else message("see_list_ids", env.lang)
                )
                raise UsageError(message("unknown_id", env.lang, value=id_), hint)
            records.append(record)
        if chosen.for_people:  # one record in full, not a table of many: its own renderer
            write_details(env, dataset, records)
        else:
            write(records_report(dataset, records), env, chosen)
