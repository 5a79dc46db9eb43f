"""`jbudget track` and `jbudget revise` per office (OPD) and per funding source (sumber dana).

A synthetic regency (written by `write_case`): two offices and two sources, every group BPU
band 1 at Rp16,800 a person a month (JKK 1 % of Rp1,000,000 = Rp10,000 + JKM Rp6,800, PP
44/2015):
- marbot, 100 people, Bagian Kesra, APBD (PAD), January-December: Rp1,680,000 a month,
  Rp20,160,000 a year;
- nelayan, 50 people, Dinas Tenaga Kerja, APBD (PAD): Rp840,000 a month, Rp10,080,000 a year;
- petani, 200 people, Dinas Tenaga Kerja, DBHCHT (which pays April-December only), from April:
  Rp3,360,000 a month, 9 x 3,360,000 = Rp30,240,000 a year;
- APBD (PAD) has a ceiling of Rp32,000,000 and plans 20,160,000 + 10,080,000 = Rp30,240,000;
  DBHCHT has no ceiling. The year: Rp60,480,000.

The bills, January-April: marbot at 100 people in January and February, 120 from March
(Rp2,016,000 a month); nelayan at 50 each month; petani in April (Rp3,360,000). Billed
2 x 1,680,000 + 2 x 2,016,000 = 7,392,000 (marbot) + 4 x 840,000 = 3,360,000 (nelayan) +
3,360,000 (petani) = Rp14,112,000. Four SP2D pay each month's APBD lines: 2,520,000 twice
(January, February: 1,680,000 + 840,000) and 2,856,000 twice (March, April: 2,016,000 +
840,000), Rp10,752,000; April's petani lines come last in the file, so nothing is left for
them: Rp3,360,000 outstanding, due 2025-04-15, 35 days late on 2025-05-20.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.cli_runner import run

SCENARIO = """\
city: dua
name: Kabupaten Dua Sumber
province: Jawa Timur
fiscal_year: 2025
opds:
  - {id: kesra, label: Bagian Kesra}
  - {id: disnaker, label: Dinas Tenaga Kerja, code: 2.07.01}
funding_sources:
  - {id: apbd, label: APBD (PAD), kind: pad, ceiling: 32 juta}
  - {id: dbhcht, label: DBHCHT, kind: dbhcht, first_month: 4, last_month: 12}
groups:
  - {id: marbot, label: Marbot, segment: bpu, headcount: 100, declared_income: 1000000,
     programs: [jkk, jkm], opd: kesra, funding: apbd}
  - {id: nelayan, label: Nelayan, segment: bpu, headcount: 50, declared_income: 1000000,
     programs: [jkk, jkm], opd: disnaker, funding: apbd}
  - {id: petani, label: Petani tembakau, segment: bpu, headcount: 200, declared_income: 1000000,
     programs: [jkk, jkm], start_month: 4, opd: disnaker, funding: dbhcht}
"""
VARIANT = """\
extends: dua.yaml
city: dua-perubahan
name: Kabupaten Dua Sumber (APBD Perubahan)
fiscal_year: 2025
add_groups:
  - {id: guru-ngaji, label: Guru ngaji, segment: bpu, headcount: 100,
     declared_income: 1000000, programs: [jkk, jkm], start_month: 10, opd: kesra,
     funding: apbd}
