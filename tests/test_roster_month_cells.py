"""Month cells written as decimals: a program such as pandas writes a number column that has
blanks as floats ('3.0'), and a workbook's 3.0 was already read as 3 (README, Roster
workbooks). The same cell in a CSV, or typed as text in a sheet, was rejected with 'start_month
must be a month number 1..12, got '3.0''. It is now read as the whole number; '3.5' and '13.0'
are still refused (jamsostek_budget.roster.second_look)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from jamsostek_budget.app.roster import roster_estimate
from jamsostek_budget.loading.bundled import city_file

TODAY = date(2025, 6, 1)
# pandas' DataFrame.to_csv of a roster whose month columns have blanks
ROWS = [
    ["nik", "name", "group", "start_month", "end_month"],
    ["1872010101900001", "Siti", "non-asn", "3.0", ""],
    ["1872010101900002", "Budi", "marbot", "", "12.0"],
    ["1872010101900003", "Eko", "marbot", "1.00", "6.0"],
    ["1872010101900004", "Ani", "marbot", "13.0", ""],
    ["1872010101900005", "Dewi", "marbot", "3.5", ""],
]


def as_csv(path: Path) -> Path:
    path.write_text("\n".join(",".join(row) for row in ROWS) + "\n", "utf-8")
    return path


def as_text_cells(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in ROWS:
        sheet.append([cell or None for cell in row])  # every cell a text cell
    book.save(path)
    return path


@pytest.mark.parametrize("write", [as_csv, as_text_cells], ids=["csv", "xlsx text cells"])
def test_a_whole_month_written_as_a_decimal_is_read_as_its_number(
    tmp_path: Path, write: Callable[[Path], Path]
) -> None:
    """Band 1, Rp16,800 a month (JKK 10,000 + JKM 6,800): Siti March to December 10 months,
    Budi 12, Eko January to June 6: 28 x 16,800 = 470,400 a year."""
    path = write(tmp_path / ("roster.csv" if write is as_csv else "roster.xlsx"))
    estimate = roster_estimate(path, city_file("metro"), today=TODAY).unwrap()
    rows = estimate.rows
    accepted = rows.accepted.select("nik", "start_month", "end_month").rows()
    assert accepted == [
        ("1872010101900001", 3, 12),
        ("1872010101900002", 1, 12),
        ("1872010101900003", 1, 6),
    ]
    assert estimate.budget.annual == 470_400
    reasons = rows.rejected["reasons"].to_list()
    assert reasons[0] == "start_month must be 1..12, got 13"
    assert "'3.5'" in reasons[1]
