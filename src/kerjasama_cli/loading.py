"""Finding, reading and validating the dataset, with every problem located by line and column.

The fast path parses and validates once. Only when something is wrong is the file
composed a second time into nodes, to point each problem at the line that caused it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .datafile import DATA_ENV, bundled_data_path, resolve_data_path
from .errors import DatasetError, Problem, RuleError, UsageError
from .i18n import Lang, message, normalize

if TYPE_CHECKING:  # imported where used: a query answered from the store never parses YAML
    import yaml
    from pydantic import TypeAdapter

    from .models import Dataset, RegisterView

__all__ = ["DATA_ENV", "bundled_data_path", "load_dataset", "resolve_data_path", "validate_file"]

Loc = tuple[str | int, ...]


def read_text(path: Path, lang: Lang = Lang.EN) -> str:
    return decode_text(path, read_bytes(path, lang), lang)


def read_bytes(path: Path, lang: Lang = Lang.EN) -> bytes:
    """A regular file's bytes (or standard input's, for ``-``), within the size limit
    (``datafile.read_data``); ``DatasetError`` otherwise."""
    from .datafile import read_data

    return read_data(path, lang)


def decode_text(path: Path, raw: bytes, lang: Lang = Lang.EN) -> str:
    """The file's text, decoded strictly as UTF-8, with the position of a byte that is not."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problem = Problem(str(path), line, column, message("data.not_utf8", lang))
        raise DatasetError(str(path), [problem]) from None


def load_dataset(path: str | os.PathLike[str] | None = None, lang: Lang = Lang.EN) -> Dataset:
    """Read and validate a dataset file (default: ``$KERJASAMA_DATA`` or the bundled one).

    Returns a :class:`kerjasama_cli.models.Dataset`; raises :class:`DatasetError`
    listing every problem (described in ``lang``) when the file cannot be read or is invalid.
    Only a regular file no larger than ``$KERJASAMA_MAX_BYTES`` (256 MiB) is read; ``"-"``
    reads standard input.
    Answered from the compiled store when the file has not changed since it was compiled.
    """
    from .store import Register
    from .store.files import cache_folder

    cache = None if os.environ.get("KERJASAMA_NO_CACHE") else cache_folder(os.environ)
    register = Register.open(resolve_data_path(path), lang, cache)
    try:
        return register.to_dataset()
    finally:
        register.close()


def iter_parts(
    path: Path, lang: Lang = Lang.EN, raw: bytes | None = None
) -> Iterator[tuple[str, Any]]:
    """The validated parts of a register file, as ``(name, value)``: each top-level key, and
    ``("partnership", record)`` for each record, read as a stream (bounded memory).

    Raises ``DatasetError`` listing every problem when the file is invalid. ``raw``: the
    file's bytes, already read (standard input), instead of reading ``path``.
    """
    from .stream import Record, iter_register

    for part in iter_register(path, lang, raw):
        if isinstance(part, Record):
            yield "partnership", part.partnership
        else:
            yield part.name, part.value


def parse_and_validate(path: Path, text: str, lang: Lang = Lang.EN) -> Dataset:
    """Parse ``text`` (the contents of ``path``) into a validated ``Dataset`` or raise."""
    import yaml
    from pydantic import ValidationError

    from . import yamlsafe

    name = str(path)
    try:
        data, duplicates = yamlsafe.load(text)
    except yaml.YAMLError as exc:
        raise DatasetError(name, [_syntax_problem(name, exc, lang, text)]) from None
    problems = [
        Problem(
            name,
            d.line,
            d.column,
            message("data.duplicate_key", lang, key=d.key, line=d.first_line),
        )
        for d in duplicates
    ]
    located: list[tuple[Loc, str]] = []
    dataset = None
    try:
        dataset = _dataset_adapter().validate_python(data)
    except ValidationError as exc:
        # One problem per node: each member of a union (an int-or-float number) fails at the
        # same place; the last member's message ("a valid number") describes the field best.
        by_node: dict[Loc, str] = {}
        for err in exc.errors(include_url=False):
            loc = _data_loc(tuple(err["loc"]))
            if err["type"] in _UNKNOWN_FIELD or err["type"] == "invalid_key":
                loc += ("[key]",)
            by_node[loc] = _describe(err, loc, lang)
        located += by_node.items()
    located += [(loc, f"{_dotted(loc)}: {msg}") for loc, msg in reference_problems(data, lang)]
    if dataset is not None and not located:
        located += [
            (loc, f"{_dotted(loc)}: {msg}") for loc, msg in vocabulary_problems(dataset, lang)
        ]
    if located:
        problems += _locate(name, text, located)
    if problems or dataset is None:
        raise DatasetError(name, sorted(problems))
    return dataset


