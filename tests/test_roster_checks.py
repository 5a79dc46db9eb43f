"""Reading and checking participant rosters (jamsostek_budget.roster.read and .checks).

One test per rejection reason, each with the words its reason must contain; the header rules
(aliases, case, missing columns); blank cells taking the group's values; Excel input; a property
test that every row read is accepted or rejected, never lost; and Kota Metro's 8,477 people.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import polars as pl
import polars.io.spreadsheet.functions as spreadsheets
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jamsostek_budget.app.roster import roster_estimate
from jamsostek_budget.errors import DataError
from jamsostek_budget.loading.bundled import city_file
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.roster.checks import RosterRows, accepted_schema, read_roster
from jamsostek_budget.roster.nik import (
    NUMBER,
    PROVINCE_CODES,
    nik_fails,
    nik_passes,
    with_nik_columns,
)
from jamsostek_budget.roster.reasons import reason
from tests.helpers import make_group, make_scenario

Cell = str | int | float | None  # what the tests put in a spreadsheet cell
TODAY = date(2025, 6, 1)
HEADER = ("nik", "name", "group", "declared_income", "monthly_wage", "start_month", "end_month")
Row = Sequence[str]


@pytest.fixture(scope="module")
def metro() -> Scenario:
    return load_scenario(city_file("metro"))[0]


@pytest.fixture(scope="module")
def mixed() -> Scenario:
    """One bpu and one pu group, both covered March to October."""
    bpu = make_group(id="kader", declared_income=1_200_000, start_month=3, end_month=10)
    pu = make_group(
        id="honorer",
        segment="pu",
        monthly_wage=2_500_000,
        risk_class="very_low",
        programs=["jkk", "jkm", "jht", "jp"],
        start_month=3,
        end_month=10,
    )
    return make_scenario(2025, bpu, pu)


def nik(serial: int = 1, *, born: date = date(1990, 1, 1), woman: bool = False) -> str:
    """A valid NIK of Kota Metro (18.72), kecamatan 01."""
    day = born.day + (40 if woman else 0)
    return f"187201{day:02d}{born:%m%y}{serial:04d}"


def write_csv(folder: Path, rows: Sequence[Row], header: Row = HEADER) -> Path:
    path = folder / "roster.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def row(number: str | None = None, group: str = "non-asn", **cells: str) -> list[str]:
    values = {"nik": nik() if number is None else number, "name": "Siti", "group": group}
    values |= cells
    return [values.get(column, "") for column in HEADER]


def check(
    folder: Path,
    rows: Sequence[Row],
    scenario: Scenario,
    *,
    today: date = TODAY,
    header: Row = HEADER,
) -> RosterRows:
    return read_roster(write_csv(folder, rows, header), scenario, today=today)


def only_reasons(found: RosterRows) -> str:
    assert found.accepted.is_empty()
    assert found.rejected.height == 1
    return str(found.rejected["reasons"][0])


def test_a_valid_row_is_accepted_with_the_group_values(tmp_path: Path, metro: Scenario) -> None:
    found = check(tmp_path, [row(nik(7, woman=True), "guru-honorer")], metro)
    assert found.accepted.schema == accepted_schema(metro.groups)
    assert found.accepted.schema["group"] == pl.Enum([group.id for group in metro.groups])
    assert found.accepted.row(0) == (
        2,
        nik(7, woman=True),
        "Siti",
        "guru-honorer",
        1_200_000,
        None,
        1,
        12,
    )
    assert (found.rows_read, found.rejected.height, found.ignored_columns) == (1, 0, ())


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("187201010190001", "nik must be 16 digits, got 15"),
        ("18720101019000123", "nik must be 16 digits, got 17"),
        ("1872010101900O01", "nik '1872010101900O01' must hold digits only"),
        (
            "1.87201E+15",
            "nik '1.87201E+15' was turned into a number by a spreadsheet: format the column as "
            "Text and type the NIK again; nik must be 16 digits, got 11",
        ),
        ("+872010101900001", "must hold digits only"),
        ("9972010101900001", "nik starts with 99, which is not a province code"),
        ("2072010101900001", "nik starts with 20, which is not a province code"),
        ("1872013102900001", "nik digits 7-12 (310290) are not a birth date DDMMYY"),
        ("1872017102900001", "nik digits 7-12 (710290) are not a birth date"),  # woman, 31 Feb
        ("1872013501900001", "nik digits 7-12 (350190) are not a birth date"),  # neither
        ("1872012902010001", "nik digits 7-12 (290201) are not a birth date"),  # 2001, 1901
        ("1872010113900001", "nik digits 7-12 (011390) are not a birth date"),  # month 13
        ("1872010101900000", "nik ends in 0000, but serials start at 0001"),
        ("", "nik is missing"),
    ],
)
def test_nik_rejections(tmp_path: Path, metro: Scenario, number: str, reason: str) -> None:
    assert reason in only_reasons(check(tmp_path, [row(number)], metro))


def test_a_birth_date_after_today_is_read_in_the_1900s(tmp_path: Path, metro: Scenario) -> None:
    """2 June 25 is tomorrow in 2025, so the NIK means 2 June 1925: 99 years old, accepted."""
    found = check(tmp_path, [row("1872010206250001"), row("1872014102000001")], metro)
    assert found.rejected.is_empty()


def test_a_birth_date_in_the_future_in_both_centuries(tmp_path: Path, metro: Scenario) -> None:
    """29 February 00 exists only in 2000 (1900 was not a leap year): before that day, the
    NIK's birth date is in the future whichever century is read."""
    number = "1872012902000001"
    found = check(tmp_path, [row(number)], metro, today=date(2000, 2, 1))
    assert "nik birth date 290200 (DDMMYY) is in the future" in only_reasons(found)
    assert check(tmp_path, [row(number)], metro, today=date(2000, 2, 29)).rejected.is_empty()


