"""Rendering the counts: a table a person reads at a glance, or keys and counts for a script.

The table shows labels in the reader's language, a share of the records and a bar drawn
to scale; the machine formats (tsv, csv, json) carry the data's keys and the counts only,
the same in every language, so a script's output never changes with ``--lang``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, assert_never

from ..i18n import (
    INSTRUMENT_LABELS,
    KIND_LABELS,
    PARTNER_TYPE_LABELS,
    SCOPE_LABELS,
    STATUS_LABELS,
    Lang,
    heading,
    label,
    message,
)
from ..summary import MISSING, OTHER, CrossTab, FigureCheck, SectorUse, Summary
from ..vocabulary import Instrument, Kind, PartnerType, Scope, Status
from . import OutputFormat
from .console import make_console

if TYPE_CHECKING:
    from rich.table import Table

    from ..environment import Environment
    from ..models import Figure, RegisterView

_EIGHTHS = " ▏▎▍▌▋▊▉"
_MAX_BAR = 40


# --- labels and numbers in the reader's language -----------------------------------------


def field_heading(by: str, lang: Lang) -> str:
    """The column heading of a ``--by`` field."""
    if by == "sector":
        return message("sum_sector", lang)
    if by == "decade":
        return message("sum_decade", lang)
    return heading(by.replace("-", "_"), lang)


def group_label(dataset: RegisterView, by: str, key: str, lang: Lang, folded: int = 0) -> str:
    """What a person reads for a group key: a label, a country name, a decade.

    ``folded`` is how many groups the ``OTHER`` group holds, which its label tells.
    """
    if key == OTHER:
        return message("sum_other", lang, n=folded)
    if key == MISSING:
        if by == "country":
            return message("no_country", lang)
        if by in ("year", "decade"):
            return f"— ({message('undated', lang)})"
        return "—"
    match by:
        case "sector":
            sector = dataset.sectors.get(key)
            return sector.label(lang) if sector else key
        case "country":
            from ..countries import country_name

            return country_name(key, lang)
        case "kind":
            return label(KIND_LABELS, Kind(key), lang)
        case "partner_type" | "partner-type":
            return label(PARTNER_TYPE_LABELS, PartnerType(key), lang)
        case "instrument":
            return label(INSTRUMENT_LABELS, Instrument(key), lang)
        case "scope":
            return label(SCOPE_LABELS, Scope(key), lang)
        case "status":
            return label(STATUS_LABELS, Status(key), lang)
        case "decade":
            return message("sum_decade_label", lang, decade=key.rstrip("s"))
    return key


def integer(n: int, lang: Lang) -> str:
    """``15,800`` in English, ``15.800`` in Indonesian."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang is Lang.ID else text


def number(value: float, lang: Lang) -> str:
    """A reported value as people write it: no ``.0`` on a whole number, the local separators."""
    if float(value).is_integer():
        return integer(int(value), lang)
    text = f"{value:,}"
    if lang is Lang.ID:
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(part: int, whole: int, lang: Lang) -> str:
    text = f"{100 * part / whole:.1f}%" if whole else "—"
    return text.replace(".", ",") if lang is Lang.ID else text


def bar(count: int, largest: int, width: int) -> str:
    """A horizontal bar ``width`` cells long at ``largest``, in eighths of a cell."""
    if count <= 0 or largest <= 0:
        return ""
    eighths = max(1, round(8 * width * count / largest))
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def machine_value(value: float) -> int | float:
    """JSON has no need for ``102.0``: a whole number stays an integer."""
    return int(value) if float(value).is_integer() else value


def _machine_field(by: str) -> str:
    """Field names of the machine formats follow the data (``partner_type``)."""
    return by.replace("-", "_")


def _table(env: Environment, title: str | None, header: bool) -> Table:
    from rich import box
    from rich.table import Table

    return Table(
        title=title,
        show_header=header,
        header_style="bold" if env.color else "",
        box=box.SIMPLE_HEAD,
        title_style="bold" if env.color else "",
        pad_edge=False,
    )


def _print(env: Environment, table: Table, notes: Sequence[str]) -> None:
    """The table, then its notes at the full width (a caption would wrap to the table's)."""
    from rich.text import Text

    console = make_console(env)
    console.print(table)
    for note in notes:
        console.print(Text(note, style="dim" if env.color else ""))


