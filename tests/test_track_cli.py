"""`jbudget track` end to end on the synthetic Kota Metro 2025 files (examples/track).

The figures, by hand from the files' rows (examples/track/README.md):
- the plan: 7,977 BPU band 1 people x Rp16,800 + 500 guru honorer (band 2) x Rp18,800 =
  Rp143,413,600 a month, Rp1,720,963,200 a year (12 x 143,413,600);
- billed January-September: 8 months at plan + September with 1,450 ketua RT/RW instead of
  1,400 (+50 x 16,800 = 840,000): 8 x 143,413,600 + 144,253,600 = Rp1,291,562,400;
- paid: seven SP2D of 143,413,600 (January-May, July, August) = 1,003,895,200, June's
  100,000,000 and September's 144,253,600: Rp1,248,148,800;
- outstanding: June's 143,413,600 - 100,000,000 = Rp43,413,600, past its due date 2025-06-15:
  on 2025-10-20 that is 15 + 31 + 31 + 30 + 20 = 127 days late (all of it arrears);
- April, due 2025-04-15, paid by the SP2D of 2025-05-08: 15 + 8 = 23 days late;
- projected year: billed 1,291,562,400 + October-December at September's headcount
  (3 x 144,253,600 = 432,760,800) = Rp1,724,323,200;
- with a pagu of 1,8 miliar: 1,800,000,000 - 1,724,323,200 = a surplus (SiLPA) of Rp75,676,800;
  with 1,7 miliar: a shortfall of 1,724,323,200 - 1,700,000,000 = Rp24,323,200.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.cli_runner import run

BILLS = "examples/track/metro-2025-bills.csv"
PAYMENTS = "examples/track/metro-2025-payments.csv"
METRO = ("track", "--city", "metro", "--bills", BILLS, "--payments", PAYMENTS)
AS_OF = ("--as-of", "2025-10-20")


def test_metro_walkthrough_headline() -> None:
    result = run(*METRO, *AS_OF, "--pagu", "1,8 miliar")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Kota Metro: the budget year 2025 as of 2025-10-20" in out
    assert "Pagu: IDR 1,800,000,000" in out
    assert "Planned for the year: IDR 1,720,963,200" in out
    assert (
        "Billed to date: IDR 1,291,562,400; paid to date: IDR 1,248,148,800; "
        "outstanding: IDR 43,413,600"
    ) in out
    assert "Arrears (outstanding past the due date): IDR 43,413,600" in out
    assert "Projected for the year: IDR 1,724,323,200" in out
    assert "Balance: a surplus (SiLPA) of IDR 75,676,800" in out
    assert f"{BILLS}: 126 rows read = 126 used + 0 rejected + 0 blank" in out
    assert f"{PAYMENTS}: 9 rows read = 9 used + 0 rejected + 0 blank" in out


def test_a_lower_pagu_is_a_shortfall_in_words() -> None:
    result = run(*METRO, *AS_OF, "--pagu", "1700jt", "--words")
    assert result.exit_code == 0, result.stderr
    assert "Balance: a shortfall of IDR 24,323,200" in result.stdout
    assert "Balance in words: IDR 24,323,200 (twenty-four million" in result.stdout


def test_json_follows_the_contract() -> None:
    result = run(*METRO, *AS_OF, "--pagu", "1,8 miliar", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"fiscal_year", "as_of", "pagu", "months", "by_group", "totals"} <= set(data)
    assert (data["fiscal_year"], data["as_of"], data["pagu"]) == (2025, "2025-10-20", 1_800_000_000)
    keys = {"month", "planned", "billed", "paid", "outstanding", "due", "days_late"}
    assert all(keys <= set(month) for month in data["months"])
    april, june = data["months"][3], data["months"][5]
    assert (april["month"], april["due"], april["days_late"]) == ("2025-04", "2025-04-15", 23)
    assert (june["paid"], june["outstanding"], june["days_late"]) == (100_000_000, 43_413_600, 127)
    assert data["totals"] == {
        "planned": 1_720_963_200,
        "billed": 1_291_562_400,
        "paid": 1_248_148_800,
        "outstanding": 43_413_600,
        "arrears": 43_413_600,
        "credit": 0,
        "projected_year": 1_724_323_200,
        "pagu": 1_800_000_000,
        "balance": 75_676_800,
        "balance_kind": "surplus",
    }
    # every month: billed = paid + outstanding; the groups add up to the totals
    assert all(m["billed"] == m["paid"] + m["outstanding"] for m in data["months"])
    assert sum(group["billed"] for group in data["by_group"]) == 1_291_562_400
    rt_rw = next(group for group in data["by_group"] if group["group"] == "ketua-rt-rw")
    assert rt_rw["latest_participants"] == 1450
    assert rt_rw["projected_year"] == 282_240_000 + 4 * 50 * 16_800  # Sept. to Dec. +50 heads
    assert {rule["id"] for rule in data["rules"]} >= {"due.bpu", "due.pu"}
    assert data["rejected"] == [] and data["at_risk"] == []


def test_csv_rows_per_group_and_month() -> None:
    result = run(*METRO, *AS_OF, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 7 * 12 + 12
    totals = [row for row in rows if row["group"] == "TOTAL"]
    assert sum(int(row["billed"]) for row in totals) == 1_291_562_400
    assert sum(int(row["billed"]) for row in rows if row["group"] != "TOTAL") == 1_291_562_400
    june = next(row for row in totals if row["month"] == "2025-06")
    assert (june["outstanding"], june["days_late"]) == ("43413600", "127")


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_text_formats_run(fmt: str) -> None:
    result = run(*METRO, *AS_OF, "--pagu", "1,8 miliar", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert "1,724,323,200" in result.stdout
    assert "75,676,800" in result.stdout


def test_workbook(tmp_path: Path) -> None:
    target = tmp_path / "track.xlsx"
    result = run(*METRO, *AS_OF, "-f", "xlsx", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    workbook = openpyxl.load_workbook(target)
    cells = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    ]
    assert 1_291_562_400 in cells and 43_413_600 in cells
    assert run(*METRO, *AS_OF, "-f", "xlsx", "-o", str(target)).exit_code == 1  # no --force


def test_the_bills_from_the_workbook_give_the_same_figures() -> None:
    from_csv = json.loads(run(*METRO, *AS_OF, "-f", "json").stdout)
    args = ("track", "--city", "metro", "--bills", "examples/track/metro-2025-bills.xlsx")
    from_xlsx = json.loads(run(*args, "--payments", PAYMENTS, *AS_OF, "-f", "json").stdout)
    assert from_xlsx["totals"] == from_csv["totals"]


def test_no_payments_means_nothing_paid() -> None:
    data = json.loads(
        run("track", "--city", "metro", "--bills", BILLS, *AS_OF, "-f", "json").stdout
    )
    assert data["totals"]["paid"] == 0
    assert data["totals"]["outstanding"] == data["totals"]["arrears"] == 1_291_562_400
    # every BPU group has nine months unpaid past due: all at risk of deactivation
    assert len(data["at_risk"]) == 7


def test_rejected_rows_are_located(tmp_path: Path) -> None:
    bills = tmp_path / "bills.csv"
    bills.write_text(
        "month,group,program,participants,amount\n"
        "2025-01,marbot,jkk,600,6000000\n"
        "2025-13,marbot,jkk,600,6000000\n"
        "2025-02,nobody,jkk,1,10000\n"
        "\n"
        "2025-02,marbot,jp,600,100\n",
        encoding="utf-8",
    )
    payments = tmp_path / "payments.csv"
    payments.write_text(
        "date,amount,reference\n2025-01-10,6000000,A\n2026-01-01,5,B\n2025-01-11,1000,C\n",
        encoding="utf-8",
    )
    args = ("track", "--city", "metro", "--bills", str(bills), "--payments", str(payments))
    result = run(*args, "--as-of", "2025-03-01", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # 5 rows read = 1 used + 3 rejected + 1 blank (line 5); the JP line is rejected by the plan
    assert [(f["rows_read"], f["used"], f["rejected"], f["blank"]) for f in data["files"]] == [
        (5, 1, 3, 1),
        (3, 2, 1, 0),
    ]
    located = [(row["file"].rsplit("/", 1)[-1], row["line"]) for row in data["rejected"]]
    assert located == [("bills.csv", 3), ("bills.csv", 4), ("bills.csv", 6), ("payments.csv", 3)]
    assert "after the as-of date" in data["rejected"][3]["reasons"][0]
    # C's Rp1,000 finds no bill left to settle: a credit, with its line
    assert [(c["reference"], c["amount"], c["line"]) for c in data["credits"]] == [("C", 1000, 4)]
    table = run(*args, "--as-of", "2025-03-01").stdout
    assert "Rejected rows" in table and "'nobody' is not a group of the scenario" in table


def test_a_bills_file_without_an_amount_column_is_refused(tmp_path: Path) -> None:
    bills = tmp_path / "bills.csv"
    bills.write_text("month,group,program,participants\n2025-01,marbot,jkk,600\n")
    result = run("track", "--city", "metro", "--bills", str(bills))
    assert result.exit_code == 1
    assert "bills.csv:1:1: amount: required column 'amount' is missing" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_bills_file_is_located() -> None:
    result = run("track", "--city", "metro", "--bills", "no-such-bills.csv")
    assert result.exit_code == 1
    assert "no-such-bills.csv" in result.stderr


@pytest.mark.parametrize(
    ("flag", "value", "said"),
    [("--as-of", "2025-20-01", "--as-of '2025-20-01' is not a date"), ("--pagu", "12x", "'12x'")],
)
def test_bad_options_are_usage_errors(flag: str, value: str, said: str) -> None:
    result = run("track", "--city", "metro", "--bills", BILLS, flag, value)
    assert result.exit_code == 2
    assert said in result.stderr


def test_as_of_defaults_to_today() -> None:
    data = json.loads(run(*METRO, "-f", "json").stdout)
    assert data["as_of"] == date.today().isoformat()


def test_as_of_before_a_due_date_counts_no_arrears() -> None:
    # on 2025-06-14 June (due 06-15) is billed, paid in part on 06-13, and not late yet
    data = json.loads(run(*METRO, "--as-of", "2025-06-14", "-f", "json").stdout)
    june = data["months"][5]
    assert (june["outstanding"], june["days_late"]) == (43_413_600, 0)
    assert data["totals"]["arrears"] == 0
    # the payments of later dates are rejected as after the as-of date (July to September), and
    # so are the bills of July to September (7 groups x 2 programs a month): not sent yet then
    assert len(data["rejected"]) == 3 + 3 * 14
    assert data["totals"]["billed"] == 6 * 143_413_600
    later = [row for row in data["rejected"] if "not yet billed then" in row["reasons"][0]]
    assert (
        len(later) == 42
        and "month 2025-07 comes after the as-of date 2025-06-14" in (later[0]["reasons"][0])
    )


def test_indonesian() -> None:
    result = run(*METRO, *AS_OF, "--pagu", "1,8 miliar", "--lang", "id")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Kota Metro: tahun anggaran 2025 per 2025-10-20" in out
    assert "Selisih: sisa lebih (SiLPA) sebesar Rp75.676.800" in out
    assert "Tunggakan (terutang lewat jatuh tempo): Rp43.413.600" in out
    assert "Per bulan" in out


def test_workbook_planned_figures_are_live_and_recalculate(tmp_path: Path) -> None:
    """The planned figures are formulas over the plan's lines sheet (12 months and their total,
    7 groups and their total, the headline sentence); LibreOffice recalculates every figure of
    the summary to the report's own. Billed, paid and the rest are numbers."""
    from jamsostek_budget.app.estimate import scenario_path
    from jamsostek_budget.app.track import TrackRequest, track_budget
    from jamsostek_budget.model.ledger import Pagu
    from jamsostek_budget.render.track.report import track_report
    from tests import spreadsheet
    from tests.test_xlsx import book_bytes

    request = TrackRequest(
        scenario_path("metro", None),
        Path(BILLS),
        Path(PAYMENTS),
        Pagu(1_800_000_000),
        date(2025, 10, 20),
    )
    result = track_budget(request).unwrap()
    report = track_report(result)
    path = tmp_path / "track.xlsx"
    path.write_bytes(book_bytes(report, [("metro", result.budget)]))
    sheet = openpyxl.load_workbook(path).worksheets[0]
    formulas = [
        placed
        for placed in spreadsheet.all_placed(sheet, report)
        if str(placed.cell.value).startswith("=")
    ]
    assert len(formulas) == 12 + 1 + 7 + 1
    planned = [
        cell
        for line, cell in spreadsheet.summary_lines(sheet, report)
        if line.startswith("Planned")
    ]
    assert len(planned) == 1 and str(planned[0].value).startswith("=")
    (copy,) = spreadsheet.recalculate([path], tmp_path / "lo").values()
    recalculated = openpyxl.load_workbook(copy, data_only=True).worksheets[0]
    checked = 0
    for placed in spreadsheet.all_placed(recalculated, report):
        expected = spreadsheet.expected_number(placed.figure)
        if expected is not None:
            assert Decimal(str(placed.cell.value)) == expected, placed
            checked += 1
    assert checked > 100
    lines = spreadsheet.summary_lines(recalculated, report)
    assert [str(cell.value) for _line, cell in lines] == [str(line) for line in report.summary]


