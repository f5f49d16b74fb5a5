"""The compiled store: correct answers, never stale, private, and never trusted blindly.

Speed is the benchmark's business (``benchmarks/``); these tests check what the store
must always do, on real files in a private temporary cache folder.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import sqlite3
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, MINI_YAML, invoke
from kerjasama_cli.i18n import Lang
from kerjasama_cli.query import Query
from kerjasama_cli.store import Register, files
from kerjasama_cli.store.compile import pretty_item
from kerjasama_cli.store.schema import EXPORTED_COLUMNS
from test_query import RAW, queries, reference_match

SRC = Path(__file__).resolve().parents[1] / "src" / "kerjasama_cli"
MINI_IDS = ["rotterdam-dutep", "c40-hospitals", "tokyo-sister-city", "jeddah-sister-city",
            "bekasi-grant"]  # fmt: skip


def open_register(path: Path, cache: Path | None) -> Register:
    return Register.open(path, Lang.EN, cache)


def ids_of(path: Path, cache: Path | None) -> list[str]:
    register = open_register(path, cache)
    try:
        return register.ids()
    finally:
        register.close()


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob(f"*{files.SUFFIX}"))


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


# --- answers ------------------------------------------------------------------------------


def test_second_run_answers_from_the_store_with_the_same_result(
    mini_data: Path, cache: Path
) -> None:
    first = open_register(mini_data, cache)
    second = open_register(mini_data, cache)
    assert first.state.built
    assert not second.state.built
    assert second.state.entry == first.state.entry
    assert second.ids() == first.ids() == MINI_IDS
    assert second.to_dataset() == first.to_dataset()


def test_store_gives_back_exactly_the_validated_dataset(cache: Path) -> None:
    from kerjasama_cli.loading import parse_and_validate, read_text

    validated = parse_and_validate(BUNDLED, read_text(BUNDLED))
    open_register(BUNDLED, cache).close()
    again = open_register(BUNDLED, cache)
    assert not again.state.built
    assert again.to_dataset() == validated


STORE_PROPERTY = settings(max_examples=60, deadline=None)
_SHARED: dict[str, Register] = {}


def _bundled_register(tmp_root: Path) -> Register:
    if "r" not in _SHARED:
        open_register(BUNDLED, tmp_root).close()
        _SHARED["r"] = open_register(BUNDLED, tmp_root)
    return _SHARED["r"]


@STORE_PROPERTY
@given(query=queries())
def test_every_query_of_the_store_equals_a_plain_reading_of_the_yaml(
    query: Query, tmp_path_factory: pytest.TempPathFactory
) -> None:
    register = _bundled_register(tmp_path_factory.getbasetemp() / "shared-store")
    assert register.state.entry is not None  # answered from a store file, not from memory
    expected = [r["id"] for r in RAW if reference_match(r, query)]
    assert [r.id for r in register.select(query)] == expected
    assert register.count(query) == len(expected)


# --- never stale ------------------------------------------------------------------------------


def test_an_edit_that_keeps_size_and_modification_time_is_seen(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "RACY_SECONDS", 0.0)  # remember hashes by metadata at once
    path = tmp_path / "data.yaml"
    path.write_text(MINI_YAML, encoding="utf-8")
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = os.stat(path)
    assert ids_of(path, cache)[0] == "rotterdam-dutep"
    assert ids_of(path, cache)[0] == "rotterdam-dutep"  # the metadata memo is now in use
    edited = MINI_YAML.replace("id: rotterdam-dutep", "id: rotterdam-dutez")
    assert len(edited) == len(MINI_YAML)
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert ids_of(path, cache)[0] == "rotterdam-dutez"


def test_a_file_changed_just_now_is_hashed_again_not_remembered(
    tmp_path: Path, cache: Path
) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(MINI_YAML, encoding="utf-8")
    ids_of(path, cache)
    assert not list(cache.glob(f"*{files.MEMO_SUFFIX}"))  # too young to be remembered


# --- entries that are not what they seem ----------------------------------------------------


def _built_entry(path: Path, cache: Path) -> Path:
    register = open_register(path, cache)
    register.close()
    assert register.state.entry is not None
    return register.state.entry


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "empty", "foreign-sqlite", "other-key", "group-writable"],
)
def test_a_damaged_or_foreign_entry_is_ignored_and_rebuilt(
    mini_data: Path, cache: Path, damage: str
) -> None:
    entry = _built_entry(mini_data, cache)
    data = entry.read_bytes()
    if damage == "garbage":
        entry.write_bytes(b"\x80not a database at all" * 100)
    elif damage == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "foreign-sqlite":
        entry.unlink()
        other = sqlite3.connect(entry)
        other.execute("CREATE TABLE metadata (key TEXT, value TEXT)")
        other.execute("INSERT INTO metadata VALUES ('key', 'x')")
        other.commit()
        other.close()
    elif damage == "other-key":
        connection = sqlite3.connect(entry)
        connection.execute("UPDATE metadata SET value = 'deadbeef' WHERE key = 'key'")
        connection.commit()
        connection.close()
    else:
        entry.chmod(0o620)
    register = open_register(mini_data, cache)
    assert register.state.built
    assert register.ids() == MINI_IDS
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_a_fifo_planted_as_the_entry_does_not_hang_and_is_replaced(
    mini_data: Path, cache: Path
) -> None:
    entry = _built_entry(mini_data, cache)
    entry.unlink()
    os.mkfifo(entry)
    assert ids_of(mini_data, cache) == MINI_IDS
    assert stat.S_ISREG(entry.lstat().st_mode)


def test_a_symlink_planted_as_the_entry_is_not_followed(
    mini_data: Path, cache: Path, tmp_path: Path
) -> None:
    entry = _built_entry(mini_data, cache)
    elsewhere = tmp_path / "elsewhere.sqlite"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    register = open_register(mini_data, cache)
    assert register.state.built
    assert not entry.is_symlink()
    assert register.ids() == MINI_IDS


def test_a_folder_planted_as_the_entry_still_gives_answers(mini_data: Path, cache: Path) -> None:
    entry = _built_entry(mini_data, cache)
    entry.unlink()
    entry.mkdir()
    (entry / "x").write_text("keep me", encoding="utf-8")
    assert ids_of(mini_data, cache) == MINI_IDS
    assert (entry / "x").read_text(encoding="utf-8") == "keep me"


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_an_entry_owned_by_another_user_is_ignored(mini_data: Path, cache: Path) -> None:
    entry = _built_entry(mini_data, cache)
    os.chown(entry, 65534, 65534)
    register = open_register(mini_data, cache)
    assert register.state.built
    assert entry.stat().st_uid == os.getuid()


# --- the folder ------------------------------------------------------------------------------


def test_the_folder_is_private_and_entries_are_0600_even_under_umask_000(
    mini_data: Path, cache: Path
) -> None:
    old = os.umask(0)
    try:
        entry = _built_entry(mini_data, cache)
    finally:
        os.umask(old)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_a_shared_folder_gets_a_private_folder_of_the_users_inside(
    mini_data: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    entry = _built_entry(mini_data, shared)
    assert entry.parent == shared / f"kerjasama-{os.getuid()}"
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700


def test_a_cache_folder_that_cannot_be_made_just_means_no_store(
    mini_data: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    register = open_register(mini_data, blocker / "cache")
    assert register.state.entry is None
    assert register.ids() == MINI_IDS


def test_no_cache_compiles_in_memory_and_writes_nothing(mini_data: Path, cache: Path) -> None:
    result = invoke(
        ["--data", str(mini_data), "list", "--format", "ids"],
        env={"KERJASAMA_NO_CACHE": "1", "KERJASAMA_CACHE_DIR": str(cache)},
    )
    assert result.exit_code == 0
    assert result.stdout.split() == sorted(MINI_IDS)  # list sorts by id
    assert not cache.exists()


def _first_run(args: tuple[str, str]) -> list[str]:
    return ids_of(Path(args[0]), Path(args[1]))


def test_twenty_first_runs_at_once_leave_one_valid_store_and_agree(
    mini_data: Path, cache: Path
) -> None:
    context = multiprocessing.get_context("fork")
    with context.Pool(20) as pool:
        answers = pool.map(_first_run, [(str(mini_data), str(cache))] * 20)
    assert all(answer == MINI_IDS for answer in answers)
    assert len(entries(cache)) == 1
    assert not list(cache.glob(".building-*"))
    register = open_register(mini_data, cache)
    assert not register.state.built
    assert register.ids() == MINI_IDS


# --- what the store is --------------------------------------------------------------------


def test_the_store_holds_the_tables_of_an_export(
    mini_data: Path, cache: Path, tmp_path: Path
) -> None:
    entry = _built_entry(mini_data, cache)
    exported = tmp_path / "x.db"
    assert invoke(["--data", str(mini_data), "export", str(exported)]).exit_code == 0

    def tables(path: Path) -> dict[str, list[str]]:
        connection = sqlite3.connect(path)
        try:
            names = [
                r[0]
                for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
            return {n: [c[1] for c in connection.execute(f"PRAGMA table_info({n})")] for n in names}
        finally:
            connection.close()

    store, export = tables(entry), tables(exported)
    assert set(export) <= set(store)
    for name, columns in export.items():
        assert store[name][: len(columns)] == columns
    assert export["partnerships"] == list(EXPORTED_COLUMNS)


def test_no_code_bearing_format_anywhere_in_the_package() -> None:
    for module in SRC.rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert "pickle" not in text, module
        assert "eval(" not in text, module
        assert "exec(" not in text, module


_TEXT = st.text(max_size=20)
_VALUE = st.one_of(
    _TEXT, st.lists(_TEXT, max_size=3), st.dictionaries(_TEXT, _TEXT, max_size=3), st.integers()
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_TEXT, _VALUE, max_size=6))
def test_stored_json_is_exactly_what_json_dumps_writes(item: dict[str, object]) -> None:
    want = "  " + json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    assert pretty_item(item) == want


# --- found by a second read ------------------------------------------------------------------


def test_a_store_damaged_inside_is_removed_and_the_answer_still_comes(
    mini_data: Path, cache: Path
) -> None:
    entry = _built_entry(mini_data, cache)
    data = bytearray(entry.read_bytes())
    for at in range(len(data) // 3, len(data), 512):  # same size, same key, broken pages
        data[at : at + 64] = b"\xff" * 64
    entry.write_bytes(bytes(data))
    result = invoke(
        ["--data", str(mini_data), "list", "--format", "ids"],
        env={"KERJASAMA_CACHE_DIR": str(cache)},
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == sorted(MINI_IDS)


def test_pruning_removes_only_the_stores_own_files(mini_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o700)
    theirs = [folder / f"db{i}.sqlite" for i in range(30)] + [
        folder / f"id{i}.key" for i in range(200)
    ]
    for path in theirs:
        path.write_text("keep me", encoding="utf-8")
    for i in range(files.KEEP + 3):
        (folder / f"{i:040x}.sqlite").write_text("old store", encoding="utf-8")
    _built_entry(mini_data, folder)
    assert all(path.exists() for path in theirs)
    ours = [p for p in folder.iterdir() if re.fullmatch(r"[0-9a-f]{40}\.sqlite", p.name)]
    assert len(ours) == files.KEEP


def test_missing_parents_of_the_cache_folder_are_made_private(
    mini_data: Path, tmp_path: Path
) -> None:
    old = os.umask(0)
    try:
        _built_entry(mini_data, tmp_path / "a" / "b" / "cache")
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "cache"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_a_file_changed_while_it_is_compiled_is_never_kept_under_the_old_key(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(MINI_YAML, encoding="utf-8")
    hashed = files.content_key

    def hash_then_edit(target: Path, salt: str) -> str:
        key = hashed(target, salt)
        target.write_text(MINI_YAML.replace("status: unknown", "status: ended"), encoding="utf-8")
        return key

    monkeypatch.setattr(files, "content_key", hash_then_edit)
    register = open_register(path, cache)
    assert register.state.entry is None  # used for this run, not published
    assert entries(cache) == []


def test_a_huge_limit_is_no_limit() -> None:
    result = invoke(["list", "--limit", "99999999999999999999", "--format", "ids"])
    assert result.exit_code == 0
    assert len(result.stdout.split()) == len(RAW)


def test_a_full_disk_under_the_cache_answers_from_memory(
    mini_data: Path, small_tmpfs: Path
) -> None:
    (small_tmpfs / "filler").write_bytes(b"x" * 12 * 1024)
    result = invoke(
        ["--data", str(BUNDLED), "list", "--format", "ids"],
        env={"KERJASAMA_CACHE_DIR": str(small_tmpfs / "cache")},
    )
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.split()) == len(RAW)
