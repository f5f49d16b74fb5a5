"""``export`` under attack and mishap (issue 10, class 4): never redirected, never replacing
without ``--force``, never leaving a temporary file, durable, keeping a replaced file's mode.

In-process with real files, each race made deterministic by a writer that acts mid-way;
real processes only for the signals.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import _SCRUBBED, invoke
from kerjasama_cli import export as export_module
from kerjasama_cli.export import ExportFormat
from kerjasama_cli.i18n import Lang

FORMATS = {".json": ExportFormat.JSON, ".csv": ExportFormat.CSV, ".db": ExportFormat.SQLITE}
Writer = Callable[[object, int, Path], None]


def _export(data: Path, target: Path, *extra: str) -> tuple[int, str]:
    result = invoke(["--data", str(data), "export", str(target), *extra])
    return result.exit_code, result.stderr


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _around(
    monkeypatch: pytest.MonkeyPatch, suffix: str, before: Callable[[int, Path], None]
) -> None:
    """The real writer of ``suffix``'s format, with ``before(fd, temporary)`` run first."""
    fmt = FORMATS[suffix]
    real: Writer = export_module.WRITERS[fmt]  # type: ignore[assignment]

    def writer(dataset: object, fd: int, path: Path) -> None:
        before(fd, path)
        real(dataset, fd, path)

    monkeypatch.setitem(export_module.WRITERS, fmt, writer)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


