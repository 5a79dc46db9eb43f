"""`jbudget revise` end to end: Kota Metro 2025 revised with a group added from October (the
synthetic examples/track/metro-2025-perubahan.yaml and bills), a 10 % efficiency cut with a
funding order, every format, bad inputs located, Indonesian output.

Hand-worked figures. Metro's plan is Rp143,413,600 a month (7,977 people x Rp16,800 + 500 guru
honorer x Rp18,800), Rp1,720,963,200 a year. Realized as planned January to September: 9 x
143,413,600 = Rp1,290,722,400; the months left, October to December, need 3 x 143,413,600 =
Rp430,240,800. The synthetic bills are at plan except September, 50 more ketua RT/RW: Rp840,000
more, so they realize Rp1,291,562,400. The months left are priced at the latest bill's people
(1,450 ketua RT/RW, as track projects the year): 3 x 144,253,600 = Rp432,760,800.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from tests.cli_runner import run, run_at

BILLS = "examples/track/metro-2025-bills.csv"
VARIANT = "examples/track/metro-2025-perubahan.yaml"
AS_PLANNED = ("revise", "--city", "metro", "--realized-through", "2025-09")


def revised_json(*args: str) -> dict[str, object]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


# --- a group added from October (APBD Perubahan) ---------------------------------------------
# 350 juru parkir x Rp16,800 x 3 months = Rp17,640,000 more for October to December: the need
# is 432,760,800 + 17,640,000 = Rp450,400,800, the revised pagu 1,291,562,400 + 450,400,800 =
# Rp1,741,963,200, Rp21,000,000 above the adopted 1,720,963,200 (the juru parkir, and the 50
# more ketua RT/RW: 840,000 in September and 3 x 840,000 from October). It is track's
# projected year (1,724,323,200) plus the juru parkir.


def test_a_group_added_from_october_with_the_bills_to_date() -> None:
    data = revised_json("revise", "--city", "metro", "--bills", BILLS, "--variant", VARIANT)
    assert (data["effective"], data["realized_from"]) == ("2025-10", "bills")
    assert data["pagu"] == {
        "original": 1_720_963_200,
        "cut": None,
        "revised": 1_741_963_200,
        "difference": 21_000_000,
    }
    totals = data["totals"]
    assert isinstance(totals, dict)
    assert (totals["realized"], totals["need"], totals["planned_left"]) == (
        1_291_562_400,
        450_400_800,
        430_240_800,
    )
    groups = {line["group"]: line for line in data["groups"]}  # type: ignore[attr-defined]
    assert groups["juru-parkir"]["planned"] == 0
    assert groups["juru-parkir"]["need"] == groups["juru-parkir"]["revised"] == 17_640_000
    assert groups["ketua-rt-rw"]["difference"] == 4 * 840_000  # 50 more heads from September
    assert data["need_at"] == "billed"
    assert data["headcounts"] == [
        {
            "group": "ketua-rt-rw",
            "label": "Ketua RT/RW",
            "planned": 1_400,
            "billed": 1_450,
            "month": "2025-09",
        }
    ]
    kinds = [(v["kind"], v["pagu"]) for v in data["versions"]]  # type: ignore[attr-defined]
    assert kinds == [("murni", 1_720_963_200), ("perubahan", 1_741_963_200)]


def test_the_months_left_at_the_plans_headcounts() -> None:
    """--need-at plan: October to December at the plan's 1,400 ketua RT/RW, 430,240,800 +
    17,640,000 = 447,880,800; revised 1,291,562,400 + 447,880,800 = 1,739,443,200."""
    base = ("revise", "--city", "metro", "--bills", BILLS, "--variant", VARIANT)
    data = revised_json(*base, "--need-at", "plan")
    assert (data["need_at"], data["headcounts"]) == ("plan", [])
    assert data["pagu"]["revised"] == 1_739_443_200  # type: ignore[index]
    assert data["totals"]["need"] == 447_880_800  # type: ignore[index]
    result = run(*base, "--need-at", "latest")
    assert result.exit_code == 2 and "latest" in result.stderr


def test_the_track_projection_and_the_revision_agree() -> None:
    """Without a change, revising with the bills to date gives track's projected year."""
    revised = revised_json("revise", "--city", "metro", "--bills", BILLS)
    tracked = revised_json("track", "--city", "metro", "--bills", BILLS, "--as-of", "2025-10-20")
    assert revised["pagu"]["revised"] == tracked["totals"]["projected_year"] == 1_724_323_200  # type: ignore[index]


