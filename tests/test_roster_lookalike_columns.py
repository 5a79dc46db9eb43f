"""A header that looks like a roster column but does not name one ('Penghasilan per Bulan',
'Bln Mulai', 'Gaji Pokok') was listed among the columns not used, and every row took its
group's default instead: a roster of people declaring Rp3,000,000 was costed in band 1, exit 0.
Such a header is now refused, at its cell, when the roster has no column for that field
(jamsostek_budget.roster.lookalikes)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.cli_runner import run

ROW = "1872010101900001,Siti,guru-ngaji,3000000"


@pytest.mark.parametrize(
    ("header", "field", "column"),
    [
        ("NIK,Nama,Kelompok,Penghasilan per Bulan", "declared_income", 4),
        ("NIK,Nama,Kelompok,Gaji Pokok", "monthly_wage", 4),
        ("NIK,Nama,Kelompok,Penghasilan,Tanggal Mulai", "start_month", 5),
        ("NIK,Nama,Kelompok,Penghasilan,Bln Akhir", "end_month", 5),
    ],
)
def test_a_csv_header_that_looks_like_a_roster_column_is_refused(
    tmp_path: Path, header: str, field: str, column: int
) -> None:
    path = tmp_path / "roster.csv"
    cells = ROW if header.count(",") == 3 else ROW + ",3"
    path.write_text(f"{header}\n{cells}\n", "utf-8")
    result = run("roster", str(path), "--city", "metro", "--today", "2025-06-01")
    assert result.exit_code == 1
    assert f"roster.csv:1:{column}: {field}: column '" in result.stderr
    assert f"hint: rename it to {field}" in result.stderr


def test_a_sheet_header_below_a_title_is_refused_at_its_cell(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Kel A"
    sheet.append(["DAFTAR PESERTA"])
    sheet.append([])
    sheet.append([None, "NIK", "Kelompok", "Penghasilan per Bulan"])
    sheet.append([None, "1872010101900001", "guru-ngaji", 3_000_000])
    path = tmp_path / "opd.xlsx"
    book.save(path)
    result = run("roster", str(path), "--city", "metro", "--today", "2025-06-01")
    assert result.exit_code == 1
    assert "opd.xlsx[Kel A]:3:4: declared_income: column 'Penghasilan per Bulan'" in result.stderr


def test_a_lookalike_beside_the_real_column_is_only_a_column_not_used(tmp_path: Path) -> None:
    """With a declared_income column, a 'Gaji Pokok' column beside it is another piece of
    information: read as before, listed among the columns not used. Siti declares
    Rp3,000,000 (band 10 of rates/bpu.yaml, 2,700,000 to 3,199,000, nominal 2,950,000: JKK
    29,500 + JKM 6,800 = 36,300 a month), 435,600 a year."""
    path = tmp_path / "roster.csv"
    path.write_text(f"NIK,Nama,Kelompok,Penghasilan,Gaji Pokok\n{ROW},2500000\n", "utf-8")
    result = run("roster", str(path), "--city", "metro", "--today", "2025-06-01", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "columns not used: Gaji Pokok" in result.stderr
    assert '"annual": 435600' in result.stdout
