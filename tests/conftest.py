"""Shared fixtures: an isolated environment, a small dataset, and ways to run the CLI.

Every test runs with a private cache directory and without the caller's language,
colour or dataset settings, so results do not depend on the machine.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kerjasama_cli.cli import main
from kerjasama_cli.environment import Environment
from kerjasama_cli.i18n import Lang

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data" / "partnerships.yaml"

_SCRUBBED = (
    "KERJASAMA_DATA",
    "KERJASAMA_LANG",
    "KERJASAMA_NO_CACHE",
    "NO_COLOR",
    "FORCE_COLOR",
    "LANG",
    "LC_ALL",
    "LC_MESSAGES",
    "GITHUB_ACTIONS",
    "PY_COLORS",
    "TERM",
    "COLUMNS",
)

MINI_YAML = """\
schema_version: 1
dataset:
  title: {id: Register uji, en: Test register}
  description: {id: Data uji kecil., en: A small test dataset.}
  updated: "2026-11-25"
  licence: CC-BY-4.0
  maintainer: tests
sectors:
  banjir: {id: Banjir, en: Flood management, aliases: [flood, floods]}
  kesehatan: {id: Kesehatan, en: Health, aliases: [health, rumah sakit]}
  budaya: {id: Budaya, en: Culture, aliases: [culture]}
sources:
  s1: {title: Sumber satu, publisher: Penerbit, date: "2024-12", url: "https://example.org/a"}
  s2: {title: Sumber dua, publisher: Penerbit, date: "2019"}
figures:
  - id: sister-cities
    label: {id: Kota kembar, en: Sister cities}
    value: 3
    year: 2024
    source: s1
    compare: {kind: [sister-city]}
partnerships:
  - id: rotterdam-dutep
    title: Program pelatihan air DUTEP
    partner: Rotterdam
    partner_type: city
    country: NL
    kind: programme
    sectors: [banjir]
    signed: "2014-09"
    status: active
    summary: {id: "Pelatihan [air] di Rotterdam.", en: "Water [training] in Rotterdam."}
    sources: [s1]
  - id: c40-hospitals
    title: Rumah sakit rendah emisi C40
    partner: C40 Cities Finance Facility
    partner_type: network
    kind: project
    sectors: [kesehatan, banjir]
    signed: "2022-09-06"
    status: active
    summary: {id: Rumah sakit hemat energi., en: Energy-efficient hospitals.}
    sources: [s1]
  - id: tokyo-sister-city
    title: Kota kembar Jakarta–Tokyo
    partner: Tokyo
    partner_type: city
    country: JP
    kind: sister-city
    sectors: [budaya, kesehatan]
    signed: "1989-10-23"
    status: active
    summary: {id: Kerja sama kota kembar dengan Tōkyō., en: Sister-city tie with Tōkyō.}
    sources: [s2]
  - id: jeddah-sister-city
    title: Kota kembar Jakarta–Jeddah
    partner: Jeddah
    partner_type: city
    country: SA
    kind: sister-city
    instrument: mou
    sectors: [budaya]
    signed: "1979"
    status: unknown
    summary: {id: Kota kembar pertama Jakarta., en: Jakarta's first sister city.}
    sources: [s2]
  - id: bekasi-grant
    title: Bantuan keuangan Bekasi
    partner: Kota Bekasi
    partner_type: regional-government
    country: ID
    kind: grant
    sectors: [kesehatan]
    status: planned
    summary: {id: Bantuan untuk daerah tetangga., en: Aid for a neighbouring region.}
    note: {id: Tanggal tidak diketahui., en: Date unknown.}
    sources: [s1, s2]
"""


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    for name in _SCRUBBED:
        monkeypatch.delenv(name, raising=False)
    # One store folder for the whole session: stores are keyed by content, so sharing it is
    # what a user's runs do; tests of the store itself choose a folder of their own.
    monkeypatch.setenv("KERJASAMA_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.setenv("_TYPER_FORCE_DISABLE_TERMINAL", "1")
    monkeypatch.setenv("TERMINAL_WIDTH", "100")


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A five-record dataset whose every value the tests know."""
    path = tmp_path / "mini.yaml"
    path.write_text(MINI_YAML, encoding="utf-8")
    return path


@pytest.fixture
def write_yaml(tmp_path: Path) -> Any:
    """Write a YAML text to a file and return its path."""
    counter = iter(range(10_000))

    def write(text: str, name: str | None = None) -> Path:
        path = tmp_path / (name or f"data{next(counter)}.yaml")
        path.write_text(text, encoding="utf-8")
        return path

    return write


@dataclass
class Result:
    """What one in-process run printed, and its exit status."""

    exit_code: int
    stdout_bytes: bytes
    stderr: str

    @property
    def stdout(self) -> str:
        return self.stdout_bytes.decode("utf-8").replace("\r\n", "\n")


def invoke(args: list[str], lang: Lang = Lang.EN, env: dict[str, str] | None = None) -> Result:
    """Run the CLI in-process through ``main(argv, env)``: the real funnel of errors and exits,
    with an injected Environment (streams captured, not a terminal, the test's variables).

    ``lang`` Indonesian sets ``KERJASAMA_LANG=id`` unless ``env`` chooses otherwise.
    """
    environ = dict(os.environ)
    if lang is Lang.ID:
        environ["KERJASAMA_LANG"] = "id"
    environ.update(env or {})
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    err = io.StringIO()
    code = main(args, Environment(stdout=out, stderr=err, environ=environ))
    out.flush()
    raw = out.buffer.getvalue()
    return Result(code, raw, err.getvalue())


def run_cli(
    args: list[str],
    env: dict[str, str] | None = None,
    input: str | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m kerjasama_cli`` as a real process, environment scrubbed as for CliRunner."""
    base = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    base.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "kerjasama_cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=base,
        input=input,
        timeout=timeout,
    )


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A real filesystem of 16 KiB that fills up: a tmpfs, where this process may mount one."""
    where = tmp_path / "small"
    where.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(where)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], capture_output=True)
