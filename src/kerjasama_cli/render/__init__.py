"""Rendering the records (``OutputFormat`` now lives in ``writers/``, re-exported here)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, assert_never

from ..writers import OutputFormat, default_format

if TYPE_CHECKING:
    from ..environment import Environment
    from ..models import Dataset, Partnership

__all__ = ["OutputFormat", "default_format", "render_partnerships"]


def render_partnerships(
    env: Environment,
    dataset: Dataset,
    records: Sequence[Partnership],
    fmt: OutputFormat,
    columns: Sequence[str] | None = None,
    header: bool = True,
    caption: str | None = None,
) -> None:
    from ..models import partnership_to_dict
    from .columns import DEFAULT_MACHINE_COLUMNS, DEFAULT_TABLE_COLUMNS, MACHINE

    match fmt:
        case OutputFormat.TABLE:
            from ..i18n import message
            from .table import write_table

            write_table(
                env,
                records,
                columns or DEFAULT_TABLE_COLUMNS,
                dataset.sectors,
                title=message("title_list", env.lang) if header else None,
                caption=caption,
                show_header=header,
            )
        case OutputFormat.TSV | OutputFormat.CSV:
            from .delimited import write_csv, write_tsv

            cols = columns or DEFAULT_MACHINE_COLUMNS
            rows = [[MACHINE[c](r) for c in cols] for r in records]
            write = write_tsv if fmt is OutputFormat.TSV else write_csv
            write(env.stdout, list(cols) if header else None, rows)
        case OutputFormat.JSON:
            from .structured import write_json

            write_json(env.stdout, [partnership_to_dict(r) for r in records])
        case OutputFormat.JSONL:
            from .structured import write_jsonl

            write_jsonl(env.stdout, [partnership_to_dict(r) for r in records])
        case OutputFormat.YAML:
            from .structured import write_yaml

            write_yaml(env.stdout, [partnership_to_dict(r) for r in records])
        case OutputFormat.IDS:
            env.stdout.write("".join(f"{r.id}\n" for r in records))
        case _:
            assert_never(fmt)
