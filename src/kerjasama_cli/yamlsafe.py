"""A strict, safe YAML reader: no object-making tags, no duplicate keys, no YAML 1.1 surprises.

PyYAML follows YAML 1.1: ``NO`` and ``off`` become ``False`` and ``2024-05-01`` becomes a
``date``. The register only needs strings, integers and floats, so this loader keeps
``true``/``false`` as the only booleans and leaves dates as the strings they were
written as; the models then reject anything of the wrong type with its line.

Numbers are decimal: ``012`` is not octal, ``0x1F`` not hexadecimal, ``1:20.5`` not the
sexagesimal 80.5 and ``1_000.5`` not 1000.5 (each stays the text written, which the
models then refuse where a number is expected). ``.inf`` and ``.nan`` are read as floats
so that the models can say they are not finite. An integer of more than
``MAX_INT_DIGITS`` digits is never converted (Python refuses beyond 4,300 digits, and
no bound of the schema comes near): it is kept as an :class:`Oversized` that every
field refuses as out of range.

Tags: only ``!!str``, ``!!int``, ``!!float``, ``!!bool``, ``!!null``, ``!!map`` and
``!!seq``, the types the schema is made of, written explicitly or not; an explicit
``!!int`` or ``!!float`` follows the same decimal rules. Every other tag (``!!binary``,
which hides text from a reviewer, ``!!set``, ``!!omap``, ``!!timestamp``, ``!!python/...``,
any local tag) is an error at the tag. Merge keys (``<<:``) are refused, at the key:
what a merged mapping holds cannot be read from the file itself. Aliases are allowed,
but a document may not grow through them beyond ``ALIAS_FACTOR`` times its written nodes
(plus ``ALIAS_ALLOWANCE``): see :func:`check_expansion`.
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

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)\Z")
#: Decimal integers only: YAML 1.1 would read ``012`` as octal 10, ``1:20`` as 80 and
#: ``1_000`` as 1000.
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\Z")
#: Decimal floats (an exponent's sign optional, as in YAML 1.2), and the infinities and
#: not-a-number that the models refuse by name; no ``_`` and no sexagesimal ``1:20.5``.
_FLOAT = re.compile(
    r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
)
#: Longer integers are not converted (see the module's docstring).
MAX_INT_DIGITS = 50

_YAML = "tag:yaml.org,2002:"
#: The only tags the schema is made of.
ALLOWED_TAGS = frozenset(
    _YAML + name for name in ("str", "int", "float", "bool", "null", "map", "seq")
)


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
                "tag:yaml.org,2002:float",
                "tag:yaml.org,2002:value",  # ``=``: a string, not a constructor error
            )
        ]
        if first and first in "tTfF":
            kept.append(("tag:yaml.org,2002:bool", _BOOL))
        if first and first in "-+0123456789.":
            kept.append(("tag:yaml.org,2002:float", _FLOAT))
        if first and first in "-+0123456789":
            kept.append(("tag:yaml.org,2002:int", _INT))
        if kept:
            resolvers[first] = kept
    return resolvers


class Oversized:
    """An integer written with more than ``MAX_INT_DIGITS`` digits: kept as its text, never
    converted, and refused by every field (out of range, or not the type expected)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        digits = len(self.text.lstrip("+-"))
        return f"{self.text[:12]}… ({digits} digits)"


class Refused(yaml.constructor.ConstructorError):
    """A scalar or key this loader refuses, with a message key of ``i18n`` and its values;
    located at ``problem_mark`` like any YAML error."""

    def __init__(self, key: str, mark: yaml.Mark, **values: object) -> None:
        super().__init__(None, None, key, mark)
        self.key = key
        self.values = values


def _construct_int(loader: Any, node: yaml.ScalarNode) -> int | Oversized:
    value = str(loader.construct_scalar(node))
    if not _INT.match(value):
        raise Refused("data.not_decimal", node.start_mark, value=value)
    if len(value.lstrip("+-")) > MAX_INT_DIGITS:
        return Oversized(value)
    return int(value)