def _write_rows(
    env: Environment, fmt: OutputFormat, header: list[str], rows: list[list[str]], no_header: bool
) -> None:
    from .delimited import write_csv, write_tsv

    write = write_tsv if fmt is OutputFormat.TSV else write_csv
    write(env.stdout, None if no_header else header, rows)


def _unsupported(fmt: OutputFormat) -> None:
    raise ValueError(f"format {fmt.value!r} is not rendered here")  # the command checks first


# --- summary with one --by ---------------------------------------------------------------


def write_summary(
    env: Environment,
    dataset: RegisterView,
    summary: Summary,
    fmt: OutputFormat,
    header: bool = True,
    timeline: bool = False,
) -> None:
    name = _machine_field(summary.by)
    match fmt:
        case OutputFormat.TABLE:
            _summary_table(env, dataset, summary, header, timeline)
        case OutputFormat.TSV | OutputFormat.CSV:
            rows = [[g.key, str(g.count)] for g in summary.groups if g.count]
            _write_rows(env, fmt, [name, "count"], rows, not header)
        case OutputFormat.JSON:
            from .structured import write_json

            write_json(
                env.stdout,
                [
                    {name: g.key if g.key != MISSING else None, "count": g.count}
                    for g in summary.groups
                    if g.count
                ],
            )
        case OutputFormat.JSONL | OutputFormat.YAML | OutputFormat.IDS:
            _unsupported(fmt)
        case _:
            assert_never(fmt)


def _summary_table(
    env: Environment, dataset: RegisterView, summary: Summary, header: bool, timeline: bool
) -> None:
    from rich.text import Text

    lang = env.lang
    labels = [group_label(dataset, summary.by, g.key, lang, summary.folded) for g in summary.groups]
    notes = [message("sum_share_note", lang, records=integer(summary.records, lang))]
    if summary.multi_valued:
        notes.append(
            message(
                "sum_multi_note",
                lang,
                sum=integer(summary.group_total, lang),
                records=integer(summary.records, lang),
            )
        )
    if summary.folded:
        notes.append(message("sum_top_note", lang, n=summary.folded))
    if timeline and any(g.count == 0 for g in summary.groups):
        key = "sum_timeline_decade_note" if summary.by == "decade" else "sum_timeline_note"
        notes.append(message(key, lang))
    by = field_heading(summary.by, lang)
    table = _table(env, message("sum_title", lang, by=by.lower()) if header else None, header)
    label_width = max((len(t) for t in [*labels, message("sum_total", lang)]), default=8)
    bar_width = max(10, min(_MAX_BAR, env.width - min(label_width, 40) - 22))
    table.add_column(by, overflow="fold", max_width=40)
    table.add_column(message("sum_count", lang), justify="right", no_wrap=True)
    table.add_column(message("sum_share", lang), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, min_width=bar_width)
    largest = max((g.count for g in summary.groups), default=0)
    bar_style = "green" if env.color else ""
    dim = "dim" if env.color else ""
    for group, text in zip(summary.groups, labels, strict=True):
        if group.count == 0:
            table.add_row(Text(text, style=dim), Text("0", style=dim), Text(""), Text(""))
            continue
        table.add_row(
            Text(text),
            Text(integer(group.count, lang)),
            Text(percent(group.count, summary.records, lang)),
            Text(bar(group.count, largest, bar_width), style=bar_style),
        )
    table.add_section()
    bold = "bold" if env.color else ""
    table.add_row(
        Text(message("sum_total", lang), style=bold),
        Text(integer(summary.records, lang), style=bold),
        Text(percent(summary.records, summary.records, lang), style=bold),
        Text(""),
    )
    _print(env, table, notes)


# --- cross-tab -----------------------------------------------------------------------------


def write_crosstab(
    env: Environment, dataset: RegisterView, tab: CrossTab, fmt: OutputFormat, header: bool = True
) -> None:
    rows_name, columns_name = _machine_field(tab.rows_by), _machine_field(tab.columns_by)
    match fmt:
        case OutputFormat.TABLE:
            _crosstab_table(env, dataset, tab, header)
        case OutputFormat.TSV | OutputFormat.CSV:
            rows = [[r, c, str(n)] for r, c, n in tab.nonzero()]
            _write_rows(env, fmt, [rows_name, columns_name, "count"], rows, not header)
        case OutputFormat.JSON:
            from .structured import write_json

            write_json(
                env.stdout,
                [
                    {
                        rows_name: r if r != MISSING else None,
                        columns_name: c if c != MISSING else None,
                        "count": n,
                    }
                    for r, c, n in tab.nonzero()
                ],
            )
        case OutputFormat.JSONL | OutputFormat.YAML | OutputFormat.IDS:
            _unsupported(fmt)
        case _:
            assert_never(fmt)


