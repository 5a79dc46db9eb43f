"""`--format rka` (issue 18): the plan's RKA lines for SIPD, hand-worked, re-adding to the
command's total to the Rupiah.

Rates (rates/): BPU band 1 with JKK and JKM is Rp16,800 a person a month (JKK Rp10,000 + JKM
Rp6,800); a guru honorer in band 2, Rp18,800. PU, very low risk, on a wage of Rp12,000,000 in
2025: JKK 0.24 % = 28,800, JKM 0.30 % = 36,000, JHT 3.7 % = 444,000 (508,800 together); JP 2 %
of the JP wage cap, Rp10,042,300 in January and February = 200,846, Rp10,547,400 from March =
210,948 (rates/jp-wage-cap.yaml).
"""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import openpyxl
import pytest

from jamsostek_budget.engine.premiums import estimate
from jamsostek_budget.engine.rka import rka_lines
from jamsostek_budget.loading import bundled
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.render.rka.document import rka_document
from tests.cli_runner import run
from tests.test_funding import TABLE, scenario

ROW, OFFICE, SUB_CODE, SUB_NAME, SOURCE, CODE = range(6)
DESCRIPTION, COEFFICIENT, UNIT, PRICE, AMOUNT, NOTE = range(6, 12)


def rka_rows(*args: str) -> list[list[str]]:
    result = run(*args, "--format", "rka")
    assert result.exit_code == 0, result.stderr
    return list(csv.reader(io.StringIO(result.stdout)))[1:]


def amounts(rows: list[list[str]], kind: str) -> list[int]:
    return [int(row[AMOUNT]) for row in rows if row[ROW] == kind]


def details(rows: list[list[str]]) -> list[tuple[str, str, str, str, str, str]]:
    """(code, description, coefficient, unit, price, amount) of each detail line."""
    return [
        (r[CODE], r[DESCRIPTION], r[COEFFICIENT], r[UNIT], r[PRICE], r[AMOUNT])
        for r in rows
        if r[ROW] == "rincian"
    ]


def test_metro_one_line_seven_details_that_add_up_to_the_estimate() -> None:
    """Kota Metro 2025 gives no office, source or code: one line, "(tanpa kode)". Ketua
    RT/RW: 1,400 x 12 x 16,800 = Rp282,240,000; guru honorer 500 x 12 x 18,800 =
    Rp112,800,000. The seven details, the line and the total are each Rp1,720,963,200."""
    rows = rka_rows("estimate", "--city", "metro")
    assert amounts(rows, "rekening") == [1_720_963_200]
    assert sum(amounts(rows, "rincian")) == 1_720_963_200 == amounts(rows, "jumlah")[0]
    line = rows[0]
    assert line[OFFICE : CODE + 1] == [
        "(SKPD tidak disebut)",
        "",
        "(sub kegiatan tidak disebut)",
        "(sumber dana tidak disebut)",
        "(tanpa kode)",
    ]
    found = details(rows)
    assert len(found) == 7
    assert found[1] == (
        "(tanpa kode)",
        "Iuran JKK dan JKM - Ketua RT/RW",
        "1.400 Orang x 12 Bulan",
        "Orang/Bulan",
        "16800",
        "282240000",
    )
    assert found[5][2:] == ("500 Orang x 12 Bulan", "Orang/Bulan", "18800", "112800000")


def test_lubuklinggau_one_line_per_code() -> None:
    """Kota Lubuklinggau 2025: 3,500 PU non-ASN under JKK 5.1.02.02.02.0006 (3,500 x 12 x
    6,000 = Rp252,000,000) and JKM .0007 (3,500 x 12 x 7,500 = Rp315,000,000); 1,000 pekerja
    rentan without a code from July (1,000 x 6 x 16,800 = Rp100,800,000). Total
    Rp667,800,000."""
    rows = rka_rows("estimate", "--city", "lubuklinggau")
    assert amounts(rows, "rekening") == [252_000_000, 315_000_000, 100_800_000]
    assert sum(amounts(rows, "rincian")) == 667_800_000 == amounts(rows, "jumlah")[0]
    assert [(d[0], d[2], d[4]) for d in details(rows)] == [
        ("5.1.02.02.02.0006", "3.500 Orang x 12 Bulan", "6000"),
        ("5.1.02.02.02.0007", "3.500 Orang x 12 Bulan", "7500"),
        ("(tanpa kode)", "1.000 Orang x 6 Bulan", "16800"),
    ]
    assert details(rows)[2][1].endswith("(Jul-Des)")


