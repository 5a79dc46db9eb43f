"""`--format xlsx`: the workbook read back with openpyxl, then recalculated by LibreOffice, whose
results must equal jbudget's own figures to the Rupiah."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from jamsostek_budget import __version__
from jamsostek_budget.app import estimate as api
from jamsostek_budget.app.planning import fit as fit_budget
from jamsostek_budget.app.planning import project as project_years
from jamsostek_budget.app.roster import roster_estimate
from jamsostek_budget.cli.writing import write_new_bytes
from jamsostek_budget.engine.budget import Budget, GroupLine, Period
from jamsostek_budget.engine.provenance import provenance_for
from jamsostek_budget.errors import OutputError
from jamsostek_budget.i18n import set_language
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.planning.compare import compare
from jamsostek_budget.render.compare.report import compare_report
from jamsostek_budget.render.estimate.jsonout import render_json
from jamsostek_budget.render.estimate.report import estimate_report, estimate_totals
from jamsostek_budget.render.fit.report import fit_report
from jamsostek_budget.render.project.report import project_report
from jamsostek_budget.render.shared.provenance import with_provenance
from jamsostek_budget.render.shared.sections import (
    Bar,
    Chart,
    Money,
    Numeric,
    Phrase,
    Report,
    Section,
)
from jamsostek_budget.render.shared.words import with_words
from jamsostek_budget.render.xlsx.lines import sum_of_cells
from jamsostek_budget.render.xlsx.sheet import (
    COUNT_FORMAT,
    DATE_FORMAT,
    PERCENT_FORMAT,
    PORTRAIT_WIDTH,
    RUPIAH_FORMAT,
)
from jamsostek_budget.render.xlsx.workbook import sheet_name, workbook_bytes
from tests import spreadsheet
from tests.helpers import budget_for

INPUTS = (
    ("Scenario", "metro"),
    ("Fiscal year", "2025"),
    ("jbudget version", __version__),
    ("Command", "jbudget estimate --city metro --format xlsx --output metro.xlsx"),
)
ANNUAL = "APBD\na year (Rp)"
WORKER_ANNUAL = "Worker share\na year (Rp)"
Row = dict[str, Any]  # a row of a lines sheet: header -> cell value


def city(slug: str, year: int | None = None) -> Budget:
    return api.estimate(api.scenario_path(slug, None), year=year).unwrap().budget


@dataclass(frozen=True)
class Case:
    """One workbook: the report on its summary sheet and the budgets of its lines sheets."""

    name: str
    report: Report
    budgets: tuple[tuple[str, Budget], ...]


def estimate_case(name: str, budget: Budget) -> Case:
    return Case(name, estimate_report(budget), ((name, budget),))


def full_estimate_case(slug: str) -> Case:
    """An estimate as `--benefits --words` writes it: coverage, benefits, amounts in words and
    the provenance section."""
    found = api.estimate(api.scenario_path(slug, None), with_benefits=True).unwrap()
    report = with_words(
        estimate_report(found.budget, found.benefits), estimate_totals(found.budget)
    )
    provenance = provenance_for([found.budget], None, ())
    return Case(slug, with_provenance(report, provenance), ((slug, found.budget),))


def pu_with_jp(table: RateTable, year: int, **fields: object) -> Budget:
    """A PU group paid above the JP wage cap: JP changes with the cap every March."""
    base: dict[str, object] = {
        "segment": "pu",
        "monthly_wage": 12_000_000,
        "risk_class": "low",
        "programs": ["jkk", "jkm", "jht", "jp"],
        "headcount": 37,
    }
    return budget_for(table, year, **(base | fields))


def nik(serial: int) -> str:
    """A valid NIK: Lampung (18), Kota Metro (72), district 01, born 1 March 1985, serial."""
    return f"187201010385{serial:04d}"


def roster_budget(folder: Path) -> Budget:
    """Three marbot, one of them from July: people covered change during the year, so the
    per-person amounts are averages and the lines are not headcount x rate."""
    roster = folder / "roster.csv"
    roster.write_text(
        "nik,name,group,declared_income,monthly_wage,start_month,end_month\n"
        f"{nik(1)},Ani,marbot,1000000,,,\n"
        f"{nik(2)},Budi,marbot,1000000,,,\n"
        f"{nik(3)},Citra,marbot,1000000,,7,12\n",
        encoding="utf-8",
    )
    metro = api.scenario_path("metro", None)
    return roster_estimate(roster, metro, today=date(2025, 6, 1)).unwrap().budget


def book_bytes(
    report: Report, budgets: Sequence[tuple[str, Budget]], *, created: datetime | None = None
) -> bytes:
    """The workbook of `budgets`, with their provenance, as the CLI builds it."""
    provenance = provenance_for([budget for _name, budget in budgets], None, ())
    return workbook_bytes(report, budgets, provenance, INPUTS, created=created)


def write_workbook(
    path: Path,
    report: Report,
    budgets: Sequence[tuple[str, Budget]],
    *,
    force: bool,
    created: datetime | None = None,
) -> None:
    """Written through the CLI's one writing path: complete or not at all."""
    write_new_bytes(path, book_bytes(report, budgets, created=created), force=force)