"""
BILLS = """\
month,group,program,participants,amount
2025-01,marbot,jkk,100,1000000
2025-01,marbot,jkm,100,680000
2025-01,nelayan,jkk,50,500000
2025-01,nelayan,jkm,50,340000
2025-02,marbot,jkk,100,1000000
2025-02,marbot,jkm,100,680000
2025-02,nelayan,jkk,50,500000
2025-02,nelayan,jkm,50,340000
2025-03,marbot,jkk,120,1200000
2025-03,marbot,jkm,120,816000
2025-03,nelayan,jkk,50,500000
2025-03,nelayan,jkm,50,340000
2025-04,marbot,jkk,120,1200000
2025-04,marbot,jkm,120,816000
2025-04,nelayan,jkk,50,500000
2025-04,nelayan,jkm,50,340000
2025-04,petani,jkk,200,2000000
2025-04,petani,jkm,200,1360000
"""
PAYMENTS = """\
date,amount,reference,month
2025-01-14,2520000,SP2D-001,2025-01
2025-02-14,2520000,SP2D-002,2025-02
2025-03-14,2856000,SP2D-003,2025-03
2025-04-15,2856000,SP2D-004,2025-04
"""
AMOUNTS = ("planned", "billed", "paid", "outstanding", "projected_year")


@pytest.fixture
def case(tmp_path: Path) -> dict[str, str]:
    files = {
        "scenario": ("dua.yaml", SCENARIO),
        "variant": ("dua-perubahan.yaml", VARIANT),
        "bills": ("bills.csv", BILLS),
        "payments": ("payments.csv", PAYMENTS),
    }
    for name, text in files.values():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return {key: str(tmp_path / name) for key, (name, _text) in files.items()}


def track_args(case: dict[str, str]) -> tuple[str, ...]:
    return (
        "track",
        "--scenario",
        case["scenario"],
        "--bills",
        case["bills"],
        "--payments",
        case["payments"],
        "--as-of",
        "2025-05-20",
    )


def as_json(*args: str) -> dict[str, Any]:
    result = run(*args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def amounts(entry: dict[str, Any]) -> tuple[int, ...]:
    return tuple(entry[key] for key in AMOUNTS)


# --- track --------------------------------------------------------------------------------------
# The year projected: billed, then May-December at each group's latest billed people:
# marbot 7,392,000 + 8 x 2,016,000 = 23,520,000; nelayan 3,360,000 + 8 x 840,000 = 10,080,000;
# petani 3,360,000 + 8 x 3,360,000 = 30,240,000; the year 63,840,000.
# Per office: Bagian Kesra is marbot; Dinas Tenaga Kerja is nelayan + petani: planned
# 10,080,000 + 30,240,000 = 40,320,000, billed 3,360,000 + 3,360,000 = 6,720,000, paid
# 3,360,000, outstanding 3,360,000, projected 10,080,000 + 30,240,000 = 40,320,000.
# Per source: APBD (PAD) is marbot + nelayan: billed 7,392,000 + 3,360,000 = 10,752,000, all
# paid, projected 23,520,000 + 10,080,000 = 33,600,000: 32,000,000 - 33,600,000 = 1,600,000
# over its ceiling (the plan, 30,240,000, was within it). DBHCHT is petani.


def test_track_per_office_and_source_in_json(case: dict[str, str]) -> None:
    data = as_json(*track_args(case))
    offices = {entry["opd"]: entry for entry in data["by_opd"]}
    assert list(offices) == ["kesra", "disnaker"]
    assert amounts(offices["kesra"]) == (20_160_000, 7_392_000, 7_392_000, 0, 23_520_000)
    assert amounts(offices["disnaker"]) == (
        40_320_000,
        6_720_000,
        3_360_000,
        3_360_000,
        40_320_000,
    )
    assert offices["disnaker"]["groups"] == ["nelayan", "petani"]
    sources = {entry["source"]: entry for entry in data["by_source"]}
    assert list(sources) == ["apbd", "dbhcht"]
    apbd, dbhcht = sources["apbd"], sources["dbhcht"]
    assert amounts(apbd) == (30_240_000, 10_752_000, 10_752_000, 0, 33_600_000)
    assert (apbd["ceiling"], apbd["left"], apbd["months"]) == (
        32_000_000,
        -1_600_000,
        [*range(1, 13)],
    )
    assert amounts(dbhcht) == (30_240_000, 3_360_000, 0, 3_360_000, 30_240_000)
    assert (dbhcht["ceiling"], dbhcht["left"], dbhcht["months"]) == (None, None, [*range(4, 13)])
    totals = data["totals"]
    assert amounts(totals) == (60_480_000, 14_112_000, 10_752_000, 3_360_000, 63_840_000)
    for per in ("by_opd", "by_source"):  # each adds up to the year's totals
        for key in AMOUNTS:
            assert sum(entry[key] for entry in data[per]) == totals[key], (per, key)


def test_track_report_sections_and_the_source_over_its_ceiling(case: dict[str, str]) -> None:
    result = run(*track_args(case))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Funding source APBD (PAD): the year projected is IDR 1,600,000 over its ceiling" in out
    assert "Per office (OPD)" in out and "Per funding source (sumber dana)" in out
    assert (
        " 2.07.01 Dinas Tenaga Kerja   40,320,000    6,720,000    3,360,000     3,360,000 " in out
    )
    apbd = next(line for line in out.splitlines() if line.startswith(" APBD (PAD)"))
    assert apbd.split() == [
        "APBD",
        "(PAD)",
        "Jan-Dec",
        "30,240,000",
        "10,752,000",
        "10,752,000",
        "0",
        "33,600,000",
        "32,000,000",
        "-1,600,000",
    ]


def test_track_in_indonesian(case: dict[str, str]) -> None:
    out = run(*track_args(case), "--lang", "id").stdout
    assert "Sumber dana APBD (PAD): proyeksi setahun Rp1.600.000 melebihi pagunya" in out
    assert "Per perangkat daerah (OPD)" in out and "Per sumber dana" in out


def test_track_csv_names_each_group_office_and_source(case: dict[str, str]) -> None:
    result = run(*track_args(case), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(row["group"], row["opd"], row["funding"]) for row in rows} == {
        ("marbot", "kesra", "apbd"),
        ("nelayan", "disnaker", "apbd"),
        ("petani", "disnaker", "dbhcht"),
        ("TOTAL", "", ""),
    }
    billed = sum(int(row["billed"]) for row in rows if row["funding"] == "apbd")
    assert billed == 10_752_000


def test_track_without_offices_or_sources_is_unchanged() -> None:
    """Kota Metro lists neither: no section, empty lists in JSON, the CSV's columns as before."""
    args = ("track", "--city", "metro", "--bills", "examples/track/metro-2025-bills.csv")
    data = as_json(*args, "--as-of", "2025-10-20")
    assert (data["by_opd"], data["by_source"]) == ([], [])
    header = run(*args, "--as-of", "2025-10-20", "-f", "csv").stdout.splitlines()[0]
    assert header.endswith(",days_late,participants")
    assert "Per funding source" not in run(*args, "--as-of", "2025-10-20").stdout