def test_bangka_one_line_per_funding_source() -> None:
    """Kab. Bangka 2025, Dinas Sosial: 950 x 12 x 16,800 = Rp191,520,000 from APBD (PAD),
    2,450 x 12 x 16,800 = Rp493,920,000 from DBH Sawit; Rp685,440,000 together."""
    rows = rka_rows("estimate", "--city", "bangka")
    lines = [(r[OFFICE], r[SOURCE], int(r[AMOUNT])) for r in rows if r[ROW] == "rekening"]
    assert lines == [
        ("Dinas Sosial", "APBD (PAD)", 191_520_000),
        ("Dinas Sosial", "DBH Sawit", 493_920_000),
    ]
    assert sum(amounts(rows, "rincian")) == 685_440_000 == amounts(rows, "jumlah")[0]


def pu_staff() -> list[dict[str, object]]:
    return [
        {
            "id": "staff",
            "label": "Staf PU",
            "segment": "pu",
            "headcount": 2,
            "monthly_wage": 12_000_000,
            "risk_class": "very_low",
            "staff_type": "honorer",
            "opd": "disnaker",
            "programs": ["jkk", "jkm", "jht", "jp"],
            "budget_codes": {"jp": "5.1.02.02.02.0099"},
        }
    ]


OFFICES = [
    {
        "id": "disnaker",
        "label": "Dinas Tenaga Kerja",
        "sub_kegiatan": {"code": "2.07.02.1.01.0001", "name": "Sub kegiatan uji"},
    }
]


def test_a_price_that_changes_in_march_is_one_detail_per_run_of_months() -> None:
    """Two PU staff in 2025, JP under its own code (5.1.02.02.02.0099, made up for the test: no
    JP code for non-ASN was found): January and February 2 x 2 x 200,846 =
    Rp803,384, March to December 2 x 10 x 210,948 = Rp4,218,960 (Rp5,022,344); JKK, JKM and
    JHT without a code, one price all year: 2 x 12 x 508,800 = Rp12,211,200. Total
    Rp17,233,544, the estimate's."""
    plan = scenario(2025, pu_staff(), opds=OFFICES)
    budget = estimate(plan, TABLE)
    lines = rka_lines(budget)
    assert [(line.code, line.amount) for line in lines] == [
        ("5.1.02.02.02.0099", 5_022_344),
        (None, 12_211_200),
    ]
    jp = [
        (d.period.first, d.period.last, d.period.per_person, d.amount)
        for d in lines[0].details
        if d.period
    ]
    assert jp == [(1, 2, 200_846, 803_384), (3, 12, 210_948, 4_218_960)]
    assert budget.annual == 17_233_544 == sum(line.amount for line in lines)
    document = rka_document(budget)
    first = document.rows[1].cells
    assert first[SUB_CODE:CODE] == (
        "2.07.02.1.01.0001",
        "Sub kegiatan uji",
        "(sumber dana tidak disebut)",
    )
    assert first[DESCRIPTION : AMOUNT + 1] == (
        "Iuran JP bagi Non ASN - Staf PU (Jan-Feb)",
        "2 Orang x 2 Bulan",
        "Orang/Bulan",
        200_846,
        803_384,
    )
    assert document.rows[4].cells[DESCRIPTION] == "Iuran JKK, JKM dan JHT bagi Non ASN - Staf PU"
    assert document.total == 17_233_544


def test_a_roster_line_is_its_amount_with_a_note() -> None:
    """A line whose amounts are not people x price (a roster's: Rp8,400 a person, 2 people in
    January, 16,800, then 12,600 a month as if one of them were covered half the time) has no
    coefficient: its amount, 16,800 + 11 x 12,600 = Rp155,400, and a note; the lines still add
    up to the budget."""
    budget = estimate(
        scenario(2025, [{**pu_staff()[0], "programs": ["jkm"], "opd": None, "budget_codes": {}}]),
        TABLE,
    )
    line = budget.lines[0]
    program = line.programs[0]
    monthly = (16_800,) + (12_600,) * 11
    odd = dataclasses.replace(program, apbd=monthly, per_person=(8_400,) * 12)
    budget = dataclasses.replace(budget, lines=(dataclasses.replace(line, programs=(odd,)),))
    [found] = rka_lines(budget)
    assert [(d.period, d.amount) for d in found.details] == [(None, 155_400)]
    row = rka_document(budget).rows[1].cells
    assert row[COEFFICIENT : AMOUNT + 1] == (None, None, None, 155_400)
    assert "bukan orang x bulan x harga" in str(row[NOTE])
    assert budget.annual == 155_400


