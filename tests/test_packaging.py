"""The habits of a well-kept package: one version, licences, type hints, citation, hooks.

Each file is read as the tool that uses it would read it (TOML, YAML), so a typo that
breaks a build, a citation or a pre-commit run fails here first.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import yaml

from conftest import REPO, invoke
from kerjasama_cli import __version__

PYPROJECT: dict[str, Any] = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_version_is_written_once_in_the_package() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project
    assert "version" in project["dynamic"]
    path = PYPROJECT["tool"]["hatch"]["version"]["path"]
    text = (REPO / path).read_text(encoding="utf-8")
    assert re.findall(r'^__version__ = "([^"]+)"$', text, flags=re.M) == [__version__]
    assert invoke(["--version"]).stdout == f"kerjasama {__version__}\n"


def test_both_licences_are_named_and_shipped() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "MIT AND CC-BY-4.0"
    assert project["license-files"] == ["LICENSE", "LICENSE-DATA.md"]
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    data = (REPO / "LICENSE-DATA.md").read_text(encoding="utf-8")
    assert "https://creativecommons.org/licenses/by/4.0/" in data
    assert "kerjasama contributors, CC BY 4.0, with its sources as cited" in " ".join(
        data.replace(">", " ").split()
    )
    sdist = PYPROJECT["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    assert {"LICENSE", "LICENSE-DATA.md", "schema"} <= set(sdist)


def test_the_package_says_it_is_typed() -> None:
    assert (REPO / "src" / "kerjasama_cli" / "py.typed").is_file()


def test_the_schema_ships_in_the_wheel_beside_the_data() -> None:
    included = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert included["schema/partnerships.schema.json"] == (
        "kerjasama_cli/schema/partnerships.schema.json"
    )
    assert included["data/partnerships.yaml"] == "kerjasama_cli/data/partnerships.yaml"


def test_the_citation_describes_the_dataset() -> None:
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert citation["type"] == "dataset"
    assert citation["license"] == "CC-BY-4.0"
    assert citation["authors"] == [{"name": "kerjasama contributors"}]
    assert citation["title"]
    assert "version" not in citation  # the version is written once, in the package


def test_the_pre_commit_hook_runs_validate_on_yaml() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "kerjasama-validate"
    assert hook["entry"] == "kerjasama validate"
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert pattern.search("data/partnerships.yaml")
    assert pattern.search("register.yml")
    assert not pattern.search("README.md")


def test_the_changelog_starts_with_what_is_unreleased() -> None:
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[0] == "Unreleased"
    assert f"{__version__}" in headings