def test_the_revision_said_in_words_in_the_table() -> None:
    result = run("revise", "--city", "metro", "--bills", BILLS, "--variant", VARIANT)
    assert result.exit_code == 0, result.stderr
    assert "Realized 2025-01 to 2025-09 (bills): IDR 1,291,562,400" in result.stdout
    assert (
        "Pagu: IDR 1,720,963,200 adopted, IDR 1,741,963,200 revised, IDR 21,000,000 more"
        in result.stdout
    )
    assert "Juru parkir" in result.stdout and "Budget versions" in result.stdout


# --- a 10 % cut with priorities (efisiensi) ----------------------------------------------------
# 10 % of 1,720,963,200 = Rp172,096,320; the pagu becomes 1,548,866,880 and leaves
# 1,548,866,880 - 1,290,722,400 = Rp258,144,480 for October to December, one person costing
# Rp50,400 (3 x 16,800), a guru honorer Rp56,400. Funding guru honorer and penjaga makam
# first: 500 x 56,400 = 28,200,000 and 138 x 50,400 = 6,955,200 leave 222,989,280; the 3,699
# non-ASN (186,429,600) leave 36,559,680, which pays 36,559,680 // 50,400 = 725 ketua RT/RW
# (36,540,000), Rp19,680 left. 675 ketua RT/RW, 1,200 guru ngaji, 940 kader posyandu and 600
# marbot (3,415 people) lose cover from October.


def test_a_ten_percent_cut_in_priority_order() -> None:
    data = revised_json(*AS_PLANNED, "--cut", "10%", "--priority", "guru-honorer,penjaga-makam")
    assert data["pagu"] == {
        "original": 1_720_963_200,
        "cut": 172_096_320,
        "revised": 1_548_866_880,
        "difference": -172_096_320,
    }
    totals = data["totals"]
    assert isinstance(totals, dict)
    assert (totals["ceiling_left"], totals["covered"], totals["left"]) == (
        258_144_480,
        258_124_800,
        19_680,
    )
    losses = {loss["group"]: (loss["people"], loss["from"]) for loss in data["losses"]}  # type: ignore[attr-defined]
    assert losses == {
        "ketua-rt-rw": (675, "2025-10"),
        "guru-ngaji": (1_200, "2025-10"),
        "kader-posyandu": (940, "2025-10"),
        "marbot": (600, "2025-10"),
    }
    assert [v["kind"] for v in data["versions"]] == ["murni", "efisiensi"]  # type: ignore[attr-defined]


def test_a_cut_as_an_amount_equals_the_same_cut_as_a_percentage() -> None:
    by_amount = revised_json(*AS_PLANNED, "--cut", "172096320")
    assert by_amount == revised_json(*AS_PLANNED, "--cut", "10%")


def test_a_variant_and_a_cut_show_three_versions() -> None:
    data = revised_json(
        "revise", "--city", "metro", "--bills", BILLS, "--variant", VARIANT, "--cut", "10%"
    )
    pagus = [(v["kind"], v["pagu"]) for v in data["versions"]]  # type: ignore[attr-defined]
    assert pagus == [
        ("murni", 1_720_963_200),
        ("perubahan", 1_741_963_200),
        ("efisiensi", 1_548_866_880),
    ]


def test_the_cut_in_the_table() -> None:
    result = run(*AS_PLANNED, "--cut", "10%")
    assert result.exit_code == 0, result.stderr
    assert "IDR 172,096,320 less" in result.stdout
    # file order: non-ASN and RT/RW in full, 22 guru ngaji; 3,356 lose cover
    assert "3,356 people lose cover from 2025-10" in result.stdout
    assert "Who loses cover" in result.stdout


# --- every format ---------------------------------------------------------------------------