def test_track_refuses_a_bill_for_a_group_split_between_sources(tmp_path: Path) -> None:
    """Kab. Bangka pays its 3,400 pekerja rentan from two sources (950 APBD, 2,450 DBH Sawit):
    a bill line for the group cannot say which source it bills, so it is rejected with what
    to write instead; nothing is shared out by guess."""
    bills = tmp_path / "bills.csv"
    bills.write_text(
        "month,group,program,participants,amount\n2025-01,pekerja-rentan,jkk,3400,34000000\n",
        encoding="utf-8",
    )
    args = ("track", "--city", "bangka", "--bills", str(bills), "--as-of", "2025-02-01")
    data = as_json(*args)
    (rejected,) = data["rejected"]
    assert rejected["line"] == 2
    assert rejected["reasons"] == [
        "group 'pekerja-rentan' splits its people between funding sources (apbd, dbh-sawit), "
        "and a bill line cannot say which source it bills; write one group per source in the "
        "scenario (each with its own funding) and bill each of them, or give the group one source"
    ]
    assert data["totals"]["billed"] == 0
    # the plan per source is still there: 950 x 16,800 x 12 and 2,450 x 16,800 x 12
    assert [entry["planned"] for entry in data["by_source"]] == [191_520_000, 493_920_000]


def test_track_workbook_figures_recalculate(case: dict[str, str], tmp_path: Path) -> None:
    """The planned figures per office and source are formulas over the plan's lines sheet;
    LibreOffice recalculates every figure of the report to the report's own."""
    from datetime import date

    from jamsostek_budget.app.track import TrackRequest, track_budget
    from jamsostek_budget.render.track.report import track_report
    from tests import spreadsheet
    from tests.test_xlsx import book_bytes

    request = TrackRequest(
        Path(case["scenario"]), Path(case["bills"]), Path(case["payments"]), None, date(2025, 5, 20)
    )
    result = track_budget(request).unwrap()
    report = track_report(result)
    path = tmp_path / "track.xlsx"
    path.write_bytes(book_bytes(report, [("dua", result.budget)]))
    (copy,) = spreadsheet.recalculate([path], tmp_path / "lo").values()
    recalculated = openpyxl.load_workbook(copy, data_only=True).worksheets[0]
    checked = 0
    for placed in spreadsheet.all_placed(recalculated, report):
        expected = spreadsheet.expected_number(placed.figure)
        if expected is not None:
            assert Decimal(str(placed.cell.value)) == expected, placed
            checked += 1
    assert checked > 100


# --- revise -------------------------------------------------------------------------------------
# Realized January-June as planned: marbot 6 x 1,680,000 = 10,080,000, nelayan 6 x 840,000 =
# 5,040,000, petani April-June 3 x 3,360,000 = 10,080,000: Rp25,200,000. A 10 % cut of
# 60,480,000 is 6,048,000: the pagu 54,432,000 leaves 54,432,000 - 25,200,000 = 29,232,000 for
# July-December, funded in file order: marbot 6 x 1,680,000 = 10,080,000, nelayan 5,040,000,
# then petani 29,232,000 - 15,120,000 = 14,112,000 = 140 people x 6 x 16,800: 60 lose cover.
# Per source: APBD (PAD) keeps 20,160,000 + 10,080,000 = 30,240,000; DBHCHT pays 10,080,000 +
# 14,112,000 = 24,192,000, 6,048,000 less.


