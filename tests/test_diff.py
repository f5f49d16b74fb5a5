"""``kerjasama diff OLD NEW``: two registers that differ in known ways, and a round trip.

The round trip: applying the changes that ``diff --format json`` reports to the old file
gives a register that ``diff`` finds the same as the new one, so nothing is left out.
"""

from __future__ import annotations

import csv
import io
import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from conftest import BUNDLED, MINI_YAML, invoke
from kerjasama_cli import yamlsafe
from kerjasama_cli.i18n import Lang

_JEDDAH = """\
  - id: jeddah-sister-city
    title: Kota kembar Jakarta–Jeddah
    partner: Jeddah
    partner_type: city
    country: SA
    kind: sister-city
    instrument: mou
    sectors: [budaya]
    signed: "1979"
    status: unknown
    summary: {id: Kota kembar pertama Jakarta., en: Jakarta's first sister city.}
    sources: [s2]
"""
_OSAKA = """\
  - id: osaka-sister-city
    title: Kota kembar Jakarta–Osaka
    partner: Osaka
    partner_type: city
    country: JP
    kind: sister-city
    sectors: [budaya]
    status: planned
    summary: {id: Penjajakan kota kembar., en: Sister-city talks.}
    sources: [s3]
"""


def _newer(text: str) -> str:
    """The mini register with known changes: Jeddah removed, Osaka and a source added, one
    date, one English summary, a note, a figure's value and a sector's alias changed, and
    the dataset's date of update."""
    assert _JEDDAH in text
    edits = [
        (_JEDDAH, ""),
        ("  - id: bekasi-grant\n", _OSAKA + "  - id: bekasi-grant\n"),
        ('signed: "2014-09"', 'signed: "2014-10"'),
        ('en: "Water [training] in Rotterdam."', 'en: "Water training in Rotterdam."'),
        (
            "    note: {id: Tanggal tidak diketahui., en: Date unknown.}\n",
            "    note: {id: Tanggal tidak diketahui., en: The date is unknown.}\n",
        ),
        (
            '  s2: {title: Sumber dua, publisher: Penerbit, date: "2019"}\n',
            '  s2: {title: Sumber dua, publisher: Penerbit, date: "2019"}\n'
            '  s3: {title: Sumber tiga, publisher: Koran, date: "2025-01-02"}\n',
        ),
        ("    value: 3\n", "    value: 4\n"),
        ("aliases: [culture]", "aliases: [culture, arts]"),
        ('updated: "2026-11-25"', 'updated: "2026-12-01"'),
    ]
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


EXPECTED_TSV = """\
part\tkey\tchange\tfield\told\tnew
dataset\t\tchanged\tupdated\t2026-11-25\t2026-12-01
partnership\tosaka-sister-city\tadded\t\t\tKota kembar Jakarta–Osaka
partnership\tjeddah-sister-city\tremoved\t\tKota kembar Jakarta–Jeddah\t
partnership\tbekasi-grant\tchanged\tnote.en\tDate unknown.\tThe date is unknown.
partnership\trotterdam-dutep\tchanged\tsigned\t2014-09\t2014-10
partnership\trotterdam-dutep\tchanged\tsummary.en\tWater [training] in Rotterdam.\tWater training in Rotterdam.
source\ts3\tadded\t\t\tSumber tiga
figure\tsister-cities\tchanged\tvalue\t3\t4
sector\tbudaya\tchanged\taliases\tculture\tculture,arts
"""


@pytest.fixture
def pair(write_yaml: Any) -> tuple[Path, Path]:
    return write_yaml(MINI_YAML, "old.yaml"), write_yaml(_newer(MINI_YAML), "new.yaml")


def test_each_known_change_is_one_row_and_the_status_is_1(pair: tuple[Path, Path]) -> None:
    old, new = pair
    result = invoke(["diff", str(old), str(new), "--format", "tsv"])
    assert result.exit_code == 1, result.stderr
    assert result.stdout == EXPECTED_TSV
    assert result.stderr == ""


def test_the_same_register_is_status_0_and_says_nothing_to_a_script(
    pair: tuple[Path, Path],
) -> None:
    old, _ = pair
    for fmt, out in (("tsv", ""), ("csv", ""), ("jsonl", ""), ("json", "[]\n")):
        result = invoke(["diff", str(old), str(old), "--format", fmt])
        assert (result.exit_code, result.stdout, result.stderr) == (0, out, "")


