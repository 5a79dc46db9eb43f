"""Workbook rosters (.xlsx) as offices send them: one sheet per OPD or kelurahan, hidden and
empty sheets, a title above the header, cells written by programs that do not calculate,
error cells, NIKs stored as numbers, merged cells (jamsostek_budget.roster.workbook).

Every workbook is written here with openpyxl, which writes formulas without their results and
NIKs given as int as number cells, as scripts that produce rosters do. Each test says what
happens to every row, and to every sheet. Figures: a marbot of Kota Metro (declared income
Rp1,000,000, band 1) costs JKK Rp10,000 + JKM Rp6,800 = Rp16,800 a month, Rp201,600 a year.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from jamsostek_budget.errors import DataError
from jamsostek_budget.loading.bundled import city_file
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.roster.checks import RosterRows, read_roster
from tests.cli_runner import run

Cell = str | int | float | bool | datetime | None
Rows = Sequence[Sequence[Cell]]
TODAY = date(2026, 1, 1)
HEADER = ["nik", "name", "group", "declared_income", "start_month", "end_month"]
MARBOT_YEAR = 201_600  # 16,800 x 12


def nik(serial: int) -> str:
    """A valid NIK: Lampung (18), Kota Metro (72), district 01, born 1 March 1985, serial."""
    return f"187201010385{serial:04d}"


def person(serial: int, group: str = "marbot", income: Cell = None) -> list[Cell]:
    return [nik(serial), f"Peserta {serial}", group, income, None, None]


@pytest.fixture(scope="module")
def metro() -> Scenario:
    return load_scenario(city_file("metro"))[0]


def workbook(
    path: Path,
    sheets: Mapping[str, Rows],
    *,
    states: Mapping[str, str] | None = None,
    merges: Mapping[str, Sequence[str]] | None = None,
) -> Path:
    """A workbook of `sheets` (name -> rows from A1; a row of None is an empty row), in order,
    with the sheet states (`hidden`, `veryHidden`) and merged ranges given."""
    book = openpyxl.Workbook()
    assert book.active is not None
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for number, values in enumerate(rows, start=1):
            for column, value in enumerate(values, start=1):
                if value is not None:
                    sheet.cell(row=number, column=column, value=value)
        sheet.sheet_state = (states or {}).get(name, "visible")
        for merged in (merges or {}).get(name, ()):
            sheet.merge_cells(merged)
    book.save(path)
    return path


def read(path: Path, scenario: Scenario, *sheets: str) -> RosterRows:
    if not sheets:  # as every roster was read before sheets could be chosen
        return read_roster(path, scenario, today=TODAY)
    return read_roster(path, scenario, today=TODAY, sheets=sheets)


def where(frame: RosterRows, kind: str = "accepted") -> list[tuple[str, int]]:
    rows = frame.accepted if kind == "accepted" else frame.rejected
    return [(sheet, line) for sheet, line in rows.select("sheet", "line").iter_rows()]


def skipped(found: RosterRows) -> dict[str, str | None]:
    return {sheet.name: sheet.skipped for sheet in found.sheets}


def reasons(found: RosterRows) -> dict[tuple[str, int], str]:
    return {
        (sheet, line): why
        for sheet, line, why in found.rejected.select("sheet", "line", "reasons").iter_rows()
    }


# --- every sheet ---------------------------------------------------------------------------


def test_every_visible_sheet_is_read_whatever_its_column_order(
    tmp_path: Path, metro: Scenario
) -> None:
    """One sheet per kelurahan, the second with its columns in another order and Indonesian
    names: both read, every row located by its sheet and sheet row."""
    path = workbook(
        tmp_path / "peserta.xlsx",
        {
            "Kel Hadimulyo": [HEADER, person(1), person(2)],
            "Kel Yosodadi": [
                ["Kelompok", "NIK", "Nama Lengkap", "Bulan Mulai"],
                ["marbot", nik(3), "Ani", 7],
                ["marbot", nik(4), "Budi", None],
            ],
        },
    )
    found = read(path, metro)
    assert where(found) == [
        ("Kel Hadimulyo", 2),
        ("Kel Hadimulyo", 3),
        ("Kel Yosodadi", 2),
        ("Kel Yosodadi", 3),
    ]
    assert found.accepted["start_month"].to_list() == [1, 1, 7, 1]
    assert found.accepted["name"].to_list()[2:] == ["Ani", "Budi"]
    assert [(sheet.name, sheet.header_row, sheet.rows_read) for sheet in found.sheets] == [
        ("Kel Hadimulyo", 1, 2),
        ("Kel Yosodadi", 1, 2),
    ]
    assert found.rows_read == 4


def test_a_hidden_first_sheet_is_skipped_with_a_note_and_the_next_read(
    tmp_path: Path, metro: Scenario
) -> None:
    """Today's bug: only the first sheet was read, even hidden, and the visible one was lost."""
    path = workbook(
        tmp_path / "peserta.xlsx",
        {
            "lama": [HEADER, person(1)],
            "rahasia": [HEADER, person(2)],
            "2026": [HEADER, person(3), person(4)],
        },
        states={"lama": "hidden", "rahasia": "veryHidden"},
    )
    found = read(path, metro)
    assert where(found) == [("2026", 2), ("2026", 3)]
    assert skipped(found) == {"lama": "hidden", "rahasia": "very_hidden", "2026": None}
    notes = {Path(note.file).name: note for note in found.notes}
    assert notes["peserta.xlsx[lama]"].message == "sheet 'lama' is hidden: not read"
    assert "very hidden" in notes["peserta.xlsx[rahasia]"].message
    assert "chosen by name" in notes["peserta.xlsx[lama]"].hint
    assert {note.severity for note in found.notes} == {"note"}


