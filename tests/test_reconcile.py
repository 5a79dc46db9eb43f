"""`jbudget reconcile`: the Pemda's roster against BPJS's list and another payer's list.

Hand-worked figures. Kota Metro 2025, every person a marbot (BPU, covered January-December).
A BPU premium is JKK 1 % and JHT 2 % of the band's nominal income (PP 44/2015 Lampiran II,
PP 46/2015) and JKM Rp6,800 flat: on Rp1,000,000, JKK Rp10,000 + JKM Rp6,800 = Rp16,800 a month,
Rp201,600 a year; on Rp2,000,000, JKK Rp20,000 + JKM Rp6,800 = Rp26,800. The scenario's
eligibility: ages 18-65 on 2025-01-01, NIKs of region 18.72 (Kota Metro) only.

Line: roster (the Pemda's list)           line: BPJS's list            category, a month
2 Siti 1872014501900001 (F, 05-01-1990)    2 Siti, the same             matched 16,800
3 Budi 1872011203850002                    3 Budi, income 2,000,000     mismatched +10,000
4 Tua 1872010101400003 (born 1940: 85)     4 Tua                        ineligible 16,800
5 Luar 1871010101900004 (region 18.71)     -                            ineligible 0
6 Dobel 1872010202900005                   5 Dobel; also on prov.csv    duplicate 16,800
7 Lupa 1872010303900006                    -                            listed_not_billed 16,800
8 Siti again (a repeat)                    -                            duplicate 0
-                                          6 Asing 1872010404900007     billed_not_listed 16,800
-                                          7 Asing again (a repeat)     duplicate 16,800
-                                          8 Tanpa: no group, amount    rejected: cannot be priced
-                                          9 Nila: amount 20,000        billed_not_listed 20,000

A month: paid for people it should not = billed_not_listed 36,800 + ineligible 16,800 +
duplicate 33,600 + mismatched 10,000 = Rp97,200; to protect = Rp16,800; net Rp80,400. A year is
12 months of each (Nila: 12 x 20,000 = 240,000): 1,166,400, 201,600 and 964,800.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jamsostek_budget import __version__
from tests.cli_runner import run

ROSTER = """nik,nama,kelompok,penghasilan
1872014501900001,Siti,marbot,1000000
1872011203850002,Budi,marbot,1000000
1872010101400003,Tua,marbot,1000000
1871010101900004,Luar,marbot,1000000
1872010202900005,Dobel,marbot,1000000
1872010303900006,Lupa,marbot,1000000
1872014501900001,Siti lagi,marbot,1000000
"""
BPJS = """nik,nama,kpj,kelompok,penghasilan,program,iuran
1872014501900001,Siti,K1,marbot,1000000,jkk+jkm,
1872011203850002,Budi,K2,marbot,2000000,jkk+jkm,
1872010101400003,Tua,K3,marbot,1000000,,
1872010202900005,Dobel,K5,marbot,,,
1872010404900007,Asing,K7,marbot,,,
1872010404900007,Asing,K7,marbot,,,
1872010505900008,Tanpa,K8,,,,
1872010606900009,Nila,K9,,,,20000
"""
PROVINCE = "nik,nama\n1872010202900005,Dobel\n"
SCENARIO = "extends: metro\neligibility:\n  min_age: 18\n  max_age: 65\n  nik_regions: ['18.72']\n"
TODAY = ("--today", "2025-06-01")


def files(
    folder: Path, roster: str = ROSTER, bpjs: str = BPJS, scenario: str = SCENARIO
) -> tuple[str, ...]:
    paths = {
        "roster.csv": roster,
        "bpjs.csv": bpjs,
        "prov.csv": PROVINCE,
        "metro-rc.yaml": scenario,
    }
    for name, text in paths.items():
        (folder / name).write_text(text, encoding="utf-8")
    return (
        "reconcile",
        str(folder / "roster.csv"),
        str(folder / "bpjs.csv"),
        "--scenario",
        str(folder / "metro-rc.yaml"),
        "--other",
        str(folder / "prov.csv"),
        *TODAY,
    )


def reconciled(*args: str) -> dict[str, Any]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_every_category_hand_worked(tmp_path: Path) -> None:
    data = reconciled(*files(tmp_path))
    assert data["counts"] == {
        "matched": 1,
        "mismatched": 1,
        "billed_not_listed": 2,
        "listed_not_billed": 1,
        "ineligible": 2,
        "duplicate": 3,
    }
    assert data["monthly"] == {
        "matched": 16_800,
        "mismatched": 10_000,  # 26,800 - 16,800: another band
        "billed_not_listed": 16_800 + 20_000,
        "listed_not_billed": 16_800,
        "ineligible": 16_800,  # Tua is billed; Luar is not
        "duplicate": 16_800 + 16_800 + 0,
    }
    assert data["annual"] == {key: value * 12 for key, value in data["monthly"].items()}
    assert data["totals"] == {
        "monthly": {"paid_not_owed": 97_200, "to_protect": 16_800, "net": 80_400},
        "annual": {"paid_not_owed": 1_166_400, "to_protect": 201_600, "net": 964_800},
    }


def test_every_row_is_counted_once(tmp_path: Path) -> None:
    lists = reconciled(*files(tmp_path))["lists"]
    roster, bpjs = lists["roster"], lists["bpjs"]
    assert roster["rows"] == {
        "matched": 1,
        "mismatched": 1,
        "billed_not_listed": 0,
        "listed_not_billed": 1,
        "ineligible": 2,
        "duplicate": 2,  # Dobel, and the second Siti
    }
    assert bpjs["rows"] == {
        "matched": 1,
        "mismatched": 1,
        "billed_not_listed": 2,
        "listed_not_billed": 0,
        "ineligible": 1,
        "duplicate": 2,  # Dobel, and the second Asing
    }
    for side in (roster, bpjs):
        assert side["rows_read"] == side["accepted"] + side["rejected"] + side["blank"]
        assert side["accepted"] == sum(side["rows"].values())
    assert (roster["rows_read"], bpjs["rows_read"], bpjs["rejected"]) == (7, 8, 1)
    assert lists["other"] == [
        {
            "file": str(tmp_path / "prov.csv"),
            "rows_read": 1,
            "accepted": 1,
            "rejected": 0,
            "blank": 0,
            "shared": 1,
        }
    ]


def test_the_reasons_of_each_person(tmp_path: Path) -> None:
    details = tmp_path / "details.csv"
    result = run(*files(tmp_path), "--details", str(details))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(details.read_text(encoding="utf-8"))))
    by_nik = {(row["nik"], row["category"]): row for row in rows}
    assert len(rows) == 10 + 1  # the entries, and Tanpa's rejected row
    (rejected,) = [row for row in rows if row["category"] == "rejected"]
    assert (rejected["bpjs_line"], rejected["roster_line"]) == ("8", "")
    assert rejected["reasons"].startswith("no amount, and no group to price it with")
    tua = by_nik[("1872010101400003", "ineligible")]
    assert tua["reasons"] == "aged 85 on 2025-01-01, above max_age 65"
    luar = by_nik[("1871010101900004", "ineligible")]
    assert luar["reasons"] == "NIK of region 18.71, not of 18.72; not on BPJS's list"
    assert luar["monthly"] == "0"
    budi = by_nik[("1872011203850002", "mismatched")]
    assert budi["reasons"] == (
        "declared income Rp2,000,000 at BPJS, Rp1,000,000 on the Pemda's list; "
        "BPJS bills Rp26,800 a month, the Pemda's list gives Rp16,800"
    )
    assert (budi["pemda_monthly"], budi["bpjs_monthly"], budi["annual"]) == (
        "16800",
        "26800",
        "120000",
    )
    dobel = by_nik[("1872010202900005", "duplicate")]
    assert dobel["reasons"].startswith("also on another payer's list")
    nila = by_nik[("1872010606900009", "billed_not_listed")]
    assert (nila["monthly"], nila["annual"]) == ("20000", "240000")
    repeat = [row for row in rows if row["roster_line"] == "8"]
    assert repeat[0]["category"] == "duplicate" and repeat[0]["monthly"] == "0"


def test_rejected_rows_are_located(tmp_path: Path) -> None:
    bpjs = BPJS + "18720112038500,X,,tukang,abc,jkk+xyz,-5\n"
    data = reconciled(*files(tmp_path, bpjs=bpjs))
    rejected = [row for row in data["rejected"] if row["list"] == "bpjs"]
    assert [row["line"] for row in rejected] == [8, 10]
    assert rejected[0]["reasons"] == [
        "no amount, and no group to price it with (neither its own nor the Pemda's)"
    ]
    assert rejected[1]["reasons"] == [
        "nik must be 16 digits, got 14",
        "group 'tukang' is not a group of the scenario, whose groups are non-asn, ketua-rt-rw, "
        "guru-ngaji, kader-posyandu, marbot, guru-honorer, penjaga-makam",
        "declared_income 'abc' is not a whole number of Rupiah above 0",
        "amount '-5' is not a whole number of Rupiah above 0",
        "programs 'jkk+xyz' must name programs among jkk, jkm, jht, jp, joined by +",
    ]


def test_an_exception_and_the_age_bounds(tmp_path: Path) -> None:
    """Tua is listed as an exception: matched. On 2025-01-01 a NIK born 01-01-1960 is 65 (paid
    for), one born 31-12-1959 is 65 too, one born 01-01-1959 is 66 (not); one born 02-01-2007 is
    17 (below 18)."""
    roster = (
        "nik,kelompok\n1872010101400003,marbot\n1872010101600011,marbot\n"
        "1872013112590012,marbot\n1872010101590013,marbot\n1872010201070014,marbot\n"
    )
    bpjs = (
        "nik,kelompok\n"
        + "\n".join(f"{nik},marbot" for nik in ("1872010101400003", "1872010101600011"))
        + "\n"
    )
    scenario = SCENARIO + "  exceptions: ['1872010101400003']\n"
    data = reconciled(*files(tmp_path, roster=roster, bpjs=bpjs, scenario=scenario))
    assert data["counts"]["matched"] == 2
    assert data["counts"]["ineligible"] == 2  # 66, and 17
    assert data["counts"]["listed_not_billed"] == 1  # 31-12-1959: 65


def test_programs_and_a_pu_wage_mismatch(tmp_path: Path) -> None:
    """BPJS bills a marbot JHT too: JHT 2 % of Rp1,000,000 = Rp20,000 more a month. Kota
    Lubuklinggau's non-ASN staff are PU, very low risk, on Rp2,500,000 (JKK 0.24 % = 6,000, JKM
    0.3 % = 7,500: Rp13,500); BPJS has Rp3,000,000 (7,200 + 9,000 = 16,200): Rp2,700 more."""
    bpjs = "nik,kelompok,program\n1872014501900001,marbot,jkk+jkm+jht\n"
    data = reconciled(
        *files(
            tmp_path,
            roster=ROSTER.splitlines()[0] + "\n" + ROSTER.splitlines()[1] + "\n",
            bpjs=bpjs,
        )
    )
    assert data["monthly"]["mismatched"] == 20_000
    folder = tmp_path / "pu"
    folder.mkdir()
    lubuklinggau = Path("examples/lubuklinggau.yaml").resolve()
    args = files(
        folder,
        roster="nik,kelompok,upah\n1872014501900001,non-asn,2500000\n",
        bpjs="nik,kelompok,upah\n1872014501900001,non-asn,3000000\n",
        scenario=f"extends: {lubuklinggau}\n",
    )
    pu = reconciled(*args)
    assert pu["counts"]["mismatched"] == 1
    assert pu["monthly"]["mismatched"] == 16_200 - 13_500 == 2_700
    assert pu["annual"]["mismatched"] == 12 * 2_700


def test_the_table_says_it_in_words(tmp_path: Path) -> None:
    result = run(*files(tmp_path))
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "Paid for people it should not pay for: IDR 97,200 a month, IDR 1,166,400 a year" in out
    assert "Net: reconciling the lists saves IDR 964,800 a year (IDR 80,400 a month)" in out
    assert "Per category" in out and "Eligibility rules" in out


def test_csv_one_row_per_category(tmp_path: Path) -> None:
    result = run(*files(tmp_path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["category"] for row in rows] == [
        "matched",
        "mismatched",
        "billed_not_listed",
        "listed_not_billed",
        "ineligible",
        "duplicate",
        "paid_not_owed",
        "to_protect",
        "net",
    ]
    assert rows[-1]["annual"] == "964800"


def test_the_work_paper(tmp_path: Path) -> None:
    """A sheet per category, each person with the reason and the Rupiah; the NIK stays text
    (as a number Excel would keep 15 of its 16 digits)."""
    book = tmp_path / "rekonsiliasi.xlsx"
    result = run(*files(tmp_path), "--format", "xlsx", "--output", str(book))
    assert result.exit_code == 0, result.stderr
    workbook = openpyxl.load_workbook(book)
    assert workbook.sheetnames[2:8] == [
        "Matched",
        "Mismatched",
        "Billed, not listed",
        "Listed, not billed",
        "Ineligible",
        "Duplicate",
    ]
    mismatched = workbook["Mismatched"]
    row = [cell.value for cell in mismatched[4]]
    assert row[0] == "1872011203850002" and row[8:10] == [10_000, 120_000]
    assert mismatched.auto_filter.ref == "A3:J4"


def test_the_same_file_twice_is_refused(tmp_path: Path) -> None:
    args = list(files(tmp_path))
    args[2] = args[1]
    result = run(*args)
    assert result.exit_code == 2
    assert "is given as two of the lists" in result.stderr


def test_strict_fails_on_a_rejected_row(tmp_path: Path) -> None:
    assert run(*files(tmp_path), "--strict").exit_code == 1  # Tanpa cannot be priced
    clean = BPJS.replace("1872010505900008,Tanpa,K8,,,,\n", "")
    assert run(*files(tmp_path, bpjs=clean), "--strict").exit_code == 0


def test_details_never_overwrite(tmp_path: Path) -> None:
    details = tmp_path / "details.csv"
    details.write_text("mine\n", encoding="utf-8")
    result = run(*files(tmp_path), "--details", str(details))
    assert result.exit_code != 0
    assert details.read_text(encoding="utf-8") == "mine\n"


def test_indonesian(tmp_path: Path) -> None:
    result = run(*files(tmp_path), "--lang", "id")
    assert result.exit_code == 0, result.stderr
    assert "Rp97.200" in result.stdout


NIKS = [f"187201{i % 28 + 1:02d}01{90 + i % 9:02d}{i:04d}" for i in range(1, 13)]


@settings(max_examples=40, deadline=None)
@given(
    roster=st.lists(st.sampled_from(NIKS), max_size=10),
    bpjs=st.lists(st.sampled_from(NIKS), max_size=10),
    other=st.lists(st.sampled_from(NIKS), max_size=4),
)
def test_every_row_lands_in_exactly_one_place(
    tmp_path_factory: pytest.TempPathFactory, roster: list[str], bpjs: list[str], other: list[str]
) -> None:
    """Whatever the lists hold (repeats, overlaps), every row of each is in one category or
    rejected: the lines of the entries and of the rejects are each list's lines, once each."""
    from jamsostek_budget.app.reconcile import ReconcileRequest, reconcile_lists

    folder = tmp_path_factory.mktemp("lists")
    (folder / "r.csv").write_text(
        "nik,kelompok\n" + "".join(f"{nik},marbot\n" for nik in roster), encoding="utf-8"
    )
    (folder / "b.csv").write_text(
        "nik,kelompok\n" + "".join(f"{nik},marbot\n" for nik in bpjs), encoding="utf-8"
    )
    (folder / "o.csv").write_text("nik\n" + "".join(f"{nik}\n" for nik in other), encoding="utf-8")
    (folder / "s.yaml").write_text(SCENARIO, encoding="utf-8")
    from datetime import date

    request = ReconcileRequest(
        folder / "r.csv", folder / "b.csv", folder / "s.yaml", (folder / "o.csv",), date(2025, 6, 1)
    )
    found = reconcile_lists(request).unwrap()
    entries = found.reconciliation.entries
    for side, count, rejected in (
        ("roster", len(roster), found.roster_rejected),
        ("bpjs", len(bpjs), found.bpjs_rejected),
    ):
        lines = entries.get_column(f"{side}_line").drop_nulls().to_list()
        lines += rejected.get_column("line").to_list()
        assert sorted(lines) == list(range(2, count + 2))
    counts = found.reconciliation.counts()
    assert sum(counts.values()) == entries.height