def test_women_add_40_to_the_day(tmp_path: Path, metro: Scenario) -> None:
    rows = [row(nik(1, born=date(1988, 2, 29), woman=True)), row("1872017112880001")]
    assert check(tmp_path, rows, metro).rejected.is_empty()


@pytest.mark.parametrize("code", PROVINCE_CODES)
def test_every_province_code_is_accepted(tmp_path: Path, metro: Scenario, code: str) -> None:
    assert check(tmp_path, [row(f"{code}72010101900001")], metro).rejected.is_empty()


@pytest.mark.parametrize(
    ("group", "reason"),
    [
        ("guru-ngji", "group 'guru-ngji' is not in the scenario (did you mean 'guru-ngaji'?)"),
        ("Guru ngaji", "group 'Guru ngaji' is not in the scenario (did you mean 'guru-ngaji'?)"),
        ("ojol", "group 'ojol' is not in the scenario, whose groups are non-asn, ketua-rt-rw"),
        ("", "group is missing"),
    ],
)
def test_unknown_or_missing_group(tmp_path: Path, metro: Scenario, group: str, reason: str) -> None:
    assert reason in only_reasons(check(tmp_path, [row(group=group)], metro))


def test_a_bpu_row_with_a_wage(tmp_path: Path, mixed: Scenario) -> None:
    reasons = only_reasons(check(tmp_path, [row(group="kader", monthly_wage="2500000")], mixed))
    assert reasons == (
        "monthly_wage is for pu groups, but group 'kader' is bpu: give declared_income instead"
    )


