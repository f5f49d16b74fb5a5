"""Reading a register file as a stream of validated parts, in bounded memory.

``loading.parse_and_validate`` composes PyYAML's whole node tree and validates the whole
``Dataset`` at once: at 100,000 records that is gigabytes. :func:`iter_register` reads the
file's YAML *events* instead (libyaml's parser over the open file), builds one record at a
time, validates it with the same pydantic schema and hands it on, keeping nothing per
record but its id (for uniqueness) and the sector and source keys it names that are not
defined yet (``sectors`` and ``sources`` may come after ``partnerships``).

The result is exactly that of ``parse_and_validate``: the same scalar resolution as
``yamlsafe.StrictLoader``, the same models, the same cross-checks. Anything this reader
does not build exactly as the StrictLoader would (anchors, aliases, merge keys, tags,
non-string keys, duplicate keys, several documents, a reader error) and every problem
(invalid YAML, a failed validation, a dangling reference) sends it back to the full path:
``parse_and_validate`` on the whole text, which raises ``DatasetError`` with today's
located messages, or, for a valid file, returns the dataset whose remaining parts are
then yielded. Records are yielded before the final checks, so a consumer that stores
them must discard what it stored when the iterator raises.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeAlias

from .i18n import Lang
from .loading import decode_text, parse_and_validate, read_text, vocabulary_problems
from .models import Dataset, DatasetInfo, Figure, Partnership, Sector, Source

if TYPE_CHECKING:  # imported where used, as in ``loading``
    from pydantic import TypeAdapter

__all__ = [
    "HEADER_NAMES",
    "Header",
    "HeaderValue",
    "Part",
    "Record",
    "dataset_parts",
    "iter_register",
]

#: What a header part holds: ``schema_version`` (int), ``dataset``, ``sectors``,
#: ``sources`` or ``figures``, each exactly as the field of ``Dataset`` of that name.
HeaderValue: TypeAlias = (
    int | DatasetInfo | dict[str, Sector] | dict[str, Source] | tuple[Figure, ...]
)

#: The top-level keys other than ``partnerships``, in the order of ``Dataset``'s fields.
HEADER_NAMES: tuple[str, ...] = ("schema_version", "dataset", "sectors", "sources", "figures")
#: The keys a valid file must have (``figures`` defaults to an empty tuple).
REQUIRED_NAMES = frozenset({"schema_version", "dataset", "sectors", "sources", "partnerships"})
#: Every top-level key, in the order of ``Dataset``'s fields.
TOP_LEVEL_NAMES: tuple[str, ...] = (*HEADER_NAMES[:4], "partnerships", "figures")


@dataclass(frozen=True, slots=True)
class Header:
    """One top-level key of the file other than ``partnerships``, validated."""

    name: str
    value: HeaderValue


@dataclass(frozen=True, slots=True)
class Record:
    """One entry of ``partnerships``, validated."""

    partnership: Partnership


Part: TypeAlias = Header | Record


def iter_register(path: Path, lang: Lang = Lang.EN, raw: bytes | None = None) -> Iterator[Part]:
    """The parts of a register file, validated, in file order.

    One :class:`Header` for each top-level key the file writes other than ``partnerships``
    (a file without ``figures`` yields no ``figures`` header: its value is ``()``), and one
    :class:`Record` for each partnership, as soon as it is validated. The iterator ends
    without an exception only if the whole file is valid by exactly the rules of
    ``loading.parse_and_validate``; otherwise it raises the same ``DatasetError``.

    Cyclic garbage collection is paused until the iterator is exhausted or closed (the
    consumer's own work between parts included), as ``cache`` pauses it while loading.

    ``raw``: the file's bytes, already read (standard input), read instead of ``path``.
    The file itself is opened as ``datafile.open_data`` allows (a regular file, within the
    size limit), and read no further than the limit.
    """
    progress = _Progress(raw=raw)
    with _gc_paused():
        try:
            yield from _stream(path, lang, progress)
            return
        except _FallbackError:
            pass
        yield from _fallback(path, lang, progress)


def dataset_parts(dataset: Dataset, order: tuple[str, ...] = TOP_LEVEL_NAMES) -> Iterator[Part]:
    """The parts of a validated dataset, top-level keys in ``order`` (the file's order)."""
    for name in order:
        if name == "partnerships":
            for record in dataset.partnerships:
                yield Record(record)
        else:
            yield Header(name, getattr(dataset, name))


# --- the full path --------------------------------------------------------------------


class _FallbackError(Exception):
    """Something the stream does not handle exactly as the StrictLoader: use the full path."""


@dataclass
class _Progress:
    """What the stream has already handed on, so that the full path yields only the rest."""

    headers: set[str] = field(default_factory=set)
    records: int = 0
    raw: bytes | None = None  # the bytes to read instead of the file (standard input)


def _fallback(path: Path, lang: Lang, progress: _Progress) -> Iterator[Part]:
    if progress.raw is not None:
        text = decode_text(path, progress.raw, lang)
    else:
        text = read_text(path, lang)
    dataset = parse_and_validate(path, text, lang)  # raises DatasetError, located, if invalid
    order = _top_level_order(text)
    del text
    for part in dataset_parts(dataset, order):
        if isinstance(part, Record):
            if progress.records:
                progress.records -= 1
                continue
        elif part.name in progress.headers:
            continue
        yield part


def _top_level_order(text: str) -> tuple[str, ...]:
    """The top-level keys of a valid file in the order written, from its events.

    Only for a valid file that the stream could not read (it uses anchors, say). When the
    keys cannot be told from the events alone (an alias or merge key), every field in
    ``Dataset``'s order.
    """
    import yaml

    from . import yamlsafe

    found: list[str] = []
    depth = 0
    at_key = False
    for event in yaml.parse(text, Loader=yamlsafe.StrictLoader):
        if depth == 1 and at_key:
            if isinstance(event, yaml.CollectionEndEvent):
                break
            if not isinstance(event, yaml.ScalarEvent) or event.value not in TOP_LEVEL_NAMES:
                return TOP_LEVEL_NAMES
            found.append(event.value)
            at_key = False
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            at_key = depth == 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            at_key = depth == 1
        elif depth == 1:  # a scalar or alias value of a top-level key
            at_key = True
    return tuple(found)


# --- the stream -----------------------------------------------------------------------


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while reading: the objects made form no cycles, and
    each collection the allocations trigger would walk the heap for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Adapters:
    """The pydantic validators, built once: one per record, one per header field."""

    def __init__(self) -> None:
        from typing import get_type_hints

        from pydantic import TypeAdapter

        hints = get_type_hints(Dataset, include_extras=True)
        with _plugins_disabled():
            self.record: TypeAdapter[Partnership] = TypeAdapter(Partnership)
            self.headers: dict[str, TypeAdapter[Any]] = {
                name: TypeAdapter(hints[name]) for name in HEADER_NAMES
            }


@cache
def _adapters() -> _Adapters:
    return _Adapters()


@contextmanager
def _plugins_disabled() -> Iterator[None]:
    """As ``loading._dataset_adapter``: looking for pydantic plugins scans every installed
    distribution's entry points."""
    previous = os.environ.get("PYDANTIC_DISABLE_PLUGINS")
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "1"
    try:
        yield
    finally:
        if previous is None:
            del os.environ["PYDANTIC_DISABLE_PLUGINS"]
        else:
            os.environ["PYDANTIC_DISABLE_PLUGINS"] = previous


def _open_parser(fh: IO[str]) -> Any:
    """libyaml's event parser when PyYAML has it (as ``yamlsafe`` uses), else PyYAML's own."""
    import yaml

    if hasattr(yaml, "CSafeLoader"):
        from yaml._yaml import CParser

        return CParser(fh)
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _PyParser(Reader, Scanner, Parser):
        def __init__(self, stream: IO[str]) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

    return _PyParser(fh)


@cache
def _scalar_resolution() -> tuple[frozenset[str], Callable[[str], Any]]:
    """The StrictLoader's implicit resolution of a plain scalar, as a function.

    Returns the first characters that need a look (a plain scalar starting with any other
    is a string, as is every quoted one) and the function for those. Tags other than str,
    int, float, bool and null are not built here: they raise ``_FallbackError``; ``<<`` is
    the text ``<<`` (as a key, a merge key, which ``key_of`` sends to the full path).
    """
    import yaml

    from . import yamlsafe

    table = yamlsafe.StrictLoader.yaml_implicit_resolvers
    constructors = yamlsafe.StrictLoader.yaml_constructors
    constructor = yaml.constructor.SafeConstructor()
    built = frozenset(
        f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "merge")
    )  # a merge key is refused by ``key_of``; ``<<`` as a value is text
    node = yaml.ScalarNode

    def resolve(value: str) -> Any:
        tag = next(
            (
                tag
                for tag, regexp in table.get(value[0] if value else "", ())
                if regexp.match(value)
            ),
            None,
        )
        if tag is None:
            return value
        if tag not in built:
            raise _FallbackError(tag)
        return constructors[tag](constructor, node(tag, value))

    return frozenset(first for first in table if first is not None), resolve


def _stream(path: Path, lang: Lang, progress: _Progress) -> Iterator[Part]:
    """The parts, or ``_FallbackError`` as soon as anything is not plainly right.

    The file is read as text, strictly UTF-8 and without newline translation: the
    parser then sees exactly the characters that ``loading.read_text`` would give it
    (a file that is not UTF-8 is the full path's to report), a chunk at a time.
    """
    import io

    from .datafile import Limited, open_data

    adapters = _adapters()
    from .datafile import is_stdin

    if progress.raw is None and is_stdin(path):
        raise _FallbackError("standard input, not read yet")  # never a file named "-"
    if progress.raw is not None:
        fh: IO[str] = io.TextIOWrapper(io.BytesIO(progress.raw), encoding="utf-8", newline="")
    else:
        try:
            binary, limit = open_data(path, lang)  # a regular file, not over the limit
        except Exception:
            raise _FallbackError("cannot open") from None
        fh = io.TextIOWrapper(
            io.BufferedReader(Limited(binary, limit, path, lang)), encoding="utf-8", newline=""
        )
    try:
        yield from _parts(_open_parser(fh), adapters, lang, progress)
    except _FallbackError:
        raise
    except Exception as exc:
        # A syntax error, a reader error, text that is not UTF-8, a failed validation, a
        # rule broken: the full path says where, in today's words.
        raise _FallbackError(f"{type(exc).__name__}: {exc}") from None
    finally:
        fh.close()


def _parts(parser: Any, adapters: _Adapters, lang: Lang, progress: _Progress) -> Iterator[Part]:
    from yaml.events import (
        AliasEvent,
        DocumentEndEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
        StreamStartEvent,
    )

    from . import yamlsafe

    if None in yamlsafe.StrictLoader.yaml_implicit_resolvers:
        raise _FallbackError("a resolver for every first character")  # PyYAML defines none
    get = parser.get_event
    special, resolve = _scalar_resolution()

    def key_of(event: Any) -> str:
        """A mapping key: an untagged, unanchored scalar that resolves to a string."""
        if type(event) is not ScalarEvent or event.anchor is not None or event.tag is not None:
            raise _FallbackError("not a plain key")
        key: str = event.value
        if key == "<<" and event.implicit[0]:
            raise _FallbackError("a merge key")
        if event.implicit[0] and (not key or key[0] in special) and type(resolve(key)) is not str:
            raise _FallbackError("a key that is not a string")
        return key

    def build(event: Any) -> Any:
        """The Python value of the node that starts with ``event``, as the StrictLoader's."""
        kind = type(event)
        if kind is AliasEvent or event.anchor is not None or event.tag is not None:
            raise _FallbackError("alias, anchor or tag")
        if kind is ScalarEvent:
            value = event.value
            if event.implicit[0] and (not value or value[0] in special):
                return resolve(value)
            return value
        if kind is MappingStartEvent:
            mapping: dict[str, Any] = {}
            while True:
                event = get()
                if type(event) is MappingEndEvent:
                    return mapping
                key = key_of(event)
                if key in mapping:
                    raise _FallbackError("duplicate key")
                event = get()
                # A plain or quoted scalar without anchor or tag, inline (most values are).
                if type(event) is ScalarEvent and event.anchor is None and event.tag is None:
                    value = event.value
                    if event.implicit[0] and (not value or value[0] in special):
                        value = resolve(value)
                    mapping[key] = value
                else:
                    mapping[key] = build(event)
        if kind is SequenceStartEvent:
            items: list[Any] = []
            append = items.append
            while True:
                event = get()
                kind = type(event)
                if kind is SequenceEndEvent:
                    return items
                if kind is ScalarEvent and event.anchor is None and event.tag is None:
                    value = event.value
                    if event.implicit[0] and (not value or value[0] in special):
                        value = resolve(value)
                    append(value)
                else:
                    append(build(event))
        raise _FallbackError("unexpected event")

    if type(get()) is not StreamStartEvent or type(get()) is not DocumentStartEvent:
        raise _FallbackError("no document")
    event = get()
    if type(event) is not MappingStartEvent or event.anchor is not None or event.tag is not None:
        raise _FallbackError("not a mapping")

    checks = _Checks()
    seen: set[str] = set()
    while True:
        event = get()
        if type(event) is MappingEndEvent:
            break
        name = key_of(event)
        if name in seen:
            raise _FallbackError("duplicate key")
        seen.add(name)
        if name == "partnerships":
            event = get()
            if (
                type(event) is not SequenceStartEvent
                or event.anchor is not None
                or event.tag is not None
            ):
                raise _FallbackError("partnerships is not a sequence")
            validate = adapters.record.validate_python
            check = checks.record
            while True:
                event = get()
                if type(event) is SequenceEndEvent:
                    break
                record = validate(build(event))
                check(record)
                progress.records += 1
                yield Record(record)
        elif name in adapters.headers:
            value = adapters.headers[name].validate_python(build(get()))
            checks.header(name, value)
            progress.headers.add(name)
            yield Header(name, value)
        else:
            raise _FallbackError("unknown field")
    if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
        raise _FallbackError("more than one document")
    if not seen >= REQUIRED_NAMES:
        raise _FallbackError("a required field is missing")
    checks.finish(lang)


class _Checks:
    """The cross-checks of ``loading.reference_problems`` and ``vocabulary_problems``,
    done as the parts come: what cannot be checked yet is kept until the end."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.sectors: dict[str, Sector] | None = None
        self.sources: dict[str, Source] | None = None
        self.pending_sectors: set[str] = set()
        self.pending_sources: set[str] = set()
        self.values: dict[str, Any] = {}

    def record(self, record: Partnership) -> None:
        ids = self.ids
        if record.id in ids:
            raise _FallbackError("duplicate id")
        ids.add(record.id)
        for keys, defined, pending in (
            (record.sectors, self.sectors, self.pending_sectors),
            (record.sources, self.sources, self.pending_sources),
        ):
            if len(set(keys)) != len(keys):
                raise _FallbackError("listed twice")
            if defined is None:
                pending.update(keys)
            else:
                for key in keys:
                    if key not in defined:
                        raise _FallbackError("undefined key")

    def header(self, name: str, value: Any) -> None:
        self.values[name] = value
        if name == "sectors":
            self.sectors = value
        elif name == "sources":
            self.sources = value

    def finish(self, lang: Lang) -> None:
        sectors = self.sectors or {}
        sources = self.sources or {}
        if not self.pending_sectors <= sectors.keys() or not self.pending_sources <= sources.keys():
            raise _FallbackError("undefined key")
        figures: tuple[Figure, ...] = self.values.get("figures", ())
        if len({f.id for f in figures}) != len(figures):
            raise _FallbackError("duplicate figure id")
        if any(f.source not in sources for f in figures):
            raise _FallbackError("undefined figure source")
        # Sector terms and figure comparisons need the sectors and figures only.
        header_only = Dataset(
            schema_version=self.values["schema_version"],
            dataset=self.values["dataset"],
            sectors=sectors,
            sources=sources,
            partnerships=(),
            figures=figures,
        )
        if next(iter(vocabulary_problems(header_only, lang)), None) is not None:
            raise _FallbackError("vocabulary problem")