def test_a_list_of_several_months(tmp_path: Path) -> None:
    """BPJS's list for January and February: Siti in both months is one matched person on two
    rows; Asing twice in January is a duplicate; a row of December 2024 is not of the year."""
    bpjs = (
        "nik,kelompok,bulan\n"
        "1872014501900001,marbot,2025-01\n"
        "1872014501900001,marbot,2025-02\n"
        "1872010404900007,marbot,2025-01\n"
        "1872010404900007,marbot,2025-01\n"
        "1872010404900007,marbot,2025-02\n"
        "1872010606900009,marbot,2024-12\n"
    )
    roster = "nik,kelompok\n1872014501900001,marbot\n"
    data = reconciled(*files(tmp_path, roster=roster, bpjs=bpjs))
    assert data["counts"] == {
        "matched": 1,
        "mismatched": 0,
        "billed_not_listed": 1,
        "listed_not_billed": 0,
        "ineligible": 0,
        "duplicate": 1,
    }
    # the rows: Siti's two months matched, Asing's February with Asing (billed_not_listed)
    assert data["lists"]["bpjs"]["rows"]["matched"] == 2
    assert data["lists"]["bpjs"]["rows"]["billed_not_listed"] == 2
    assert data["lists"]["bpjs"]["rows"]["duplicate"] == 1
    # a person's Rupiah once: a month and a year of the premium, not one per row
    assert data["monthly"]["billed_not_listed"] == 16_800
    (rejected,) = [row for row in data["rejected"] if row["list"] == "bpjs"]
    assert rejected["line"] == 7
    assert rejected["reasons"] == [
        "month '2024-12' is not a month of fiscal year 2025 written YYYY-MM"
    ]


