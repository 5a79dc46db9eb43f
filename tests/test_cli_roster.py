"""`jbudget roster` end to end: the same estimate as the scenario it matches, every row accounted
for, rejects and per-person files, and the flags."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from jamsostek_budget.app import estimate as api
from tests.cli_runner import run

HEADER = "nik,name,group,declared_income,monthly_wage,start_month,end_month\n"


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def nik(serial: int) -> str:
    """A valid NIK: Lampung (18), Kota Metro (72), district 01, born 1 March 1985, serial."""
    return f"187201010385{serial:04d}"


def metro_roster(folder: Path) -> Path:
    """One row per person of examples/metro.yaml, each with the group's own income."""
    scenario = api.estimate(api.scenario_path("metro", None)).unwrap().budget.scenario
    lines, serial = [HEADER], 1
    for group in scenario.groups:
        for _ in range(group.headcount):
            lines.append(f"{nik(serial)},Peserta {serial},{group.id},{group.declared_income},,,\n")
            serial += 1
    path = folder / "metro.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_a_roster_matching_the_scenario_gives_the_scenario_estimate(tmp_path: Path) -> None:
    roster = metro_roster(tmp_path)
    result = run("roster", str(roster), "--city", "metro", "-f", "json", "--today", "2026-11-22")
    assert result.exit_code == 0, result.stderr
    assert "8,477 rows read = 8,477 accepted + 0 rejected" in result.stderr
    from_roster = json.loads(result.stdout)
    from_scenario = json.loads(run("estimate", "--city", "metro", "-f", "json").stdout)
    assert from_roster["totals"] == from_scenario["totals"]
    assert from_roster["totals"]["annual"] == 1_720_963_200
    for mine, theirs in zip(from_roster["lines"], from_scenario["lines"], strict=True):
        assert (mine["monthly"], mine["by_program"], mine["per_person_monthly"]) == (
            theirs["monthly"],
            theirs["by_program"],
            theirs["per_person_monthly"],
        )


def test_rejects_and_per_person_files(tmp_path: Path) -> None:
    roster = tmp_path / "kota.csv"
    roster.write_text(
        HEADER + f"{nik(1)},Ani,marbot,1000000,,,\n"
        f"{nik(1)},Ani lagi,marbot,1000000,,,\n"  # duplicate NIK
        "123,Budi,marbott,1.500,,13,\n"  # several reasons on one row
        f"{nik(2)},Citra,guru-honorer,1200000,,10,12\n",
        encoding="utf-8",
    )
    people = tmp_path / "premi.csv"
    result = run(
        "roster",
        str(roster),
        "--city",
        "metro",
        "--per-person",
        str(people),
        "--today",
        "2026-11-22",
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    assert "4 rows read = 2 accepted + 2 rejected" in result.stderr
    rejects = read_csv(tmp_path / "kota-rejects.csv")
    assert [r["line"] for r in rejects] == ["3", "4"]
    assert "nik is already accepted on line 2" in rejects[0]["reasons"]
    assert rejects[1]["reasons"].count(";") >= 3  # NIK, group, amount, month all reported
    rows = read_csv(people)
    # Ani: 16,800 x 12 = 201,600; Citra: band 2, 18,800 x 3 months (October-December) = 56,400
    assert [int(r["apbd_annual"]) for r in rows] == [201_600, 56_400]
    assert json.loads(result.stdout)["totals"]["annual"] == 258_000


def test_strict_fails_on_a_rejected_row_and_a_rerun_gets_past_its_rejects(tmp_path: Path) -> None:
    roster = tmp_path / "kota.csv"
    roster.write_text(
        HEADER + f"{nik(1)},Ani,marbot,1000000,,,\n123,Budi,marbot,,,,\n", encoding="utf-8"
    )
    strict = run("roster", str(roster), "--city", "metro", "--strict", "--today", "2026-11-22")
    assert strict.exit_code == 1
    again = run("roster", str(roster), "--city", "metro", "--today", "2026-11-22")
    assert again.exit_code == 0, again.stderr  # the rejects file of the run before is replaced
    assert len(read_csv(tmp_path / "kota-rejects.csv")) == 1


def test_xlsx_roster_and_indonesian_headers(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["NIK", "Nama", "Kelompok", "Penghasilan", "Upah", "Bulan_Mulai", "Bulan_Akhir"])
    sheet.append([nik(1), "Ani", "marbot", 1000000, None, 1, 12])
    sheet.append([nik(2), "Budi", "ketua-rt-rw", 1000000, None, 7, 12])
    path = tmp_path / "peserta.xlsx"
    book.save(path)
    result = run("roster", str(path), "--city", "metro", "-f", "json", "--today", "2026-11-22")
    assert result.exit_code == 0, result.stderr
    # 16,800 x 12 + 16,800 x 6
    assert json.loads(result.stdout)["totals"]["annual"] == 302_400


def test_missing_roster_and_missing_column(tmp_path: Path) -> None:
    assert run("roster", str(tmp_path / "none.csv"), "--city", "metro").exit_code == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("nik,name,kelompk\n1,a,b\n", encoding="utf-8")
    result = run("roster", str(bad), "--city", "metro")
    assert result.exit_code == 1
    assert "bad.csv:1:" in result.stderr and "group" in result.stderr
    assert "Traceback" not in result.stderr