@cache
def _dataset_adapter() -> TypeAdapter[Dataset]:
    """Built once: building a TypeAdapter costs far more than using it.

    Without pydantic plugins (as Typer builds its own adapters): looking for them scans
    every installed distribution's entry points, a sixth of a cold start.
    """
    from pydantic import TypeAdapter

    from .models import Dataset

    previous = os.environ.get("PYDANTIC_DISABLE_PLUGINS")
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "1"
    try:
        return TypeAdapter(Dataset)
    finally:
        if previous is None:
            del os.environ["PYDANTIC_DISABLE_PLUGINS"]
        else:
            os.environ["PYDANTIC_DISABLE_PLUGINS"] = previous


def validate_file(path: Path, lang: Lang = Lang.EN) -> tuple[Dataset | None, list[Problem]]:
    """Every problem of one file (empty when it is clean), and the dataset when it is.

    Read as a stream (``stream.iter_register``: bounded memory, and linear however large
    a record), which hands an invalid file to ``parse_and_validate`` to locate every
    problem; standard input (``-``) is read once, whole, within the size limit.
    """
    from .datafile import is_stdin
    from .models import Dataset
    from .stream import Record, iter_register

    try:
        raw = read_bytes(path, lang) if is_stdin(path) else None
        headers: dict[str, Any] = {}
        records = []
        for part in iter_register(path, lang, raw):
            if isinstance(part, Record):
                records.append(part.partnership)
            else:
                headers[part.name] = part.value
        return Dataset(**headers, partnerships=tuple(records)), []
    except DatasetError as exc:
        return None, exc.problems


# --- describing problems ----------------------------------------------------------------


def _syntax_problem(name: str, exc: yaml.YAMLError, lang: Lang, text: str = "") -> Problem:
    import yaml

    from . import yamlsafe

    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow
        return _reader_problem(name, exc, lang, text)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    if isinstance(exc, yamlsafe.Refused):
        said = message(exc.key, lang, **exc.values)
    elif "could not determine a constructor" in problem:
        tag = problem.split("tag ", 1)[-1]
        full = tag.strip("'")
        standard = full.startswith("tag:yaml.org,2002:") and "python/" not in full
        if standard:  # !!binary, !!set, !!timestamp...: shown as written
            said = message("data.tag_not_allowed", lang,
                           tag="!!" + tag.strip("'").removeprefix("tag:yaml.org,2002:"))  # fmt: skip
        else:
            said = message("data.tag", lang, tag=tag)
    else:
        said = message("data.invalid_yaml", lang, problem=problem) + (
            f" ({context})" if context else ""
        )
    if mark is None:
        return Problem(name, 0, 0, said)
    return Problem(name, mark.line + 1, mark.column + 1, said)


def _reader_problem(name: str, exc: Any, lang: Lang, text: str) -> Problem:
    """Line and column of a character the YAML reader refused. The reader stops at the
    first character YAML does not allow, so that is the one to find in the text (its own
    offset is in UTF-8 bytes for libyaml, and wrong for PyYAML's reader given a string)."""
    import yaml

    found = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if found is not None:
        offset, code = found.start(), ord(found.group())
    else:  # not found again: trust the reader's offset (in characters)
        char = exc.character
        code = char if isinstance(char, int) else ord(char) if char else 0
        offset = min(int(exc.position), len(text))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Problem(name, line, column, message("data.control_char", lang, char=f"U+{code:04X}"))


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part == "[key]":
            out += " (key)"
        else:
            out += ("." if out else "") + str(part)
    return out or "document"


_TYPE_NAMES: dict[Lang, dict[type, str]] = {
    Lang.EN: {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing (empty)",
    },
    Lang.ID: {
        bool: "boolean",
        int: "bilangan bulat",
        float: "bilangan",
        str: "teks",
        list: "daftar",
        dict: "pemetaan",
        type(None): "kosong",
    },
}


_UNKNOWN_FIELD = frozenset({"extra_forbidden", "unexpected_keyword_argument"})
_UNION_MEMBERS = frozenset({"int", "float", "str", "bool", "none", "nullable"})