def test_revise_versions_per_source_with_a_cut(case: dict[str, str]) -> None:
    args = ("revise", "--scenario", case["scenario"], "--realized-through", "2025-06")
    data = as_json(*args, "--cut", "10%")
    murni, efisiensi = data["versions"]
    assert murni["sources"] == {"apbd": 30_240_000, "dbhcht": 30_240_000}
    assert efisiensi["sources"] == {"apbd": 30_240_000, "dbhcht": 24_192_000}
    for version in data["versions"]:  # the sources add up to the groups
        assert sum(version["sources"].values()) == sum(version["groups"].values())
    out = run(*args, "--cut", "10%").stdout
    assert "Budget versions per funding source (sumber dana)" in out
    dbhcht = next(line for line in out.splitlines() if line.startswith(" DBHCHT "))
    assert dbhcht.split() == ["DBHCHT", "30,240,000", "24,192,000", "-6,048,000"]


# With the bills (to April, so the revision takes effect in May) and the variant adding 100 guru
# ngaji (Bagian Kesra, APBD) from October: the months left are priced at the latest bills
# (marbot 120 people): marbot 7,392,000 + 8 x 2,016,000 = 23,520,000, nelayan 10,080,000, guru
# ngaji 100 x 16,800 x 3 = 5,040,000: APBD (PAD) 38,640,000, 6,640,000 over its 32,000,000
# ceiling; DBHCHT (petani) 3,360,000 + 8 x 3,360,000 = 30,240,000. The revised pagu:
# 38,640,000 + 30,240,000 = 68,880,000.


def test_revise_perubahan_per_source_over_a_ceiling(case: dict[str, str]) -> None:
    args: tuple[str, ...] = ("revise", "--scenario", case["scenario"], "--bills", case["bills"])
    args += ("--variant", case["variant"])
    data = as_json(*args)
    murni, perubahan = data["versions"]
    assert murni["sources"] == {"apbd": 30_240_000, "dbhcht": 30_240_000}
    assert perubahan["sources"] == {"apbd": 38_640_000, "dbhcht": 30_240_000}
    assert data["pagu"]["revised"] == 68_880_000
    out = run(*args).stdout
    assert (
        "Funding source APBD (PAD): the APBD Perubahan (mid-year revision) pays IDR 6,640,000 "
        "over its ceiling"
    ) in out
    rows = list(csv.DictReader(io.StringIO(run(*args, "-f", "csv").stdout)))
    assert [(row["group"], row["opd"], row["funding"]) for row in rows] == [
        ("marbot", "kesra", "apbd"),
        ("nelayan", "disnaker", "apbd"),
        ("petani", "disnaker", "dbhcht"),
        ("guru-ngaji", "kesra", "apbd"),
        ("TOTAL", "", ""),
    ]


def test_revise_a_scenario_with_a_split_group(tmp_path: Path) -> None:
    """Kab. Bangka's split group is costed as one group per source, and the plan realized as
    planned through June names those: APBD 950 x 16,800 x 12 = 191,520,000 and DBH Sawit
    2,450 x 16,800 x 12 = 493,920,000 in both versions. Its bills cannot be split: a bill line
    for the group stops the revision at its line."""
    data = as_json("revise", "--city", "bangka", "--realized-through", "2025-06")
    for version in data["versions"]:
        assert version["sources"] == {"apbd": 191_520_000, "dbh-sawit": 493_920_000}
    bills = tmp_path / "bills.csv"
    bills.write_text(
        "month,group,program,participants,amount\n2025-01,pekerja-rentan,jkk,3400,34000000\n",
        encoding="utf-8",
    )
    result = run("revise", "--city", "bangka", "--bills", str(bills))
    assert result.exit_code != 0
    assert "bills.csv:2:0: group 'pekerja-rentan' splits its people between funding" in (
        result.stderr
    )


def test_revise_without_sources_has_no_source_section() -> None:
    args = ("revise", "--city", "metro", "--realized-through", "2025-09")
    data = as_json(*args)
    assert all(version["sources"] == {} for version in data["versions"])
    assert "per funding source" not in run(*args).stdout
    header = run(*args, "-f", "csv").stdout.splitlines()[0]
    assert header.endswith(",people_covered,loses_cover_from")