def test_csv_one_row_per_group_and_a_total() -> None:
    result = run(*AS_PLANNED, "--cut", "10%", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["group"] for row in rows][-1] == "TOTAL"
    total = rows[-1]
    assert (total["realized"], total["need"], total["covered"]) == (
        "1290722400",
        "430240800",
        "258098400",
    )
    lost = {row["group"] for row in rows if row["loses_cover_from"] == "2025-10"}
    assert lost == {"guru-ngaji", "kader-posyandu", "marbot", "guru-honorer", "penjaga-makam"}


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [("markdown", "| Group"), ("html", "<table"), ("table", "Per group")],
)
def test_text_formats(fmt: str, marker: str) -> None:
    result = run(*AS_PLANNED, "--cut", "10%", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert marker in result.stdout and "258,144,480" in result.stdout


def test_xlsx_and_words(tmp_path: Path) -> None:
    target = tmp_path / "revise.xlsx"
    result = run(*AS_PLANNED, "--cut", "10%", "--words", "--format", "xlsx", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    cells = [
        cell
        for sheet in openpyxl.load_workbook(target).worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    ]
    assert 1_290_722_400 in cells and 258_098_400 in cells
    again = run(*AS_PLANNED, "--format", "xlsx", "-o", str(target))
    assert again.exit_code != 0 and "--force" in again.stderr


def test_eighty_columns() -> None:
    result = run_at(80, *AS_PLANNED, "--cut", "10%", "--priority", "guru-honorer")
    assert result.exit_code == 0, result.stderr
    long = [line for line in result.stdout.splitlines() if len(line) > 80]
    assert long == []


def test_indonesian() -> None:
    result = run(*AS_PLANNED, "--cut", "10%", "--lang", "id")
    assert result.exit_code == 0, result.stderr
    assert "Terealisasi 2025-01 s.d. 2025-09 (sesuai rencana): Rp1.290.722.400" in result.stdout
    assert "Rp172.096.320 lebih kecil" in result.stdout
    assert "3.356 orang kehilangan perlindungan mulai 2025-10" in result.stdout
    refused = run("revise", "--city", "metro", "--lang", "id")
    assert "--bills" in refused.stderr and "tagihan" in refused.stderr


# --- bad inputs, located --------------------------------------------------------------------


def test_bad_bill_lines_are_errors_at_their_lines(tmp_path: Path) -> None:
    bills = tmp_path / "bills.csv"
    bills.write_text(
        "month,group,program,participants,amount\n"
        "2025-01,non-asn,jkk,3699,36990000\n"
        "2025-02,nobody,jkk,3,30000\n"
        "2024-12,non-asn,jkm,3699,25153200\n",
        encoding="utf-8",
    )
    result = run("revise", "--city", "metro", "--bills", str(bills))
    assert result.exit_code == 1
    assert f"{bills}:3:0: group 'nobody' is not a group of the scenario" in result.stderr
    assert f"{bills}:4:0: month 2024-12 is outside the fiscal year 2025" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_variant_is_located(tmp_path: Path) -> None:
    variant = tmp_path / "variant.yaml"
    variant.write_text(
        "extends: metro\nfiscal_year: 2025\nadd_groups:\n  - id: x\n    label: X\n"
        "    segment: bpu\n    headcount: -3\n    programs: [jkk, jkm]\n",
        encoding="utf-8",
    )
    result = run(*AS_PLANNED, "--variant", str(variant))
    assert result.exit_code == 1
    assert f"{variant}:7:16: add_groups[0].headcount" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ([], ["give the bills to date (--bills)", "--realized-through"]),
        (["--realized-through", "2025-13"], ["--realized-through '2025-13' is not a month"]),
        (["--realized-through", "2024-09"], ["2024-09 is not a month of fiscal year 2025"]),
        (["--realized-through", "2025-09", "--cut", "10x"], ["--cut '10x'", "unknown unit"]),
        (["--realized-through", "2025-09", "--cut", "200%"], ["a cut of 200 %"]),
        (["--realized-through", "2025-09", "--cut", "1.5B"], ["less than the Rp1,290,722,400"]),
        (["--realized-through", "2025-09", "--pagu", "1M"], ["--pagu '1M'", "ambiguous"]),
        (["--realized-through", "2025-09", "--priority", "marbot"], ["there is no cut"]),
        (["--realized-through", "2025-09", "--cut", "5%", "-p", "x"], ["names 'x'"]),
        (["--realized-through", "2025-09", "--variant", "nope.yaml"], ["nope.yaml does not"]),
        (["--bills", "nope.csv"], ["bills file nope.csv does not exist"]),
        (["--bills", BILLS, "--from", "2025-05"], ["realized for 2025-05, outside the months"]),
    ],
)
def test_usage_errors(args: list[str], words: list[str]) -> None:
    result = run("revise", "--city", "metro", *args)
    assert result.exit_code == 2, result.stdout
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.stderr