def _data_loc(loc: Loc) -> Loc:
    """Drop what pydantic adds for union members and validators; keep the path in the data."""
    return tuple(
        p
        for p in loc
        if isinstance(p, int)
        or p == "[key]"
        or (p not in _UNION_MEMBERS and not any(c in p for c in "[]()"))
    )


def _describe(err: Mapping[str, Any], loc: Loc, lang: Lang) -> str:
    """Our own words for the common cases; pydantic's (English) message for the rest."""
    kind, msg = err["type"], str(err["msg"])
    where = _dotted(tuple(p for p in loc if p != "[key]"))
    got = err.get("input")
    if loc and loc[-1] == "[key]" and kind not in _UNKNOWN_FIELD and not isinstance(got, str):
        # a key that YAML reads as null, a boolean or a number
        key = message("data.key_of", lang, key=_as_yaml(got))
        where = f"{_dotted(loc[:-2])} ({key})"
    if kind in ("missing", "missing_argument"):
        return f"{where}: {message('data.missing_field', lang)}"
    if kind in _UNKNOWN_FIELD:
        return f"{where}: {message('data.unknown_field', lang)}"
    if msg.startswith("Value error, "):
        msg = msg.removeprefix("Value error, ")
    if kind in ("enum", "literal_error") and "expected" in (err.get("ctx") or {}):
        choices = str(err["ctx"]["expected"])  # pydantic's "'a', 'b' or 'c'"
        if lang is Lang.ID:
            choices = choices.replace(" or ", " atau ")
        msg = message("data.one_of", lang, choices=choices)
    rule = (err.get("ctx") or {}).get("error")
    if isinstance(rule, RuleError):  # one of our own rules: told in the chosen language
        msg = rule.text(lang)
    if kind in ("dataclass_type", "model_type", "dict_type"):  # not pydantic's "instance of X"
        msg = message("data.expected_mapping", lang)
    if kind.endswith("_type") or kind in ("literal_error", "enum", "string_pattern_mismatch"):
        from .yamlsafe import Oversized

        names = _TYPE_NAMES[lang]
        what = (
            names[int] if isinstance(got, Oversized) else names.get(type(got), type(got).__name__)
        )
        shown = "" if isinstance(got, (dict, list, type(None))) else f" {got!r}"
        msg += "; " + message("data.got", lang, what=what + shown)
    return f"{where}: {msg}"