# --- the temporary file ------------------------------------------------------------------


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_temporary_file_is_ours_in_a_private_folder_beside_the_target(
    mini_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    seen: list[Path] = []

    def check(fd: int, temporary: Path) -> None:
        seen.append(temporary)
        folder = temporary.parent
        assert folder.parent == tmp_path  # beside the target: the rename stays on one disk
        info = os.lstat(folder)
        assert stat.S_ISDIR(info.st_mode)
        assert stat.S_IMODE(info.st_mode) == 0o700  # no one else can plant a name in it
        assert info.st_uid == os.geteuid()
        assert os.listdir(folder) == [temporary.name]
        created = os.lstat(temporary)  # already made by the export, before any writing
        assert stat.S_ISREG(created.st_mode)
        assert created.st_size == 0
        assert (created.st_dev, created.st_ino) == (os.fstat(fd).st_dev, os.fstat(fd).st_ino)

    _around(monkeypatch, suffix, check)
    target = tmp_path / f"out{suffix}"
    assert _export(mini_data, target)[0] == 0
    assert len(seen) == 1
    assert not seen[0].parent.exists()
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_a_symlink_planted_at_the_temporary_name_cannot_redirect_the_export(
    mini_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    """The old attack, made deterministic: the temporary name swapped for a link to a victim
    while the export writes. (Another user cannot even do this, the folder being 0700.)"""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")

    def plant(fd: int, temporary: Path) -> None:
        temporary.unlink()
        temporary.symlink_to(victim)

    _around(monkeypatch, suffix, plant)
    target = tmp_path / f"out{suffix}"
    code, err = _export(mini_data, target)
    assert code == 1
    assert f"cannot write {target}: its temporary file was replaced" in err
    assert victim.read_text(encoding="utf-8") == "precious"  # written through our descriptor
    assert not os.path.lexists(target)  # and the link was not put in place either
    assert _leftovers(tmp_path) == []


# --- never replacing without --force -----------------------------------------------------


def _plant_at(target: Path, kind: str, tmp_path: Path) -> None:
    if kind == "file":
        target.write_text("theirs", encoding="utf-8")
    elif kind == "dangling symlink":
        target.symlink_to(tmp_path / "nowhere")
    else:  # a symlink to a file
        (tmp_path / "victim.txt").write_text("precious", encoding="utf-8")
        target.symlink_to(tmp_path / "victim.txt")


def _unchanged(target: Path, kind: str, tmp_path: Path) -> None:
    if kind == "file":
        assert target.read_text(encoding="utf-8") == "theirs"
    elif kind == "dangling symlink":
        assert target.is_symlink()
        assert not (tmp_path / "nowhere").exists()
    else:
        assert target.is_symlink()
        assert (tmp_path / "victim.txt").read_text(encoding="utf-8") == "precious"


KINDS = ["file", "dangling symlink", "symlink"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("suffix", [".json", ".db"])
def test_something_created_at_the_target_during_the_export_is_not_replaced_without_force(
    mini_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, kind: str
) -> None:
    """Decided: exit 2 and the same message as when it was there from the start (what is at
    the target when the file would be put in place is what counts)."""
    target = tmp_path / f"out{suffix}"
    _around(monkeypatch, suffix, lambda fd, temporary: _plant_at(target, kind, tmp_path))
    code, err = _export(mini_data, target)
    assert code == 2
    assert f"{target} already exists; use --force" in err
    _unchanged(target, kind, tmp_path)
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", ["dangling symlink", "symlink"])
def test_a_symlink_at_the_target_is_not_replaced_without_force(
    mini_data: Path, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "out.json"
    _plant_at(target, kind, tmp_path)
    code, err = _export(mini_data, target)
    assert code == 2
    assert "--force" in err
    _unchanged(target, kind, tmp_path)


@pytest.mark.parametrize("kind", ["dangling symlink", "symlink"])
def test_force_replaces_a_symlink_at_the_target_never_what_it_points_to(
    mini_data: Path, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "out.json"
    _plant_at(target, kind, tmp_path)
    assert _export(mini_data, target, "--force")[0] == 0
    assert not target.is_symlink()
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 1
    assert not (tmp_path / "nowhere").exists()
    if kind == "symlink":
        assert (tmp_path / "victim.txt").read_text(encoding="utf-8") == "precious"


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_target_of_the_longest_name_the_system_allows(
    mini_data: Path, tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / ("x" * (255 - len(suffix)) + suffix)
    assert _export(mini_data, target)[0] == 0
    assert target.stat().st_size > 0
    assert _leftovers(tmp_path) == []


def test_a_symlink_to_a_folder_at_the_target_is_an_existing_target(
    mini_data: Path, tmp_path: Path
) -> None:
    (tmp_path / "folder").mkdir()
    target = tmp_path / "out.json"
    target.symlink_to(tmp_path / "folder")
    assert _export(mini_data, target)[0] == 2
    assert _export(mini_data, target, "--force")[0] == 0  # the link is replaced
    assert target.is_file()
    assert not target.is_symlink()
    assert list((tmp_path / "folder").iterdir()) == []


@pytest.mark.parametrize(
    "link_error", [errno.EPERM, errno.ENOTSUP], ids=["no-hard-links", "not-supported"]
)
@pytest.mark.parametrize("renameat2", [True, False], ids=["renameat2", "check-then-rename"])
def test_where_hard_links_are_refused_the_fallbacks_still_never_replace(
    mini_data: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    link_error: int,
    renameat2: bool,
) -> None:
    if renameat2 and not sys.platform.startswith("linux"):
        pytest.skip("renameat2 is Linux's")

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(link_error, os.strerror(link_error))

    monkeypatch.setattr(os, "link", refuse)
    if not renameat2:
        monkeypatch.setattr(export_module, "_rename_noreplace", lambda source, target: False)
    target = tmp_path / "out.json"
    assert _export(mini_data, target)[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 1
    assert _leftovers(tmp_path) == []

    again = tmp_path / "again.json"
    _around(
        monkeypatch, ".json", lambda fd, temporary: _plant_at(again, "dangling symlink", tmp_path)
    )
    assert _export(mini_data, again)[0] == 2
    _unchanged(again, "dangling symlink", tmp_path)
    assert _leftovers(tmp_path) == []


def test_a_folder_created_at_the_target_during_a_forced_export_is_a_failure_to_write(
    mini_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    _around(monkeypatch, ".json", lambda fd, temporary: target.mkdir())
    code, err = _export(mini_data, target, "--force")
    assert code == 1
    assert f"cannot write {target}: " in err
    assert target.is_dir()
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_folder_that_may_not_be_written_is_a_failure_to_write(
    mini_data: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, err = _export(mini_data, folder / "out.json")
    finally:
        folder.chmod(0o755)
    assert code == 1
    assert f"cannot write {folder / 'out.json'}: Permission denied" in err
    assert list(folder.iterdir()) == []


def test_the_messages_are_indonesian_too(
    mini_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    _around(monkeypatch, ".json", lambda fd, temporary: _plant_at(target, "file", tmp_path))
    result = invoke(["--data", str(mini_data), "export", str(target)], lang=Lang.ID)
    assert result.exit_code == 2
    assert f"{target} sudah ada; pakai --force" in result.stderr
    target.unlink()
    monkeypatch.undo()  # the real writer again

    def plant(fd: int, temporary: Path) -> None:
        temporary.unlink()
        temporary.symlink_to(tmp_path / "elsewhere")

    _around(monkeypatch, ".json", plant)
    result = invoke(["--data", str(mini_data), "export", str(target)], lang=Lang.ID)
    assert result.exit_code == 1
    assert f"{target} tidak dapat ditulis: berkas sementaranya diganti" in result.stderr
    assert not (tmp_path / "elsewhere").exists()
    assert not os.path.lexists(target)


# --- the mode of the file ----------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444])
@pytest.mark.parametrize("suffix", FORMATS)
def test_force_keeps_the_mode_of_the_replaced_file(
    mini_data: Path, tmp_path: Path, umask_022: None, suffix: str, mode: int
) -> None:
    target = tmp_path / f"out{suffix}"
    target.write_text("old", encoding="utf-8")
    target.chmod(mode)
    assert _export(mini_data, target, "--force")[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_bytes() != b"old"


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o027])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_new_file_gets_0666_less_the_umask(
    mini_data: Path, tmp_path: Path, suffix: str, umask: int
) -> None:
    old = os.umask(umask)
    try:
        target = tmp_path / f"out{suffix}"
        assert _export(mini_data, target)[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_the_sqlite_export_is_a_whole_database(mini_data: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.db"
    assert _export(mini_data, target)[0] == 0
    with sqlite3.connect(target) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM partnerships").fetchone() == (5,)


# --- durability --------------------------------------------------------------------------


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("suffix", FORMATS)
def test_the_file_is_fsynced_before_it_is_put_in_place_and_the_folder_after(
    mini_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, force: bool
) -> None:
    target = tmp_path / f"out{suffix}"
    if force:
        target.write_text("old", encoding="utf-8")
    real = os.fsync
    calls: list[tuple[str, bytes]] = []

    def record(fd: int) -> None:
        kind = "dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        calls.append((kind, target.read_bytes()[:3] if target.exists() else b""))
        real(fd)

    monkeypatch.setattr(os, "fsync", record)
    assert _export(mini_data, target, *(["--force"] if force else []))[0] == 0
    old = b"old" if force else b""
    assert calls[0] == ("file", old)  # the new file, while the target is still as it was
    assert calls[-1][0] == "dir"  # the folder, once the new file is in it
    assert calls[-1][1] == target.read_bytes()[:3] != old


# --- signals -----------------------------------------------------------------------------


def test_the_previous_signal_handlers_come_back_and_an_ignored_one_stays_ignored(
    mini_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def mine(signum: int, frame: object) -> None:
        pass

    during: list[object] = []
    old_term = signal.signal(signal.SIGTERM, mine)
    old_hup = signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as under nohup
    try:
        _around(
            monkeypatch,
            ".json",
            lambda fd, temporary: during.extend(
                [signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)]
            ),
        )
        assert _export(mini_data, tmp_path / "out.json")[0] == 0
        assert during[0] not in (mine, signal.SIG_DFL)  # the export's own, while it runs
        assert during[1] == signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) is mine
        assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGTERM, old_term)
        signal.signal(signal.SIGHUP, old_hup)


SLOW_WRITER = """
import sys, time
from kerjasama_cli import export

real = export.WRITERS[export.ExportFormat.JSON]

def slow(dataset, fd, path):
    real(dataset, fd, path)  # the temporary file is whole, and not yet in place
    print("READY", file=sys.stderr, flush=True)
    time.sleep(60)

export.WRITERS[export.ExportFormat.JSON] = slow
from kerjasama_cli.cli import run
sys.argv = ["kerjasama", *sys.argv[1:]]
run()
"""


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)],
    ids=["SIGTERM", "SIGHUP", "SIGINT"],
)
def test_a_signal_during_a_slow_export_leaves_no_temporary_file(
    mini_data: Path, tmp_path: Path, signum: int, code: int
) -> None:
    script = tmp_path / "slow.py"
    script.write_text(SLOW_WRITER, encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "register.json"
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}

    def default_signals() -> None:  # as in a terminal, whatever the test runner ignores
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(number, signal.SIG_DFL)

    process = subprocess.Popen(
        [sys.executable, str(script), "--data", str(mini_data), "export", str(target)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        preexec_fn=default_signals,
    )  # fmt: skip
    assert process.stderr is not None
    assert process.stderr.readline() == "READY\n"
    assert len(_leftovers(out_dir)) == 1  # the private folder, while the export runs
    process.send_signal(signum)
    out, err = process.communicate(timeout=30)
    assert process.returncode == code
    assert "Traceback" not in err
    assert out == ""
    assert list(out_dir.iterdir()) == []  # neither the target nor a temporary file