def test_sheets_without_a_roster_header_and_empty_sheets_are_named_in_a_note(
    tmp_path: Path, metro: Scenario
) -> None:
    path = workbook(
        tmp_path / "peserta.xlsx",
        {
            "Petunjuk": [["Isi satu baris per peserta"], ["NIK diketik sebagai teks"]],
            "Data": [HEADER, person(1)],
            "Rekap": [[None], ["Kelompok", "Jumlah"], ["marbot", 1]],
            "Kosong": [],
        },
    )
    found = read(path, metro)
    assert where(found) == [("Data", 2)]
    assert skipped(found) == {
        "Petunjuk": "no_roster_header",
        "Data": None,
        "Rekap": "no_roster_header",
        "Kosong": "empty",
    }
    notes = {Path(note.file).name: (note.line, note.message) for note in found.notes}
    assert notes["peserta.xlsx[Rekap]"] == (2, "sheet 'Rekap' has no roster header: not read")
    assert notes["peserta.xlsx[Kosong]"] == (1, "sheet 'Kosong' is empty: not read")


def test_a_chart_sheet_is_skipped_and_refused_when_chosen(tmp_path: Path, metro: Scenario) -> None:
    from openpyxl.chart import BarChart, Reference

    book = openpyxl.Workbook()
    data = book.active
    assert data is not None
    data.title = "Data"
    for values in (HEADER, person(1)):
        data.append(values)
    chart = BarChart()
    chart.add_data(Reference(data, min_col=4, min_row=1, max_row=2))
    book.create_chartsheet("Grafik").add_chart(chart)
    path = tmp_path / "p.xlsx"
    book.save(path)
    found = read(path, metro)
    assert where(found) == [("Data", 2)]
    assert skipped(found) == {"Data": None, "Grafik": "chart"}
    assert found.notes[0].message == "sheet 'Grafik' is a chart: not read"
    with pytest.raises(DataError) as error:
        read(path, metro, "Grafik")
    assert error.value.problems[0].message == "sheet 'Grafik' is a chart, not a sheet of cells"


def test_a_sheet_fastexcel_cannot_read_is_refused_naming_it(
    tmp_path: Path, metro: Scenario
) -> None:
    """A sheet pointing at a shared string that is not there (a broken export): a message, no
    traceback."""
    path = workbook(tmp_path / "p.xlsx", {"Data": [HEADER, person(1)], "Rusak": [["x"]]})
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = re.sub(rb'<c r="A1"[^>]*>.*?</c>', rb'<c r="A1" t="s"><v>99</v></c>', data)
            target.writestr(item, data)
    with pytest.raises(DataError) as error:
        read(broken, metro)
    (problem,) = error.value.problems
    assert Path(problem.file).name == "broken.xlsx[Rusak]"
    assert problem.message.startswith("cannot read this sheet")
    assert "calamine" not in problem.message + problem.hint  # never the library's words


