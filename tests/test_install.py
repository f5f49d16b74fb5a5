"""A fresh clone, installed (not editable) into a fresh virtual environment, works from any folder.

The clone holds only what is committed, so this catches a data file or module that exists
in the working tree but was never committed, or that the wheel forgets to ship. It takes
a minute: pip fetches the dependencies.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import _SCRUBBED, REPO


def test_fresh_clone_installs_and_lists_flood_partnerships_from_another_folder(
    tmp_path: Path,
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed: cannot make a fresh clone")
    clone, venv, elsewhere = tmp_path / "clone", tmp_path / "venv", tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    env.pop("PYTHONPATH", None)
    env.pop("VIRTUAL_ENV", None)
    env["KERJASAMA_CACHE_DIR"] = str(tmp_path / "cache")
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"

    def run(*args: str | Path, cwd: Path = tmp_path) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
        return done

    run("git", "clone", "--quiet", REPO, clone)
    base_python = getattr(sys, "_base_executable", sys.executable)
    run(base_python, "-m", "venv", venv)
    run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", clone)

    # Installed as a real package, not a link back to the repository.
    where = run(
        venv / "bin" / "python", "-c", "import kerjasama_cli; print(kerjasama_cli.__file__)"
    )
    assert Path(where.stdout.strip()).is_relative_to(venv)

    done = run(venv / "bin" / "kerjasama", "list", "--sector", "banjir", "--format", "json",
               cwd=elsewhere)  # fmt: skip
    records = json.loads(done.stdout)
    assert records
    assert all("banjir" in r["sectors"] for r in records)
    committed = yaml.safe_load((clone / "data" / "partnerships.yaml").read_text(encoding="utf-8"))
    assert sorted(r["id"] for r in records) == sorted(
        r["id"] for r in committed["partnerships"] if "banjir" in r["sectors"]
    )
    assert done.stderr == ""