@pytest.fixture(scope="module")
def cases(table: RateTable, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    comparison = [city("metro"), city("metro-2026-expansion")]
    projection = project_years(api.scenario_path("metro", None), [2026, 2027, 2028], {}).unwrap()
    fitted = fit_budget(api.scenario_path("lubuklinggau", None), 500_000_000).unwrap()
    found = [
        estimate_case("metro", city("metro")),
        estimate_case("lubuklinggau", city("lubuklinggau")),
        estimate_case("bandar-lampung", city("bandar-lampung")),
        estimate_case("pu-2025", pu_with_jp(table, 2025)),
        estimate_case("relief-2020", pu_with_jp(table, 2020, start_month=2, end_month=11)),
        estimate_case("roster", roster_budget(tmp_path_factory.mktemp("roster"))),
        Case(
            "compare",
            compare_report(compare(comparison, ["A", "B"])),
            (("A", comparison[0]), ("B", comparison[1])),
        ),
        Case(
            "project",
            project_report(projection),
            tuple((str(year.year), year.budget) for year in projection.years),
        ),
        Case("fit", fit_report(fitted), (("fit", fitted.budget),)),
        full_estimate_case("metro-2026-expansion"),
    ]
    return {case.name: case for case in found}


@pytest.fixture(scope="module")
def written(cases: dict[str, Case], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("workbooks")
    paths = {}
    for case in cases.values():
        paths[case.name] = folder / f"{case.name}.xlsx"
        write_workbook(paths[case.name], case.report, case.budgets, force=False)
    return paths


def lines_sheets(path: Path, **options: bool) -> list[Worksheet]:
    """The lines sheets: every sheet between the summary and the rates and inputs."""
    book = openpyxl.load_workbook(path, **options)
    return [book[name] for name in book.sheetnames[1:-2]]


@dataclass(frozen=True)
class LinesTable:
    """A lines sheet read back: its rows as {header: cell value}, by kind of row."""

    lines: list[Row]
    subtotals: list[Row]
    total: Row
    rows: dict[str, int]  # the sheet row of each line, subtotal and total, by "group/program"


def read_lines(sheet: Worksheet) -> LinesTable:
    headers = [str(cell.value) for cell in sheet[3]]
    lines: list[Row] = []
    subtotals: list[Row] = []
    total: Row = {}
    rows: dict[str, int] = {}
    for number, row in enumerate(sheet.iter_rows(min_row=4, values_only=True), 4):
        values: Row = dict(zip(headers, row, strict=True))
        if values["Group"] is None:
            break
        rows.setdefault(f"{values['Group']}/{values['Program']}", number)
        if values["Group"] == "Total":
            total = values
        elif values["Program"] == "Subtotal":
            subtotals.append(values)
        else:
            lines.append(values)
    return LinesTable(lines, subtotals, total, rows)


# Reading the workbook back -------------------------------------------------------------------


def test_sheets_of_an_estimate_a_comparison_and_a_projection(written: dict[str, Path]) -> None:
    def names(name: str) -> list[str]:
        return openpyxl.load_workbook(written[name]).sheetnames

    assert names("metro") == ["Summary", "Lines", "Rates", "Inputs"]
    assert names("compare") == ["Summary", "Lines A", "Lines B", "Rates", "Inputs"]
    assert names("project") == [
        "Summary",
        "Lines 2026",
        "Lines 2027",
        "Lines 2028",
        "Rates",
        "Inputs",
    ]


def test_lines_are_live_formulas_with_rupiah_formats(written: dict[str, Path]) -> None:
    sheet = lines_sheets(written["metro"])[0]
    assert sheet["A1"].value == (
        "Kota Metro, Lampung: APBD per group, program and rate period, fiscal year 2025"
    )
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A4"
    table = read_lines(sheet)
    assert sheet.auto_filter.ref == f"A3:H{table.rows['Total/None'] - 1}"
    first = table.rows["Tenaga non-ASN lainnya/JKK (work accident)"]
    second = table.rows["Tenaga non-ASN lainnya/JKM (death)"]
    subtotal = table.rows["Tenaga non-ASN lainnya/Subtotal"]
    assert sheet[f"C{first}"].value == 3699  # the input
    assert sheet[f"C{first}"].number_format == COUNT_FORMAT
    assert sheet[f"C{second}"].value == f"=C{first}"
    assert sheet[f"D{first}"].value == 10000
    assert (sheet[f"E{first}"].value, sheet[f"F{first}"].value) == (1, 12)
    assert sheet[f"G{first}"].value == f"=F{first}-E{first}+1"
    assert sheet[f"H{first}"].value == f"=C{first}*D{first}*G{first}"
    assert sheet[f"H{subtotal}"].value == f"=SUM(H{first}:H{second})"
    assert sheet[f"H{first}"].number_format == RUPIAH_FORMAT
    assert sheet[f"D{first}"].number_format == RUPIAH_FORMAT
    total = table.rows["Total/None"]
    subtotal_rows = [table.rows[f"{row['Group']}/Subtotal"] for row in table.subtotals]
    subtotal_cells = ",".join(f"H{row}" for row in subtotal_rows)
    assert sheet[f"H{total}"].value == f"=SUM({subtotal_cells})"
    assert len(table.subtotals) == 7 and len(table.lines) == 14
    assert sheet.column_dimensions["A"].width >= len("Tenaga non-ASN lainnya")


def test_rate_periods_split_at_the_march_jp_cap_and_carry_the_worker_share(
    table: RateTable,
) -> None:
    budget = pu_with_jp(table, 2025)
    line = budget.lines[0]
    jp = next(program for program in line.programs if program.program == "jp")
    periods = line.rate_periods(jp)
    assert periods is not None and [(p.first, p.last) for p in periods] == [(1, 2), (3, 12)]
    assert periods[0].per_person < periods[1].per_person  # the cap rose in March
    assert sum(37 * p.per_person * p.months for p in periods) == jp.annual
    assert sum(37 * p.worker * p.months for p in periods) == jp.worker_annual > 0
    assert sum(p.annual for p in periods) == jp.annual  # the figure the workbook's cell shows
    assert sum(p.worker_annual for p in periods) == jp.worker_annual


def test_a_relief_and_a_partial_year_make_their_own_periods(table: RateTable) -> None:
    line = pu_with_jp(table, 2020, start_month=2, end_month=11).lines[0]
    jkk = next(program for program in line.programs if program.program == "jkk")
    periods = line.rate_periods(jkk)
    assert periods is not None
    assert [(p.first, p.last) for p in periods] == [(2, 7), (8, 11)]  # PP 49/2020 from August
    assert periods[1].per_person < periods[0].per_person


def test_amounts_that_are_not_headcount_x_rate_have_no_periods(table: RateTable) -> None:
    line = budget_for(table, 2025, headcount=3).lines[0]
    program = line.programs[0]
    assert line.rate_periods(program) == (Period(1, 12, 3, 10000, 0),)
    uneven = dataclasses.replace(program, apbd=(20000, *program.apbd[1:]))
    assert line.rate_periods(uneven) is None
    outside = dataclasses.replace(line, group=line.group.model_copy(update={"start_month": 2}))
    assert outside.rate_periods(program) is None  # January paid but not covered


def test_roster_lines_carry_their_months_and_sum_them(written: dict[str, Path]) -> None:
    sheet = lines_sheets(written["roster"])[0]
    headers = [cell.value for cell in sheet[3]]
    assert headers[8:10] == ["APBD\nJan (Rp)", "APBD\nFeb (Rp)"]
    row = read_lines(sheet).rows["Marbot masjid/JKK (work accident)"]
    assert sheet[f"H{row}"].value == f"=SUM(I{row}:T{row})"
    assert [sheet.cell(row, column).value for column in range(9, 21)] == [20000] * 6 + [30000] * 6
    assert sheet[f"D{row}"].value is None  # no per-person rate: it is an average
    notes = [cell.value for cell in sheet["A"] if isinstance(cell.value, str)]
    assert any("costed from a roster" in note for note in notes)


def test_rates_sheet_has_numbers_dates_and_links(written: dict[str, Path]) -> None:
    sheet = openpyxl.load_workbook(written["pu-2025"])["Rates"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=4) if row[0].value}
    jkk = rows["JKK PU, low risk (rendah), employer"]
    assert jkk[1].value == pytest.approx(0.0054) and jkk[1].number_format == PERCENT_FORMAT
    assert jkk[2].value == datetime(2015, 7, 1) and jkk[2].number_format == DATE_FORMAT
    assert jkk[3].value == "pp-44-2015 Pasal 16 ayat (1)"
    assert jkk[5].hyperlink is not None and str(jkk[5].hyperlink.target).startswith("https://")
    assert isinstance(jkk[7].value, datetime)
    caps = [row for row in sheet.iter_rows(min_row=4) if row[0].value == "JP wage cap"]
    assert len(caps) == 2  # the 2024 cap (January, February) and the 2025 cap, one row each
    assert [row[1].value for row in caps] == [10_042_300, 10_547_400]
    assert all(row[1].number_format == RUPIAH_FORMAT for row in caps)
    assert "Regulations" in rows
    assert sheet.freeze_panes == "A4" and sheet.auto_filter.ref.startswith("A3:I")


def test_inputs_sheet_lists_the_inputs_as_given(written: dict[str, Path]) -> None:
    sheet = openpyxl.load_workbook(written["metro"])["Inputs"]
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows(min_row=4)]
    as_given = [(label, int(value) if value.isdigit() else value) for label, value in INPUTS]
    assert rows == as_given  # the fiscal year a number, the version and command text
    assert sheet.auto_filter.ref == "A3:B7"


