"""`jbudget project` per office (OPD) and per funding source (sumber dana), issue 17, and the
years a source's ceiling does not cover: hand-worked on Kab. Bangka and a variant.

Kab. Bangka 2025 (examples/bangka.yaml): BPU band 1, JKK and JKM, Rp16,800 a month, 12 months =
Rp201,600 a person a year (PP 44/2015); APBD (PAD) 950 people = Rp191,520,000 (ceiling
Rp200,000,000), DBH Sawit 2,450 = Rp493,920,000 (ceiling Rp500,000,000), all Dinas Sosial.

With 10 % headcount growth a year the group grows from 3,400 (rounded once from the base) and its
split keeps its proportions (planning.projection.apportion, largest remainder, ties to the first
listed source):
- 2026: 3,400 x 1.1 = 3,740; APBD 950 x 1.1 = 1,045, DBH Sawit 2,450 x 1.1 = 2,695 (exact).
  APBD 1,045 x 201,600 = 210,672,000 > 200,000,000 (over by 10,672,000); DBH Sawit 2,695 x
  201,600 = 543,312,000 > 500,000,000 (over by 43,312,000).
- 2027: 3,400 x 1.21 = 4,114; 950 x 1.21 = 1,149.5 and 2,450 x 1.21 = 2,964.5: 1,149 + 2,964 =
  4,113, the one left over to APBD (tie, listed first): 1,150 and 2,964. APBD 1,150 x 201,600 =
  231,840,000 (over by 31,840,000); DBH Sawit 2,964 x 201,600 = 597,542,400 (over by 97,542,400).
The variant (DBH Sawit 2,650 people, no growth): 2,650 x 201,600 = 534,240,000 every year, over
its ceiling by 34,240,000 in each.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from jamsostek_budget.app import estimate as api
from jamsostek_budget.loading import bundled
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.planning.projection import Assumptions, Projection, apportion, project
from jamsostek_budget.planning.projection_funding import opd_years, source_years
from jamsostek_budget.render.project.csvout import project_csv
from jamsostek_budget.render.project.jsonout import project_dict
from jamsostek_budget.render.project.report import project_report
from jamsostek_budget.render.shared.sections import cell_text
from tests.cli_runner import run

TABLE = api.load_rate_table()
PERSON_YEAR = 201_600
GROWTH = Assumptions(Decimal(10), Decimal(0), Decimal(5))
VARIANT = """\
extends: bangka
change_groups:
  - id: pekerja-rentan
    headcount: 3600
    funding: {apbd: 950, dbh-sawit: 2650}
