"""``kerjasama show ID...``: records in full, with their sources, for people and for scripts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import BUNDLED, MINI_YAML, invoke

MINI: dict[str, Any] = yaml.safe_load(MINI_YAML)
MINI_BY_ID = {r["id"]: r for r in MINI["partnerships"]}
REAL: dict[str, Any] = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))


def show(data: Path, *args: str, lang: str = "en") -> Any:
    return invoke(["--data", str(data), "--lang", lang, "show", *args], env={"COLUMNS": "200"})


def with_sources(record: dict[str, Any], sources: dict[str, Any]) -> dict[str, Any]:
    """The record as ``show`` gives it to scripts: each source key resolved to its entry."""
    return {**record, "sources": [{"key": k, **sources[k]} for k in record["sources"]]}


# --- the human view ----------------------------------------------------------------------


def test_show_prints_the_record_in_full(mini_data: Path) -> None:
    result = show(mini_data, "tokyo-sister-city")
    assert result.exit_code == 0
    for text in (
        "tokyo-sister-city",
        "Kota kembar Jakarta–Tokyo",
        "Tokyo",
        "Japan (JP)",
        "sister city",
        "Culture",
        "Health",
        "1989-10-23",
        "active",
        "international",
        "Sister-city tie with Tōkyō.",
    ):
        assert text in result.stdout, text


def test_show_prints_each_source_with_title_publisher_date_and_url(mini_data: Path) -> None:
    result = show(mini_data, "bekasi-grant")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    first = next(line for line in lines if "Sumber satu" in line)
    second = next(line for line in lines if "Sumber dua" in line)
    for part in ("s1", "Penerbit", "2024-12", "https://example.org/a"):
        assert part in first
    for part in ("s2", "Penerbit", "2019"):
        assert part in second


def test_show_prints_the_note_when_there_is_one(mini_data: Path) -> None:
    assert "Date unknown." in show(mini_data, "bekasi-grant").stdout
    assert "Tanggal tidak diketahui." in show(mini_data, "bekasi-grant", lang="id").stdout


def test_show_in_indonesian_gives_the_indonesian_summary_and_labels(mini_data: Path) -> None:
    result = show(mini_data, "tokyo-sister-city", lang="id")
    assert "Kerja sama kota kembar dengan Tōkyō." in result.stdout
    assert "Jepang (JP)" in result.stdout
    assert "kota kembar" in result.stdout


def test_show_keeps_square_brackets_of_the_summary(mini_data: Path) -> None:
    assert "Water [training] in Rotterdam." in show(mini_data, "rotterdam-dutep").stdout
    assert "Pelatihan [air] di Rotterdam." in show(mini_data, "rotterdam-dutep", lang="id").stdout


def test_show_several_ids_prints_them_in_the_order_given(mini_data: Path) -> None:
    out = show(mini_data, "tokyo-sister-city", "bekasi-grant").stdout
    assert out.index("Tōkyō") < out.index("neighbouring region")
    out = show(mini_data, "bekasi-grant", "tokyo-sister-city").stdout
    assert out.index("neighbouring region") < out.index("Tōkyō")


def test_show_human_view_has_no_colour_when_not_a_terminal(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "show", "tokyo-sister-city"])
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        (["--color", "always"], {}, True),
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "0"}, False),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        (["--no-color", "--color", "always"], {}, False),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ],
)
def test_colour_into_a_pipe_only_when_asked_for(
    mini_data: Path, args: list[str], env: dict[str, str], coloured: bool
) -> None:
    result = invoke([*args, "--data", str(mini_data), "show", "tokyo-sister-city"], env=env)
    assert result.exit_code == 0
    assert ("\x1b[" in result.stdout) is coloured
    machine = invoke([*args, "--data", str(mini_data), "list", "--format", "tsv"], env=env)
    assert "\x1b" not in machine.stdout  # machine formats never, whatever is asked


# --- machine formats ---------------------------------------------------------------------


def test_show_json_gives_the_records_with_their_sources_resolved(mini_data: Path) -> None:
    result = show(mini_data, "bekasi-grant", "tokyo-sister-city", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        with_sources(MINI_BY_ID["bekasi-grant"], MINI["sources"]),
        with_sources(MINI_BY_ID["tokyo-sister-city"], MINI["sources"]),
    ]


def test_show_json_spells_out_a_source_entry(mini_data: Path) -> None:
    [item] = json.loads(show(mini_data, "rotterdam-dutep", "--format", "json").stdout)
    assert item["sources"] == [
        {
            "key": "s1",
            "title": "Sumber satu",
            "publisher": "Penerbit",
            "date": "2024-12",
            "url": "https://example.org/a",
        }
    ]


def test_show_yaml_gives_the_records_with_their_sources_resolved(mini_data: Path) -> None:
    result = show(mini_data, "jeddah-sister-city", "--format", "yaml")
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout) == [
        with_sources(MINI_BY_ID["jeddah-sister-city"], MINI["sources"])
    ]


def test_show_jsonl_gives_one_record_a_line(mini_data: Path) -> None:
    result = show(mini_data, "c40-hospitals", "rotterdam-dutep", "--format", "jsonl")
    lines = result.stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["c40-hospitals", "rotterdam-dutep"]


def test_show_json_of_every_real_record_matches_the_data_file() -> None:
    ids = [r["id"] for r in REAL["partnerships"]]
    result = invoke(["show", *ids, "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        with_sources(r, REAL["sources"]) for r in REAL["partnerships"]
    ]


def test_show_json_is_not_ascii_escaped(mini_data: Path) -> None:
    out = show(mini_data, "tokyo-sister-city", "--format", "json").stdout
    assert "Tōkyō" in out
    assert "\\u" not in out


# --- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("tokyo-sister-cty", "tokyo-sister-city"),
        ("dutep", "rotterdam-dutep"),
        ("jedah", "jeddah-sister-city"),
    ],
)
def test_unknown_id_exits_2_suggesting_the_closest_ids(
    mini_data: Path, typed: str, suggested: str
) -> None:
    result = show(mini_data, typed)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert repr(typed) in result.stderr
    assert suggested in result.stderr


def test_unknown_id_among_known_ones_prints_no_record(mini_data: Path) -> None:
    result = show(mini_data, "tokyo-sister-city", "nowhere", "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "'nowhere'" in result.stderr


def test_unknown_id_with_nothing_close_points_to_the_list_of_ids(mini_data: Path) -> None:
    result = show(mini_data, "zzzzzzzz")
    assert result.exit_code == 2
    assert "list --format ids" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "tsv", "ids"])
def test_show_rejects_a_format_it_cannot_give(mini_data: Path, fmt: str) -> None:
    result = show(mini_data, "tokyo-sister-city", "--format", fmt)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert repr(fmt) in result.stderr


def test_show_without_an_id_is_a_usage_error(mini_data: Path) -> None:
    result = show(mini_data)
    assert result.exit_code == 2
    assert result.stdout == ""


def test_show_into_a_pipe_pads_no_line_and_wraps_none(mini_data: Path) -> None:
    result = invoke(["--data", str(mini_data), "show", "tokyo-sister-city", "c40-hospitals"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(line == line.rstrip() for line in lines)
    assert "Partner       Tokyo" in lines
