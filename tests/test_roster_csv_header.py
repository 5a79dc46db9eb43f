"""A CSV roster's header as offices write it: a header cell typed with a line break (Alt+Enter
in Excel, "Penghasilan<line break>(Rp)") spans lines in the file, whatever the line endings,
and every row below keeps its own line; a first line too long to be a header is refused; and
the summary names a few of the columns not used, not thousands (jamsostek_budget.roster.csvfile,
cli_roster)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from jamsostek_budget.app.roster import roster_estimate
from jamsostek_budget.loading.bundled import city_file
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.roster.checks import read_roster
from tests.cli_runner import run

TODAY = date(2025, 6, 1)
# the header spans lines 1 to 3 (two of its cells hold a line break); Rahayu's name spans 5-6
ROWS = (
    'nik,nama,group,"Penghasilan\n(Rp)","Bulan\nMulai"',
    "1872010101900001,Siti,non-asn,1500000,3",
    '1872010101900002,"Rahayu\nS.Pd",marbot,,',
    "1872010101900003,Budi,marbot,abc,",
    "1872010101900004,Eko,kader-posyandu,,12",
)
LF = "\n".join(ROWS) + "\n"
SHAPES = {
    "lf": LF.encode(),
    "crlf (Excel for Windows)": LF.replace("\n", "\r\n").encode(),
    "cr only (Excel for Mac)": LF.replace("\n", "\r").encode(),
    "utf-16 unicode text": LF.replace(",", "\t").replace("\n", "\r\n").encode("utf-16"),
}
# (line, nik, name, group, declared_income, monthly_wage, start_month, end_month)
ACCEPTED = [
    (4, "1872010101900001", "Siti", "non-asn", 1_500_000, None, 3, 12),
    (5, "1872010101900002", "Rahayu\nS.Pd", "marbot", 1_000_000, None, 1, 12),
    (8, "1872010101900004", "Eko", "kader-posyandu", 1_000_000, None, 12, 12),
]


@pytest.fixture(scope="module")
def metro() -> Scenario:
    return load_scenario(city_file("metro"))[0]


@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_header_cell_with_a_line_break_keeps_every_row_and_its_line(
    tmp_path: Path, metro: Scenario, shape: str
) -> None:
    """Read before as a header of one line: the rows were numbered a line too early (LF, CRLF)
    or the file was refused (CR only: 'has 5 cells but the header has 4')."""
    path = tmp_path / "roster.csv"
    path.write_bytes(SHAPES[shape])
    found = read_roster(path, metro, today=TODAY)
    rows = [(*row[:2], row[2].replace("\r\n", "\n"), *row[3:]) for row in found.accepted.rows()]
    assert rows == ACCEPTED  # a name's line break as written: CRLF in a CRLF file
    assert found.rejected["line"].to_list() == [7]
    assert found.rows_read == 4


def test_a_header_with_line_breaks_below_excels_sep_line(tmp_path: Path) -> None:
    """sep=; on line 1, the header on lines 2 to 4: Siti is on line 5, Budi (rejected) on 8.
    Siti: income 1,500,000 is band 4 (rates/bpu.yaml, nominal 1,600,000: JKK 16,000 + JKM 6,800
    = 22,800) from March, 10 x 22,800 = 228,000; Rahayu 12 x 16,800 = 201,600 and Eko (December
    only) 16,800: 446,400 a year."""
    path = tmp_path / "roster.csv"
    path.write_bytes(("sep=,\r\n" + LF.replace("\n", "\r\n")).encode())
    estimate = roster_estimate(path, city_file("metro"), today=TODAY).unwrap()
    assert estimate.rows.accepted["line"].to_list() == [5, 6, 9]
    assert estimate.rows.rejected["line"].to_list() == [8]
    assert estimate.budget.annual == 446_400


@pytest.mark.parametrize("ending", ["\n", "\r"])
def test_a_first_line_too_long_for_a_header_is_refused(tmp_path: Path, ending: str) -> None:
    """A first line of 200,000 characters ended in a traceback (the csv module's field limit);
    one of 100,000 was read cut short. No roster's column names are that long."""
    path = tmp_path / "roster.csv"
    header = "nik,name,group," + "x" * 200_000
    path.write_text(header + ending + "1872010101900001,Siti,non-asn," + ending, "utf-8")
    result = run("roster", str(path), "--city", "metro", "--today", "2025-06-01")
    assert result.exit_code == 1
    assert "roster.csv:1:1:" in result.stderr
    assert "65,536" in result.stderr
    assert "nik, group" in result.stderr  # the hint: what a first line holds
    assert "Traceback" not in result.stderr


def test_thousands_of_unused_columns_are_named_ten_at_a_time(tmp_path: Path) -> None:
    """The summary listed every unused column, each whole: 3,001 names, one a cell of 32,000
    characters on one line of stderr."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["nik", "group", "Z" * 32_000, *(f"c{index}" for index in range(3_000))])
    sheet.append(["1872010101900001", "non-asn"])
    path = tmp_path / "wide.xlsx"
    book.save(path)
    result = run("roster", str(path), "--city", "metro", "--today", "2025-06-01")
    assert result.exit_code == 0, result.stderr
    unused = next(line for line in result.stderr.splitlines() if "columns not used" in line)
    assert unused.endswith("c8 and 2,991 more")
    assert len(unused) < 400


BODY = "nik,nama,group\n1872010101900001,Siti,non-asn\n1872010101900002,Budi,marbot\n"
TITLED = {
    # Excel writes a title typed in A1 of a 3-column sheet with the empty cells after it
    "title, excel's empty cells": ("DAFTAR PESERTA BPJS KETENAGAKERJAAN,,\n" + BODY, 2),
    "title and a blank line": ("Daftar peserta Kelurahan Iringmulyo\n\n" + BODY, 3),
    "two title lines, cr only": ("Daftar peserta\rTahun 2025,,\r" + BODY.replace("\n", "\r"), 3),
    "title, ';' header, crlf": (
        ("Daftar peserta\n" + BODY.replace(",", ";")).replace("\n", "\r\n"),
        2,
    ),
    "sep line, then a title": ("sep=,\nDaftar peserta,,\n" + BODY, 3),
    "indonesian header": ("Daftar,,\n" + BODY.replace("nik,nama,group", "NIK,Nama,Kelompok"), 2),
}


@pytest.mark.parametrize("shape", list(TITLED))
def test_a_title_above_the_header_is_skipped_as_in_a_workbook(
    tmp_path: Path, metro: Scenario, shape: str
) -> None:
    """A sheet with a title above its header, saved as CSV, was refused: 'required column nik
    is missing; the header has 'DAFTAR PESERTA ...''. A workbook's header is found below a
    title (README, Roster workbooks); a CSV's now is too, and every row keeps its line."""
    text, header_line = TITLED[shape]
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode())
    found = read_roster(path, metro, today=TODAY)
    assert found.accepted["nik"].to_list() == ["1872010101900001", "1872010101900002"]
    assert found.accepted["line"].to_list() == [header_line + 1, header_line + 2]
    assert (found.rows_read, found.rejected.height, found.blank_rows) == (2, 0, 0)


def test_a_header_below_a_title_that_lacks_group_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("Daftar peserta\n\nnik,nama,penghasilan\n1872010101900001,Siti,\n", "utf-8")
    result = run("roster", str(path), "--city", "metro", "--today", "2025-06-01")
    assert result.exit_code == 1
    assert "roster.csv:3:" in result.stderr
    assert "group" in result.stderr and "kelompok" in result.stderr  # the hint: its aliases


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_a_quote_left_open_in_the_header_is_refused_at_the_header(
    tmp_path: Path, ending: str
) -> None:
    """A LF or CRLF file was refused at line 2, 'the rows below the header cannot be read as
    CSV', while the fault is the header's quote on line 1."""
    path = tmp_path / "roster.csv"
    rows = ['nik,group,"nama', "1872010101900001,non-asn,Siti", "1872010101900002,marbot,Budi"]
    path.write_text(ending.join(rows) + ending, "utf-8", newline="")
    result = run("roster", str(path), "--city", "metro", "--today", "2025-06-01")
    assert result.exit_code == 1
    assert "roster.csv:1:1: a quoted cell starts on this line and is never closed" in result.stderr
    assert "close the quote" in result.stderr