def scenario_with_pagu(folder: Path, pagu: str) -> str:
    """Metro's scenario with the pagu its APBD adopted, written in the file."""
    path = folder / "metro-pagu.yaml"
    path.write_text(f"extends: metro\npagu: {pagu}\n", encoding="utf-8")
    return str(path)


def test_the_pagu_can_be_written_in_the_scenario(tmp_path: Path) -> None:
    """`pagu: "1,8 miliar"` in the scenario is the ceiling when --pagu is not given: the same
    surplus of 1,800,000,000 - 1,724,323,200 = Rp75,676,800; --pagu 1700jt overrides it."""
    scenario = scenario_with_pagu(tmp_path, '"1,8 miliar"')
    base = ("track", "--scenario", scenario, "--bills", BILLS, "--payments", PAYMENTS, *AS_OF)
    result = run(*base, "-f", "json")
    assert result.exit_code == 0, result.stderr
    totals = json.loads(result.stdout)["totals"]
    assert (totals["pagu"], totals["balance"]) == (1_800_000_000, 75_676_800)
    overridden = run(*base, "--pagu", "1700jt")
    assert overridden.exit_code == 0, overridden.stderr
    assert "Balance: a shortfall of IDR 24,323,200" in overridden.stdout


def test_a_pagu_that_is_not_an_amount_is_located(tmp_path: Path) -> None:
    scenario = scenario_with_pagu(tmp_path, "banyak")
    result = run("track", "--scenario", scenario, "--bills", BILLS, *AS_OF)
    assert result.exit_code == 1
    assert "metro-pagu.yaml:2" in result.stderr and "pagu" in result.stderr