def test_a_pu_row_with_an_income(tmp_path: Path, mixed: Scenario) -> None:
    reasons = only_reasons(
        check(tmp_path, [row(group="honorer", declared_income="1000000")], mixed)
    )
    assert reasons == (
        "declared_income is for bpu groups, but group 'honorer' is pu: give monthly_wage instead"
    )


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        ("1 500 000", "declared_income: '1 500 000' is not an amount of Rupiah"),
        ("-5", "declared_income must be more than 0, got -5"),
        ("0", "declared_income must be more than 0, got 0"),
        ("1500000.50", "declared_income: '1500000.50' is not a whole number of Rupiah"),
        ("99999999999999999999", "declared_income: '99999999999999999999' is more than"),
    ],
)
def test_amount_rejections(tmp_path: Path, metro: Scenario, amount: str, reason: str) -> None:
    assert only_reasons(check(tmp_path, [row(declared_income=amount)], metro)).startswith(reason)


def test_a_negative_wage(tmp_path: Path, mixed: Scenario) -> None:
    found = check(tmp_path, [row(group="honorer", monthly_wage="-2500000")], mixed)
    assert only_reasons(found) == "monthly_wage must be more than 0, got -2500000"


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"start_month": "0"}, "start_month must be 1..12, got 0"),
        ({"end_month": "13"}, "end_month must be 1..12, got 13"),
        ({"start_month": "Jan"}, "start_month must be a month number 1..12, got 'Jan'"),
        ({"end_month": "6.5"}, "end_month must be a month number 1..12, got '6.5'"),
        ({"start_month": "7", "end_month": "3"}, "start_month 7 is after end_month 3"),
        ({"start_month": "11"}, "start_month 11 is after end_month 10"),  # the group's end
    ],
)
def test_month_rejections(
    tmp_path: Path, mixed: Scenario, cells: dict[str, str], reason: str
) -> None:
    assert only_reasons(check(tmp_path, [row(group="kader", **cells)], mixed)) == reason


def test_a_repeated_nik_is_a_duplicate_of_its_first_line(tmp_path: Path, metro: Scenario) -> None:
    rows = [row(nik(1)), row(nik(2)), row(nik(1), group="marbot"), row(nik(1))]
    found = check(tmp_path, rows, metro)
    assert found.accepted["line"].to_list() == [2, 3]
    assert found.rejected["line"].to_list() == [4, 5]
    assert found.rejected["reasons"].to_list() == [
        "nik is already accepted on line 2; the same nik is on line(s) 2, 5",
        "nik is already accepted on line 2; the same nik is on line(s) 2, 4",
    ]


def test_every_reason_of_a_row_is_listed(tmp_path: Path, metro: Scenario) -> None:
    bad = row(
        "9972013202900000",
        "guru-ngji",
        declared_income="1.000",
        monthly_wage="100",
        start_month="9",
        end_month="3",
    )
    found = check(tmp_path, [row("9972013202900000", "marbot"), bad], metro)
    assert found.rejected["reasons"][1] == "; ".join(
        [
            "nik starts with 99, which is not a province code",
            "nik digits 7-12 (320290) are not a birth date DDMMYY",
            "nik ends in 0000, but serials start at 0001",
            "group 'guru-ngji' is not in the scenario (did you mean 'guru-ngaji'?)",
            "declared_income: '1.000' is ambiguous: it could be 1000 ('.' grouping thousands) "
            "or 1 ('.' as a decimal point): Indonesian writes 1.500 for 1500 and 1,5 for 1.5, "
            "English the reverse, so jbudget refuses to guess: write 1000 without a separator, "
            "or 1.500.000 with two or more groups, or 1,5 juta with a unit",
            "start_month 9 is after end_month 3",
            "the same nik is on line(s) 2",
        ]
    )


def test_the_rejects_keep_every_original_cell_as_text(tmp_path: Path, metro: Scenario) -> None:
    header = ["No", "NIK", "Nama", "Kelompok", "Penghasilan", "Catatan"]
    rows = [
        ["1", nik(1), "Siti", "non-asn", "1000000", ""],
        ["2", "123", "Budi", "marbot", " 0012 ", "x"],
    ]
    found = check(tmp_path, rows, metro, header=header)
    assert found.ignored_columns == ("No", "Catatan")
    assert found.rejected.columns == ["line", *header, "reasons"]
    assert all(dtype == pl.String for dtype in found.rejected.drop("line").dtypes)
    assert found.rejected.row(0)[:-1] == (3, "2", "123", "Budi", "marbot", " 0012 ", "x")
    assert found.accepted["declared_income"].to_list() == [1_000_000]


