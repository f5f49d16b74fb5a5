"""Output formats, one small module each, chosen from one enum (as pip-audit's ``_format/``).

Every writer takes the same three things (``interface.py``): a ``Report``, the stream to
write to, and ``WriteOptions``. ``writer_for`` maps each ``OutputFormat`` to its writer with an
exhaustive ``match``, so mypy names a format that has none; a new format is one new
module and one new case. Writers are imported only when chosen: Rich for a table,
PyYAML for yaml, neither for a script's tsv.

Machine formats (tsv, csv, json, jsonl, yaml, ids) carry no colour and no decoration;
only ``table`` is for people, and it is the default on a terminal only.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, assert_never

from .interface import WriteOptions, Writer

if TYPE_CHECKING:
    from ..environment import Environment
    from ..report import Report

__all__ = ["OutputFormat", "WriteOptions", "Writer", "default_format", "write", "writer_for"]


class OutputFormat(StrEnum):
    TABLE = "table"
    TSV = "tsv"
    CSV = "csv"
    JSON = "json"
    JSONL = "jsonl"
    YAML = "yaml"
    IDS = "ids"

    @property
    def tabular(self) -> bool:
        return self in (OutputFormat.TABLE, OutputFormat.TSV, OutputFormat.CSV)

    @property
    def for_people(self) -> bool:
        """Labels in the reader's language, notes and colour, rather than keys for a script."""
        return self is OutputFormat.TABLE


def default_format(env: Environment) -> OutputFormat:
    """A table for a person at a terminal; TSV with a header for a pipe."""
    return OutputFormat.TABLE if env.stdout_is_tty else OutputFormat.TSV


def writer_for(fmt: OutputFormat) -> Writer:
    """The writer of ``fmt``: one case per format, checked exhaustive by mypy."""
    match fmt:
        case OutputFormat.TABLE:
            from .table import write_table

            return write_table
        case OutputFormat.TSV:
            from .tsv import write_tsv

            return write_tsv
        case OutputFormat.CSV:
            from .csv import write_csv

            return write_csv
        case OutputFormat.JSON:
            from .json import write_json

            return write_json
        case OutputFormat.JSONL:
            from .jsonl import write_jsonl

            return write_jsonl
        case OutputFormat.YAML:
            from .yaml import write_yaml

            return write_yaml
        case OutputFormat.IDS:
            from .ids import write_ids

            return write_ids
        case _:
            assert_never(fmt)


def write(report: Report, env: Environment, fmt: OutputFormat, header: bool = True) -> None:
    """Write ``report`` to ``env``'s stdout in ``fmt``: the one call a command makes."""
    writer_for(fmt)(report, env.stdout, WriteOptions.for_env(env, header))