def test_a_title_above_the_header_is_not_a_row(tmp_path: Path, metro: Scenario) -> None:
    title = ["DAFTAR PESERTA BPJS KETENAGAKERJAAN KELURAHAN IRINGMULYO TAHUN 2026"]
    path = workbook(
        tmp_path / "peserta.xlsx", {"Iringmulyo": [title, [None], HEADER, person(1), person(2)]}
    )
    found = read(path, metro)
    assert where(found) == [("Iringmulyo", 4), ("Iringmulyo", 5)]
    assert found.sheets[0].header_row == 3
    assert found.rejected.is_empty()


@pytest.mark.parametrize(
    ("header", "missing", "column"),
    [
        (["NIK", "Nama", "Penghasilan"], "group", 1),  # group forgotten
        (["Nama", "Kelompok", "Penghasilan", "Mulai"], "nik", 1),  # nik forgotten
        (["NIK", "Nama", "Kelompk"], "group", 3),  # a typo: did you mean
    ],
)
def test_a_sheet_whose_header_almost_matches_is_refused(
    tmp_path: Path, metro: Scenario, header: list[str], missing: str, column: int
) -> None:
    """A roster sheet that lacks a required column is a roster that cannot be read: refused,
    naming the sheet, its header row and the column, not skipped."""
    path = workbook(
        tmp_path / "peserta.xlsx",
        {"Kel A": [HEADER, person(1)], "Kel B": [["Kel B"], header, [nik(2), "Ani", "marbot"]]},
    )
    with pytest.raises(DataError) as error:
        read(path, metro)
    (problem,) = error.value.problems
    assert (Path(problem.file).name, problem.line, problem.column) == (
        "peserta.xlsx[Kel B]",
        2,
        column,
    )
    assert (problem.field, problem.message) == (missing, f"required column '{missing}' is missing")


def test_a_workbook_without_a_roster_sheet_says_why_for_each(
    tmp_path: Path, metro: Scenario
) -> None:
    """No sheet is read: refused, with what is wrong with each sheet's first row as a header
    (as a one-sheet roster always was) and why the others were skipped."""
    header = ["Nomor Peserta", "Nama Peserta", "Kelompk"]  # one roster column: not a header
    path = workbook(
        tmp_path / "peserta.xlsx",
        {"Data": [header, [nik(1), "Ani", "marbot"]], "Lama": [HEADER]},
        states={"Lama": "hidden"},
    )
    with pytest.raises(DataError) as error:
        read(path, metro)
    errors = {
        (Path(problem.file).name, problem.field): problem
        for problem in error.value.problems
        if problem.severity == "error"
    }
    assert list(errors) == [
        ("peserta.xlsx[Data]", "nik"),
        ("peserta.xlsx[Data]", "group"),
        ("peserta.xlsx", "sheet"),
    ]
    assert errors["peserta.xlsx[Data]", "group"].hint.startswith("did you mean 'Kelompk'?")
    assert "no sheet of the workbook is a roster" in errors["peserta.xlsx", "sheet"].message
    notes = [problem.message for problem in error.value.problems if problem.severity == "note"]
    assert notes == [
        "sheet 'Data' has no roster header: not read",
        "sheet 'Lama' is hidden: not read",
    ]


def test_a_nik_on_two_sheets_is_a_duplicate_naming_the_first_sheet(
    tmp_path: Path, metro: Scenario
) -> None:
    path = workbook(
        tmp_path / "peserta.xlsx",
        {"Kel A": [HEADER, person(1), person(2)], "Kel B": [HEADER, person(3), person(2)]},
    )
    found = read(path, metro)
    assert where(found) == [("Kel A", 2), ("Kel A", 3), ("Kel B", 2)]
    assert reasons(found) == {
        ("Kel B", 3): "nik is already accepted on line 3 of sheet 'Kel A'; "
        "the same nik is on line(s) 3 of sheet 'Kel A'"
    }