def test_the_bundled_register_is_the_same_as_itself_and_as_a_copy(write_yaml: Any) -> None:
    copy = write_yaml(BUNDLED.read_text(encoding="utf-8"), "copy.yaml")
    assert invoke(["diff", str(BUNDLED), str(copy)]).exit_code == 0


def test_a_person_is_told_when_there_is_no_difference(pair: tuple[Path, Path]) -> None:
    old, _ = pair
    result = invoke(["diff", str(old), str(old), "--format", "table"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No differences between" in result.stderr
    indonesian = invoke(["diff", str(old), str(old), "--format", "table"], lang=Lang.ID)
    assert "Tidak ada perbedaan antara" in indonesian.stderr


def test_json_gives_whole_records_for_additions_and_removals(pair: tuple[Path, Path]) -> None:
    old, new = pair
    result = invoke(["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code == 1
    items = json.loads(result.stdout)
    assert [tuple(i) for i in items] == [("part", "key", "change", "field", "old", "new")] * 9
    added = next(i for i in items if i["key"] == "osaka-sister-city")
    assert added["change"] == "added"
    assert added["field"] is None
    assert added["old"] is None
    assert added["new"]["country"] == "JP"
    assert added["new"]["sources"] == ["s3"]
    removed = next(i for i in items if i["key"] == "jeddah-sister-city")
    assert removed["new"] is None
    assert removed["old"]["signed"] == "1979"
    value = next(i for i in items if i["part"] == "figure")
    assert (value["old"], value["new"]) == (3, 4)  # numbers stay numbers
    aliases = next(i for i in items if i["part"] == "sector")
    assert aliases["new"] == ["culture", "arts"]
    lines = invoke(["diff", str(old), str(new), "--format", "jsonl"]).stdout.splitlines()
    assert [json.loads(line) for line in lines] == items


def test_reversed_the_additions_are_removals(pair: tuple[Path, Path]) -> None:
    old, new = pair
    forward = json.loads(invoke(["diff", str(old), str(new), "-f", "json"]).stdout)
    backward = json.loads(invoke(["diff", str(new), str(old), "-f", "json"]).stdout)
    swap = {"added": "removed", "removed": "added", "changed": "changed"}
    assert sorted(
        (i["part"], i["key"], swap[i["change"]], i["field"] or "", json.dumps(i["new"]))
        for i in forward
    ) == sorted(
        (i["part"], i["key"], i["change"], i["field"] or "", json.dumps(i["old"])) for i in backward
    )


def _apply(document: dict[str, Any], items: list[dict[str, Any]]) -> dict[str, Any]:
    """The old register's document with the changes of ``diff --format json`` applied."""
    lists = {"partnership": "partnerships", "figure": "figures"}
    maps = {"source": "sources", "sector": "sectors"}
    for item in items:
        part, key, change = item["part"], item["key"], item["change"]
        if part == "dataset":
            record = document if item["field"] == "schema_version" else document["dataset"]
        elif part in lists:
            records: list[dict[str, Any]] = document[lists[part]]
            if change == "added":
                new = dict(item["new"])
                new.pop("key", None)
                records.append({"id": key, **new} if part == "figure" else new)
                continue
            index = next(i for i, r in enumerate(records) if r["id"] == key)
            if change == "removed":
                del records[index]
                continue
            record = records[index]
        else:
            if change == "added":
                document[maps[part]][key] = item["new"]
                continue
            if change == "removed":
                del document[maps[part]][key]
                continue
            record = document[maps[part]][key]
        *parents, name = item["field"].split(".")
        target = record
        for parent in parents:
            target = target.setdefault(parent, {})
        if item["new"] is None:
            target.pop(name, None)
        else:
            target[name] = item["new"]
    return document


def test_round_trip_the_changes_turn_the_old_register_into_the_new(
    pair: tuple[Path, Path], write_yaml: Any
) -> None:
    old, new = pair
    items = json.loads(invoke(["diff", str(old), str(new), "-f", "json"]).stdout)
    document, _ = yamlsafe.load(old.read_text(encoding="utf-8"))
    patched = write_yaml(json.dumps(_apply(document, items), ensure_ascii=False), "patched.json")
    assert invoke(["validate", str(patched)]).exit_code == 0
    result = invoke(["diff", str(patched), str(new), "-f", "tsv"])
    assert (result.exit_code, result.stdout) == (0, "")


def test_round_trip_on_the_bundled_register(write_yaml: Any) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    first = text.index("\n  - id: ", text.index("\npartnerships:"))
    edited = text[:first] + text[text.index("\n  - id: ", first + 1) :]  # drop one record
    edited = edited.replace("status: planned", "status: active", 1)
    new = write_yaml(edited, "edited.yaml")
    items = json.loads(invoke(["diff", str(BUNDLED), str(new), "-f", "json"]).stdout)
    assert [i["change"] for i in items] == ["removed", "changed"]
    document, _ = yamlsafe.load(text)
    patched = write_yaml(json.dumps(_apply(document, items), ensure_ascii=False), "b.json")
    assert invoke(["diff", str(patched), str(new)]).exit_code == 0


def test_the_table_speaks_the_readers_language(pair: tuple[Path, Path]) -> None:
    old, new = pair
    english = invoke(["diff", str(old), str(new), "--format", "table"])
    assert english.exit_code == 1
    assert "Changes from" in english.stdout
    assert "added" in english.stdout
    assert "partnership" in english.stdout
    assert "Partnerships: 1 added, 1 removed, 2 changed." in english.stdout + english.stderr
    indonesian = invoke(["diff", str(old), str(new), "--format", "table"], lang=Lang.ID)
    assert "Perubahan dari" in indonesian.stdout
    assert "ditambahkan" in indonesian.stdout
    assert "kerja sama" in indonesian.stdout


def test_csv_quotes_and_no_header(pair: tuple[Path, Path]) -> None:
    old, new = pair
    result = invoke(["diff", str(old), str(new), "--format", "csv", "--no-header"])
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["dataset", "", "changed", "updated", "2026-11-25", "2026-12-01"]
    assert len(rows) == 9


def test_an_invalid_or_missing_register_is_trouble_exit_2(
    pair: tuple[Path, Path], write_yaml: Any
) -> None:
    old, _ = pair
    broken = write_yaml(MINI_YAML.replace('signed: "2014-09"', 'signed: "2014-13"'), "b.yaml")
    result = invoke(["diff", str(old), str(broken)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{broken}:" in result.stderr
    assert "signed" in result.stderr
    missing = invoke(["diff", str(old), str(old.parent / "nope.yaml")])
    assert missing.exit_code == 2
    assert "nope.yaml" in missing.stderr


def test_a_format_diff_does_not_write_is_a_usage_error(pair: tuple[Path, Path]) -> None:
    old, new = pair
    assert invoke(["diff", str(old), str(new), "--format", "yaml"]).exit_code == 2
    assert invoke(["diff", str(old)]).exit_code == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_pipe_is_read_once(pair: tuple[Path, Path], tmp_path: Path) -> None:
    """``kerjasama diff <(git show v1:data/partnerships.yaml) data/partnerships.yaml``."""
    old, new = pair
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("wb") as pipe:
            pipe.write(old.read_bytes())

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        result = invoke(["diff", str(fifo), str(new), "--format", "tsv"])
    finally:
        writer.join(timeout=10)
    assert result.exit_code == 1, result.stderr
    assert result.stdout == EXPECTED_TSV


def test_diff_help_in_both_languages() -> None:
    assert "What changed between two versions" in invoke(["diff", "--help"]).stdout
    assert "Apa yang berubah" in invoke(["diff", "--help"], lang=Lang.ID).stdout


def test_diff_never_waits_on_a_pipe_without_a_writer_nor_reads_a_device(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert invoke(["diff", str(fifo), str(BUNDLED)]).exit_code == 2
    assert invoke(["diff", "/dev/zero", str(BUNDLED)]).exit_code == 2


def test_standard_input_for_both_files_is_a_usage_error() -> None:
    result = invoke(["diff", "-", "-"])
    assert result.exit_code == 2
    assert "only once" in result.stderr