def _crosstab_table(env: Environment, dataset: RegisterView, tab: CrossTab, header: bool) -> None:
    from rich.text import Text

    lang = env.lang

    name = functools.partial(group_label, dataset)
    folded_rows, folded_columns = tab.rows_folded, tab.columns_folded
    notes = [message("sum_records_note", lang, records=integer(tab.records, lang))]
    if tab.multi_valued:
        notes.append(
            message(
                "sum_multi_note",
                lang,
                sum=integer(tab.total, lang),
                records=integer(tab.records, lang),
            )
        )
    if folded_rows:
        notes.append(message("sum_top_rows", lang, n=folded_rows))
    if folded_columns:
        notes.append(message("sum_top_columns", lang, n=folded_columns))
    rows_heading = field_heading(tab.rows_by, lang)
    columns_heading = field_heading(tab.columns_by, lang)
    title = message(
        "sum_title_cross", lang, rows=rows_heading.lower(), columns=columns_heading.lower()
    )
    table = _table(env, title if header else None, header)
    bold = "bold" if env.color else ""
    dim = "dim" if env.color else ""
    row_names = [name(tab.rows_by, row, lang, folded_rows) for row in tab.rows]
    column_names = [name(tab.columns_by, c, lang, folded_columns) for c in tab.columns]
    total_heading = message("sum_total", lang)
    label_width, widths = _crosstab_widths(
        env.width,
        [rows_heading, *row_names, total_heading],
        [*column_names, total_heading],
        [integer(tab.column_total(c), lang) for c in tab.columns] + [integer(tab.total, lang)],
    )
    table.add_column(rows_heading, overflow="fold", width=label_width)
    for heading_text, width in zip(column_names, widths, strict=False):
        table.add_column(heading_text, justify="right", overflow="fold", width=width)
    table.add_column(total_heading, justify="right", overflow="fold", style=bold, width=widths[-1])
    for row in tab.rows:
        cells = [
            Text(integer(n, lang)) if (n := tab.cell(row, c)) else Text("·", style=dim)
            for c in tab.columns
        ]
        table.add_row(
            Text(row_names[tab.rows.index(row)]),
            *cells,
            Text(integer(tab.row_total(row), lang)),
        )
    table.add_section()
    table.add_row(
        Text(message("sum_total", lang), style=bold),
        *(Text(integer(tab.column_total(c), lang), style=bold) for c in tab.columns),
        Text(integer(tab.total, lang), style=bold),
    )
    _print(env, table, notes)