def test_notes_name_each_row_by_its_sheet_and_the_sheets_add_up(
    tmp_path: Path, metro: Scenario
) -> None:
    """Blank rows, amounts in notation and repeated NIKs across sheets are noted at the sheet
    and row of the first one, never at the internal row number that tells sheets apart; the
    rows of the sheets add up to the rows read."""
    blank: list[Cell] = [None, " ", None, None, None, None]
    path = workbook(
        tmp_path / "peserta.xlsx",
        {
            "Kel A": [HEADER, person(1, income="1.500.000"), blank, person(2)],
            "Kel B": [HEADER, person(2), blank, person(3)],
        },
    )
    found = read(path, metro)
    assert (found.rows_read, found.accepted.height, found.rejected.height) == (6, 3, 1)
    assert found.blank_rows == 2
    assert [(sheet.name, sheet.rows_read) for sheet in found.sheets] == [("Kel A", 3), ("Kel B", 3)]
    notes = {note.field: (Path(note.file).name, note.line, note.message) for note in found.notes}
    assert notes[""][:2] == ("peserta.xlsx[Kel A]", 3)
    assert "(lines 3 of sheet 'Kel A', 3 of sheet 'Kel B')" in notes[""][2]
    assert notes["declared_income"][:2] == ("peserta.xlsx[Kel A]", 2)
    assert notes["nik"][:2] == ("peserta.xlsx[Kel A]", 4)
    assert "10000" not in " ".join(message for _file, _line, message in notes.values())
    assert reasons(found)[("Kel B", 2)].startswith("nik is already accepted on line 4 of sheet")


def test_a_header_named_sheet_keeps_its_cells_beside_the_rows_sheet(
    tmp_path: Path, metro: Scenario
) -> None:
    rows: Rows = [["Sheet", *HEADER], ["lembar 7", *person(1, income="x")]]
    found = read(workbook(tmp_path / "p.xlsx", {"Data": rows}), metro)
    assert found.rejected.select("sheet", "line", "Sheet (file)").row(0) == ("Data", 2, "lembar 7")


def test_the_same_row_numbers_on_two_sheets_are_two_rows(tmp_path: Path, metro: Scenario) -> None:
    """Row 2 of one sheet and row 2 of another are different people: none is lost, none taken
    for a duplicate of the other."""
    path = workbook(
        tmp_path / "p.xlsx",
        {"A": [HEADER, person(1)], "B": [HEADER, person(2)], "C": [HEADER, person(3, income="x")]},
    )
    found = read(path, metro)
    assert where(found) == [("A", 2), ("B", 2)]
    assert list(reasons(found)) == [("C", 2)]


# --- --sheet -------------------------------------------------------------------------------


def test_sheets_chosen_by_name_hidden_ones_too(tmp_path: Path, metro: Scenario) -> None:
    path = workbook(
        tmp_path / "p.xlsx",
        {"Kel A": [HEADER, person(1)], "Arsip": [HEADER, person(2)], "Kel B": [HEADER, person(3)]},
        states={"Arsip": "hidden"},
    )
    found = read(path, metro, "Kel B", "Arsip")
    assert where(found) == [("Arsip", 2), ("Kel B", 2)]
    assert skipped(found) == {"Kel A": "not_chosen", "Arsip": None, "Kel B": None}
    assert "not among the sheets chosen" in found.notes[0].message


def test_an_unknown_sheet_name_is_refused_listing_the_sheets(
    tmp_path: Path, metro: Scenario
) -> None:
    path = workbook(tmp_path / "p.xlsx", {"Kel A": [HEADER, person(1)], "Kel B": [HEADER]})
    with pytest.raises(DataError) as error:
        read(path, metro, "kel a")
    (problem,) = error.value.problems
    assert (Path(problem.file).name, problem.field) == ("p.xlsx", "sheet")
    assert problem.message == "the workbook has no sheet named 'kel a'"
    assert "'Kel A', 'Kel B'" in problem.hint


@pytest.mark.parametrize(
    ("rows", "words"),
    [([], "sheet 'Catatan' is empty"), ([["catatan saja"]], "required column 'nik' is missing")],
)
def test_a_chosen_sheet_that_is_not_a_roster_is_refused(
    tmp_path: Path, metro: Scenario, rows: Rows, words: str
) -> None:
    path = workbook(tmp_path / "p.xlsx", {"Kel A": [HEADER, person(1)], "Catatan": rows})
    with pytest.raises(DataError) as error:
        read(path, metro, "Kel A", "Catatan")
    assert Path(error.value.problems[0].file).name == "p.xlsx[Catatan]"
    assert words in error.value.problems[0].message


