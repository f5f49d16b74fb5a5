"""``kerjasama schema``: the register's JSON Schema, read back by the ``jsonschema`` library.

The bundled register must validate; each typical mistake of a contributor must be reported
(what an editor using the YAML language server shows as a red squiggle); the copy kept in
the repository must be exactly what the command prints.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from conftest import BUNDLED, MINI_YAML, REPO, invoke
from kerjasama_cli import yamlsafe
from kerjasama_cli.i18n import Lang
from kerjasama_cli.register_schema import DATE_PATTERN, SCHEMA_FILE, schema_text

REFRESH = "kerjasama schema > schema/partnerships.schema.json"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    result = invoke(["schema"])
    assert result.exit_code == 0, result.stderr
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _errors(validator: jsonschema.Draft202012Validator, text: str) -> list[str]:
    document, duplicates = yamlsafe.load(text)
    assert not duplicates
    return [
        f"{error.json_path}: {error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda e: e.json_path)
    ]


def test_the_schema_is_json_schema_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_repositorys_copy_is_what_the_command_prints() -> None:
    copy = (REPO / SCHEMA_FILE).read_text(encoding="utf-8")
    assert copy == invoke(["schema"]).stdout, f"stale {SCHEMA_FILE}: run `{REFRESH}`"
    assert copy == schema_text()


def test_the_data_files_first_line_points_editors_at_the_schema() -> None:
    first = BUNDLED.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/partnerships.schema.json"
    target = (BUNDLED.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == (REPO / SCHEMA_FILE).resolve()


def test_the_bundled_register_validates(validator: jsonschema.Draft202012Validator) -> None:
    assert _errors(validator, BUNDLED.read_text(encoding="utf-8")) == []


def test_the_mini_register_validates(validator: jsonschema.Draft202012Validator) -> None:
    assert _errors(validator, MINI_YAML) == []


_FIRST = "  - id: rotterdam-dutep\n"


@pytest.mark.parametrize(
    ("old", "new", "where", "says"),
    [
        ('signed: "2014-09"', 'signed: "2023-13"', "$.partnerships[0].signed", "is not valid"),
        ('signed: "2014-09"', 'signed: "2023-02-30"', "$.partnerships[0].signed", "is not valid"),
        ('signed: "2014-09"', 'signed: "14-09"', "$.partnerships[0].signed", "is not valid"),
        (_FIRST, "  - id: Tokyo City\n", "$.partnerships[0].id", "does not match"),
        (
            "    kind: programme\n",
            "    kind: twin-city\n",
            "$.partnerships[0].kind",
            "is not one of",
        ),
        ("    country: NL\n", "    country: XX\n", "$.partnerships[0].country", "is not one of"),
        (
            "    country: NL\n",
            "    country: NL\n    colour: orange\n",
            "$.partnerships[0]",
            "Additional properties are not allowed ('colour' was unexpected)",
        ),
        (
            '    summary: {id: "Pelatihan [air] di Rotterdam.", en: "Water [training] in Rotterdam."}\n',
            "",
            "$.partnerships[0]",
            "'summary' is a required property",
        ),
        (
            "    sectors: [banjir]\n",
            "    sectors: []\n",
            "$.partnerships[0].sectors",
            "should be non-empty",
        ),
        ("    country: NL\n", "", "$.partnerships[0]", "'country' is a required property"),
        ("  s2: {", "  S 2: {", "$.sources", "does not match"),
        ("schema_version: 1", "schema_version: 2", "$.schema_version", "1 was expected"),
        (
            'url: "https://example.org/a"',
            'url: "example.org/a"',
            "$.sources.s1.url",
            "is not valid",
        ),
        (
            "summary: {id: Kota kembar pertama Jakarta., ",
            "summary: {",
            "$.partnerships[3].summary",
            "'id' is a required property",
        ),
    ],
)
def test_each_typical_mistake_is_reported(
    validator: jsonschema.Draft202012Validator,
    write_yaml: Any,
    old: str,
    new: str,
    where: str,
    says: str,
) -> None:
    assert MINI_YAML.count(old) == 1
    text = MINI_YAML.replace(old, new)
    errors = _errors(validator, text)
    assert errors, f"{new!r} passed the schema"
    assert any(e.startswith(f"{where}: ") and says in e for e in errors), errors
    # The schema refuses what the program refuses: validate finds the same mistake.
    assert invoke(["validate", str(write_yaml(text))]).exit_code == 1


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('signed: "2014-09"', "signed: 2014"),  # a bare year, read as text
        ('signed: "2014-09"', 'signed: "2024-02-29"'),
        ('signed: "2014-09"', "signed: null"),
        ("    instrument: mou\n", "    instrument: null\n"),
        ("    country: NL\n", "    country: ID\n"),
        ("  budaya: {id: Budaya, en: Culture, aliases: [culture]}", "  budaya: {id: B, en: C}"),
    ],
)
def test_what_the_program_accepts_the_schema_accepts(
    validator: jsonschema.Draft202012Validator, write_yaml: Any, old: str, new: str
) -> None:
    assert MINI_YAML.count(old) == 1
    text = MINI_YAML.replace(old, new)
    assert invoke(["validate", str(write_yaml(text))]).exit_code == 0
    assert _errors(validator, text) == []


def test_a_network_may_have_no_country(validator: jsonschema.Draft202012Validator) -> None:
    # c40-hospitals (a network) has none in the mini register: the schema says it may not
    # only when the partner type is not a network or an international organisation.
    assert "partner_type: network" in MINI_YAML
    assert _errors(validator, MINI_YAML) == []


@pytest.mark.parametrize(
    ("date", "valid"),
    [
        ("2024", True),
        ("2024-01", True),
        ("2024-12", True),
        ("2024-00", False),
        ("2024-13", False),
        ("2024-02-29", True),
        ("2000-02-29", True),
        ("2023-02-29", False),
        ("1900-02-29", False),
        ("2023-04-31", False),
        ("2023-12-31", True),
        ("2023-1", False),
        ("2023-01-1", False),
        ("2023/01", False),
    ],
)
def test_the_date_pattern_is_the_loaders_rule(date: str, valid: bool) -> None:
    import re

    from kerjasama_cli.dates import parse_partial_date

    assert bool(re.fullmatch(DATE_PATTERN, date)) is valid
    try:
        parse_partial_date(date)
        loader_accepts = True
    except ValueError:
        loader_accepts = False
    assert loader_accepts is valid


def test_a_schema_mistake_is_also_a_validate_problem(write_yaml: Any) -> None:
    """The schema never refuses what ``validate`` accepts, nor the reverse, for these cases."""
    path = write_yaml(MINI_YAML.replace('signed: "2014-09"', 'signed: "2023-13"'))
    result = invoke(["validate", str(path)])
    assert result.exit_code == 1
    assert "partnerships[0].signed" in result.stdout


def test_schema_help_in_both_languages() -> None:
    assert "JSON Schema" in invoke(["schema", "--help"]).stdout
    assert "Cetak JSON Schema" in invoke(["schema", "--help"], lang=Lang.ID).stdout
