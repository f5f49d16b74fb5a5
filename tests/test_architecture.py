"""The shape of the package: imports flow one way, and every field is named in one place."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import _SCRUBBED
from kerjasama_cli.fields import COLUMNS, FIELDS, FILTERS, GROUP_FIELDS, SORT_FIELDS
from kerjasama_cli.options import FILTER_NAMES
from kerjasama_cli.query import Query

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "kerjasama_cli"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_at_load(path: Path, name: str) -> set[str]:
    """The package's modules that ``path`` imports when it is loaded (top-level statements,
    not imports inside functions or under ``TYPE_CHECKING``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for inner in ast.walk(node) if not isinstance(node, ast.FunctionDef | ast.ClassDef) else []:
            if isinstance(inner, ast.ImportFrom) and inner.level:
                base = package.rsplit(".", inner.level - 1)[0] if inner.level > 1 else package
                target = f"{base}.{inner.module}" if inner.module else base
                found.add(target)
                found.update(f"{target}.{a.name}" for a in inner.names)
            elif isinstance(inner, ast.Import):
                found.update(a.name for a in inner.names if a.name.startswith("kerjasama_cli"))
    return found


def test_no_import_cycles_when_modules_load() -> None:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {
        name: {m for m in _imported_at_load(path, name) if m in modules and m != name}
        for name, path in modules.items()
    }
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_every_filter_is_a_query_attribute_and_an_option() -> None:
    assert tuple(f.name for f in FILTERS) == Query._fields == FILTER_NAMES


def test_sort_by_and_columns_are_derived_from_one_registry() -> None:
    names = {f.name for f in FIELDS}
    assert set(SORT_FIELDS) <= names
    assert set(GROUP_FIELDS) <= names
    assert set(COLUMNS) <= names
    assert len(names) == len(FIELDS)  # each field declared once


_LOADED = """
import sys
from kerjasama_cli.cli import main
code = main(sys.argv[1:])
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"pydantic", "yaml", "pycountry", "rich"})
print(code, " ".join(heavy), file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["list", "--sector", "banjir", "--format", "json"], ""),
        (["list", "--country", "Jepang", "--format", "tsv"], ""),
        (["summary", "--by", "sector", "--format", "csv"], ""),
        (["list", "--sector", "banjir", "--format", "table"], "rich"),
    ],
)
def test_a_query_answered_from_the_store_loads_no_parser_validator_or_iso_database(
    args: list[str], allowed: str, tmp_path: Path
) -> None:
    """A real process, since an in-process run shares its modules with every other test."""
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    env["KERJASAMA_CACHE_DIR"] = str(tmp_path)
    run = [sys.executable, "-c", _LOADED, *args]
    first = subprocess.run(run, capture_output=True, text=True, env=env, timeout=60)
    assert first.stderr.startswith("0 ")  # compiled the store: the parser was needed then
    again = subprocess.run(run, capture_output=True, text=True, env=env, timeout=60)
    assert again.stderr.strip().split(" ", 1)[1:] == ([allowed] if allowed else [])


def test_the_model_and_the_stores_rows_agree_with_the_registry() -> None:
    from typing import get_args

    from kerjasama_cli.loading import load_dataset
    from kerjasama_cli.models import PARTNERSHIP_FIELDS, FilterName
    from kerjasama_cli.store import _RECORD_COLUMNS
    from kerjasama_cli.store.compile import exported_row
    from kerjasama_cli.store.schema import EXPORTED_COLUMNS, STORE_COLUMNS

    stored = {f.name for f in FIELDS if f.sql or f.name in ("sectors", "sources")}
    split = {"summary": ("summary_id", "summary_en"), "note": ("note_id", "note_en")}
    model = {n for name in PARTNERSHIP_FIELDS for n in split.get(name, (name,))}
    assert model <= stored  # every stored field of the model is in the registry
    assert set(get_args(FilterName)) == {f.name for f in FILTERS} - {"search"}
    record = load_dataset().partnerships[0]
    assert len(exported_row(record)) == len(EXPORTED_COLUMNS)
    columns = set(EXPORTED_COLUMNS) | {name for name, _ in STORE_COLUMNS}
    assert {c.strip() for c in _RECORD_COLUMNS.split(",")} <= columns