def test_a_formula_without_a_computed_value_rejects_its_row(
    tmp_path: Path, metro: Scenario
) -> None:
    """openpyxl writes '=D2*2' with no result: the cell read blank, and the row took the group's
    income (Rp1,000,000) instead of its own."""
    rows: Rows = [
        HEADER,
        person(1, income=2_000_000),
        person(2, income="=D2*2"),
        [nik(3), '=PROPER("siti")', "marbot", None, "=1+1", 12],
    ]
    path = workbook(tmp_path / "p.xlsx", {"Data": rows})
    found = read(path, metro)
    assert where(found) == [("Data", 2)]
    why = reasons(found)
    assert why[("Data", 3)].startswith(
        "cell D3: declared_income is a formula without a computed value"
    )
    assert "open and save it in Excel or LibreOffice" in why[("Data", 3)]
    assert why[("Data", 4)].startswith("cell B4: name is a formula without a computed value")
    assert "cell E4: start_month is a formula" in why[("Data", 4)]
    saved = with_results(path, {b"D2*2": b"4000000", b'PROPER("siti")': b"Siti", b"1+1": b"2"})
    found = read(saved, metro)  # as Excel or LibreOffice save it: each formula's last result
    assert found.rejected.is_empty()
    assert found.accepted.select("declared_income", "start_month").rows() == [
        (2_000_000, 1),
        (4_000_000, 1),
        (1_000_000, 2),
    ]
    assert found.accepted["name"][2] == "Siti"