def test_one_column_per_program(tmp_path: Path) -> None:
    """Program columns mark what BPJS bills: jkk and jkm marked (1, ya) is the marbot's own
    programs; JHT marked (x) too is Rp20,000 more (2 % of Rp1,000,000); 'mungkin' is no mark."""
    bpjs = (
        "nik,kelompok,jkk,jkm,jht\n"
        "1872014501900001,marbot,1,ya,0\n"
        "1872011203850002,marbot,1,ya,x\n"
        "1872010303900006,marbot,1,mungkin,\n"
    )
    roster = (
        "nik,kelompok\n1872014501900001,marbot\n1872011203850002,marbot\n1872010303900006,marbot\n"
    )
    data = reconciled(*files(tmp_path, roster=roster, bpjs=bpjs))
    assert (data["counts"]["matched"], data["counts"]["mismatched"]) == (1, 1)
    assert data["monthly"]["mismatched"] == 20_000
    (rejected,) = [row for row in data["rejected"] if row["list"] == "bpjs"]
    assert rejected["reasons"] == [
        "jkm 'mungkin' is neither a mark (1, ya, x), no mark (0, tidak) nor an amount"
    ]
    assert data["counts"]["listed_not_billed"] == 1  # its BPJS row is rejected


def test_a_workbook_list_locates_its_rows_by_sheet(tmp_path: Path) -> None:
    """BPJS's list as an office keeps it: a title row, then the header, one sheet per month.
    Every row is located by its sheet and sheet row, in the details and in the rejects."""
    book = openpyxl.Workbook()
    january = book.active
    assert january is not None
    january.title = "Januari"
    january.append(["Daftar peserta BPJS Ketenagakerjaan, Januari 2025"])
    january.append(["nik", "kelompok", "bulan"])
    january.append(["1872014501900001", "marbot", "2025-01"])
    february = book.create_sheet("Februari")
    february.append(["nik", "kelompok", "bulan"])
    february.append(["1872014501900001", "marbot", "2025-02"])
    february.append(["18720145019", "marbot", "2025-02"])
    path = tmp_path / "bpjs.xlsx"
    book.save(path)
    args = list(files(tmp_path, roster="nik,kelompok\n1872014501900001,marbot\n"))
    args[2] = str(path)
    details = tmp_path / "details.csv"
    data = reconciled(*args, "--details", str(details))
    (rejected,) = [row for row in data["rejected"] if row["list"] == "bpjs"]
    assert (rejected["sheet"], rejected["line"]) == ("Februari", 3)
    rows = list(csv.DictReader(io.StringIO(details.read_text(encoding="utf-8"))))
    placed = sorted((row["bpjs_sheet"], row["bpjs_line"], row["category"]) for row in rows)
    assert placed == [
        ("Februari", "2", "matched"),
        ("Februari", "3", "rejected"),
        ("Januari", "3", "matched"),
    ]
    assert data["counts"]["matched"] == 1


