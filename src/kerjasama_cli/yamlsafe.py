"""A strict, safe YAML reader: no object-making tags, no duplicate keys, no YAML 1.1 surprises.

PyYAML follows YAML 1.1: ``NO`` and ``off`` become ``False`` and ``2024-05-01`` becomes a
``date``. The register only needs strings, integers and floats, so this loader keeps
``true``/``false`` as the only booleans and leaves dates as the strings they were
written as; the models then reject anything of the wrong type with its line.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from typing import Any

import yaml

try:
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # libyaml missing: the pure-Python parser is slower but the same
    _Base = yaml.SafeLoader

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
#: Decimal integers only: YAML 1.1 would read ``012`` as octal 10 and ``1:20`` as 80.
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")


def _strict_resolvers() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}
    for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items():
        kept = [
            (tag, regexp)
            for tag, regexp in entries
            if tag
            not in (
                "tag:yaml.org,2002:bool",
                "tag:yaml.org,2002:timestamp",
                "tag:yaml.org,2002:int",
            )
        ]
        if first and first in "tTfF":
            kept.append(("tag:yaml.org,2002:bool", _BOOL))
        if first and first in "-+0123456789":
            kept.append(("tag:yaml.org,2002:int", _INT))
        if kept:
            resolvers[first] = kept
    return resolvers


class DuplicateKey:
    """Where a key was written a second time in one mapping."""

    def __init__(self, key: str, line: int, column: int, first_line: int) -> None:
        self.key, self.line, self.column, self.first_line = key, line, column, first_line


class StrictLoader(_Base):  # type: ignore[valid-type,misc]
    """Safe loader that records duplicate mapping keys instead of keeping the last one silently."""

    yaml_implicit_resolvers = _strict_resolvers()

    def __init__(self, stream: str | bytes) -> None:
        super().__init__(stream)
        self.duplicates: list[DuplicateKey] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        mapping: dict[Hashable, Any] = super().construct_mapping(node, deep=deep)
        if len(mapping) != len(node.value):
            seen: dict[object, int] = {}
            for key_node, _ in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
                if key in seen:
                    mark = key_node.start_mark
                    self.duplicates.append(
                        DuplicateKey(str(key), mark.line + 1, mark.column + 1, seen[key])
                    )
                else:
                    seen[key] = key_node.start_mark.line + 1
        return mapping


StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_yaml_map)


def load(text: str) -> tuple[Any, list[DuplicateKey]]:
    """Parse one YAML document; raises ``yaml.YAMLError`` (with a mark) on a syntax error or tag."""
    loader = StrictLoader(text)
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    return data, loader.duplicates


def compose(text: str) -> yaml.Node | None:
    """The node tree, for finding the line and column of a value after validation failed."""
    loader = StrictLoader(text)
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    finally:
        loader.dispose()