def with_results(path: Path, results: Mapping[bytes, bytes]) -> Path:
    """A copy of the workbook at `path` with a computed result for each formula of `results`."""
    saved = path.with_name(f"saved-{path.name}")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(saved, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            for formula, result in results.items():
                kind = b"" if result[:1].isdigit() else b' t="str"'
                pattern = (
                    rb'(<c r="[A-Z]+[0-9]+")([^>]*)>(<f>' + re.escape(formula) + rb"</f>)<v\s*/>"
                )
                data = re.sub(pattern, rb"\1\2" + kind + rb">\3<v>" + result + rb"</v>", data)
            target.writestr(item, data)
    return saved


def test_a_formula_outside_the_roster_columns_does_not_matter(
    tmp_path: Path, metro: Scenario
) -> None:
    rows: Rows = [["No", *HEADER], ["=ROW()-1", *person(1)], ["=ROW()-1", *person(2)]]
    found = read(workbook(tmp_path / "p.xlsx", {"Data": rows}), metro)
    assert where(found) == [("Data", 2), ("Data", 3)]


def test_a_row_of_formulas_without_values_is_rejected_not_dropped(
    tmp_path: Path, metro: Scenario
) -> None:
    rows: Rows = [HEADER, person(1), ["=A2", None, "=C2", None, None, None]]
    found = read(workbook(tmp_path / "p.xlsx", {"Data": rows}), metro)
    assert found.rows_read == 2
    assert "cell A3: nik is a formula" in reasons(found)[("Data", 3)]


@pytest.mark.parametrize(
    "error", ["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"]
)
@pytest.mark.parametrize(
    ("column", "letter"), [("declared_income", "D"), ("start_month", "E"), ("group", "C")]
)
def test_an_error_cell_rejects_its_row(
    tmp_path: Path, metro: Scenario, error: str, column: str, letter: str
) -> None:
    """A VLOOKUP that found nothing: the cell read blank, and the row took the group's default."""
    cells = dict(zip(HEADER, person(2), strict=True)) | {column: error}
    rows: Rows = [HEADER, person(1), list(cells.values())]
    found = read(workbook(tmp_path / "p.xlsx", {"Data": rows}), metro)
    assert where(found) == [("Data", 2)]
    why = reasons(found)[("Data", 3)]
    assert why.startswith(
        f"cell {letter}3: {column} holds the error {error}: correct its formula or type"
    )


@pytest.mark.parametrize("number", [1872010103850001, 1872010103850000, 1.87201e15])
def test_a_nik_stored_as_a_number_is_refused_as_in_a_csv(
    tmp_path: Path, metro: Scenario, number: float
) -> None:
    """Excel keeps 15 digits of a number: whatever the cell shows, the 16th digit is gone.
    The same reason and hint as a CSV's '1.87201E+15'."""
    rows: Rows = [HEADER, person(2), [number, "Ani", "marbot", None, None, None]]
    found = read(workbook(tmp_path / "p.xlsx", {"Data": rows}), metro)
    assert where(found) == [("Data", 2)]
    why = reasons(found)[("Data", 3)]
    assert why.startswith(f"cell A3: nik '{int(number)}' was turned into a number")
    assert "was turned into a number by a spreadsheet: format the column as Text" in why


def test_cell_shapes_offices_produce(tmp_path: Path, metro: Scenario) -> None:
    """Whole numbers stored as decimals are read; decimals, dates, TRUE and percentages in a
    number column are refused with the column; a long name is kept whole."""
    long_name = "Siti " * 6_000  # near Excel's 32,767 characters a cell
    rows: Rows = [
        HEADER,
        [nik(1), "Ani", "marbot", 1_000_000.0, 3.0, 12.0],
        [nik(2), "Budi", "marbot", None, 3.5, None],
        [nik(3), "Citra", "marbot", None, datetime(2026, 3, 1), None],
        [nik(4), "Dodi", "marbot", None, True, None],
        [nik(5), "Eko", "marbot", 0.15, None, None],
        [nik(6), long_name, "marbot", None, None, None],
        [True, "Fajar", "marbot", None, None, None],
    ]
    found = read(workbook(tmp_path / "p.xlsx", {"Data": rows}), metro)
    assert where(found) == [("Data", 2), ("Data", 7)]
    assert found.accepted.row(0)[5:] == (1_000_000, None, 3, 12)
    assert found.accepted["name"][1] == long_name
    why = reasons(found)
    assert "start_month" in why[("Data", 3)] and "3.5" in why[("Data", 3)]
    assert "start_month" in why[("Data", 4)] and "2026-03-01" in why[("Data", 4)]
    assert "start_month" in why[("Data", 5)]
    assert "declared_income" in why[("Data", 6)] and "0.15" in why[("Data", 6)]
    assert why[("Data", 8)].startswith("nik 'true' must hold digits only")


def test_merged_cells_read_as_the_sheet_shows_them(tmp_path: Path, metro: Scenario) -> None:
    """A group and an income typed once for a block of rows, merged down: every row of the
    block has them (read blank, the income would have been the group's default)."""
    rows: Rows = [
        HEADER,
        [nik(1), "Ani", "marbot", 2_000_000, None, None],
        [nik(2), "Budi", None, None, None, None],
        [nik(3), "Citra", None, None, None, None],
        [nik(4), "Dodi", "marbot", None, None, None],
    ]
    path = workbook(tmp_path / "p.xlsx", {"Data": rows}, merges={"Data": ["C2:C4", "D2:D4"]})
    found = read(path, metro)
    assert where(found) == [("Data", 2), ("Data", 3), ("Data", 4), ("Data", 5)]
    assert found.accepted["declared_income"].to_list() == [
        2_000_000,
        2_000_000,
        2_000_000,
        1_000_000,
    ]
    (note,) = found.notes
    assert (Path(note.file).name, note.line, note.column, note.severity) == (
        "p.xlsx[Data]",
        2,
        3,
        "note",
    )
    assert "C2:C4, D2:D4" in note.message


# --- the command ---------------------------------------------------------------------------


def office_workbook(folder: Path) -> Path:
    return workbook(
        folder / "opd.xlsx",
        {
            "Dinas A": [HEADER, person(1), person(2, income="=D2")],
            "Dinas B": [["Kelompok", "NIK", "Nama"], ["marbot", nik(3)], ["marbot", nik(1)]],
            "Lama": [HEADER, person(9)],
            "Rekap": [["Kelompok", "Jumlah"], ["marbot", 3]],
        },
        states={"Lama": "hidden"},
    )


def run_roster(path: Path, *options: str) -> tuple[int, str, str]:
    result = run("roster", str(path), "--city", "metro", "--today", "2026-01-01", *options)
    return result.exit_code, result.stdout, result.stderr


def test_the_command_costs_every_sheet_and_reports_each(tmp_path: Path) -> None:
    path = office_workbook(tmp_path)
    code, stdout, stderr = run_roster(path, "-f", "json", "--per-person", str(tmp_path / "pp.csv"))
    assert code == 0, stderr
    report = json.loads(stdout)
    assert report["totals"]["annual"] == 2 * MARBOT_YEAR  # rows 2 of each sheet
    assert report["input"]["sheets"] == [
        {"name": "Dinas A", "read": True, "skipped": None, "header_row": 1, "rows_read": 2},
        {"name": "Dinas B", "read": True, "skipped": None, "header_row": 1, "rows_read": 2},
        {"name": "Lama", "read": False, "skipped": "hidden", "header_row": None, "rows_read": 0},
        {
            "name": "Rekap",
            "read": False,
            "skipped": "no_roster_header",
            "header_row": None,
            "rows_read": 0,
        },
    ]
    assert "opd.xlsx[Lama]:1:1: sheet: note: sheet 'Lama' is hidden: not read" in stderr
    assert "sheets read: Dinas A (2 rows), Dinas B (2 rows)" in stderr
    assert "--sheet NAME" in stderr
    rejects = list(csv.DictReader(io.StringIO((tmp_path / "opd-rejects.csv").read_text("utf-8"))))
    assert [(row["sheet"], row["line"]) for row in rejects] == [("Dinas A", "3"), ("Dinas B", "3")]
    assert rejects[0]["reasons"].startswith("cell D3: declared_income is a formula")
    assert rejects[1]["reasons"] == (
        "nik is already accepted on line 2 of sheet 'Dinas A'; "
        "the same nik is on line(s) 2 of sheet 'Dinas A'"
    )
    people = list(csv.DictReader(io.StringIO((tmp_path / "pp.csv").read_text("utf-8"))))
    assert [(row["sheet"], row["line"], row["nik"]) for row in people] == [
        ("Dinas A", "2", nik(1)),
        ("Dinas B", "2", nik(3)),
    ]


def test_the_command_reads_the_sheets_named(tmp_path: Path) -> None:
    path = office_workbook(tmp_path)
    code, stdout, stderr = run_roster(path, "-f", "json", "--sheet", "Lama", "--sheet", "Dinas B")
    assert code == 0, stderr
    report = json.loads(stdout)
    assert report["totals"]["annual"] == 3 * MARBOT_YEAR  # Dinas A not read: no duplicate
    read = {sheet["name"]: sheet["skipped"] for sheet in report["input"]["sheets"]}
    assert read == {"Dinas A": "not_chosen", "Lama": None, "Dinas B": None, "Rekap": "not_chosen"}
    unknown = run_roster(path, "--sheet", "Dinas C")
    assert unknown[0] == 1
    assert "opd.xlsx:1:1: sheet: the workbook has no sheet named 'Dinas C'" in unknown[2]
    assert "'Dinas A', 'Dinas B', 'Lama', 'Rekap'" in unknown[2]


def test_the_command_written_into_a_report_repeats_each_sheet(tmp_path: Path) -> None:
    path = office_workbook(tmp_path)
    output = tmp_path / "anggaran.xlsx"
    code, _stdout, stderr = run_roster(
        path, "--sheet", "Dinas B", "--sheet", "Lama", "-f", "xlsx", "-o", str(output)
    )
    assert code == 0, stderr
    cells = [
        cell
        for sheet in openpyxl.load_workbook(output)
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str) and cell.startswith("jbudget roster")
    ]
    assert len(cells) == 1
    assert "--sheet 'Dinas B' --sheet Lama" in cells[0]


