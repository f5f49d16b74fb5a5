"""A fresh clone, installed (not editable) into a fresh virtual environment, works from any folder.

The clone holds only what is committed, so this catches a data file or module that exists
in the working tree but was never committed, or that the wheel forgets to ship. The
package is built from the clone (pip fetches the build backend); its dependencies are
lent by the environment running the tests, so the test takes seconds, not a minute. It
skips itself, saying why, when no package index can be reached.
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
    run(base_python, "-m", "venv", "--without-pip", venv)  # this environment's pip installs
    python = venv / "bin" / "python"
    # The dependencies come from this environment's site-packages, added as a plain path:
    # its .pth files (an editable install of this repository among them) are not read.
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    lent = [p for p in sys.path if p.endswith("site-packages")]
    (Path(site.stdout.strip()) / "lent-dependencies.pth").write_text("\n".join(lent) + "\n")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
         str(clone)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if install.returncode != 0 and "no such option: --python" in install.stderr:
        pytest.skip("this pip is older than 22.3 and cannot install into another environment")
    if install.returncode != 0 and _no_index(install.stderr):
        pytest.skip(f"no package index can be reached to build the package: {_last(install)}")
    assert install.returncode == 0, install.stderr

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


def _no_index(stderr: str) -> bool:
    """pip's words when it could not reach an index for the build backend."""
    signs = ("NewConnectionError", "Failed to establish", "Could not find a version",
             "No matching distribution", "Temporary failure in name resolution", "Network is unreachable")  # fmt: skip
    return any(sign in stderr for sign in signs)


def _last(done: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    return lines[-1] if lines else "pip failed"