def _as_yaml(value: Any) -> str:
    """A key as YAML writes it: ``null``, ``true``, ``12``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def reference_problems(data: Any, lang: Lang = Lang.EN) -> Iterator[tuple[Loc, str]]:
    """Unique ids and resolvable sector and source keys, checked on the raw data.

    Run on the raw structure so that these problems are reported together with type
    errors elsewhere in the file, not one validation round later.
    """
    if not isinstance(data, dict):
        return
    sectors = _part(data, "sectors", dict)
    sources = _part(data, "sources", dict)
    records = _part(data, "partnerships", list)
    figures = _part(data, "figures", list)
    seen: dict[str, int] = {}
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            continue
        rid = record.get("id")
        if isinstance(rid, str):
            if rid in seen:
                yield (
                    ("partnerships", i, "id"),
                    message("data.duplicate_id", lang, id=rid, record=seen[rid] + 1),
                )
            else:
                seen[rid] = i
        yield from _keys_defined(record, ("partnerships", i), "sectors", sectors, lang)
        yield from _keys_defined(record, ("partnerships", i), "sources", sources, lang)
    figure_ids: set[str] = set()
    for i, figure in enumerate(figures):
        if not isinstance(figure, dict):
            continue
        fid = figure.get("id")
        if isinstance(fid, str):
            if fid in figure_ids:
                yield ("figures", i, "id"), message("data.duplicate_figure", lang, id=fid)
            figure_ids.add(fid)
        key = figure.get("source")
        if isinstance(key, str) and key not in sources:
            yield (
                ("figures", i, "source"),
                message("data.undefined_key", lang, key=key, field="sources"),
            )


def _part(data: dict[str, Any], key: str, kind: type[Any]) -> Any:
    value = data.get(key)
    return value if isinstance(value, kind) else kind()


def _keys_defined(
    record: Mapping[str, Any], loc: Loc, field: str, defined: Mapping[str, Any], lang: Lang
) -> Iterator[tuple[Loc, str]]:
    keys = record.get(field)
    if not isinstance(keys, list):
        return
    seen: set[str] = set()  # not ``keys.index``: a record may list tens of thousands
    for j, key in enumerate(keys):
        if isinstance(key, str) and key not in defined:
            yield (*loc, field, j), message("data.undefined_key", lang, key=key, field=field)
        elif isinstance(key, str) and key in seen:
            yield (*loc, field, j), message("data.listed_twice", lang, key=key)
        elif isinstance(key, str):
            seen.add(key)


def vocabulary_problems(dataset: RegisterView, lang: Lang = Lang.EN) -> Iterator[tuple[Loc, str]]:
    """Sector aliases that two sectors share, and figure comparisons that name unknown values."""
    from .resolve import Resolver

    owner: dict[str, str] = {}
    for key, sector in dataset.sectors.items():
        terms: list[tuple[Loc, str]] = [
            (("sectors", key), key),
            (("sectors", key, "id"), sector.id),
            (("sectors", key, "en"), sector.en),
        ]
        terms += [(("sectors", key, "aliases", j), a) for j, a in enumerate(sector.aliases)]
        for loc, term in terms:
            norm = normalize(term)
            if owner.setdefault(norm, key) != key:
                yield (
                    loc,
                    message("data.term_taken", lang, term=term, sector=owner[norm]),
                )
    resolver = Resolver(dataset, lang)
    for i, figure in enumerate(dataset.figures):
        for name, values in (figure.compare or {}).items():
            for j, value in enumerate(values):
                try:
                    resolver.resolve(name, value)
                except UsageError as exc:  # an unknown value
                    yield ("figures", i, "compare", name, j), exc.message


# --- locating problems ----------------------------------------------------------------


def _locate(name: str, text: str, located: Sequence[tuple[Loc, str]]) -> list[Problem]:
    import yaml

    from . import yamlsafe

    try:
        root = yamlsafe.compose(text)
    except yaml.YAMLError:
        root = None
    problems = []
    index: _KeyIndex = {}
    for loc, text_of_problem in located:
        line, column = _position(root, loc, index)
        problems.append(Problem(name, line, column, text_of_problem))
    return problems


def _position(root: yaml.Node | None, loc: Loc, index: _KeyIndex | None = None) -> tuple[int, int]:
    """Walk the node tree along ``loc``; ``"[key]"`` after a part means its key, not its value.

    A location that leads nowhere (a missing field) stops at the deepest node found.
    """
    import yaml

    node = root
    if node is None:
        return 1, 1
    for i, part in enumerate(loc):
        if part == "[key]":
            break
        want_key = i + 1 < len(loc) and loc[i + 1] == "[key]"
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            found = _find_key(node, part, {} if index is None else index)
            if found is not None:
                child = found[0] if want_key else found[1]
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            child = node.value[part]
        if child is None:
            break
        node = child
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


_STR_TAG = "tag:yaml.org,2002:str"


_Pair = tuple["yaml.Node", "yaml.Node"]
#: Per mapping node (by id, for one ``_locate``): its text keys, and its other keys.
_KeyIndex = dict[int, tuple[dict[str, _Pair], list[_Pair]]]


def _find_key(node: yaml.MappingNode, part: str | int, index: _KeyIndex) -> _Pair | None:
    """The key and value nodes of ``part`` in ``node``: a text key by its text; else a key
    that YAML reads as null, a boolean or a number, which pydantic names by its value
    (``None``, ``1`` for ``true``). Each mapping is indexed once, so that locating many
    problems in a large mapping stays linear."""
    import yaml

    if id(node) not in index:
        texts: dict[str, _Pair] = {}
        others: list[_Pair] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            if key_node.tag == _STR_TAG:
                texts.setdefault(key_node.value, (key_node, value_node))
            else:
                others.append((key_node, value_node))
        index[id(node)] = (texts, others)
    texts, others = index[id(node)]
    found = texts.get(str(part))
    if found is not None:
        return found
    for key_node, value_node in others:
        value = _key_value(key_node.tag, key_node.value)
        if value == part or str(value) == str(part):
            return key_node, value_node
    return None


def _key_value(tag: str, text: str) -> Any:
    name = tag.removeprefix("tag:yaml.org,2002:")
    if name == "null":
        return None
    if name == "bool":
        return text.lower() == "true"
    if name == "int" and len(text) <= 50:
        return int(text)
    return text
