"""The program's way out: pipes, exit codes, streams, colour, signals and the store.

Most tests run ``main`` in-process (``invoke``, or ``main`` with an ``Environment`` that
says stdout is a terminal); a real process is kept only where one is the point: a pipe
that really breaks, Ctrl-C, the console script, a pseudo-terminal, and a few checks that
no traceback ever reaches a user.
"""

from __future__ import annotations

import importlib.metadata
import io
import os
import pty
import select
import shlex
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import _SCRUBBED, MINI_YAML, Result, invoke, run_cli
from kerjasama_cli.cli import main
from kerjasama_cli.environment import Environment
from kerjasama_cli.store import Register

MINI_IDS = sorted(r["id"] for r in yaml.safe_load(MINI_YAML)["partnerships"])
BIG_SIZE = 3000


def big_yaml(records: int) -> str:
    """The test dataset's vocabulary with ``records`` generated records: output far beyond a pipe's buffer."""
    head = MINI_YAML.split("partnerships:\n")[0]
    body = "".join(
        f"  - id: rec-{i:05d}\n"
        f"    title: Rekaman uji nomor {i}\n"
        f"    partner: Mitra {i}\n"
        "    partner_type: city\n"
        "    country: NL\n"
        "    kind: programme\n"
        "    sectors: [banjir, budaya]\n"
        '    signed: "2014-09"\n'
        "    status: active\n"
        f"    summary: {{id: Ringkasan rekaman {i}., en: Summary of record {i}.}}\n"
        "    sources: [s1]\n"
        for i in range(records)
    )
    return f"{head}partnerships:\n{body}"


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A large dataset and a cache already holding it (parsed once for every test here)."""
    folder = tmp_path_factory.mktemp("big")
    path = folder / "big.yaml"
    path.write_text(big_yaml(BIG_SIZE), encoding="utf-8")
    cache = folder / "cache"
    done = invoke(
        ["--data", str(path), "list", "--format", "ids"], env={"KERJASAMA_CACHE_DIR": str(cache)}
    )
    assert done.exit_code == 0, done.stderr
    assert len(done.stdout.splitlines()) == BIG_SIZE
    return path, cache


def shell(command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a bash pipeline with the scrubbed environment of ``run_cli``."""
    base = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    base.update(env or {})
    return subprocess.run(
        ["bash", "-c", command],
        capture_output=True, text=True, encoding="utf-8", env=base, timeout=60,
    )  # fmt: skip


def kerjasama(*args: str) -> str:
    return " ".join([shlex.quote(sys.executable), "-m", "kerjasama_cli", *map(shlex.quote, args)])


# --- pipes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    # Each output is hundreds of kilobytes, far more than a pipe holds: the pipe really breaks.
    ("fmt", "first_line"),
    [("tsv", "id\ttitle\tpartner"), ("csv", "id,title,partner"), ("json", "[")],
)
def test_pipe_into_head_ends_quietly(big: tuple[Path, Path], fmt: str, first_line: str) -> None:
    path, cache = big
    command = kerjasama("--data", str(path), "list", "--format", fmt) + " | head -1"
    done = shell(
        f'{command}; echo "status=${{PIPESTATUS[0]}}" >&2', env={"KERJASAMA_CACHE_DIR": str(cache)}
    )
    assert done.stderr == "status=0\n"  # no "Exception ignored", no traceback, exit 0
    assert done.stdout.splitlines() == [done.stdout.splitlines()[0]]
    assert done.stdout.startswith(first_line)


def test_pipe_of_show_into_head_ends_quietly(big: tuple[Path, Path]) -> None:
    path, cache = big
    ids = [f"rec-{i:05d}" for i in range(0, BIG_SIZE, 3)]
    command = kerjasama("--data", str(path), "show", *ids) + " | head -1"
    done = shell(
        f'{command}; echo "status=${{PIPESTATUS[0]}}" >&2', env={"KERJASAMA_CACHE_DIR": str(cache)}
    )
    assert done.stderr == "status=0\n"
    assert "rec-00000" in done.stdout