def test_aliases_and_header_case(tmp_path: Path, mixed: Scenario) -> None:
    header = [" No. KTP ", "NAMA", "Kelompok", "Penghasilan (Rp)", "UPAH", "Bulan Mulai", "selesai"]
    rows = [
        [nik(1), "Siti", "kader", "1500000", "", "4", "9"],
        [nik(2), "Budi", "honorer", "", "3000000", "", ""],
    ]
    found = check(tmp_path, rows, mixed, header=header)
    assert found.accepted.rows() == [
        (2, nik(1), "Siti", "kader", 1_500_000, None, 4, 9),
        (3, nik(2), "Budi", "honorer", None, 3_000_000, 3, 10),
    ]


@pytest.mark.parametrize(
    "header",
    [
        ["nomor_ktp", "nama_lengkap", "grup", "income", "wage", "mulai", "bulan_akhir"],
        ["NIK", "Name", "GROUP", "Declared Income", "Monthly-Wage", "Start", "Bulan_Selesai"],
    ],
)
def test_more_aliases(tmp_path: Path, mixed: Scenario, header: list[str]) -> None:
    found = check(
        tmp_path, [[nik(1), "Siti", "kader", "1500000", "", "4", "9"]], mixed, header=header
    )
    assert found.accepted.row(0) == (2, nik(1), "Siti", "kader", 1_500_000, None, 4, 9)


def test_blank_cells_take_the_group_values(tmp_path: Path, mixed: Scenario) -> None:
    rows = [
        [nik(1), "Siti", "kader", "", "", "", ""],
        [nik(2), "", " honorer ", "  ", "\t", " 5 ", ""],
        [f" {nik(3)}", "Ani", "kader", " 900000 ", "", "", "12"],
    ]
    found = check(tmp_path, rows, mixed)
    assert found.accepted.rows() == [
        (2, nik(1), "Siti", "kader", 1_200_000, None, 3, 10),
        (3, nik(2), None, "honorer", None, 2_500_000, 5, 10),
        (4, nik(3), "Ani", "kader", 900_000, None, 3, 12),
    ]


def test_columns_that_are_absent_take_the_group_values(tmp_path: Path, mixed: Scenario) -> None:
    found = check(tmp_path, [[nik(1), "honorer"]], mixed, header=["nik", "group"])
    assert found.accepted.row(0) == (2, nik(1), None, "honorer", None, 2_500_000, 3, 10)


def test_semicolons_blank_lines_and_cells_over_two_lines(tmp_path: Path, metro: Scenario) -> None:
    path = tmp_path / "roster.csv"
    text = f'nik;name;group\n{nik(1)};"Siti\nRahayu";non-asn\n\n;;\n{nik(2)};Budi;nope\n'
    path.write_text(text, encoding="utf-8")
    found = read_roster(path, metro, today=TODAY)
    assert (found.rows_read, found.blank_rows, found.accepted["line"].to_list()) == (4, 2, [2])
    assert found.accepted["name"][0] == "Siti\nRahayu"
    assert found.rejected["line"].to_list() == [6]


def test_a_column_named_line_is_kept(tmp_path: Path, metro: Scenario) -> None:
    found = check(tmp_path, [["7", "123", "non-asn"]], metro, header=["Line", "nik", "group"])
    assert found.rejected.columns == ["line", "Line (file)", "nik", "group", "reasons"]