def _construct_float(loader: Any, node: yaml.ScalarNode) -> float | int | Oversized:
    value = str(loader.construct_scalar(node))
    if _INT.match(value):  # ``!!float 12``
        return float(value) if len(value.lstrip("+-")) <= MAX_INT_DIGITS else Oversized(value)
    if not _FLOAT.match(value):
        raise Refused("data.not_decimal", node.start_mark, value=value)
    lowered = value.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(value)


def _construct_bool(loader: Any, node: yaml.ScalarNode) -> bool:
    value = str(loader.construct_scalar(node))
    if not _BOOL.match(value):  # ``!!bool yes``: YAML 1.1's words are not booleans here
        raise Refused("data.not_bool", node.start_mark, value=value)
    return value.lower() == "true"


def _construct_merge_as_text(loader: Any, node: yaml.ScalarNode) -> str:
    """``<<`` where a value is written is just the text ``<<`` (a merge key is refused);
    an explicit ``!!merge`` tag is a tag the schema does not use."""
    value = str(loader.construct_scalar(node))
    if value != "<<":
        raise Refused("data.tag_not_allowed", node.start_mark, tag="!!merge")
    return value


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

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        """Merge keys are refused, not merged."""
        for key_node, _ in node.value:
            if key_node.tag == _YAML + "merge":
                raise Refused("data.merge_key", key_node.start_mark)

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


StrictLoader.yaml_constructors = {
    _YAML + "str": yaml.SafeLoader.construct_yaml_str,
    _YAML + "int": _construct_int,
    _YAML + "float": _construct_float,
    _YAML + "bool": _construct_bool,
    _YAML + "null": yaml.SafeLoader.construct_yaml_null,
    _YAML + "map": StrictLoader.construct_yaml_map,
    _YAML + "seq": yaml.SafeLoader.construct_yaml_seq,
    _YAML + "merge": _construct_merge_as_text,
    None: yaml.SafeLoader.construct_undefined,
}
StrictLoader.yaml_multi_constructors = {}


def load(text: str) -> tuple[Any, list[DuplicateKey]]:
    """Parse one YAML document; raises ``yaml.YAMLError`` (with a mark) on a syntax error or tag."""
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None and _may_alias(text):
            check_expansion(node)
        data = None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()
    return data, loader.duplicates


#: Aliases may make a document at most this many times larger (in nodes) than it is
#: written, plus ``ALIAS_ALLOWANCE`` nodes: a few shared lists are fine, while a
#: "billion laughs" (aliases of aliases) would have validation walk millions of copies.
ALIAS_FACTOR = 4
ALIAS_ALLOWANCE = 10_000


def _may_alias(text: str) -> bool:
    """Whether the text can hold an alias at all (skips the check for most files)."""
    return "*" in text and "&" in text


def check_expansion(root: yaml.Node) -> None:
    """Raise ``Refused`` when aliases expand the document beyond the bound above, at the
    shared node that weighs most (where its anchor is written)."""
    sizes: dict[int, int] = {}
    uses: dict[int, int] = {}
    nodes: dict[int, yaml.Node] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            sizes[key] = 1 + sum(sizes.get(id(child), 1) for child in _children(node))
            continue
        uses[key] = uses.get(key, 0) + 1
        if key in nodes:  # shared (an alias), or a cycle: counted once more, not walked
            continue
        nodes[key] = node
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))
    expanded, written = sizes[id(root)], len(nodes)
    if expanded > ALIAS_FACTOR * written + ALIAS_ALLOWANCE:
        shared = [k for k, n in uses.items() if n > 1]
        worst = max(shared, key=lambda k: sizes.get(k, 1) * uses[k], default=id(root))
        raise Refused(
            "data.alias_expansion", nodes[worst].start_mark, expanded=expanded, written=written
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def compose(text: str) -> yaml.Node | None:
    """The node tree, for finding the line and column of a value after validation failed."""
    loader = StrictLoader(text)
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    finally:
        loader.dispose()