def test_the_work_paper_prints_and_keeps_numbers_as_numbers(tmp_path: Path) -> None:
    """Every sheet of the work paper is A4, one page wide, its header rows on every page (as
    every other workbook: tests/test_xlsx.py); no cell holds a number as text but the NIKs and
    the region code 18.72 (codes, never added up: text on purpose) and the version."""
    from jamsostek_budget.render.xlsx.sheet import PORTRAIT_WIDTH
    from tests.test_xlsx import NUMBER_LIKE

    book = tmp_path / "rekonsiliasi.xlsx"
    assert run(*files(tmp_path), "--format", "xlsx", "--output", str(book)).exit_code == 0
    niks = {line.split(",")[0] for line in (ROSTER + BPJS).splitlines()[1:]}
    for sheet in openpyxl.load_workbook(book).worksheets:
        setup = sheet.page_setup
        assert str(setup.paperSize) == sheet.PAPERSIZE_A4, sheet.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.print_title_rows, sheet.title
        width = sum(d.width for d in sheet.column_dimensions.values() if d.width)
        assert (setup.orientation == "portrait") == (width <= PORTRAIT_WIDTH), sheet.title
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "s" and NUMBER_LIKE.fullmatch(str(cell.value)):
                    assert cell.value in {*niks, "18.72", __version__}, (
                        sheet.title,
                        cell.coordinate,
                    )


def test_a_second_run_over_its_own_outputs(tmp_path: Path) -> None:
    """The details and the report of an earlier run are outputs, not inputs: a second run
    refuses to overwrite them without --force and replaces both with it; one file cannot be
    both outputs."""
    args = files(tmp_path)
    details, report = tmp_path / "details.csv", tmp_path / "report.json"
    outputs = ("--details", str(details), "--format", "json", "--output", str(report))
    assert run(*args, *outputs).exit_code == 0
    again = run(*args, *outputs)
    assert again.exit_code != 0 and "already exists" in again.stderr
    assert run(*args, *outputs, "--force").exit_code == 0
    both = run(*args, "--details", str(report), "--format", "json", "-o", str(report), "--force")
    assert both.exit_code != 0 and "is given for two outputs of this run" in both.stderr
