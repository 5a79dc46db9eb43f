"""Every refusal of a roster says how to fix it: a sheet chosen by name that is a chart or is
empty, and a roster file that does not exist, were refused without a hint."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from jamsostek_budget.errors import DataError
from jamsostek_budget.loading.bundled import city_file
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.roster.checks import read_roster
from tests.cli_runner import run


def workbook(path: Path) -> Path:
    """A roster sheet 'Data', an empty sheet 'Kosong' and a chart sheet 'Grafik'."""
    book = openpyxl.Workbook()
    data = book.active
    assert data is not None
    data.title = "Data"
    data.append(["nik", "group"])
    data.append(["1872010101900001", "non-asn"])
    book.create_sheet("Kosong")
    chart = BarChart()
    chart.add_data(Reference(data, min_col=1, min_row=1, max_row=2))
    book.create_chartsheet("Grafik").add_chart(chart)
    book.save(path)
    return path


@pytest.mark.parametrize(("sheet", "words"), [("Grafik", "is a chart"), ("Kosong", "is empty")])
def test_a_chosen_sheet_that_cannot_be_a_roster_is_refused_with_a_hint(
    tmp_path: Path, sheet: str, words: str
) -> None:
    path = workbook(tmp_path / "opd.xlsx")
    result = run("roster", str(path), "--city", "metro", "--sheet", sheet)
    assert result.exit_code == 1
    assert f"opd.xlsx[{sheet}]:1:1: sheet: sheet '{sheet}' {words}" in result.stderr
    assert "hint: choose by name a sheet that holds the roster" in result.stderr


def test_a_roster_that_does_not_exist_is_refused_with_a_hint(tmp_path: Path) -> None:
    scenario = load_scenario(city_file("metro"))[0]
    with pytest.raises(DataError) as error:
        read_roster(tmp_path / "gone.csv", scenario, today=date(2025, 6, 1))
    (problem,) = error.value.problems
    assert "does not exist" in problem.message
    assert "file name" in problem.hint