@pytest.mark.parametrize(
    "args",
    [
        # 1500 rows of the table are about 150 kB, more than twice what a pipe holds, and
        # Rich renders them in half the time of all 3000.
        ["list", "--format", "table", "--limit", "1500"],
        ["summary", "--by", "country", "--format", "table"],
        ["sectors", "--format", "table"],
    ],
)
def test_rich_tables_into_head_end_quietly_with_status_0(
    big: tuple[Path, Path], args: list[str]
) -> None:
    path, cache = big
    command = kerjasama("--data", str(path), *args) + " | head -1"
    done = shell(
        f'{command}; echo "status=${{PIPESTATUS[0]}}" >&2',
        env={"KERJASAMA_CACHE_DIR": str(cache), "COLUMNS": "100"},
    )
    assert done.stderr == "status=0\n"
    assert done.stdout.count("\n") == 1


def test_list_of_the_bundled_data_into_head_ends_quietly() -> None:
    done = shell(kerjasama("list") + " | head -1")
    assert done.stderr == ""
    assert done.stdout.startswith("id\t")


# --- exit codes and streams ----------------------------------------------------------------


def test_success_exits_0_with_results_on_stdout_and_nothing_on_stderr(mini_data: Path) -> None:
    done = invoke(["--data", str(mini_data), "list", "--format", "ids"])
    assert done.exit_code == 0
    assert done.stdout.splitlines() == MINI_IDS
    assert done.stderr == ""


def test_invalid_dataset_exits_1_with_the_problem_on_stderr_only(write_yaml: Any) -> None:
    path = write_yaml(MINI_YAML.replace("country: NL", "country: XX"))
    done = invoke(["--data", str(path), "list"])
    assert done.exit_code == 1
    assert done.stdout == ""
    assert f"{path}:" in done.stderr
    assert "XX" in done.stderr


def test_usage_error_exits_2_with_the_message_on_stderr_only(mini_data: Path) -> None:
    done = invoke(["--data", str(mini_data), "list", "--sector", "bajir"])
    assert done.exit_code == 2
    assert done.stdout == ""
    assert "banjir" in done.stderr


def test_unknown_option_exits_2(mini_data: Path) -> None:
    done = invoke(["--data", str(mini_data), "list", "--frobnicate"])
    assert done.exit_code == 2
    assert done.stdout == ""
    assert "--frobnicate" in done.stderr


def test_no_match_on_a_pipe_exits_0_silently(mini_data: Path) -> None:
    done = invoke(["--data", str(mini_data), "list", "--sector", "banjir", "--country", "JP"])
    assert (done.exit_code, done.stdout, done.stderr) == (0, "", "")


def test_version_prints_the_installed_version() -> None:
    done = invoke(["--version"])
    assert done.exit_code == 0
    assert done.stdout == f"kerjasama {importlib.metadata.version('kerjasama')}\n"


def test_help_exits_0_and_names_the_commands() -> None:
    done = invoke(["--help"])
    assert done.exit_code == 0
    assert done.stderr == ""
    for command in ("list", "show", "validate"):
        assert command in done.stdout


def test_command_help_exits_0_on_stdout() -> None:
    done = invoke(["list", "-h"])
    assert done.exit_code == 0
    assert "--sector" in done.stdout
    assert done.stderr == ""


def test_python_dash_m_and_the_console_script_agree(mini_data: Path) -> None:
    script = Path(sys.executable).with_name("kerjasama")
    if not script.exists():
        pytest.skip("the console script is not installed next to this interpreter")
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    args = ["--data", str(mini_data), "list", "--format", "json"]
    via_script = subprocess.run([str(script), *args], capture_output=True, text=True, env=env)
    assert via_script.returncode == 0
    assert via_script.stdout == run_cli(args).stdout