def test_the_document_is_in_indonesian_whatever_the_language() -> None:
    rows = rka_rows("estimate", "--city", "metro", "--lang", "en")
    assert details(rows)[1][2:4] == ("1.400 Orang x 12 Bulan", "Orang/Bulan")


def test_fit_writes_the_lines_of_the_people_it_covers() -> None:
    """Metro under Rp1,000,000,000 in priority order: 3,699 other non-ASN (745,718,400) and
    1,261 ketua RT/RW (1,261 x 12 x 16,800 = 254,217,600): Rp999,936,000, the fit's cost."""
    rows = rka_rows("fit", "--city", "metro", "--budget", "1e9")
    assert [d[2] for d in details(rows)] == ["3.699 Orang x 12 Bulan", "1.261 Orang x 12 Bulan"]
    assert sum(amounts(rows, "rincian")) == 999_936_000 == amounts(rows, "jumlah")[0]


def test_revise_writes_the_revised_plan() -> None:
    """Metro's perubahan adds 350 juru parkir from October: 350 x 3 x 16,800 = Rp17,640,000,
    the revised plan 1,720,963,200 + 17,640,000 = Rp1,738,603,200."""
    rows = rka_rows(
        "revise",
        "--city",
        "metro",
        "--realized-through",
        "2025-09",
        "--variant",
        "examples/track/metro-2025-perubahan.yaml",
    )
    assert details(rows)[-1][1:] == (
        "Iuran JKK dan JKM - Juru parkir (Okt-Des)",
        "350 Orang x 3 Bulan",
        "Orang/Bulan",
        "16800",
        "17640000",
    )
    assert sum(amounts(rows, "rincian")) == 1_738_603_200 == amounts(rows, "jumlah")[0]


def test_revise_refuses_rka_with_a_cut() -> None:
    result = run("revise", "--city", "metro", "--cut", "10%", "--format", "rka")
    assert result.exit_code != 0
    assert "--cut" in result.stderr and "Traceback" not in result.stderr


def test_the_workbook_sums_its_details(tmp_path: Path) -> None:
    """Kota Lubuklinggau as .xlsx: each account row is the SUM of its details, the total the
    SUM of the account rows; the stored results are the CSV's figures."""
    path = tmp_path / "rka.xlsx"
    result = run("estimate", "--city", "lubuklinggau", "--format", "rka", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(path).worksheets[0]
    column = [sheet.cell(row=row, column=AMOUNT + 1).value for row in range(4, 11)]
    assert column == [
        "=SUM(K5:K5)",
        252_000_000,
        "=SUM(K7:K7)",
        315_000_000,
        "=SUM(K9:K9)",
        100_800_000,
        "=SUM(K4,K6,K8)",
    ]
    cached = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    assert cached.cell(row=10, column=AMOUNT + 1).value == 667_800_000
    assert sheet.cell(row=5, column=COEFFICIENT + 1).value == "3.500 Orang x 12 Bulan"


def test_another_file_type_is_refused(tmp_path: Path) -> None:
    result = run("estimate", "--city", "metro", "--format", "rka", "-o", str(tmp_path / "x.txt"))
    assert result.exit_code != 0
    assert ".txt" in result.stderr and "FILE.xlsx" in result.stderr
    assert not (tmp_path / "x.txt").exists()


@pytest.mark.parametrize("code", ["2.07", "2-07-02", ""])
def test_a_bad_sub_kegiatan_code_is_located(tmp_path: Path, code: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "city: x\nname: X\nprovince: P\nfiscal_year: 2025\n"
        "opds:\n  - id: dinsos\n    label: Dinas Sosial\n"
        f"    sub_kegiatan: {{code: '{code}', name: Uji}}\n"
        "groups:\n  - {id: a, label: A, segment: bpu, headcount: 1, declared_income: 1000000,\n"
        "     programs: [jkk], opd: dinsos}\n",
        encoding="utf-8",
    )
    result = run("estimate", "--scenario", str(path), "--format", "rka")
    assert result.exit_code != 0
    assert "sub_kegiatan" in result.stderr and "Traceback" not in result.stderr


def test_bundled_scenarios_re_add() -> None:
    """Every bundled city: details and lines add up to the estimate to the Rupiah."""
    for city in bundled.city_files():
        plan, _ = load_scenario(bundled.city_file(city))
        budget = estimate(plan, TABLE)
        lines = rka_lines(budget)
        assert sum(line.amount for line in lines) == budget.annual, city
        assert sum(d.amount for line in lines for d in line.details) == budget.annual, city
