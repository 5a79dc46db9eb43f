"""`jbudget quarterly`: the report to Kemendagri under SE Mendagri 842.2/5193/SJ (issue 18),
with hand-worked figures.

Rates (rates/bpu.yaml, PP 44/2015): BPU band 1 with JKK and JKM is Rp10,000 + Rp6,800 =
Rp16,800 a person a month in 2025.

Kota Uji: rt, 100 people all year: 100 x 16,800 = 1,680,000 a month, 20,160,000 a year,
5,040,000 in Q3 (July to September); marbot, 50 people from August: 840,000 a month, 5 months
= 4,200,000 a year, 2 months = 1,680,000 in Q3. Total 24,360,000 a year, 6,720,000 in Q3.

Bills: rt June to September (1,680,000 each), marbot August (840,000). Payments: June 1,680,000,
July 1,680,000, August 2,520,000 (both groups); September's on 5 October, after the quarter.
Billed in Q3: rt 3 x 1,680,000 = 5,040,000, marbot 840,000, total 5,880,000. Paid in Q3: rt
July + August 3,360,000, marbot 840,000, total 4,200,000. Paid from January: rt June to August
5,040,000, marbot 840,000, total 5,880,000 = 24.1 % of 24,360,000.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jamsostek_budget.app.quarterly import QuarterlyRequest, quarterly_report
from jamsostek_budget.planning.quarterly import Quarter, Realization
from tests.cli_runner import run

SCENARIO = """\
city: uji
name: Kota Uji
province: Lampung
fiscal_year: 2025
groups:
  - {id: rt, label: Ketua RT, segment: bpu, headcount: 100, declared_income: 1000000,
     programs: [jkk, jkm]}
  - {id: marbot, label: Marbot, segment: bpu, headcount: 50, declared_income: 1000000,
     programs: [jkk, jkm], start_month: 8}
"""
BILLS = (
    "month,group,program,participants,amount\n"
    + "".join(
        f"2025-{month:02d},rt,jkk,100,1000000\n2025-{month:02d},rt,jkm,100,680000\n"
        for month in (6, 7, 8, 9)
    )
    + "2025-08,marbot,jkk,50,500000\n2025-08,marbot,jkm,50,340000\n"
)
PAYMENTS = """\
date,amount,reference,month
2025-06-10,1680000,SP2D-1,2025-06
2025-07-10,1680000,SP2D-2,2025-07
2025-08-10,2520000,SP2D-3,2025-08
2025-10-05,1680000,SP2D-4,2025-09
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "uji.yaml").write_text(SCENARIO, encoding="utf-8")
    (tmp_path / "bills.csv").write_text(BILLS, encoding="utf-8")
    (tmp_path / "payments.csv").write_text(PAYMENTS, encoding="utf-8")
    text = "Data peserta dari OPD belum lengkap.\n\nSP2D September terlambat.\n"
    (tmp_path / "kendala.txt").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_plan_for_the_year_and_the_quarter(folder: Path) -> None:
    request = QuarterlyRequest(folder / "uji.yaml", Quarter(2025, 3))
    result = quarterly_report(request).unwrap()
    assert [(r.group_id, r.people, r.year_budget, r.quarter_budget) for r in result.rows] == [
        ("rt", 100, 20_160_000, 5_040_000),
        ("marbot", 50, 4_200_000, 1_680_000),
    ]
    assert (result.people, result.year_budget, result.quarter_budget) == (
        150,
        24_360_000,
        6_720_000,
    )
    assert result.realization is None


def test_the_realization_from_the_bills_and_payments(folder: Path) -> None:
    request = QuarterlyRequest(
        folder / "uji.yaml",
        Quarter(2025, 3),
        bills=folder / "bills.csv",
        payments=folder / "payments.csv",
        obstacles=folder / "kendala.txt",
    )
    result = quarterly_report(request).unwrap()
    assert [row.realization for row in result.rows] == [
        Realization(5_040_000, 3_360_000, 5_040_000),
        Realization(840_000, 840_000, 840_000),
    ]
    assert result.realization == Realization(5_880_000, 4_200_000, 5_880_000)
    assert [row.billed_people for row in result.rows] == [100, 50]
    assert result.obstacles == "Data peserta dari OPD belum lengkap.\n\nSP2D September terlambat."