def test_summary_keeps_money_and_counts_numeric(tmp_path: Path) -> None:
    section = Section(
        "Per group",
        ("Group", "People", "APBD\na year"),
        (("Ketua RT/RW", 1400, Money(282_240_000)), ("Kader", "n/a", Money(0))),
        footer=("Total", 1400, Money(282_240_000)),
        right=frozenset({1, 2}),
    )
    chart = Chart("APBD per group", (Bar("Ketua RT/RW", 282_240_000),))
    report = Report(
        "Kota Uji, fiscal year 2025", ("a summary line",), (section,), ("a note",), (chart,)
    )
    path = tmp_path / "summary.xlsx"
    path.write_bytes(workbook_bytes(report, (), provenance_for((), None, ()), ()))
    book = openpyxl.load_workbook(path)
    sheet = book["Summary"]
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value}
    assert sheet["A1"].value == "Kota Uji, fiscal year 2025" and sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert cells[1400].number_format == COUNT_FORMAT
    assert cells[282_240_000].number_format == RUPIAH_FORMAT
    assert cells["APBD\na year"].font.bold
    assert cells["n/a"].alignment.horizontal == "right"  # text in a numeric column
    assert cells["Kader"].alignment.horizontal is None
    assert {"a summary line", "a note", "APBD per group", "Per group"} <= set(cells)
    assert book.sheetnames == ["Summary", "Rates", "Inputs"]