BAD_INVOCATIONS = [
    ["list", "--limit", "abc"],
    ["list", "--limit", "-3"],
    ["list", "--sort", "nope"],
    ["list", "--since", "2023-02-30"],
    ["list", "--until", ""],
    ["list", "--year", "soon"],
    ["list", "--format", "xml"],
    ["list", "--columns", "nope"],
    ["list", "--columns", ","],
    ["list", "--sector", ""],
    ["list", "--country", "Atlantis"],
    ["show"],
    ["show", "nowhere"],
    ["show", ""],
    ["show", "tokyo-sister-city", "--format", "csv"],
    ["--lang", "fr", "list"],
    ["validate", "/nonexistent/file.yaml"],
    ["validate", "/"],
    ["--data", "/", "list"],
    ["--data", "/dev/null", "list"],
    ["--data", "", "list"],
    ["lsit"],
]


@pytest.mark.parametrize("args", BAD_INVOCATIONS, ids=" ".join)
def test_no_bad_input_raises_an_exception(args: list[str]) -> None:
    result = invoke(args, env={"KERJASAMA_DEBUG": "1"})  # a bug would raise, not be reported
    assert result.exit_code in (1, 2)
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("args", [BAD_INVOCATIONS[0], BAD_INVOCATIONS[12], BAD_INVOCATIONS[18]])
def test_no_traceback_reaches_the_user(args: list[str]) -> None:
    done = run_cli(args)
    assert done.returncode in (1, 2)
    assert "Traceback" not in done.stderr + done.stdout
    assert (done.stderr + done.stdout).strip() != ""  # a message, not silence


# --- colour ------------------------------------------------------------------------------