def test_the_workbook_recomputes_the_plan_and_the_need(tmp_path: Path) -> None:
    """The planned amounts and the need are formulas over the lines sheets of the plan and the
    variant; LibreOffice's results equal the report's figures, and the plain ones stay."""
    from decimal import Decimal

    from jamsostek_budget.app import revise as app
    from jamsostek_budget.app.estimate import scenario_path
    from jamsostek_budget.render.revise.report import revise_report
    from tests import spreadsheet

    target = tmp_path / "revise.xlsx"
    args = ("revise", "--city", "metro", "--bills", BILLS, "--variant", VARIANT)
    assert run(*args, "--format", "xlsx", "-o", str(target)).exit_code == 0
    request = app.RevisionRequest(
        scenario_path("metro", None), bills=Path(BILLS), variant=Path(VARIANT)
    )
    found = app.revise(request).unwrap()
    report = revise_report(found.revision, found.versions, from_bills=True)
    written = openpyxl.load_workbook(target).worksheets[0]
    need = [p for p in spreadsheet.all_placed(written, report) if p.header.startswith("Need")]
    assert need and all(str(p.cell.value).startswith("=") for p in need)
    copy = spreadsheet.recalculate([target], tmp_path / "lo")[target]
    sheet = openpyxl.load_workbook(copy, data_only=True).worksheets[0]
    checked = 0
    for placed in spreadsheet.all_placed(sheet, report):
        expected = spreadsheet.expected_number(placed.figure)
        if expected is not None:
            assert Decimal(str(placed.cell.value)) == expected, placed
            checked += 1
    assert checked >= 50


def test_the_bills_workbook_and_a_scenario_file_give_the_same_revision() -> None:
    """The .xlsx bills (an office's headers, a title row) realize what the CSV does, and the
    plan given as a file is the bundled city's."""
    from_csv = revised_json("revise", "--city", "metro", "--bills", BILLS)
    from_xlsx = revised_json(
        "revise", "--scenario", "examples/metro.yaml", "--bills", BILLS.replace(".csv", ".xlsx")
    )
    assert from_xlsx["realized"] == from_csv["realized"]
    assert (
        from_xlsx["pagu"]
        == from_csv["pagu"]
        == {
            "original": 1_720_963_200,
            "cut": None,
            "revised": 1_724_323_200,  # 1,291,562,400 + 3 x 144,253,600 (1,450 ketua RT/RW)
            "difference": 3_360_000,  # 4 x 840,000
        }
    )


def test_months_without_a_bill_are_said(tmp_path: Path) -> None:
    bills = tmp_path / "bills.csv"
    bills.write_text(
        "month,group,program,participants,amount\n2025-01,non-asn,jkk,3699,36990000\n",
        encoding="utf-8",
    )
    result = run("revise", "--city", "metro", "--bills", str(bills), "--from", "2025-04")
    assert result.exit_code == 0, result.stderr
    assert "No bill for 2025-02, 2025-03" in result.stdout
    assert "Realized 2025-01 to 2025-03 (bills): IDR 36,990,000" in result.stdout


def test_the_adopted_pagu_can_be_written_in_the_plan(tmp_path: Path) -> None:
    """A plan with `pagu: 1800000000`: the adopted pagu is the file's, not the plan's total.
    Revised = realized + need = 1,291,562,400 + 450,400,800 = 1,741,963,200 with the juru parkir,
    58,036,800 less than the adopted 1,800,000,000; a 10 % cut takes 180,000,000 of it."""
    plan = tmp_path / "metro-pagu.yaml"
    plan.write_text("extends: metro\npagu: 1800000000\n", encoding="utf-8")
    base = ("revise", "--scenario", str(plan), "--bills", BILLS)
    data = revised_json(*base, "--variant", VARIANT)
    assert data["pagu"] == {
        "original": 1_800_000_000,
        "cut": None,
        "revised": 1_741_963_200,
        "difference": -58_036_800,
    }
    cut = revised_json(*base, "--cut", "10%")
    assert cut["pagu"]["cut"] == 180_000_000  # type: ignore[index]
    assert revised_json(*base, "--pagu", "1720963200")["pagu"]["original"] == 1_720_963_200  # type: ignore[index]


def test_no_gap_between_the_months_realized_as_planned_and_the_revision() -> None:
    """--realized-through 2025-06 --from 2025-10 would count July to September neither as
    realized nor as needed, understating the year by 3 x 143,413,600: refused."""
    result = run(*AS_PLANNED[:-1], "2025-06", "--from", "2025-10")
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "the plan is realized through 2025-06 and the revision takes effect in 2025-10" in said
    assert "--realized-through the month before 2025-10" in said
    adjoining = revised_json(*AS_PLANNED[:-1], "2025-06", "--from", "2025-07")
    assert adjoining["realized"]["total"] == 6 * 143_413_600  # type: ignore[index]