def test_sheet_is_refused_for_a_csv_roster(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("nik,group\n" + nik(1) + ",marbot\n", encoding="utf-8")
    code, _stdout, stderr = run_roster(path, "--sheet", "Data")
    assert code == 2
    assert "--sheet chooses sheets of an .xlsx workbook" in stderr


def test_strict_fails_on_a_cell_that_cannot_be_read(tmp_path: Path) -> None:
    path = workbook(tmp_path / "p.xlsx", {"Data": [HEADER, person(1), person(2, income="#N/A")]})
    code, _stdout, stderr = run_roster(path, "--strict")
    assert code == 1
    assert "2 rows read = 1 accepted + 1 rejected" in stderr


def test_a_csv_report_has_no_sheets(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("nik,group\n" + nik(1) + ",marbot\n", encoding="utf-8")
    code, stdout, _stderr = run_roster(path, "-f", "json")
    assert code == 0
    assert json.loads(stdout)["input"]["sheets"] == []


SHEET_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<{p}worksheet xmlns{colon}{name}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<{p}sheetData>
<{p}row r="2"><{p}c r="A2" t="s"><{p}v>0</{p}v></{p}c>
  <{p}c r="B2" s="3"><{p}f t="shared" ref="B2:B4" si="0">A2*2</{p}f><{p}v>4</{p}v></{p}c>
  <{p}c r="C2"><{p}f>NOW()</{p}f></{p}c></{p}row>
<{p}row r="3"><{p}c r="B3" s="3"><{p}f t="shared" si="0"/></{p}c>
  <{p}c r="C3" t="e"><{p}f>1/0</{p}f><{p}v>#DIV/0!</{p}v></{p}c>
  <{p}c r="D3" t="str"><{p}f>IF(A3="","",A3)</{p}f><{p}v></{p}v></{p}c>
  <{p}c r='E3' t='e'><{p}v>#N/A</{p}v></{p}c>
  <{p}c r="F3" t="inlineStr"><{p}is><{p}t>#1 text</{p}t></{p}is></{p}c></{p}row>
<{p}row r="4"><{p}c r="B4"><{p}f t="shared" si="0"/><{p}v/></{p}c></{p}row>
</{p}sheetData><{p}autoFilter ref="A1:F4"><{p}filterColumn colId="0"/></{p}autoFilter>
</{p}worksheet>"""


@pytest.mark.parametrize("prefix", ["", "x"])
def test_formula_and_error_cells_are_found_in_any_sheet_xml(prefix: str) -> None:
    """As Excel, LibreOffice, openpyxl and .NET writers (an 'x:' namespace prefix) write them:
    shared formulas, cached values or none, errors with or without a formula; the search and
    the parse of the whole sheet find the same cells."""
    from jamsostek_budget.roster import cells, formula_cells

    data = SHEET_XML.format(
        p=f"{prefix}:" if prefix else "", colon=":" if prefix else "", name=prefix
    ).encode()
    expected = [
        cells.FlaggedCell(2, 3, "formula", ""),
        cells.FlaggedCell(3, 3, "error", "#DIV/0!"),
        cells.FlaggedCell(3, 5, "error", "#N/A"),
        cells.FlaggedCell(3, 2, "formula", ""),  # a shared formula's cell without its value
        cells.FlaggedCell(4, 2, "formula", ""),
    ]
    assert formula_cells.scan(data) is not None
    assert sorted(cells.flagged_cells(data), key=str) == sorted(expected, key=str)
    assert sorted(cells._parsed(data), key=str) == sorted(expected, key=str)


# --- a damaged workbook: a cell past XFD1048576 ------------------------------------------------


def _damaged(tmp_path: Path, old: bytes, new: bytes) -> Path:
    """A one-row roster whose sheet XML names `new` where openpyxl wrote `old`."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["nik", "group"])
    sheet.append(["1872010101850001", "marbot"])
    plain, damaged = tmp_path / "plain.xlsx", tmp_path / "damaged.xlsx"
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(old, new)
            target.writestr(item, data)
    return damaged


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        (b'r="A2"', b'r="A9999999999"', "'A9999999999'"),
        (b'r="A2"', b'r="A' + b"9" * 5000 + b'"', "'A" + "9" * 58 + "\u2026'"),
        (b'r="B2"', b'r="ZZZZ2"', "'ZZZZ2'"),
        (b'<row r="2"', b'<row r="2000000"', "'2000000'"),
    ],
    ids=["row", "row-5000-digits", "column", "row-element"],
)
def test_a_cell_past_the_last_cell_a_spreadsheet_has_is_refused(
    tmp_path: Path, old: bytes, new: bytes, shown: str
) -> None:
    """fastexcel set aside the grid up to such a cell (90 GB for row 9,999,999,999) and the
    process aborted with a Rust backtrace (exit 134). Run as a subprocess: it would take pytest
    down with it."""
    import subprocess
    import sys

    roster = _damaged(tmp_path, old, new)
    command = [sys.executable, "-m", "jamsostek_budget", "--lang", "en", "roster", str(roster)]
    result = subprocess.run(
        [*command, "--city", "metro"], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert "damaged.xlsx[Sheet]:1:1: sheet: the sheet names cell " + shown in result.stderr
    assert "past the last cell a spreadsheet has (XFD1048576)" in result.stderr
    assert "open it in Excel or LibreOffice and save it again" in result.stderr
    assert "panicked" not in result.stderr and "backtrace" not in result.stderr


def test_the_last_cell_a_spreadsheet_has_is_not_past_it() -> None:
    from jamsostek_budget.roster.cells import past_the_last_cell

    assert past_the_last_cell(b'<row r="1048576"><c r="XFD1048576" t="s">') is None
    assert past_the_last_cell(b'<row r="1"><c r="$XFE$1">') == "XFE1"
    assert past_the_last_cell(b'<row r="1048577">') == "1048577"