def test_the_same_inputs_give_the_same_bytes(cases: dict[str, Case]) -> None:
    case = cases["lubuklinggau"]
    first = book_bytes(case.report, case.budgets)
    assert book_bytes(case.report, case.budgets) == first
    stamped = book_bytes(case.report, case.budgets, created=datetime(2025, 3, 4, 5, 6))
    assert stamped != first


def test_created_time_is_the_given_one(tmp_path: Path, cases: dict[str, Case]) -> None:
    case, path = cases["metro"], tmp_path / "metro.xlsx"
    write_workbook(path, case.report, case.budgets, force=False, created=datetime(2025, 3, 4))
    properties = openpyxl.load_workbook(path).properties
    assert properties.created == datetime(2025, 3, 4)
    assert properties.creator.startswith("jbudget ")


def test_refuses_to_overwrite_without_force(tmp_path: Path, cases: dict[str, Case]) -> None:
    case, path = cases["metro"], tmp_path / "metro.xlsx"
    path.write_bytes(b"old")
    with pytest.raises(OutputError, match="already exists"):
        write_workbook(path, case.report, case.budgets, force=False)
    assert path.read_bytes() == b"old"
    write_workbook(path, case.report, case.budgets, force=True)
    assert openpyxl.load_workbook(path).sheetnames[0] == "Summary"
    assert [p.name for p in tmp_path.iterdir()] == ["metro.xlsx"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, cases: dict[str, Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    case, path = cases["metro"], tmp_path / "metro.xlsx"
    path.write_bytes(b"old")

    def refuse(source: str, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="the disk is full"):
        write_workbook(path, case.report, case.budgets, force=True)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["metro.xlsx"]


def test_a_missing_folder_is_an_error(tmp_path: Path, cases: dict[str, Case]) -> None:
    case = cases["metro"]
    with pytest.raises(OutputError, match="does not exist"):
        write_workbook(tmp_path / "no" / "metro.xlsx", case.report, case.budgets, force=True)


def test_sheet_names_excel_accepts() -> None:
    taken: set[str] = set()
    assert sheet_name("Lines metro/2026: [draft]?", taken) == "Lines metro-2026- -draft--"
    long = "Lines kota-bandar-lampung-expansion 2026"
    assert sheet_name(long, taken) == long[:31]
    assert sheet_name(long, taken) == long[:27] + " (2)"
    assert sheet_name("'quoted'", taken) == "quoted"
    assert all(len(name) <= 31 for name in taken)


def test_a_sum_of_many_cells_nests_within_the_argument_limit() -> None:
    assert sum_of_cells("H", [5, 9]) == "SUM(H5,H9)"
    formula = sum_of_cells("H", list(range(1, 600)))
    assert formula.startswith("SUM(SUM(H1,") and formula.count("SUM(") == 4
    assert sum_of_cells("H", []) == "0"


# Recalculated by LibreOffice -------------------------------------------------------------------

MORE_PEOPLE = 10


def with_more_people(source: Path, target: Path, line_key: str) -> Path:
    """A copy of the workbook with MORE_PEOPLE more people in the group of one line."""
    book = openpyxl.load_workbook(source)
    sheet = book[book.sheetnames[1]]
    row = read_lines(sheet).rows[line_key]
    sheet[f"C{row}"] = sheet[f"C{row}"].value + MORE_PEOPLE
    book.save(target)
    return target


@pytest.fixture(scope="module")
def indonesian(tmp_path_factory: pytest.TempPathFactory) -> tuple[Case, Path]:
    """The expansion's estimate with --benefits --words, written in Indonesian."""
    set_language("id")
    try:
        case = full_estimate_case("metro-2026-expansion")
        path = tmp_path_factory.mktemp("id") / "metro-2026-expansion-id.xlsx"
        write_workbook(path, case.report, case.budgets, force=False)
    finally:
        set_language("en")
    return case, path


@pytest.fixture(scope="module")
def recalculated(
    written: dict[str, Path],
    indonesian: tuple[Case, Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Path]:
    spreadsheet.soffice()  # fail before any work without LibreOffice
    folder = tmp_path_factory.mktemp("changed")
    changed = {
        "metro-more": with_more_people(
            written["metro"],
            folder / "metro-more.xlsx",
            "Tenaga non-ASN lainnya/JKK (work accident)",
        ),
        "pu-2025-more": with_more_people(
            written["pu-2025"], folder / "pu-2025-more.xlsx", "Group/JKK (work accident)"
        ),
        "compare-more": with_more_people(
            written["compare"],
            folder / "compare-more.xlsx",
            "Tenaga non-ASN lainnya/JKK (work accident)",
        ),
    }
    sources = {**written, **changed, "indonesian": indonesian[1]}
    injection = folder / "injection.xlsx"
    budget = city("bandar-lampung")
    scenario = budget.scenario
    group = scenario.groups[0].model_copy(update={"label": "=1+1"})
    odd = dataclasses.replace(
        budget,
        scenario=scenario.model_copy(update={"groups": [group]}),
        lines=(dataclasses.replace(budget.lines[0], group=group),),
    )
    write_workbook(injection, estimate_report(budget), (("x", odd),), force=False)
    sources["injection"] = injection
    copies = spreadsheet.recalculate(list(sources.values()), tmp_path_factory.mktemp("lo"))
    return {name: copies[path] for name, path in sources.items()}


def program_annuals(line: GroupLine) -> dict[str, tuple[int, int]]:
    return {
        f"{line.group.label}/{program.program.upper()}": (program.annual, program.worker_annual)
        for program in line.programs
    }


def check_lines(sheet: Worksheet, budget: Budget) -> None:
    """Every line, subtotal and total of a recalculated sheet equals the budget's figures."""
    table = read_lines(sheet)
    worker = WORKER_ANNUAL in table.total
    sums: dict[str, list[int]] = {}
    for row in table.lines:
        key = f"{row['Group']}/{str(row['Program']).split(' ')[0]}"
        amounts = sums.setdefault(key, [0, 0])
        amounts[0] += row[ANNUAL]
        amounts[1] += row[WORKER_ANNUAL] if worker else 0
    expected = {k: v for line in budget.lines for k, v in program_annuals(line).items()}
    assert {key: tuple(value) for key, value in sums.items()} == expected
    assert [row[ANNUAL] for row in table.subtotals] == [line.annual for line in budget.lines]
    assert [row["People"] for row in table.subtotals] == [
        line.group.headcount for line in budget.lines
    ]
    assert table.total[ANNUAL] == budget.annual
    assert table.total["People"] == budget.headcount
    if worker:
        assert [row[WORKER_ANNUAL] for row in table.subtotals] == [
            line.worker_annual for line in budget.lines
        ]
        assert table.total[WORKER_ANNUAL] == budget.worker_annual


WORKBOOKS = [
    "metro",
    "lubuklinggau",
    "bandar-lampung",
    "pu-2025",
    "relief-2020",
    "roster",
    "compare",
    "project",
    "fit",
    "metro-2026-expansion",
]


@pytest.mark.parametrize("name", WORKBOOKS)
def test_recalculated_lines_equal_the_budget(
    name: str, cases: dict[str, Case], recalculated: dict[str, Path]
) -> None:
    sheets = lines_sheets(recalculated[name], data_only=True)
    budgets = [budget for _name, budget in cases[name].budgets]
    assert len(sheets) == len(budgets)
    for sheet, budget in zip(sheets, budgets, strict=True):
        check_lines(sheet, budget)


def test_recalculated_totals_of_the_bundled_cities(recalculated: dict[str, Path]) -> None:
    def total(name: str) -> object:
        return read_lines(lines_sheets(recalculated[name], data_only=True)[0]).total[ANNUAL]

    assert total("metro") == 1_720_963_200
    assert total("lubuklinggau") == 667_800_000
    assert total("bandar-lampung") == 594_921_600


def test_a_headcount_change_moves_the_total(
    cases: dict[str, Case], recalculated: dict[str, Path]
) -> None:
    metro = read_lines(lines_sheets(recalculated["metro-more"], data_only=True)[0])
    assert metro.total["People"] == 8477 + MORE_PEOPLE
    assert metro.total[ANNUAL] == 1_720_963_200 + MORE_PEOPLE * (10000 + 6800) * 12
    assert metro.subtotals[1][ANNUAL] == 282_240_000  # other groups stay put

    budget = cases["pu-2025"].budgets[0][1]
    line = budget.lines[0]
    per_person = sum(sum(program.per_person) for program in line.programs)
    worker_per_person = line.worker_annual // line.group.headcount
    pu = read_lines(lines_sheets(recalculated["pu-2025-more"], data_only=True)[0])
    assert pu.total[ANNUAL] == budget.annual + MORE_PEOPLE * per_person
    assert pu.total[WORKER_ANNUAL] == budget.worker_annual + MORE_PEOPLE * worker_per_person


def test_recalculated_workbook_keeps_formats_and_text(recalculated: dict[str, Path]) -> None:
    sheet = lines_sheets(recalculated["injection"], data_only=True)[0]
    assert sheet["A4"].value == "=1+1"  # a label is never evaluated
    assert read_lines(sheet).total[ANNUAL] == 594_921_600
    assert "Rp" in sheet["H4"].number_format


def test_libreoffice_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never skipped: without LibreOffice the recalculation tests fail, naming the fix."""
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(AssertionError, match="scripts/test-tools"):
        spreadsheet.soffice()


# The summary sheet: live formulas over the lines and rates sheets ------------------------------

PERCENT_TOLERANCE = Decimal("0.0005")  # a report rounds a percentage to 0.1 point
# The only figures of a summary that are numbers and not formulas, by the header of their column:
# inputs of the scenario (the eligible population), and what is not computed on the lines sheet
# (the death rate assumed, the expected death claims and their value, from planning.benefits).
STATIC_HEADERS = {
    "Eligible",
    "Deaths a year\nper 1,000",
    "Expected\nclaims",
    "Expected\nbenefits",
}
STATIC_IN = {
    "fit": {"People"},  # the people each group wants covered: the scenario's input
    # the JP wage caps of each year: rates (announced or projected by PP 45/2015 Pasal 29), not
    # on the rates sheet of a projection whose groups pay no JP
    "project": {"JP wage cap\nJan-Feb (Rp)", "JP wage cap\nfrom March (Rp)"},
}
# A roster's per-person amount is an average where the group's lines carry months, no rate: a
# number there, a formula for a group costed at one rate.
EITHER_IN = {"roster": {"Per person\na month (Rp)"}}


def summary(path: Path, **options: bool) -> Worksheet:
    return openpyxl.load_workbook(path, **options).worksheets[0]


def test_summary_figures_are_formulas(cases: dict[str, Case], written: dict[str, Path]) -> None:
    """Every figure of every section is a formula, but for the few listed; every sentence with
    a figure in it is one too. (A year or a position written as digits is a label.)"""
    for name in WORKBOOKS:
        case, sheet = cases[name], summary(written[name])
        static = STATIC_HEADERS | STATIC_IN.get(name, set())
        formulas = 0
        for placed in spreadsheet.all_placed(sheet, case.report):
            if isinstance(placed.figure, str) and not isinstance(placed.figure, Numeric):
                continue
            if placed.header in static:
                assert placed.cell.data_type == "n", (name, placed)
                continue
            if placed.header in EITHER_IN.get(name, set()):
                continue
            assert str(placed.cell.value).startswith("="), (name, placed)
            formulas += 1
        assert formulas >= 10, name
        for line, cell in spreadsheet.summary_lines(sheet, case.report):
            if isinstance(line, Phrase) and any(isinstance(p, Numeric) for p in line.parts):
                assert str(cell.value).startswith("="), (name, line)


def check_summary(sheet: Worksheet, case: Case, text: Callable[[str], str] = str) -> None:
    """Every figure and every sentence of a summary read with its results is the report's own
    (the figures the terminal, Markdown and JSON show), to the Rupiah; the sentences compared
    as `text` leaves them."""
    checked = 0
    for placed in spreadsheet.all_placed(sheet, case.report):
        expected = spreadsheet.expected_number(placed.figure)
        if expected is None:
            continue
        value = Decimal(str(placed.cell.value))
        if isinstance(placed.figure, Numeric) and "percent" in placed.figure.style:
            assert abs(value - expected) <= PERCENT_TOLERANCE, (case.name, placed)
        else:
            assert value == expected, (case.name, placed)
        checked += 1
    assert checked >= 10
    for line, cell in spreadsheet.summary_lines(sheet, case.report):
        assert text(str(cell.value)) == text(line), case.name


@pytest.mark.parametrize("name", WORKBOOKS)
def test_recalculated_summary_equals_the_report(
    name: str, cases: dict[str, Case], recalculated: dict[str, Path]
) -> None:
    check_summary(summary(recalculated[name], data_only=True), cases[name])


def test_recalculated_indonesian_summary(
    indonesian: tuple[Case, Path], recalculated: dict[str, Path]
) -> None:
    """The sentences write Rupiah and percentages as the Indonesian report does (Rp, 61,1 %);
    the separators are the spreadsheet's (LibreOffice's en-US here), so they are left out."""
    sheet = summary(recalculated["indonesian"], data_only=True)
    assert sheet.title == "Ringkasan"
    check_summary(sheet, indonesian[0], lambda text: text.replace(",", "").replace(".", ""))
    saved = summary(indonesian[1], data_only=True)  # the results saved by jbudget
    check_summary(saved, indonesian[0])


@pytest.mark.parametrize("name", WORKBOOKS)
def test_formulas_are_saved_with_their_results(
    name: str, cases: dict[str, Case], written: dict[str, Path]
) -> None:
    """A program that reads the file without calculating (a previewer, pandas) sees the
    figures: each formula is saved with the result LibreOffice computes for it."""
    check_summary(summary(written[name], data_only=True), cases[name])
    sheets = lines_sheets(written[name], data_only=True)
    for sheet, (_name, budget) in zip(sheets, cases[name].budgets, strict=True):
        check_lines(sheet, budget)


def sections_of(path: Path, case: Case) -> dict[str, list[list[Any]]]:
    """The recalculated summary's sections, each row as its cells' values."""
    sheet = summary(path, data_only=True)
    placed = spreadsheet.placed_figures(sheet, case.report)
    return {title: [[p.cell.value for p in row] for row in rows] for title, rows in placed.items()}


def test_recalculated_summary_equals_the_json(
    cases: dict[str, Case], recalculated: dict[str, Path]
) -> None:
    """The summary of metro against `jbudget estimate --format json`, figure by figure."""
    case = cases["metro"]
    data = json.loads(render_json(case.budgets[0][1]))
    sections = sections_of(recalculated["metro"], case)
    groups = sections["Per group"]
    assert [row[2] for row in groups[:-1]] == [line["headcount"] for line in data["lines"]]
    assert [row[7] for row in groups[:-1]] == [line["annual"] for line in data["lines"]]
    assert [row[6] for row in groups[:-1]] == [line["monthly"][0] for line in data["lines"]]
    totals = data["totals"]
    assert (groups[-1][2], groups[-1][6], groups[-1][7]) == (
        totals["headcount"],
        totals["monthly"][0],
        totals["annual"],
    )
    programs = sections["Per program"]
    assert [row[1] for row in programs] == [*totals["by_program"].values(), totals["annual"]]
    months = sections["Per month (2025)"]
    assert [row[1] for row in months] == [*totals["monthly"], totals["annual"]]


def test_a_headcount_change_moves_the_summary(
    cases: dict[str, Case], recalculated: dict[str, Path]
) -> None:
    """MORE_PEOPLE more non-ASN (BPU band 1: JKK Rp10,000 + JKM Rp6,800 a month, all year):
    Rp2,016,000 more a year, Rp168,000 more a month, Rp1,200,000 more JKK."""
    more_a_year = MORE_PEOPLE * (10_000 + 6_800) * 12
    assert more_a_year == 2_016_000
    metro = sections_of(recalculated["metro-more"], cases["metro"])
    total = metro["Per group"][-1]
    assert (total[2], total[6], total[7]) == (8477 + 10, 143_413_600 + 168_000, 1_722_979_200)
    assert metro["Per group"][0][7] == 745_718_400 + more_a_year
    assert metro["Per group"][1][7] == 282_240_000  # other groups stay put
    assert metro["Per program"][0][1] == 1_029_240_000 + MORE_PEOPLE * 10_000 * 12
    assert metro["Per month (2025)"][0][1] == 143_413_600 + 168_000
    assert metro["APBD a year per group"][0][1] == 745_718_400 + more_a_year
    headline = summary(recalculated["metro-more"], data_only=True)["A2"].value
    assert headline == "APBD total: IDR 1,722,979,200 a year for 8,487 people"

    budget = cases["pu-2025"].budgets[0][1]
    line = budget.lines[0]
    worker_per_person = line.worker_annual // line.group.headcount
    pu = sections_of(recalculated["pu-2025-more"], cases["pu-2025"])
    assert pu["Per group"][-1][8] == budget.worker_annual + MORE_PEOPLE * worker_per_person

    compared = sections_of(recalculated["compare-more"], cases["compare"])
    totals = {row[0]: row for row in compared["Totals"]}
    # A gains the people, B does not: B - A shrinks by as much as A grows
    assert totals["APBD a year (Rp)"][1:4] == [
        1_720_963_200 + more_a_year,
        1_831_843_200,
        110_880_000 - more_a_year,
    ]


def test_amounts_in_words_are_marked_as_written(
    cases: dict[str, Case], written: dict[str, Path]
) -> None:
    sheet = summary(written["metro-2026-expansion"])
    texts = [str(cell.value) for cell in sheet["A"] if cell.value]
    words = next(text for text in texts if " in words: " in text)
    assert not words.startswith("=")  # words are never a formula
    assert any("do not follow changes" in text for text in texts)
    assert not any("do not follow" in str(c.value) for c in summary(written["metro"])["A"])


# Printing and numbers in every sheet of every workbook ----------------------------------------


def test_every_sheet_prints_on_a4_one_page_wide(written: dict[str, Path]) -> None:
    """A4, one page wide, the header rows on every page; portrait when the columns fit its width
    (PORTRAIT_WIDTH characters), landscape when they are wider."""
    orientations: dict[str, set[str]] = {}
    for path in written.values():
        for sheet in openpyxl.load_workbook(path).worksheets:
            where, setup = (path.name, sheet.title), sheet.page_setup
            assert str(setup.paperSize) == sheet.PAPERSIZE_A4, where
            assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), where
            fit = sheet.sheet_properties.pageSetUpPr
            assert fit is not None and fit.fitToPage, where
            assert sheet.print_title_rows, where  # the title and header rows repeat
            width = sum(d.width for d in sheet.column_dimensions.values() if d.width)
            assert (setup.orientation == "portrait") == (width <= PORTRAIT_WIDTH), where
            orientations.setdefault(sheet.title.split(" ")[0], set()).add(str(setup.orientation))
    assert orientations["Inputs"] == {"portrait"}  # two columns
    assert orientations["Lines"] == {"portrait", "landscape"}  # 8 columns fit, 34 do not
    assert orientations["Rates"] == {"landscape"}  # titles and links of the regulations


NUMBER_LIKE = re.compile(r"[+-]?(?:Rp|IDR)?\s?\d[\d.,]*\s?%?\*?")


def text_on_purpose(cases: dict[str, Case]) -> dict[str, str]:
    """Text that looks like a number and is not one, each with why."""
    found = {__version__: "the jbudget version, on the inputs sheet"}
    for case in cases.values():
        for _name, budget in case.budgets:
            for group in budget.scenario.groups:
                for code in group.budget_codes.values():
                    found[code] = "a chart of accounts code (kode rekening), never added up"
    return found


def test_no_number_is_stored_as_text(cases: dict[str, Case], written: dict[str, Path]) -> None:
    on_purpose = text_on_purpose(cases)
    assert any("kode rekening" in why for why in on_purpose.values())
    seen_on_purpose = set()
    for name, path in written.items():
        for sheet in openpyxl.load_workbook(path).worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type != "s" or not NUMBER_LIKE.fullmatch(str(cell.value)):
                        continue
                    assert cell.value in on_purpose, (name, sheet.title, cell.coordinate)
                    seen_on_purpose.add(cell.value)
    assert seen_on_purpose == set(on_purpose)  # every exception is still needed
