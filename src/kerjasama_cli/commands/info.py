"""``info``: what register is in use, and how it is answered.

The dataset's title, date, licence and maintainer, its counts, the file in use and the
state of its store: a person checking which register they are looking at, or a script
recording it beside a result.
"""

from typing import Annotated

import typer

from ..help_text import help_for
from ..i18n import Lang, message
from ..options import format_option, no_header_option, parse_format
from ..writers import OutputFormat, default_format, write
from .common import environment, load

#: A table for people; key and value rows for scripts.
INFO_FORMATS = (OutputFormat.TABLE, OutputFormat.TSV, OutputFormat.CSV, OutputFormat.JSON)


def register(app: typer.Typer, lang: Lang) -> None:
    @app.command("info", help=help_for("cmd.info", lang))
    def info_command(
        ctx: typer.Context,
        fmt: Annotated[str | None, format_option(lang, INFO_FORMATS)] = None,
        no_header: Annotated[bool, no_header_option(lang)] = False,
    ) -> None:
        from ..report import Audience, Column, Report

        env = environment(ctx)
        chosen = parse_format(fmt, INFO_FORMATS, env.lang) or default_format(env)
        register = load(env)
        info, state = register.dataset, register.state
        if state.entry is not None:
            store = message("info_store_built" if state.built else "info_store_fresh", env.lang)
        else:
            store = message("info_store_memory", env.lang, reason=state.reason)
        # Scripts get the same keys and values whatever the language.
        facts = [
            ("title_id", info.title.id),
            ("title_en", info.title.en),
            ("updated", info.updated),
            ("licence", info.licence),
            ("maintainer", info.maintainer),
            ("partnerships", str(register.count())),
            ("sectors", str(len(register.sectors))),
            ("sources", str(len(register.sources))),
            ("figures", str(len(register.figures))),
            ("file", str(register.path)),
            ("store", "" if state.entry is None else str(state.entry)),
            (
                "store_state",
                "memory" if state.entry is None else "built" if state.built else "fresh",
            ),
        ]
        values = dict(facts)
        if state.entry is not None:
            store = f"{store}: {state.entry}"
        labels = [(message("info_title_field", env.lang), info.title.get(env.lang))]
        labels += [
            (message(f"info_{key}", env.lang), values[key])
            for key in ("updated", "licence", "maintainer", "partnerships", "sectors", "sources",
                        "figures", "file")
        ]  # fmt: skip
        labels.append((message("info_store", env.lang), store))
        report = Report(
            title=message("info_title", env.lang),
            columns=(
                Column("field", audience=Audience.MACHINES),
                Column("value", audience=Audience.MACHINES),
                Column(
                    "label", message("info_field", env.lang), wrap=False, audience=Audience.PEOPLE
                ),
                Column("text", message("info_value", env.lang), audience=Audience.PEOPLE),
            ),
            rows=facts,
            display=labels,
        )
        write(report, env, chosen, header=not no_header)