def test_markdown_in_indonesian_first_and_the_workbook(folder: Path) -> None:
    args = ["quarterly", "--scenario", str(folder / "uji.yaml"), "--quarter", "2025-Q3"]
    args += ["--bills", str(folder / "bills.csv"), "--payments", str(folder / "payments.csv")]
    args += ["--obstacles", str(folder / "kendala.txt")]
    shown = run(*args, "-f", "markdown", "--lang", "id")
    assert shown.exit_code == 0, shown.output
    out = shown.stdout
    assert "# Laporan triwulanan jaminan sosial ketenagakerjaan: Kota Uji, 2025-Q3" in out
    assert "| Kategori | Jenis | Program | Pekerja terdaftar | Anggaran setahun |" in out
    assert "| Ketua RT | BPU |" in out
    assert (
        "Rp20.160.000 | Rp5.040.000 | 100 | Rp5.040.000 | Rp3.360.000 | Rp5.040.000 | 25,0 %" in out
    )
    assert "**Rp24.360.000** | **Rp6.720.000** | **150** | **Rp5.880.000** | **Rp4.200.000**" in out
    assert "24,1 %" in out
    assert "| SP2D September terlambat. |" in out
    assert "842.2/5193/SJ" in out
    workbook = folder / "triwulan.xlsx"
    assert run(*args, "-f", "xlsx", "-o", str(workbook)).exit_code == 0
    assert workbook.read_bytes()[:2] == b"PK"
    data = json.loads(run(*args, "-f", "json").stdout)
    assert data["totals"]["realization"] == {
        "billed_quarter": 5_880_000,
        "paid_quarter": 4_200_000,
        "paid_to_date": 5_880_000,
    }


@pytest.mark.parametrize("quarter", ["2025-Q5", "Q3", "2025-3", "1999-Q1"])
def test_a_bad_quarter_is_refused(folder: Path, quarter: str) -> None:
    result = run(
        "--lang", "en", "quarterly", "--scenario", str(folder / "uji.yaml"), "--quarter", quarter
    )
    assert result.exit_code == 2
    assert "is not a quarter" in result.stderr
    assert "2025-Q3" in result.stderr


def test_payments_without_bills_and_a_missing_obstacles_file(folder: Path) -> None:
    base = [
        "--lang",
        "en",
        "quarterly",
        "--scenario",
        str(folder / "uji.yaml"),
        "--quarter",
        "2025-Q1",
    ]
    refused = run(*base, "--payments", str(folder / "payments.csv"))
    assert refused.exit_code == 2
    assert "--payments needs --bills" in refused.stderr
    missing = run(*base, "--obstacles", str(folder / "nope.txt"))
    assert missing.exit_code == 1
    assert "nope.txt" in missing.stderr
    assert "Traceback" not in missing.output


def test_the_workbook_recalculates_the_budget(folder: Path) -> None:
    """LibreOffice recomputes the budget columns from the lines sheet: rt 20,160,000 a year and
    5,040,000 in Q3; marbot 4,200,000 and 1,680,000; in all 24,360,000 and 6,720,000."""
    import openpyxl

    from tests import spreadsheet

    path = folder / "q.xlsx"
    args = ["quarterly", "--scenario", str(folder / "uji.yaml"), "--quarter", "2025-Q3"]
    assert run(*args, "-f", "xlsx", "-o", str(path)).exit_code == 0
    copy = spreadsheet.recalculate([path], folder / "lo")[path]
    sheet = openpyxl.load_workbook(copy, data_only=True).worksheets[0]
    rows = {row[0]: row[3:6] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert rows["Ketua RT"] == (100, 20_160_000, 5_040_000)
    assert rows["Marbot"] == (50, 4_200_000, 1_680_000)
    assert rows["Total"] == (150, 24_360_000, 6_720_000)