"""


def bangka(years: list[int], assumptions: Assumptions = GROWTH) -> Projection:
    return project(load_scenario(bundled.city_file("bangka"))[0], TABLE, years, assumptions)


@pytest.fixture
def variant(tmp_path: Path) -> Path:
    path = tmp_path / "bangka-sawit.yaml"
    path.write_text(VARIANT, encoding="utf-8")
    return path


def test_apportion_keeps_the_proportions() -> None:
    assert apportion(3_740, {"apbd": 950, "dbh-sawit": 2_450}) == {
        "apbd": 1_045,
        "dbh-sawit": 2_695,
    }
    assert apportion(4_114, {"apbd": 950, "dbh-sawit": 2_450}) == {
        "apbd": 1_150,
        "dbh-sawit": 2_964,
    }
    assert apportion(0, {"a": 1, "b": 2}) == {"a": 0, "b": 0}


def test_a_split_group_grows() -> None:
    projection = bangka([2025, 2026, 2027])
    assert [y.budget.headcount for y in projection.years] == [3_400, 3_740, 4_114]
    assert projection.years[2].budget.annual == 4_114 * PERSON_YEAR


def test_per_year_hand_worked() -> None:
    projection = bangka([2025, 2026, 2027])
    [office] = opd_years(projection)
    assert office.annual == (685_440_000, 3_740 * PERSON_YEAR, 4_114 * PERSON_YEAR)
    apbd, sawit = source_years(projection)
    assert apbd.people == (950, 1_045, 1_150) and sawit.people == (2_450, 2_695, 2_964)
    assert apbd.annual == (191_520_000, 210_672_000, 231_840_000)
    assert sawit.annual == (493_920_000, 543_312_000, 597_542_400)
    assert apbd.short == ((2026, 10_672_000), (2027, 31_840_000))
    assert sawit.short == ((2026, 43_312_000), (2027, 97_542_400))


@pytest.mark.parametrize("city", ["bangka", "blitar"])
def test_rows_add_up_to_each_year(city: str) -> None:
    scenario = load_scenario(bundled.city_file(city))[0]
    projection = project(scenario, TABLE, [2025, 2026, 2027], GROWTH)
    for totals in (opd_years(projection), source_years(projection)):
        assert totals
        for index, year in enumerate(projection.years):
            assert sum(t.annual[index] for t in totals) == year.budget.annual
            assert sum(t.people[index] for t in totals) == year.budget.headcount
        assert sum(t.total for t in totals) == projection.annual


def test_report() -> None:
    report = project_report(bangka([2025, 2026, 2027]))
    assert (
        "DBH Sawit: its ceiling of IDR 500,000,000 a year does not cover 2026, 2027 "
        "(at most IDR 97,542,400 over)" in report.summary
    )
    sources = next(s for s in report.sections if s.title == "Per funding source (sumber dana)")
    assert [cell_text(cell) for cell in sources.rows[0]] == [
        "APBD (PAD)",
        "191,520,000",
        "210,672,000",
        "231,840,000",
        "634,032,000",  # 191,520,000 + 210,672,000 + 231,840,000
        "200,000,000",
        "2026, 2027",
    ]
    assert [cell_text(cell) for cell in sources.footer or ()][1:4] == [
        "685,440,000",
        "753,984,000",  # 3,740 x 201,600
        "829,382,400",  # 4,114 x 201,600
    ]
    assert any("given for its fiscal year 2025" in note for note in report.notes)
    offices = next(s for s in report.sections if s.title == "Per office (OPD)")
    assert cell_text(offices.rows[0][0]) == "Dinas Sosial"


def test_without_offices_or_sources_nothing_changes() -> None:
    scenario = load_scenario(bundled.city_file("metro"))[0]
    projection = project(scenario, TABLE, [2025, 2026], GROWTH)
    assert opd_years(projection) == () and source_years(projection) == ()
    data = project_dict(projection)
    assert "by_opd" not in data["totals"] and "by_source" not in data["years"][0]
    assert project_csv(projection).splitlines()[0].startswith("city,year,group,program,")
    report = project_report(projection)
    assert not any("ceiling" in note for note in report.notes)


def test_json_and_csv() -> None:
    projection = bangka([2025, 2026])
    data = project_dict(projection)
    assert data["years"][1]["by_source"][0] == {
        "source": "apbd",
        "label": "APBD (PAD)",
        "people": 1_045,
        "annual": 210_672_000,
        "ceiling": 200_000_000,
        "left": -10_672_000,
    }
    assert data["totals"]["by_source"][1]["not_covered"] == [{"year": 2026, "over": 43_312_000}]
    assert data["totals"]["by_opd"] == [
        {"opd": "dinsos", "label": "Dinas Sosial", "annual": 685_440_000 + 753_984_000}
    ]
    rows = list(csv.DictReader(io.StringIO(project_csv(projection))))
    sawit_2026 = [r for r in rows if r["year"] == "2026" and r["funding"] == "dbh-sawit"]
    assert list(rows[0])[-2:] == ["opd", "funding"]  # last, as in fit's CSV
    assert sum(int(r["apbd_annual"]) for r in sawit_2026 if r["group"] != "SOURCE") == 543_312_000
    [total] = [r for r in sawit_2026 if r["group"] == "SOURCE"]
    assert (total["headcount"], total["apbd_annual"]) == ("2695", "543312000")
    assert {r["opd"] for r in rows if r["group"] not in ("TOTAL", "SOURCE")} == {"dinsos"}


def test_cli_variant_over_its_ceiling_every_year(variant: Path) -> None:
    result = run("project", "--scenario", str(variant), "--years", "2025-2026", "-f", "json")
    assert result.exit_code == 0, result.stderr
    sawit = json.loads(result.stdout)["totals"]["by_source"][1]
    assert sawit["annual"] == 2 * 534_240_000
    assert sawit["not_covered"] == [
        {"year": 2025, "over": 34_240_000},
        {"year": 2026, "over": 34_240_000},
    ]
    table = run("project", "--scenario", str(variant), "--years", "2025-2026")
    assert "does not cover 2025, 2026" in table.stdout
