"""``export PATH``: SQLite, JSON or CSV by extension, atomic, never overwriting without --force."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from pathlib import Path

import pytest
import yaml

from conftest import invoke
from kerjasama_cli import export as export_module
from kerjasama_cli.loading import load_dataset


def _export(data: Path, target: Path, *extra: str) -> tuple[int, str, str]:
    result = invoke(["--data", str(data), "export", str(target), *extra])
    return result.exit_code, result.stdout, result.stderr


def _expected(data: Path) -> dict[str, object]:
    loaded = yaml.safe_load(data.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_sqlite_export_holds_every_record_with_its_sectors_and_sources(
    mini_data: Path, tmp_path: Path
) -> None:
    target = tmp_path / "register.db"
    code, out, err = _export(mini_data, target)
    assert code == 0
    assert out == ""  # the note goes to stderr
    assert "register.db" in err
    raw = _expected(mini_data)
    records = raw["partnerships"]
    assert isinstance(records, list)
    with sqlite3.connect(target) as db:
        ids = [r[0] for r in db.execute("SELECT id FROM partnerships ORDER BY id")]
        assert ids == sorted(r["id"] for r in records)
        links = db.execute("SELECT partnership, sector FROM partnership_sectors").fetchall()
        assert sorted(links) == sorted((r["id"], s) for r in records for s in r["sectors"])
        sources = db.execute("SELECT partnership, source FROM partnership_sources").fetchall()
        assert sorted(sources) == sorted((r["id"], s) for r in records for s in r["sources"])
        row = db.execute(
            "SELECT country, signed, scope, year, note_en FROM partnerships WHERE id = 'bekasi-grant'"
        ).fetchone()
        assert row == ("ID", None, "domestic", None, "Date unknown.")
        assert db.execute("SELECT value FROM metadata WHERE key = 'schema_version'").fetchone() == (
            "1",
        )
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_json_export_is_the_whole_dataset_and_validates_as_one(
    mini_data: Path, tmp_path: Path
) -> None:
    target = tmp_path / "register.json"
    assert _export(mini_data, target)[0] == 0
    exported = json.loads(target.read_text(encoding="utf-8"))
    raw = _expected(mini_data)
    assert exported["partnerships"] == raw["partnerships"]
    assert exported["sources"] == raw["sources"]
    assert exported["sectors"] == raw["sectors"]
    assert "Tōkyō" in target.read_text(encoding="utf-8")  # UTF-8, not escaped
    assert load_dataset(target) == load_dataset(mini_data)


def test_csv_export_has_a_row_per_record_and_every_column(mini_data: Path, tmp_path: Path) -> None:
    target = tmp_path / "register.csv"
    assert _export(mini_data, target)[0] == 0
    raw_bytes = target.read_bytes()
    assert b"\r\n" in raw_bytes
    with target.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    records = _expected(mini_data)["partnerships"]
    assert isinstance(records, list)
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert {r["id"]: r["sectors"] for r in rows}["c40-hospitals"] == "kesehatan,banjir"
    assert {r["id"]: r["summary_en"] for r in rows}[
        "rotterdam-dutep"
    ] == "Water [training] in Rotterdam."


def test_an_existing_file_is_not_overwritten_without_force(mini_data: Path, tmp_path: Path) -> None:
    target = tmp_path / "register.json"
    target.write_text("keep me", encoding="utf-8")
    code, _, err = _export(mini_data, target)
    assert code == 2
    assert "--force" in err
    assert target.read_text(encoding="utf-8") == "keep me"
    assert _export(mini_data, target, "--force")[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 1


@pytest.mark.parametrize("name", ["register.txt", "register"])
def test_an_unknown_extension_is_a_usage_error(mini_data: Path, tmp_path: Path, name: str) -> None:
    code, _, err = _export(mini_data, tmp_path / name)
    assert code == 2
    assert ".db" in err
    assert not (tmp_path / name).exists()


def test_a_folder_or_a_missing_folder_is_a_usage_error(mini_data: Path, tmp_path: Path) -> None:
    assert _export(mini_data, tmp_path)[0] == 2
    assert _export(mini_data, tmp_path / "missing" / "register.db")[0] == 2


def test_a_failed_write_leaves_no_file_at_all(
    mini_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "register.db"
    real = export_module.write_sqlite

    def half_then_fail(dataset: object, fd: int, path: Path) -> None:
        real(dataset, fd, path)  # type: ignore[arg-type]
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(export_module.WRITERS, export_module.ExportFormat.SQLITE, half_then_fail)
    code, _, err = _export(mini_data, target)
    assert code == 1
    assert "No space left on device" in err
    assert list(tmp_path.iterdir()) == [mini_data]  # neither the target nor a temporary file


def test_a_failed_overwrite_keeps_the_old_file(
    mini_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "register.json"
    target.write_text("old", encoding="utf-8")

    def fail(dataset: object, fd: int, path: Path) -> None:
        os.write(fd, b"half")
        raise OSError(5, "Input/output error")

    monkeypatch.setitem(export_module.WRITERS, export_module.ExportFormat.JSON, fail)
    code, _, _ = _export(mini_data, target, "--force")
    assert code == 1
    assert target.read_text(encoding="utf-8") == "old"


def test_export_of_an_invalid_dataset_exits_1(write_yaml: object, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\n", encoding="utf-8")
    target = tmp_path / "out.db"
    assert _export(bad, target)[0] == 1
    assert not target.exists()


def test_export_of_the_bundled_register_through_main(tmp_path: Path) -> None:
    target = tmp_path / "kerjasama.sqlite"
    done = invoke(["export", str(target)])
    assert done.exit_code == 0
    assert done.stdout == ""
    with sqlite3.connect(target) as db:
        count = db.execute("SELECT count(*) FROM partnerships").fetchone()[0]
    assert count == len(load_dataset().partnerships)