def test_rows_read_counts_accepted_and_rejected(tmp_path: Path, metro: Scenario) -> None:
    """What the progress bar shows at the end (cli_roster ticks with it)."""
    path = write_csv(tmp_path, [row(nik(1)), row("1")])
    found = read_roster(path, metro, today=TODAY)
    assert (found.rows_read, found.accepted.height, found.rejected.height) == (2, 1, 1)


def write_xlsx(path: Path, top: int, rows: Sequence[Sequence[Cell]]) -> Path:
    """A workbook whose header is on sheet row `top` (rows above left empty)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=2):
            sheet.cell(row=top + offset, column=column, value=value)
    book.create_sheet("notes")["A1"] = "not the roster"
    book.save(path)
    return path


def test_excel_rows_are_numbered_as_in_the_sheet(tmp_path: Path, mixed: Scenario) -> None:
    rows: list[list[Cell]] = [
        ["NIK", "Nama", "Kelompok", "Penghasilan", "Upah", "Mulai", "Selesai"],
        [nik(1), "Siti", "kader", 1_500_000, None, 4, 9],
        [nik(2), "Budi", "honorer", None, 3_000_000.0, None, None],
        [None, None, None, None, None, None, None],
        ["  ", " ", None, None, None, None, None],  # blank to the eye: not a row
        [nik(3), "Ani", "kader", 1_500_000.5, None, 0, 9],
        ["'" + nik(4), "Eko", "honorer", "1.500.000", None, None, None],
    ]
    found = read_roster(write_xlsx(tmp_path / "roster.xlsx", 3, rows), mixed, today=TODAY)
    assert found.accepted.rows() == [
        ("Sheet", 4, nik(1), "Siti", "kader", 1_500_000, None, 4, 9),
        ("Sheet", 5, nik(2), "Budi", "honorer", None, 3_000_000, 3, 10),
    ]
    assert found.rejected["line"].to_list() == [8, 9]
    assert found.rejected["Penghasilan"].to_list() == ["1500000.5", "1.500.000"]
    assert "start_month must be 1..12, got 0" in found.rejected["reasons"][0]
    assert (found.rows_read, found.blank_rows) == (6, 2)


def test_excel_from_the_first_row(tmp_path: Path, metro: Scenario) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", 1, [["nik", "group"], [nik(1), "marbot"], [1, "x"]])
    found = read_roster(path, metro, today=TODAY)
    assert found.accepted["line"].to_list() == [2]
    assert found.rejected.select("line", "nik").rows() == [(3, "1")]


@pytest.mark.parametrize("pyarrow_installed", [False, True])
def test_excel_reads_the_same_with_or_without_pyarrow(
    tmp_path: Path, metro: Scenario, monkeypatch: pytest.MonkeyPatch, pyarrow_installed: bool
) -> None:
    """pl.read_excel takes another fastexcel call when pyarrow is installed, which refused
    whitespace_as_null: every .xlsx roster failed with a TypeError in such an environment.
    polars decides by this flag, so both of its paths are taken here, pyarrow or not."""
    monkeypatch.setattr(spreadsheets, "_PYARROW_AVAILABLE", pyarrow_installed)
    rows: list[list[Cell]] = [["nik", "group"], [nik(1), "marbot"], ["  ", " "], [1, "x"]]
    found = read_roster(write_xlsx(tmp_path / "roster.xlsx", 1, rows), metro, today=TODAY)
    assert found.accepted["line"].to_list() == [2]
    assert found.rejected.select("line", "nik").rows() == [(4, "1")]


def problem_of(error: pytest.ExceptionInfo[DataError]) -> tuple[int, str, str, str]:
    (problem,) = error.value.problems
    return problem.line, problem.field, problem.message, problem.hint


def test_a_missing_group_column_with_did_you_mean(tmp_path: Path, metro: Scenario) -> None:
    path = write_csv(tmp_path, [[nik(1), "Siti", "non-asn"]], header=["NIK", "Nama", "Kelompk"])
    with pytest.raises(DataError) as error:
        read_roster(path, metro, today=TODAY)
    line, field, message, hint = problem_of(error)
    assert (line, field, message) == (1, "group", "required column 'group' is missing")
    assert hint.startswith("did you mean 'Kelompk'? Rename it to group (also accepted: kelompok")
    assert error.value.problems[0].file.endswith("roster.csv")
    assert error.value.problems[0].column == 3


def test_a_missing_nik_column_lists_the_header(tmp_path: Path, metro: Scenario) -> None:
    path = write_csv(tmp_path, [["Siti", "non-asn"]], header=["Nama", "Kelompok"])
    with pytest.raises(DataError) as error:
        read_roster(path, metro, today=TODAY)
    _, field, _, hint = problem_of(error)
    assert field == "nik"
    assert hint.endswith("the header has 'Nama', 'Kelompok'")


def test_two_columns_for_one_field(tmp_path: Path, metro: Scenario) -> None:
    path = write_csv(tmp_path, [], header=["nik", "nama", "group", "Name"])
    with pytest.raises(DataError) as error:
        read_roster(path, metro, today=TODAY)
    assert problem_of(error)[2] == "columns 'nama' and 'Name' both give name"


def write_sheet(folder: Path, suffix: str, cells: Sequence[Sequence[Cell]]) -> Path:
    """The header and rows `cells` as roster.csv (a None as an empty cell) or roster.xlsx."""
    if suffix == ".xlsx":
        return write_xlsx(folder / "roster.xlsx", 1, cells)
    lines = [["" if cell is None else str(cell) for cell in line] for line in cells]
    return write_csv(folder, lines[1:], header=lines[0])


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_column_given_twice_under_one_header_is_refused(
    tmp_path: Path, metro: Scenario, suffix: str
) -> None:
    """Which of two 'nik' columns holds the NIK cannot be told: refused, not the first taken
    (polars and fastexcel would have renamed the second 'nik_duplicated_0' or 'nik_1')."""
    path = write_sheet(tmp_path, suffix, [["nik", "group", "nik"], [nik(1), "marbot", nik(2)]])
    with pytest.raises(DataError) as error:
        read_roster(path, metro, today=TODAY)
    (problem,) = error.value.problems
    first = 2 if suffix == ".xlsx" else 1  # the workbook's cells start at column B
    assert (problem.line, problem.column, problem.field) == (1, first + 2, "nik")
    message = f"column 'nik' is in the header twice (columns {first} and {first + 2})"
    assert problem.message == message
    assert problem.hint == "keep one of them, or rename the other"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_blank_and_repeated_other_headers_keep_readable_names(
    tmp_path: Path, metro: Scenario, suffix: str
) -> None:
    cells: list[list[Cell]] = [
        ["nik", "group", "Catatan", None, "Catatan", "reasons"],
        [nik(1), "marbot", "a", "b", "c", "d"],
        ["1", "marbot", "e", "f", "g", "h"],
    ]
    path = write_sheet(tmp_path, suffix, cells)
    found = read_roster(path, metro, today=TODAY)
    if suffix == ".xlsx":  # named by their sheet column (cells start at column B)
        names = ("Catatan", "column_5", "Catatan (6)", "reasons (file)")
        where = ["sheet", "line"]
    else:
        names = ("Catatan", "column_4", "Catatan (5)", "reasons (file)")
        where = ["line"]
    assert found.ignored_columns == names
    assert found.rejected.columns == [*where, "nik", "group", *names, "reasons"]
    assert found.rejected.row(0)[len(where) + 2 : len(where) + 6] == ("e", "f", "g", "h")


def test_a_header_without_names_is_listed_by_position(tmp_path: Path, metro: Scenario) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(",,\n,,\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        read_roster(path, metro, today=TODAY)
    hint = error.value.problems[0].hint
    assert hint.endswith("the header has 'column_1', 'column_2', 'column_3'")


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        (b"nik,group\n1,a\n2,caf\xe9\n", 3, "is not UTF-8 text"),
        (b"nik,group\n1,a\n2,b,c\n", 3, "has 3 cells but the header has 2"),
        (b"", 1, "required column 'nik' is missing"),
    ],
)
def test_unreadable_files(
    tmp_path: Path, metro: Scenario, content: bytes, line: int, words: str
) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(content)
    with pytest.raises(DataError) as error:
        read_roster(path, metro, today=TODAY)
    assert error.value.problems[0].line == line
    assert words in error.value.problems[0].message


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("gone.csv", None, "cannot read the file"),
        ("bad.xlsx", b"not a zip", "is a text file (a CSV?) named .xlsx"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "cannot read the file"),
    ],
)
def test_files_that_cannot_be_opened(
    tmp_path: Path, metro: Scenario, name: str, content: bytes | None, words: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DataError) as error:
        read_roster(path, metro, today=TODAY)
    assert error.value.problems[0].message.startswith(words)


CELLS = {
    "nik": st.sampled_from(["", "123", "9972010101900001", "1872013102900001", "18720101019O0001"])
    | st.integers(1, 40).map(nik)
    | st.integers(1, 40).map(lambda serial: f"{nik(serial)} "),
    "group": st.sampled_from(["kader", "honorer", "", "Kader", "nope", " kader"]),
    "declared_income": st.sampled_from(["", "1000000", "-1", "1.000.000", "x", "0"]),
    "monthly_wage": st.sampled_from(["", "", "2000000", "2,000,000"]),
    "start_month": st.sampled_from(["", "1", "0", "6", "13", "x"]),
    "end_month": st.sampled_from(["", "12", "5", "13"]),
}
ROWS = st.lists(
    st.fixed_dictionaries(CELLS).map(lambda cells: [cells.get(c, "x") for c in HEADER]),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(rows=ROWS)
def test_every_row_read_is_accepted_or_rejected(mixed: Scenario, rows: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        found = check(Path(folder), rows, mixed)
    assert found.accepted.height + found.rejected.height == found.rows_read == len(rows)
    lines = found.accepted["line"].to_list() + found.rejected["line"].to_list()
    assert sorted(lines) == list(range(2, len(rows) + 2))
    assert all(found.rejected["reasons"].str.len_chars() > 0)
    assert found.accepted["nik"].is_unique().all()


def padded(rows: Sequence[Row]) -> list[list[str]]:
    """Every cell with a space on each side: no row passes the first look as read."""
    return [[f" {cell} " for cell in row] for row in rows]


# Mostly valid cells, so that rows failing one check only are frequent.
NEAR_VALID = {
    "nik": st.integers(1, 30).map(nik) | st.sampled_from(["1872013102900001", f"{nik(1)} "]),
    "group": st.sampled_from(["kader", "kader", "honorer", "nope", " kader"]),
    "declared_income": st.sampled_from(["", "1000000", "0", "-1", "1.000.000"]),
    "monthly_wage": st.sampled_from(["", "", "", "2000000", "x"]),
    "start_month": st.sampled_from(["", "", "6", "11", "13"]),  # kader: March to October
    "end_month": st.sampled_from(["", "", "5", "9", "0"]),
}
NEAR_VALID_ROWS = st.lists(
    st.fixed_dictionaries(NEAR_VALID).map(lambda cells: [cells.get(c, "x") for c in HEADER]),
    min_size=5,
    max_size=30,
)


@settings(max_examples=100, deadline=None)
@given(rows=ROWS | NEAR_VALID_ROWS)
def test_the_first_look_keeps_only_what_the_second_accepts(
    mixed: Scenario, rows: list[list[str]]
) -> None:
    """The same rows with every cell padded all go through the second look, which strips
    them: the same rows must be accepted, with the same values, and rejected for the same
    reasons."""
    with tempfile.TemporaryDirectory() as folder:
        found = check(Path(folder), rows, mixed)
        second = check(Path(folder), padded(rows), mixed)
    assert found.accepted.drop("name").rows() == second.accepted.drop("name").rows()
    assert found.rejected.select("line", "reasons").rows() == (
        second.rejected.select("line", "reasons").rows()
    )


@pytest.mark.parametrize("today", [TODAY, date(2000, 2, 1), date(2000, 2, 29), date(2024, 3, 1)])
def test_the_first_looks_birth_dates_are_the_second_looks(today: date) -> None:
    """Every DDMMYY, women's days too: the table the first look reads decides each birth date
    as the day-by-day check of the second look does."""
    born = pl.int_range(0, 10**6, eager=True)
    frame = pl.DataFrame({"nik": (born * 10**4 + 1872 * 10**12 + 1).cast(pl.String)})
    checked = with_nik_columns(frame.lazy(), "nik", today)
    first, second = checked.select(
        nik_passes(pl.col(NUMBER), today).alias("first"), (~nik_fails()).alias("second")
    ).collect()
    assert first.sum() > 60_000
    assert first.to_list() == second.to_list()


def test_a_rejected_row_keeps_the_spaces_around_its_nik(tmp_path: Path, metro: Scenario) -> None:
    found = check(tmp_path, [row(f" {nik(1)} ", group="nope")], metro)
    assert found.rejected["nik"].to_list() == [f" {nik(1)} "]
    assert found.rejected["reasons"][0].startswith("group 'nope' is not in the scenario")


def test_the_scenario_is_reported_before_the_roster(tmp_path: Path) -> None:
    """The roster is opened and read while the scenario loads, but a broken scenario is still
    what the user hears of first, as when the two were done one after the other."""
    scenario = tmp_path / "kota.yaml"
    scenario.write_text("city: kota\nfiscal_year: 2025\ngroups: []\n", encoding="utf-8")
    roster = write_csv(tmp_path, [["1", "x"]], header=["nomor", "kelompok"])  # no nik column
    with pytest.raises(DataError) as error:
        roster_estimate(roster, scenario, today=TODAY).unwrap()
    assert {Path(problem.file).name for problem in error.value.problems} == {"kota.yaml"}
    with pytest.raises(DataError) as error:
        roster_estimate(roster, city_file("metro"), today=TODAY).unwrap()
    assert problem_of(error)[1:3] == ("nik", "required column 'nik' is missing")


def test_a_translated_reason_may_put_its_values_in_another_order() -> None:
    values = {"start": pl.col("start"), "end": pl.col("end")}
    english = reason("start_month {start} is after end_month {end}", **values)
    reordered = reason("end_month {end} mendahului start_month {start}", **values)
    frame = pl.DataFrame({"start": [7, None], "end": [3, 3]})
    found = frame.select(english.alias("english"), reordered.alias("reordered"))
    assert found.row(0) == (
        "start_month 7 is after end_month 3",
        "end_month 3 mendahului start_month 7",
    )
    assert found.row(1) == (None, None)  # a reason without its value is no reason


def test_kota_metro_in_full(tmp_path: Path, metro: Scenario) -> None:
    """One valid row per person of examples/metro.yaml: 8,477 rows, all accepted."""
    rows, person = [], 0
    for group in metro.groups:
        for _ in range(group.headcount):
            born = date(1960, 1, 1) + timedelta(days=person)
            number = nik(person % 9000 + 1, born=born, woman=person % 2 == 1)
            rows.append([number, f"Peserta {person}", group.id, "", "", "", ""])
            person += 1
    found = check(tmp_path, rows, metro)
    assert found.rejected.is_empty()
    assert found.accepted.height == found.rows_read == metro.headcount == 8_477
    counts = dict(found.accepted.group_by("group").len().rows())
    assert counts == {group.id: group.headcount for group in metro.groups}