# --- a pagu per budget code -------------------------------------------------------------------
# Kota Lubuklinggau (examples/lubuklinggau.yaml): 3,500 non-ASN staff (PU, very low risk, wage
# Rp2,500,000: JKK 0.24 % = Rp6,000 and JKM 0.30 % = Rp7,500 a month) all year, and 1,000
# pekerja rentan (BPU band 1: JKK Rp10,000, JKM Rp6,800) from July. Both groups pay JKK from
# 5.1.02.02.02.0006 and JKM from 5.1.02.02.02.0007 (the pekerja rentan's codes added here).
# January is billed for 3,600 staff, 100 above plan: JKK 3,600 x 6,000 = Rp21,600,000 and JKM
# 3,600 x 7,500 = Rp27,000,000. Projected at 3,600 staff:
#   JKK 3,600 x 6,000 x 12 = 259,200,000 + 1,000 x 10,000 x 6 = 60,000,000 -> Rp319,200,000
#   JKM 3,600 x 7,500 x 12 = 324,000,000 + 1,000 x 6,800 x 6 = 40,800,000 -> Rp364,800,000
# Against Rp350,000,000 (JKK) and Rp340,000,000 (JKM): +30,800,000 and -24,800,000; the total
# 690,000,000 - 684,000,000 = a surplus of Rp6,000,000, which the JKM code cannot use as is.
JKK_CODE, JKM_CODE = "5.1.02.02.02.0006", "5.1.02.02.02.0007"
CODED = (
    f"extends: {Path('examples/lubuklinggau.yaml').resolve()}\n"
    "change_groups:\n"
    f"  - {{id: pekerja-rentan, budget_codes: {{jkk: {JKK_CODE}, jkm: {JKM_CODE}}}}}\n"
)
PER_CODE_PAGU = f"pagu:\n  {JKK_CODE}: 350 juta\n  {JKM_CODE}: 340000000\n"


