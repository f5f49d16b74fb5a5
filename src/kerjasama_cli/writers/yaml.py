"""YAML: the report's items as a list, keys in their order, text as UTF-8.

Dates stay the strings the data writes (``"2024-05"``), never YAML dates. An empty
result is ``[]``, so the output is always a list."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..report import Report
    from .interface import WriteOptions


def write_yaml(report: Report, out: TextIO, options: WriteOptions) -> None:
    import yaml

    items = list(report.structured)
    if not items:
        out.write("[]\n")
        return
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    yaml.dump(items, out, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
