"""Bahasa Indonesia and English: one tool for both (issue 6)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest

from conftest import invoke
from kerjasama_cli.countries import country_name
from kerjasama_cli.fields import FIELDS
from kerjasama_cli.help_text import HELP
from kerjasama_cli.i18n import (
    INSTRUMENT_LABELS,
    KIND_LABELS,
    MESSAGES,
    PARTNER_TYPE_LABELS,
    SCOPE_LABELS,
    STATUS_LABELS,
    Lang,
    heading,
    language_from_argv,
    language_from_env,
)
from kerjasama_cli.vocabulary import Instrument, Kind, PartnerType, Scope, Status

# --- every string exists in both languages ---------------------------------------------


@pytest.mark.parametrize("catalogue", [MESSAGES, HELP], ids=["messages", "help"])
def test_every_message_key_has_both_languages(catalogue: dict[str, dict[Lang, str]]) -> None:
    missing = [key for key, texts in catalogue.items() if set(texts) != set(Lang)]
    empty = [key for key, texts in catalogue.items() if any(not t.strip() for t in texts.values())]
    assert missing == []
    assert empty == []


def test_every_message_is_translated_not_copied() -> None:
    same = [k for k, t in MESSAGES.items() if t[Lang.ID] == t[Lang.EN] and k not in {"sources"}]
    # A few words are the same in both languages; anything longer must differ.
    assert [k for k in same if len(MESSAGES[k][Lang.EN]) > 8] == []


@pytest.mark.parametrize(
    ("labels", "enum"),
    [
        (KIND_LABELS, Kind),
        (STATUS_LABELS, Status),
        (PARTNER_TYPE_LABELS, PartnerType),
        (INSTRUMENT_LABELS, Instrument),
        (SCOPE_LABELS, Scope),
    ],
)
def test_every_vocabulary_value_has_labels_in_both_languages(
    labels: dict[StrEnum, tuple[str, str, tuple[str, ...]]], enum: type[StrEnum]
) -> None:
    assert set(labels) == set(enum.__members__.values())
    assert all(ind and eng for ind, eng, _ in labels.values())


def test_every_field_has_a_heading_in_both_languages() -> None:
    assert all(f.heading[0] and f.heading[1] for f in FIELDS)
    assert all(heading(f.name, Lang.ID) != f.name for f in FIELDS if f.name != "id")


# --- choosing the language ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, Lang.EN),
        ({"LANG": "id_ID.UTF-8"}, Lang.ID),
        ({"LANG": "en_US.UTF-8"}, Lang.EN),
        ({"LANG": "C"}, Lang.EN),
        ({"LC_ALL": "id_ID.UTF-8", "LANG": "en_US.UTF-8"}, Lang.ID),
        ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "id_ID.UTF-8"}, Lang.EN),
        ({"KERJASAMA_LANG": "id", "LC_ALL": "en_US.UTF-8"}, Lang.ID),
        ({"KERJASAMA_LANG": "en", "LANG": "id_ID"}, Lang.EN),
    ],
)
def test_language_comes_from_kerjasama_lang_then_the_locale(
    env: dict[str, str], expected: Lang
) -> None:
    assert language_from_env(env) is expected


def test_lang_option_beats_the_environment() -> None:
    assert language_from_argv(["--lang", "en", "list"], {"KERJASAMA_LANG": "id"}) is Lang.EN
    assert language_from_argv(["--lang=id", "list"], {"LANG": "en_US"}) is Lang.ID


def test_lang_option_beats_the_environment_in_the_output() -> None:
    result = invoke(
        ["--lang", "en", "list", "--format", "table", "--country", "JP"],
        env={"KERJASAMA_LANG": "id"},
    )
    assert result.exit_code == 0
    assert "Japan" in result.stdout
    assert "Jepang" not in result.stdout


def test_kerjasama_lang_sets_the_interface_language() -> None:
    result = invoke(["list", "--format", "table", "--country", "JP"], env={"KERJASAMA_LANG": "id"})
    assert result.exit_code == 0
    assert "Jepang" in result.stdout
    assert "Negara" in result.stdout  # the column heading


def test_help_text_follows_the_language() -> None:
    indonesian = invoke(["--lang", "id", "list", "--help"])
    english = invoke(["--lang", "en", "list", "--help"])
    assert indonesian.exit_code == english.exit_code == 0
    assert "Daftar kerja sama" in indonesian.stdout
    assert "List the partnerships" in english.stdout


def test_help_language_follows_locale_when_no_option() -> None:
    result = invoke(["list", "--help"], env={"LANG": "id_ID.UTF-8"})
    assert "Daftar kerja sama" in result.stdout


# --- input in either language -------------------------------------------------------------


def _ids(args: list[str], lang: Lang = Lang.EN) -> list[str]:
    result = invoke([*args, "--format", "ids"], lang=lang)
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize("value", ["Jepang", "Japan", "JP", "jp", "JEPANG", "JPN"])
def test_country_name_in_either_language_is_the_same_filter(value: str) -> None:
    assert _ids(["list", "--country", value]) == _ids(["list", "--country", "JP"])
    assert _ids(["list", "--country", "JP"])  # not vacuous


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("kota kembar", "sister-city"),
        ("Kota-Kembar", "sister-city"),
        ("sister city", "sister-city"),
        ("keanggotaan", "membership"),
    ],
)
def test_kind_in_either_language(typed: str, key: str) -> None:
    assert _ids(["list", "--kind", typed]) == _ids(["list", "--kind", key])


@pytest.mark.parametrize(
    ("typed", "key"),
    [("aktif", "active"), ("AKTIF", "active"), ("berakhir", "ended"), ("direncanakan", "planned")],
)
def test_status_in_either_language(typed: str, key: str) -> None:
    assert _ids(["list", "--status", typed]) == _ids(["list", "--status", key])


def test_accents_are_ignored_in_values() -> None:
    assert _ids(["list", "--country", "Jépang"]) == _ids(["list", "--country", "JP"])


def test_same_query_in_both_interface_languages_gives_the_same_records() -> None:
    args = ["list", "--sector", "flood", "--scope", "internasional"]
    assert _ids(args, Lang.ID) == _ids(args, Lang.EN)
    assert _ids(args, Lang.ID)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv", "yaml", "ids"])
def test_machine_formats_do_not_change_with_the_language(fmt: str) -> None:
    args = ["list", "--sector", "banjir", "--format", fmt]
    indonesian = invoke(args, lang=Lang.ID, env={"KERJASAMA_LANG": "id"})
    english = invoke(args, lang=Lang.EN, env={"KERJASAMA_LANG": "en"})
    assert indonesian.exit_code == english.exit_code == 0
    assert indonesian.stdout == english.stdout
    assert indonesian.stdout.strip()


def test_json_keeps_codes_not_labels_in_indonesian() -> None:
    result = invoke(["--lang", "id", "list", "--country", "Belanda", "--format", "json"])
    records = json.loads(result.stdout)
    assert {r["country"] for r in records} == {"NL"}
    assert "sister-city" in {r["kind"] for r in records}


# --- suggestions for near-misses ----------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "typo", "suggestion"),
    [
        ("--sector", "bajir", "banjir"),
        ("--sector", "helth", "kesehatan"),
        ("--country", "Jepan", "JP"),
        ("--kind", "sister-cty", "sister-city"),
        ("--status", "activ", "active"),
        ("--partner-type", "citty", "city"),
    ],
)
def test_unknown_value_is_a_usage_error_naming_the_closest(
    option: str, typo: str, suggestion: str
) -> None:
    result = invoke(["list", option, typo])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert typo in result.stderr
    assert suggestion in result.stderr


def test_unknown_id_suggests_the_closest_ids() -> None:
    result = invoke(["show", "kuala-lumpur"])
    assert result.exit_code == 2
    assert "kuala-lumpur-sister-city" in result.stderr


def test_usage_errors_speak_indonesian() -> None:
    result = invoke(["--lang", "id", "list", "--sector", "bajir"], lang=Lang.ID)
    assert result.exit_code == 2
    assert "tidak dikenal" in result.stderr
    assert "Mungkin maksud Anda" in result.stderr


def test_country_names_in_indonesian_come_from_the_iso_translations() -> None:
    assert country_name("NL", Lang.ID) == "Belanda"
    assert country_name("NL", Lang.EN) == "Netherlands"
    assert country_name("KR", Lang.EN) == "South Korea"
    assert country_name("KR", Lang.ID) == "Korea Selatan"


# --- dataset problems in the chosen language ----------------------------------------------


def test_dataset_problems_are_described_in_indonesian(write_yaml: Any, mini_data: Path) -> None:
    text = mini_data.read_text(encoding="utf-8").replace(
        "    partner: Rotterdam\n",
        "    partner: Rotterdam\n    partner: Rotterdam\n    colour: red\n",
    )
    path = write_yaml(text)
    indonesian = invoke(["--lang", "id", "validate", str(path)], lang=Lang.ID)
    english = invoke(["--lang", "en", "validate", str(path)])
    assert indonesian.exit_code == english.exit_code == 1
    assert "ditulis dua kali" in indonesian.stdout
    assert "kolom tidak dikenal" in indonesian.stdout
    assert "duplicate key" in english.stdout
    assert "unknown field" in english.stdout
    # The positions do not depend on the language.
    positions = [line.split(": ", 1)[0] for line in english.stdout.splitlines()]
    assert positions == [line.split(": ", 1)[0] for line in indonesian.stdout.splitlines()]


def test_unreadable_dataset_message_in_indonesian(tmp_path: Path) -> None:
    result = invoke(["--lang", "id", "--data", str(tmp_path / "nope.yaml"), "list"], lang=Lang.ID)
    assert result.exit_code == 1
    assert "tidak dapat dibaca" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["list", "--bogus"], "opsi tidak dikenal: --bogus"),
        (["lst"], "perintah tidak dikenal: 'lst'"),
        (["show"], "'ID...' wajib diisi"),
        (["list", "--limit", "abc"], "nilai tidak sah untuk '--limit'"),
    ],
)
def test_parse_errors_speak_indonesian(args: list[str], expected: str) -> None:
    result = invoke(["--lang", "id", *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert expected in result.stderr
    assert "Penggunaan:" in result.stderr
    assert "Traceback" not in result.stderr


def test_parse_errors_stay_english_in_english() -> None:
    result = invoke(["--lang", "en", "list", "--bogus"])
    assert result.exit_code == 2
    assert "No such option: --bogus" in result.stderr


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Russia", "RU"),
        ("Rusia", "RU"),
        ("Turkey", "TR"),
        ("Tiongkok", "CN"),
        ("Holland", "NL"),
        ("Prancis", "FR"),
        ("Federasi Rusia", "RU"),
        ("Korea Selatan", "KR"),
    ],
)
def test_everyday_country_names_match_like_the_iso_ones(typed: str, code: str) -> None:
    assert _ids(["list", "--country", typed]) == _ids(["list", "--country", code])
    assert _ids(["list", "--country", code])


def test_country_suggestions_name_the_country_in_the_interface_language() -> None:
    result = invoke(["--lang", "id", "list", "--country", "Jepan"], lang=Lang.ID)
    assert result.exit_code == 2
    assert "JP (Jepang)" in result.stderr


def test_broken_data_rules_are_told_in_indonesian(write_yaml: Any, mini_data: Path) -> None:
    text = mini_data.read_text(encoding="utf-8")
    text = text.replace('signed: "2014-09"', 'signed: "2023-02-30"').replace(
        "country: JP", "country: XX"
    )
    text = text.replace("kind: grant", "kind: hadiah")
    path = write_yaml(text)
    result = invoke(["--lang", "id", "validate", str(path)], lang=Lang.ID)
    assert result.exit_code == 1
    assert "bukan hari yang ada" in result.stdout
    assert "bukan kode negara ISO" in result.stdout
    assert "harus salah satu dari" in result.stdout
    english = invoke(["validate", str(path)])
    assert "is not a real day" in english.stdout
    assert "is not an ISO 3166-1 alpha-2 country code" in english.stdout
