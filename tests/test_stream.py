"""The streaming reader gives exactly what the full path gives: the same validated objects
for a valid file, the same located problems for an invalid one, in far less memory.

The oracle is ``loading.parse_and_validate`` on the same text; ``stream.dataset_parts``
lays its dataset out as parts in the file's key order.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import tempfile
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINI_YAML
from kerjasama_cli import stream
from kerjasama_cli.errors import DatasetError, Problem
from kerjasama_cli.i18n import Lang
from kerjasama_cli.loading import parse_and_validate, read_text
from kerjasama_cli.stream import Header, Part, Record, dataset_parts, iter_register


def same(a: Any, b: Any) -> bool:
    """Equal values of exactly the same types all the way down (a ``StrEnum`` member equals
    its string, so ``==`` alone would not catch a record built with plain strings)."""
    if type(a) is not type(b):
        return False
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(
            same(k, k2) and same(a[k], b[k2]) for k, k2 in zip(a, b, strict=True)
        )
    if isinstance(a, enum.Enum):
        return a is b
    return bool(a == b)


def expected_parts(path: Path, lang: Lang = Lang.EN) -> list[Part]:
    """The full path's dataset, as parts in the file's key order (or its DatasetError)."""
    text = read_text(path, lang)
    return list(dataset_parts(parse_and_validate(path, text, lang), stream._top_level_order(text)))


def problems_of(call: Callable[[], object]) -> list[Problem]:
    with pytest.raises(DatasetError) as info:
        call()
    return info.value.problems


def no_fallback() -> Any:
    """Make falling back to the full path a test failure."""
    return mock.patch.object(stream, "_fallback", side_effect=AssertionError("fell back"))


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


# --- valid files ---------------------------------------------------------------------------


def test_mini_dataset_streams_as_the_full_path_reads_it(mini_data: Path) -> None:
    with no_fallback():
        parts = list(iter_register(mini_data))
    assert same(parts, expected_parts(mini_data))
    names = [p.name if isinstance(p, Header) else "record" for p in parts]
    assert names == [
        "schema_version", "dataset", "sectors", "sources", "figures", *["record"] * 5
    ]  # fmt: skip


def test_bundled_dataset_streams_as_the_full_path_reads_it() -> None:
    from conftest import BUNDLED

    with no_fallback():
        parts = list(iter_register(BUNDLED))
    assert same(parts, expected_parts(BUNDLED))


def test_sectors_and_sources_after_the_records_are_checked_at_the_end(write_yaml: Any) -> None:
    head, records = MINI_YAML.split("partnerships:\n")
    sectors_and_sources = head[head.index("sectors:") : head.index("figures:")]
    text = head.replace(sectors_and_sources, "") + "partnerships:\n" + records
    path = write_yaml(text + sectors_and_sources)
    with no_fallback():
        parts = list(iter_register(path))
    assert same(parts, expected_parts(path))
    assert [p.name for p in parts[-2:] if isinstance(p, Header)] == ["sectors", "sources"]

    undefined = write_yaml(
        edit(text, "sectors: [banjir]", "sectors: [banjr]") + sectors_and_sources
    )
    parts_before_error: list[Part] = []
    with pytest.raises(DatasetError) as info:
        parts_before_error.extend(iter_register(undefined))
    assert info.value.problems == problems_of(lambda: expected_parts(undefined))


def test_a_valid_file_with_an_alias_is_read_by_the_full_path_and_each_part_given_once(
    write_yaml: Any,
) -> None:
    text = edit(MINI_YAML, "sources: [s2]\n  - id: jeddah", "sources: &s [s2]\n  - id: jeddah")
    text = edit(text, "sources: [s2]\n  - id: bekasi", "sources: *s\n  - id: bekasi")
    path = write_yaml(text)
    streamed: list[int] = []
    real = stream._fallback

    def fallback(path: Path, lang: Lang, progress: Any) -> Iterator[Part]:
        streamed.append(progress.records)
        return real(path, lang, progress)

    with mock.patch.object(stream, "_fallback", fallback):
        parts = list(iter_register(path))
    assert streamed == [2]  # the stream gave the first two records, the full path the rest
    assert same(parts, expected_parts(path))
    assert [p.partnership.sources for p in parts if isinstance(p, Record)][3] == ("s2",)


def test_a_merge_key_is_refused_by_the_full_path_at_the_key(write_yaml: Any) -> None:
    # Merge keys are refused (issue 10): what a merged mapping holds is not in the file.
    text = edit(
        MINI_YAML,
        '  s2: {title: Sumber dua, publisher: Penerbit, date: "2019"}',
        '  s2:\n    <<: {title: Sumber dua, publisher: Penerbit}\n    date: "2019"',
    )
    path = write_yaml(text)
    problems = problems_of(lambda: list(iter_register(path)))
    assert problems == problems_of(lambda: expected_parts(path))
    assert [(p.line, p.column) for p in problems] == [(15, 5)]
    assert "merge keys ('<<') are not supported" in problems[0].message


def test_a_valid_file_with_an_explicit_tag_is_read_by_the_full_path(write_yaml: Any) -> None:
    path = write_yaml(
        "--- !!map\n" + edit(MINI_YAML, "partner: Rotterdam", "partner: !!str Rotterdam")
    )
    assert same(list(iter_register(path)), expected_parts(path))


def test_unquoted_years_booleans_and_nulls_resolve_as_the_strict_loader(write_yaml: Any) -> None:
    text = edit(MINI_YAML, 'signed: "2014-09"', "signed: 2014")
    text = edit(text, "    instrument: mou\n", "    instrument:\n    ends: ~\n")
    text = edit(text, "value: 3", "value: 30.5e+1")
    path = write_yaml(text)
    with no_fallback():
        parts = list(iter_register(path))
    assert same(parts, expected_parts(path))


PLAIN_SCALARS = (
    "~", "null", "Null", "NULL", "nul", "", "true", "False", "TRUE", "yes", "No", "off", "y",
    "0", "-0", "+7", "012", "0x1F", "0o17", "0b11", "1_000", "1__0", "1:20", "190:20:30",
    "1.5", "-1.5e+3", ".5", "1_0.5", "1.", ".inf", "-.Inf", "+.INF", ".nan", "NaN", "1e3",
    "2024-05-01", "2024-05-01 10:00:00", "<<", "=", "+", ".", "t", "n",
)  # fmt: skip


@pytest.mark.parametrize("plain", PLAIN_SCALARS)
def test_plain_scalars_resolve_as_the_strict_loader_resolves_them(plain: str) -> None:
    import math

    import yaml

    from kerjasama_cli import yamlsafe

    special, resolve = stream._scalar_resolution()
    try:
        expected = yamlsafe.load(f"- {plain}\n")[0][0]
    except yaml.YAMLError:
        with pytest.raises(stream._FallbackError):
            resolve(plain)
        return
    got: Any = resolve(plain) if not plain or plain[0] in special else plain
    assert type(got) is type(expected)
    assert got == expected or (math.isnan(got) and math.isnan(expected))


# --- invalid files -------------------------------------------------------------------------

INVALID_EDITS: dict[str, tuple[str, str]] = {
    "syntax error": ("title: Program pelatihan air DUTEP", "title: Program: pelatihan air"),
    "unclosed flow sequence": ("sectors: [banjir]\n", "sectors: [banjir\n"),
    "duplicate key in a record": (
        "    partner: Rotterdam\n",
        "    partner: Rotterdam\n    partner: Delft\n",
    ),
    "object tag": ("partner: Rotterdam", "partner: !!python/name:os.system"),
    "custom tag": ("partner: Rotterdam", "partner: !Custom value"),
    "true as text": ("partner: Rotterdam", "partner: true"),
    "octal-looking integer": ("value: 3", "value: 012"),
    "impossible date": ('signed: "2014-09"', 'signed: "2023-02-30"'),
    "not a partial date": ('signed: "2014-09"', 'signed: "Sept 2014"'),
    "ends before signed": ('signed: "2014-09"\n', 'signed: "2014-09"\n    ends: "2013"\n'),
    "unknown field": ("    partner: Rotterdam\n", "    partner: Rotterdam\n    colour: blue\n"),
    "unknown top-level field": ("schema_version: 1\n", "schema_version: 1\nextra: 3\n"),
    "missing field": ("    status: planned\n", ""),
    "enum value": ("status: planned", "status: later"),
    "duplicate id": ("id: c40-hospitals", "id: rotterdam-dutep"),
    "unknown sector": ("sectors: [banjir]", "sectors: [banjr]"),
    "sector listed twice": ("sectors: [banjir]", "sectors: [banjir, banjir]"),
    "unknown source": ("sources: [s2]\n  - id: jeddah", "sources: [s9]\n  - id: jeddah"),
    "unknown country": ("country: NL", "country: XX"),
    "city without country": ("    country: NL\n", ""),
    "figure source": ("    source: s1\n", "    source: s7\n"),
    "figure comparison": ("compare: {kind: [sister-city]}", "compare: {kind: [twin-town]}"),
    "alias term shared by two sectors": ("aliases: [culture]", "aliases: [culture, flood]"),
    "anchor and alias of a bad value": ("status: planned", "status: &s later\n    note: *s"),
    "alias to an undefined anchor": ("partner: Rotterdam", "partner: *nowhere"),
    "integer key": ("    partner: Rotterdam\n", "    partner: Rotterdam\n    1: one\n"),
    "null top-level value": (
        "figures:\n  - id: sister-cities",
        "figures:\nx:\n  - id: sister-cities",
    ),
}


@pytest.mark.parametrize("kind", sorted(INVALID_EDITS))
def test_invalid_file_raises_exactly_the_full_paths_problems(write_yaml: Any, kind: str) -> None:
    path = write_yaml(edit(MINI_YAML, *INVALID_EDITS[kind]))
    expected = problems_of(lambda: expected_parts(path))
    assert expected  # the edit did break the file
    assert problems_of(lambda: list(iter_register(path))) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "- id: a\n- id: b\n",
        MINI_YAML + "schema_version: 1\n",  # a duplicate top-level key
        MINI_YAML + "---\nschema_version: 1\n",  # a second document
        MINI_YAML.replace("partnerships:\n", "partnerships: {}\nx:\n"),
        MINI_YAML.replace("\n", "\r\n") + "\x07",  # a control character: a reader error
    ],
)
def test_odd_whole_files_raise_exactly_the_full_paths_problems(write_yaml: Any, text: str) -> None:
    path = write_yaml(text)
    assert problems_of(lambda: list(iter_register(path))) == problems_of(
        lambda: expected_parts(path)
    )


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("kind", ["latin-1", "utf-16", "absent"])
def test_not_utf8_and_missing_files_raise_the_full_paths_problems(
    tmp_path: Path, lang: Lang, kind: str
) -> None:
    path = tmp_path / "data.yaml"
    if kind != "absent":
        path.write_bytes(
            edit(MINI_YAML, "partner: Rotterdam", "partner: Rotterdäm").encode(kind, "replace")
        )
    assert problems_of(lambda: list(iter_register(path, lang))) == problems_of(
        lambda: expected_parts(path, lang)
    )


def test_a_byte_order_mark_is_read_as_the_full_path_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINI_YAML.encode())
    with no_fallback():
        parts = list(iter_register(path))
    assert same(parts, expected_parts(path))


def test_without_libyaml_the_pure_python_parser_gives_the_same_parts(
    mini_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    expected = expected_parts(mini_data)
    monkeypatch.delattr(yaml, "CSafeLoader")
    with no_fallback():
        assert same(list(iter_register(mini_data)), expected)


def test_records_come_before_the_end_of_the_file_is_read(write_yaml: Any) -> None:
    path = write_yaml(edit(MINI_YAML, "status: planned", "status: later"))  # the last record
    parts = iter_register(path)
    seen = [next(parts) for _ in range(9)]  # 5 headers and the 4 good records
    assert sum(isinstance(p, Record) for p in seen) == 4
    with pytest.raises(DatasetError):
        next(parts)


# --- generated valid registers -------------------------------------------------------------

WORDS = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEF0123456789 -_.,:#'\"[]{}&*!|>%@é–ō"),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip() == s and s.strip())
SLUGS = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4})?", fullmatch=True)
COUNTRIES = ("ID", "NL", "JP", "NO", "US", "FR")


@st.composite
def scalar(draw: st.DrawFn, value: str) -> str:
    """``value`` written plain (where YAML reads it back as the same text), single- or
    double-quoted."""
    styles = ["double", "single"]
    if value[0].isalpha() and not any(c in value for c in ":#'\"[]{},&*!|>%@") and value.lower() not in ("true", "false", "null"):  # fmt: skip
        styles.append("plain")
    style = draw(st.sampled_from(styles))
    if style == "plain":
        return value
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=draw(st.booleans()))


@st.composite
def flow_or_block_list(draw: st.DrawFn, items: list[str], indent: str) -> str:
    if draw(st.booleans()):
        return " [" + ", ".join(items) + "]"
    return "".join(f"\n{indent}- {item}" for item in items)


@st.composite
def mapping(draw: st.DrawFn, fields: dict[str, str], indent: str) -> str:
    """A mapping of already written values, block or (for one-line values) flow style."""
    keys = list(fields)
    if draw(st.booleans()):
        keys = draw(st.permutations(keys))
    if all("\n" not in v for v in fields.values()) and draw(st.booleans()):
        return " {" + ", ".join(f"{k}:{fields[k]}" for k in keys) + "}"
    return "".join(f"\n{indent}{k}:{fields[k]}" for k in keys)


@st.composite
def localized(draw: st.DrawFn, indent: str) -> str:
    return draw(
        mapping(
            {"id": " " + draw(scalar(draw(WORDS))), "en": " " + draw(scalar(draw(WORDS)))}, indent
        )
    )


@st.composite
def record(draw: st.DrawFn, rid: str, sectors: list[str], sources: list[str]) -> str:
    partner_type = draw(st.sampled_from(["city", "network", "university", "international-organisation"]))  # fmt: skip
    fields = {
        "id": " " + rid,
        "title": " " + draw(scalar(draw(WORDS))),
        "partner": " " + draw(scalar(draw(WORDS))),
        "partner_type": " " + partner_type,
        "kind": " " + draw(st.sampled_from(["sister-city", "project", "grant"])),
        "status": " " + draw(st.sampled_from(["active", "planned", "ended", "unknown"])),
        "summary": draw(localized("      ")),
        "sectors": draw(flow_or_block_list(draw(st.lists(st.sampled_from(sectors), min_size=1, max_size=3, unique=True)), "      ")),
        "sources": draw(flow_or_block_list(draw(st.lists(st.sampled_from(sources), min_size=1, max_size=2, unique=True)), "      ")),
    }  # fmt: skip
    if partner_type in ("city", "university") or draw(st.booleans()):
        fields["country"] = " " + draw(st.sampled_from(COUNTRIES))
    if draw(st.booleans()):
        fields["instrument"] = " " + draw(st.sampled_from(["mou", "agreement"]))
    if draw(st.booleans()):
        year = draw(st.integers(1970, 2020))
        fields["signed"] = draw(st.sampled_from([f" {year}", f' "{year}-05"', f" '{year}-05-17'"]))
        if draw(st.booleans()):
            fields["ends"] = f' "{year + draw(st.integers(1, 5))}"'
    if draw(st.booleans()):
        fields["note"] = draw(localized("      "))
    return "  -" + draw(mapping(fields, "    "))


@st.composite
def register(draw: st.DrawFn) -> str:
    sector_keys = draw(st.lists(SLUGS, min_size=1, max_size=4, unique=True))
    source_keys = draw(st.lists(SLUGS, min_size=1, max_size=3, unique=True))
    ids = draw(st.lists(SLUGS, max_size=6, unique=True))
    sectors = "".join(
        f"\n  {key}: {{id: {key}, en: {key}-en, aliases: [{key}-alias, '{key} two']}}"
        for key in sector_keys
    )
    sources = "".join(
        f"\n  {key}:{draw(mapping({'title': ' ' + draw(scalar(draw(WORDS))), 'publisher': ' P', 'date': ' 2019'}, '    '))}"
        for key in source_keys
    )
    records = "".join("\n" + draw(record(rid, sector_keys, source_keys)) for rid in ids)
    blocks = {
        "schema_version": " 1",
        "dataset": draw(
            mapping(
                {
                    "title": draw(localized("    ")),
                    "description": draw(localized("    ")),
                    "updated": ' "2026-11-25"',
                    "licence": " CC-BY-4.0",
                    "maintainer": " " + draw(scalar(draw(WORDS))),
                },
                "  ",
            )
        ),
        "sectors": sectors,
        "sources": sources,
        "partnerships": records if ids else " []",
    }
    if draw(st.booleans()):
        blocks["figures"] = (
            f"\n  - id: f1\n    label: {{id: Angka, en: Figure}}\n    value: {draw(st.sampled_from(['3', '2.5', '0']))}"
            f"\n    year: 2024\n    source: {source_keys[0]}\n    compare: {{kind: [sister-city]}}"
        )
    order = draw(st.permutations(list(blocks)))
    comment = draw(st.sampled_from(["", "# a register\n"]))
    return comment + "".join(f"{name}:{blocks[name]}\n" for name in order)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(register())
def test_generated_registers_stream_exactly_as_the_full_path_reads_them(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "register.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            expected = expected_parts(path)
        except DatasetError:  # an unlucky draw: the same problems, then
            problems = problems_of(lambda: expected_parts(path))
            assert problems_of(lambda: list(iter_register(path))) == problems
            return
        with no_fallback():
            assert same(list(iter_register(path)), expected)


def test_importing_the_module_imports_neither_yaml_nor_pydantic() -> None:
    import subprocess
    import sys

    code = (
        "import sys, kerjasama_cli.stream; print(sorted({'yaml', 'pydantic'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- memory --------------------------------------------------------------------------------


def synthetic(tmp_path: Path, count: int) -> Path:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "generate", Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"
    )
    assert spec is not None
    assert spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    path = tmp_path / f"{count}.yaml"
    path.write_text("".join(generate.generate(count)), encoding="utf-8")
    return path


def peak_bytes(run: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def drain(parts: Iterator[Part]) -> int:
    return sum(1 for _ in parts)


def test_streaming_holds_a_small_fraction_of_the_full_paths_memory(tmp_path: Path) -> None:
    path = synthetic(tmp_path, 400)
    drain(iter_register(path))  # the validators are built once, outside the measurement
    with no_fallback():
        streamed = peak_bytes(lambda: drain(iter_register(path)))
    full = peak_bytes(lambda: parse_and_validate(path, read_text(path)))
    assert streamed * 10 < full, (streamed, full)
