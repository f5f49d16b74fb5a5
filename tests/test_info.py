"""``info``: which register is in use, its counts, and the state of its store."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import invoke
from kerjasama_cli.i18n import Lang


def _facts(args: list[str], cache: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    result = invoke(
        [*args, "info", "--format", "json"], env={"KERJASAMA_CACHE_DIR": str(cache), **(env or {})}
    )
    assert result.exit_code == 0, result.stderr
    return {item["field"]: item["value"] for item in json.loads(result.stdout)}


def test_info_names_the_register_its_counts_and_its_file(mini_data: Path, tmp_path: Path) -> None:
    facts = _facts(["--data", str(mini_data)], tmp_path / "cache")
    assert facts["title_en"] == "Test register"
    assert facts["title_id"] == "Register uji"
    assert facts["updated"] == "2026-11-25"
    assert facts["licence"] == "CC-BY-4.0"
    assert (facts["partnerships"], facts["sectors"], facts["sources"], facts["figures"]) == (
        "5", "3", "2", "1",
    )  # fmt: skip
    assert facts["file"] == str(mini_data)


def test_info_says_whether_the_store_was_just_built_or_up_to_date(
    mini_data: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    first = _facts(["--data", str(mini_data)], cache)
    second = _facts(["--data", str(mini_data)], cache)
    assert first["store_state"] == "built"
    assert second["store_state"] == "fresh"
    assert Path(second["store"]).parent == cache
    without = _facts(["--data", str(mini_data)], cache, {"KERJASAMA_NO_CACHE": "1"})
    assert (without["store_state"], without["store"]) == ("memory", "")


def test_info_machine_output_does_not_change_with_the_language(
    mini_data: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    _facts(["--data", str(mini_data)], cache)
    english = _facts(["--data", str(mini_data)], cache)
    indonesian = _facts(["--lang", "id", "--data", str(mini_data)], cache)
    assert english == indonesian


def test_info_for_people_in_both_languages(mini_data: Path) -> None:
    english = invoke(["--data", str(mini_data), "info", "--format", "table"])
    indonesian = invoke(["--data", str(mini_data), "info", "--format", "table"], lang=Lang.ID)
    assert "Test register" in english.stdout
    assert "Partnerships" in english.stdout
    assert "Register uji" in indonesian.stdout
    assert "Kerja sama" in indonesian.stdout
