"""The reports of the bundled register, as the table writer shows them to a person."""

from __future__ import annotations

import io

import pytest

from conftest import BUNDLED
from kerjasama_cli.i18n import Lang
from kerjasama_cli.loading import load_dataset
from kerjasama_cli.models import Dataset
from kerjasama_cli.report import Audience, Report
from kerjasama_cli.reports.crosstab import crosstab_report
from kerjasama_cli.reports.labels import group_label
from kerjasama_cli.reports.records import list_report
from kerjasama_cli.reports.summary import summary_report
from kerjasama_cli.summary import crosstab, summarize
from kerjasama_cli.writers import OutputFormat, WriteOptions, writer_for


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(BUNDLED, Lang.EN)


def table(report: Report, width: int) -> list[str]:
    out = io.StringIO()
    writer_for(OutputFormat.TABLE)(report, out, WriteOptions(width=width, terminal=True))
    return out.getvalue().splitlines()


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("width", [80, 120])
def test_a_summary_fits_the_terminal_without_wrapping_a_label(
    dataset: Dataset, lang: Lang, width: int
) -> None:
    summary = summarize(dataset.partnerships, "sector")
    lines = table(summary_report(dataset, summary, lang, width), width)
    assert all(len(line) <= width for line in lines)
    for group in summary.groups:
        label = group_label(dataset, "sector", group.key, lang)
        assert any(label in line for line in lines), label


@pytest.mark.parametrize("width", [80, 120])
def test_a_crosstab_too_wide_for_the_terminal_keeps_its_total_column(
    dataset: Dataset, width: int
) -> None:
    tab = crosstab(dataset.partnerships, "decade", "sector")
    report = crosstab_report(dataset, tab, Lang.EN, width)
    lines = table(report, width)
    assert all(len(line) <= width for line in lines)
    assert report.people_columns[-1].name == "total"
    totals = next(line.split() for line in lines if line.split()[:1] == ["Total"])
    assert totals[-1] == str(tab.total)


def test_a_crosstab_for_scripts_has_every_cell_whatever_the_width(dataset: Dataset) -> None:
    tab = crosstab(dataset.partnerships, "decade", "sector")
    report = crosstab_report(dataset, tab, Lang.EN, 40)
    assert [tuple(row) for row in report.rows] == [(r, c, str(n)) for r, c, n in tab.nonzero()]


def test_a_list_without_columns_shows_people_fewer_columns_than_scripts(
    dataset: Dataset,
) -> None:
    report = list_report(dataset, dataset.partnerships[:3], Lang.EN)
    people = [c.name for c in report.people_columns]
    machines = [c.name for c in report.machine_columns]
    assert people == ["id", "partner", "country", "kind", "signed", "status", "sectors"]
    assert machines[:3] == ["id", "title", "partner"]
    assert all(c.audience is not Audience.ALL for c in report.columns)


def test_a_list_with_columns_shows_everyone_the_same_columns(dataset: Dataset) -> None:
    record = next(r for r in dataset.partnerships if r.kind.value == "sister-city")
    report = list_report(dataset, [record], Lang.ID, columns=["id", "kind"])
    assert [c.name for c in report.people_columns] == ["id", "kind"]
    assert [c.name for c in report.machine_columns] == ["id", "kind"]
    assert tuple(report.rows[0]) == (record.id, "sister-city")  # the key, for scripts
    assert tuple(report.people_rows[0]) == (record.id, "kota kembar")  # the label, for people