def coded_files(folder: Path, pagu: str = PER_CODE_PAGU) -> tuple[str, ...]:
    scenario = folder / "lubuklinggau-rka.yaml"
    scenario.write_text(CODED + pagu, encoding="utf-8")
    bills = folder / "tagihan.csv"
    bills.write_text(
        "bulan,kelompok,program,tk,iuran\n"
        "2025-01,non-asn,jkk,3600,21600000\n2025-01,non-asn,jkm,3600,27000000\n",
        encoding="utf-8",
    )
    return ("track", "--scenario", str(scenario), "--bills", str(bills), "--as-of", "2025-02-01")


def test_a_pagu_per_budget_code(tmp_path: Path) -> None:
    data = revised = json.loads(run(*coded_files(tmp_path), "-f", "json").stdout)
    codes = {row["budget_code"]: row for row in data["by_budget_code"]}
    assert codes[JKK_CODE] == {
        "budget_code": JKK_CODE,
        "programs": ["jkk"],
        "groups": ["non-asn", "pekerja-rentan"],
        "planned": 312_000_000,  # 3,500 x 6,000 x 12 + 60,000,000
        "billed": 21_600_000,
        "paid": 0,
        "outstanding": 21_600_000,
        "projected_year": 319_200_000,
        "pagu": 350_000_000,
        "balance": 30_800_000,
    }
    jkm = codes[JKM_CODE]
    assert (jkm["planned"], jkm["projected_year"], jkm["balance"]) == (
        355_800_000,  # 3,500 x 7,500 x 12 + 40,800,000
        364_800_000,
        -24_800_000,
    )
    totals = revised["totals"]
    assert (totals["pagu"], totals["projected_year"], totals["balance"]) == (
        690_000_000,
        684_000_000,
        6_000_000,
    )
    for key in ("planned", "billed", "paid", "outstanding", "projected_year"):
        assert sum(row[key] for row in data["by_budget_code"]) == totals[key]


