"""JSON, JSON Lines and YAML: UTF-8 (not ASCII-escaped), dates exactly as the data writes them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO


def write_json(out: TextIO, items: Sequence[Any] | dict[str, Any]) -> None:
    out.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")


def write_jsonl(out: TextIO, items: Sequence[Any]) -> None:
    for item in items:
        out.write(json.dumps(item, ensure_ascii=False) + "\n")


def write_yaml(out: TextIO, items: Sequence[Any] | dict[str, Any]) -> None:
    import yaml

    if not items:
        out.write("[]\n")
        return
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    yaml.dump(items, out, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