def _crosstab_widths(
    width: int, labels: Sequence[str], headings: Sequence[str], totals: Sequence[str]
) -> tuple[int, list[int]]:
    """Widths that fit the terminal, so Rich never has to crop the Total column.

    A heading wraps between its words ("sister / city") while that fits; on a narrow
    terminal the number columns share what is left and long headings fold.
    """
    columns = len(headings) + 1
    # one cell of padding each side of each column (not the outer edges), one between
    # columns, and the two edges
    available = width - (3 * columns - 1)
    label = min(max((len(t) for t in labels), default=8), 24)
    numbers = [len(t) for t in totals]
    words = [
        max(n, max((len(w) for w in h.split()), default=1))
        for h, n in zip(headings, numbers, strict=True)
    ]
    if label + sum(words) <= available:
        return label, words
    label = max(8, min(label, available - sum(numbers)))
    share = max(1, (available - label) // len(headings))
    return label, [max(n, min(w, share)) for n, w in zip(numbers, words, strict=True)]


# --- sectors -------------------------------------------------------------------------------


def write_sectors(
    env: Environment,
    uses: Sequence[SectorUse],
    records: int,
    fmt: OutputFormat,
    header: bool = True,
) -> None:
    match fmt:
        case OutputFormat.TABLE:
            from rich.text import Text

            lang = env.lang
            table = _table(env, message("sectors_title", lang) if header else None, header)
            note = message("sectors_note", lang, sectors=len(uses), records=integer(records, lang))
            table.add_column(
                message("sectors_key", lang), no_wrap=True, style="cyan" if env.color else ""
            )
            table.add_column(message("sectors_label_id", lang), overflow="fold")
            table.add_column(message("sectors_label_en", lang), overflow="fold")
            table.add_column(message("sectors_aliases", lang), overflow="fold", ratio=1)
            table.add_column(message("sum_count", lang), justify="right", no_wrap=True)
            for use in uses:
                table.add_row(
                    Text(use.key),
                    Text(use.label_id),
                    Text(use.label_en),
                    Text(", ".join(use.aliases)),
                    Text(integer(use.count, lang)),
                )
            _print(env, table, [note])
        case OutputFormat.TSV | OutputFormat.CSV:
            rows = [
                [u.key, u.label_id, u.label_en, ",".join(u.aliases), str(u.count)] for u in uses
            ]
            _write_rows(env, fmt, ["key", "id", "en", "aliases", "count"], rows, not header)
        case OutputFormat.JSON:
            from .structured import write_json

            write_json(
                env.stdout,
                [
                    {
                        "key": u.key,
                        "id": u.label_id,
                        "en": u.label_en,
                        "aliases": list(u.aliases),
                        "count": u.count,
                    }
                    for u in uses
                ],
            )
        case OutputFormat.JSONL | OutputFormat.YAML | OutputFormat.IDS:
            _unsupported(fmt)
        case _:
            assert_never(fmt)


# --- figures -------------------------------------------------------------------------------


def source_text(dataset: RegisterView, figure: Figure) -> str:
    """Publisher and date: enough to find the source in ``show`` or the data file."""
    source = dataset.sources.get(figure.source)
    if source is None:
        return figure.source
    return f"{source.publisher}, {source.date}" if source.date else source.publisher


def register_text(check: FigureCheck, lang: Lang) -> str:
    if check.register is None:
        return "—"
    text = integer(check.register, lang)
    if check.undated:
        text += " " + message("figures_undated", lang, n=integer(check.undated, lang))
    return text


def figure_item(check: FigureCheck) -> dict[str, Any]:
    figure = check.figure
    return {
        "id": figure.id,
        "label_id": figure.label.id,
        "label_en": figure.label.en,
        "value": machine_value(figure.value),
        "year": figure.year,
        "source": figure.source,
        "register": check.register,
        "register_undated": check.undated,
    }


FIGURE_FIELDS: tuple[str, ...] = (
    "id",
    "label_id",
    "label_en",
    "value",
    "year",
    "source",
    "register",
    "register_undated",
)


def write_figures(
    env: Environment,
    dataset: RegisterView,
    checks: Sequence[FigureCheck],
    fmt: OutputFormat,
    header: bool = True,
) -> None:
    match fmt:
        case OutputFormat.TABLE:
            from rich.text import Text

            lang = env.lang
            table = _table(env, message("figures_title", lang) if header else None, header)
            table.add_column(message("figures_figure", lang), overflow="fold", ratio=3)
            table.add_column(message("figures_value", lang), justify="right", no_wrap=True)
            table.add_column(message("figures_year", lang), no_wrap=True)
            table.add_column(message("figures_source", lang), overflow="fold", ratio=1)
            table.add_column(message("figures_register", lang), justify="right", no_wrap=True)
            for check in checks:
                figure = check.figure
                table.add_row(
                    Text(figure.label.get(lang)),
                    Text(number(figure.value, lang)),
                    Text(str(figure.year)),
                    Text(source_text(dataset, figure)),
                    Text(register_text(check, lang)),
                )
            _print(env, table, [message("figures_note", lang)])
        case OutputFormat.TSV | OutputFormat.CSV:
            rows = [
                ["" if (v := figure_item(c)[f]) is None else str(v) for f in FIGURE_FIELDS]
                for c in checks
            ]
            _write_rows(env, fmt, list(FIGURE_FIELDS), rows, not header)
        case OutputFormat.JSON:
            from .structured import write_json

            write_json(env.stdout, [figure_item(c) for c in checks])
        case OutputFormat.JSONL | OutputFormat.YAML | OutputFormat.IDS:
            _unsupported(fmt)
        case _:
            assert_never(fmt)