def test_a_code_short_under_a_total_surplus_is_said(tmp_path: Path) -> None:
    result = run(*coded_files(tmp_path))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Pagu: IDR 690,000,000, the sum of the pagu of 2 budget codes" in out
    assert "Balance: a surplus (SiLPA) of IDR 6,000,000" in out
    assert (
        f"Budget code {JKM_CODE}: a shortfall of IDR 24,800,000, though the total has room"
        in " ".join(out.split())
    )
    assert "Per budget code" in out


def test_the_pagu_per_code_on_the_command_line(tmp_path: Path) -> None:
    base = coded_files(tmp_path, pagu="")
    given = ("--pagu", f"{JKK_CODE}=350jt", "--pagu", f"{JKM_CODE}=340 juta", "-f", "json")
    data = json.loads(run(*base, *given).stdout)
    assert [row["pagu"] for row in data["by_budget_code"]] == [350_000_000, 340_000_000]
    # without a pagu per code the codes are still followed, with no pagu of their own
    plain = json.loads(run(*base, "--pagu", "700jt", "-f", "json").stdout)
    assert [row["pagu"] for row in plain["by_budget_code"]] == [None, None]
    assert plain["totals"]["balance"] == 16_000_000


@pytest.mark.parametrize(
    ("pagu", "said"),
    [
        ((f"{JKK_CODE}=350jt",), f"budget code {JKM_CODE} (non-asn, pekerja-rentan) has no pagu"),
        (
            (f"{JKK_CODE}=350jt", f"{JKM_CODE}=340jt", "5.1.02.02.02.0008=1jt"),
            "no group pays from budget code 5.1.02.02.02.0008",
        ),
        ((f"{JKK_CODE}=350jt", "340jt"), "--pagu mixes a pagu for the year with pagu per"),
        (("350jt", "340jt"), "--pagu is given 2 times without a budget code"),
        ((f"{JKK_CODE}=350jt", f"{JKK_CODE}=1jt"), f"--pagu gives budget code '{JKK_CODE}' twice"),
        ((f"{JKK_CODE}=banyak",), f"--pagu {JKK_CODE}= 'banyak' is not an amount"),
    ],
)
def test_a_wrong_pagu_per_code_is_refused(tmp_path: Path, pagu: tuple[str, ...], said: str) -> None:
    given = [part for value in pagu for part in ("--pagu", value)]
    result = run(*coded_files(tmp_path, pagu=""), *given)
    assert result.exit_code == 2, result.stdout
    assert said in " ".join(result.stderr.split())