def run_in_terminal(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run the program with stdout on a pseudo-terminal (stderr on a pipe): what a person sees."""
    base = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    base.update({"TERM": "xterm-256color", "COLUMNS": "160", "LINES": "50"})
    base.pop("_TYPER_FORCE_DISABLE_TERMINAL", None)
    base.update(env or {})
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "kerjasama_cli", *args],
            stdin=subprocess.DEVNULL, stdout=follower, stderr=subprocess.PIPE, env=base,
        )  # fmt: skip
    finally:
        os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal's other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.stderr is not None
    err = process.stderr.read().decode("utf-8")
    process.stderr.close()
    code = process.wait(timeout=30)
    return code, b"".join(chunks).decode("utf-8").replace("\r\n", "\n"), err


def test_table_is_the_default_on_a_terminal_and_has_colour(mini_data: Path) -> None:
    code, out, _ = run_in_terminal(["--data", str(mini_data), "list"])
    assert code == 0
    assert "\x1b[" in out  # the positive control for the tests below
    assert "id\ttitle" not in out
    for record_id in MINI_IDS:
        assert record_id in out


def on_a_terminal(
    args: list[str],
    env: dict[str, str] | None = None,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> Result:
    """Run ``main`` in-process as ``run_in_terminal`` runs the program: stdout said to be a
    terminal 160 columns wide, with its variables also in ``os.environ`` (Rich reads
    ``FORCE_COLOR`` and ``NO_COLOR`` there for itself)."""
    variables = {"TERM": "xterm-256color", "COLUMNS": "160", "LINES": "50", **(env or {})}
    if monkeypatch is not None:
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("_TYPER_FORCE_DISABLE_TERMINAL", raising=False)
    environ = {**os.environ, **variables}
    environ.pop("_TYPER_FORCE_DISABLE_TERMINAL", None)
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    err = io.StringIO()
    terminal = Environment(stdout=out, stderr=err, environ=environ, stdout_is_tty=True, columns=160)
    code = main(args, terminal)
    out.flush()
    return Result(code, out.buffer.getvalue(), err.getvalue())


@pytest.mark.parametrize(
    ("args", "env", "command"),
    [
        (["--no-color"], {"FORCE_COLOR": "1"}, ["list", "--format", "table"]),
        ([], {"NO_COLOR": "1", "FORCE_COLOR": "1"}, ["list", "--format", "table"]),
        ([], {"TERM": "dumb"}, ["list", "--format", "table"]),
        (["--no-color"], {}, ["show", "tokyo-sister-city"]),
        ([], {"NO_COLOR": "1"}, ["show", "tokyo-sister-city"]),
    ],
)
def test_no_colour_is_honoured_on_a_terminal(
    mini_data: Path,
    args: list[str],
    env: dict[str, str],
    command: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    done = on_a_terminal([*args, "--data", str(mini_data), *command], env, monkeypatch)
    assert done.exit_code == 0
    assert "tokyo-sister-city" in done.stdout
    assert "\x1b" not in done.stdout


def test_colour_on_a_terminal_in_process_as_in_a_real_one(
    mini_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The positive control of the in-process terminal: colour, as the pty test sees it."""
    done = on_a_terminal(["--data", str(mini_data), "list"], None, monkeypatch)
    assert done.exit_code == 0
    assert "\x1b[" in done.stdout
    assert "id\ttitle" not in done.stdout
    for record_id in MINI_IDS:
        assert record_id in done.stdout


def test_empty_no_color_does_not_disable_colour(
    mini_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    done = on_a_terminal(["--data", str(mini_data), "list"], {"NO_COLOR": ""}, monkeypatch)
    assert done.exit_code == 0
    assert "\x1b[" in done.stdout


@pytest.mark.parametrize("fmt", ["tsv", "json", "yaml"])
def test_machine_formats_carry_no_colour_even_on_a_terminal(
    mini_data: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    done = on_a_terminal(
        ["--data", str(mini_data), "list", "--format", fmt], {"FORCE_COLOR": "1"}, monkeypatch
    )
    assert done.exit_code == 0
    assert "tokyo-sister-city" in done.stdout
    assert "\x1b" not in done.stdout


def test_no_match_on_a_terminal_says_so_on_stderr(
    mini_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    done = on_a_terminal(
        ["--data", str(mini_data), "list", "--sector", "banjir", "--country", "JP"],
        None,
        monkeypatch,
    )
    assert done.exit_code == 0
    assert done.stdout.strip() == ""
    assert done.stderr.strip() != ""


# --- Ctrl-C ------------------------------------------------------------------------------

SLOW_LOADER = """
import sys, time
from kerjasama_cli.store import Register

def slow_open(cls, *args, **kwargs):
    print("READY", file=sys.stderr, flush=True)
    time.sleep(60)

Register.open = classmethod(slow_open)
from kerjasama_cli.cli import run
sys.argv = ["kerjasama", *sys.argv[1:]]
run()
"""


@pytest.mark.parametrize("command", [["list"], ["show", "tokyo-sister-city"]])
def test_ctrl_c_exits_130_without_a_traceback(tmp_path: Path, command: list[str]) -> None:
    script = tmp_path / "slow.py"
    script.write_text(SLOW_LOADER, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}

    def default_sigint() -> None:  # as in a terminal, whatever the test runner ignores
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    process = subprocess.Popen(
        [sys.executable, str(script), *command],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        preexec_fn=default_sigint,
    )  # fmt: skip
    assert process.stderr is not None
    assert process.stderr.readline() == "READY\n"
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "Traceback" not in err
    assert "KeyboardInterrupt" not in err
    assert out == ""


# --- the store, through the command ------------------------------------------------------
# (the store's own tests, with Register directly, are in test_store.py)


def cached_run(path: Path, cache: Path, *args: str) -> Result:
    return invoke(["--data", str(path), *args], env={"KERJASAMA_CACHE_DIR": str(cache)})


def store_files(cache: Path) -> list[Path]:
    return [p for p in cache.rglob("*.sqlite") if p.is_file()]


def test_second_run_serves_the_same_result_from_the_cache(mini_data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = cached_run(mini_data, cache, "list", "--format", "json")
    assert store_files(cache), "the first run should have filled the cache"
    second = cached_run(mini_data, cache, "list", "--format", "json")
    assert first.exit_code == second.exit_code == 0
    assert second.stdout == first.stdout
    assert second.stderr == ""


def test_edited_file_is_never_served_stale_even_with_the_same_size_and_time(
    mini_data: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    before = mini_data.stat()
    assert "rotterdam-dutep" in cached_run(mini_data, cache, "list", "-f", "ids").stdout
    edited = MINI_YAML.replace("rotterdam-dutep", "rotterdam-dutch")  # same length
    mini_data.write_text(edited, encoding="utf-8")
    os.utime(mini_data, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert mini_data.stat().st_size == before.st_size
    ids = cached_run(mini_data, cache, "list", "-f", "ids").stdout.splitlines()
    assert "rotterdam-dutch" in ids
    assert "rotterdam-dutep" not in ids


def test_file_made_invalid_after_caching_is_reported(mini_data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert cached_run(mini_data, cache, "list").exit_code == 0
    mini_data.write_text(MINI_YAML.replace("country: NL", "country: XX"), encoding="utf-8")
    assert cached_run(mini_data, cache, "list").exit_code == 1


@pytest.mark.parametrize(
    "garbage", [b"", b"\x80\x05\x95 not a database \xff\x00"], ids=["empty", "junk"]
)
def test_corrupt_cache_is_survived(mini_data: Path, tmp_path: Path, garbage: bytes) -> None:
    cache = tmp_path / "cache"
    first = cached_run(mini_data, cache, "list", "--format", "json")
    entries = store_files(cache)
    assert entries
    for entry in entries:
        entry.write_bytes(garbage)
    again = cached_run(mini_data, cache, "list", "--format", "json")
    assert again.exit_code == 0
    assert again.stdout == first.stdout
    assert again.stderr == ""


def test_cache_directory_that_cannot_be_created_is_ignored(mini_data: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    done = cached_run(mini_data, blocker / "sub", "list", "-f", "ids")
    assert done.exit_code == 0
    assert done.stdout.splitlines() == MINI_IDS
    assert done.stderr == ""


def test_cache_path_that_is_a_file_is_ignored(mini_data: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    done = cached_run(mini_data, blocker, "list", "-f", "ids")
    assert (done.exit_code, done.stderr) == (0, "")
    assert done.stdout.splitlines() == MINI_IDS
    assert blocker.read_text(encoding="utf-8") == "not a directory"


# --- a bug of ours ---------------------------------------------------------------------------


def test_an_unexpected_bug_is_one_line_on_stderr_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(Register, "select", broken)
    done = invoke(["list"])
    assert done.exit_code == 1
    assert "Traceback" not in done.stderr
    assert "internal error (RuntimeError: simulated bug)" in done.stderr
    assert done.stderr.count("\n") == 1  # one line
    with pytest.raises(RuntimeError, match="simulated bug"):  # KERJASAMA_DEBUG: the traceback
        invoke(["list"], env={"KERJASAMA_DEBUG": "1"})


def test_a_closed_stdout_is_a_write_error_not_a_traceback() -> None:
    script = "exec 1>&-; exec " + " ".join([sys.executable, "-m", "kerjasama_cli", "--version"])
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    done = subprocess.run(["sh", "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1
    assert done.stderr == "kerjasama: error: cannot write the output: Bad file descriptor\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_disk_is_a_write_error_with_status_1() -> None:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "kerjasama_cli", "list", "--format", "json"],
            stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=60,
        )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == "kerjasama: error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "tsv", "table"])
def test_output_to_a_full_filesystem_is_a_write_error(small_tmpfs: Path, fmt: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    target = small_tmpfs / "out"
    with target.open("w") as out:  # every format writes more than the 16 KiB there is
        done = subprocess.run(
            [sys.executable, "-m", "kerjasama_cli", "list", "--format", fmt],
            stdout=out, stderr=subprocess.PIPE, text=True, env=env, timeout=60,
        )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == "kerjasama: error: cannot write the output: No space left on device\n"


def test_an_export_to_a_full_filesystem_fails_and_leaves_nothing(small_tmpfs: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    done = subprocess.run(
        [sys.executable, "-m", "kerjasama_cli", "export", str(small_tmpfs / "x.json")],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert "No space left on device" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(small_tmpfs.iterdir()) == []


def test_an_empty_data_option_is_a_usage_error() -> None:
    result = invoke(["--data", "", "list"])
    assert result.exit_code == 2
    assert (
        result.stderr == "kerjasama: error: --data needs a file name (or - for standard input).\n"
    )


def test_id_suggestions_ignore_case() -> None:
    result = invoke(["show", "TOKYO-SISTER-CITY"])
    assert result.exit_code == 2
    assert "tokyo-sister-city" in result.stderr.splitlines()[1]