def test_a_plan_without_codes_takes_no_pagu_per_code() -> None:
    result = run("track", "--city", "metro", "--bills", BILLS, "--pagu", f"{JKK_CODE}=1jt")
    assert result.exit_code == 2
    assert "this group pays jkk, jkm from no budget code" in " ".join(result.stderr.split())


@pytest.mark.parametrize(
    ("pagu", "line", "said"),
    [
        (f"pagu:\n  {JKK_CODE}: 350 juta\n", 5, f"budget code {JKM_CODE}"),
        (
            f"pagu:\n  {JKK_CODE}: 1\n  {JKM_CODE}: 1\n  5.1.02.02.02.0009: 1\n",
            7,
            "no group pays from budget code 5.1.02.02.02.0009",
        ),
        ("pagu:\n  kode: 1\n", 5, "pagu.kode"),
        ("pagu: {}\n", 4, "pagu:"),
    ],
)
def test_a_wrong_pagu_per_code_in_the_file_is_located(
    tmp_path: Path, pagu: str, line: int, said: str
) -> None:
    files = coded_files(tmp_path, pagu=pagu)
    result = run("validate", files[2])
    assert result.exit_code == 1
    assert f"lubuklinggau-rka.yaml:{line}:" in result.stdout + result.stderr
    assert said in result.stdout + result.stderr


def test_strict_fails_when_a_row_is_rejected() -> None:
    """As of 2025-06-14 the payments of July to September are rejected: --strict exits 1, with
    the report written all the same; without rejected rows it exits 0."""
    early = run(*METRO, "--as-of", "2025-06-14", "--strict")
    assert early.exit_code == 1 and "Rejected rows" in early.stdout
    assert run(*METRO, *AS_OF, "--strict").exit_code == 0
