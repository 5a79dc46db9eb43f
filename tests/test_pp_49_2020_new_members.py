"""PP 49/2020 Pasal 13: who gets the COVID relief (JKK and JKM at 1 % for contribution months
August 2020 to January 2021), by when they were registered.

The article (quoted by Kontan, 8 September 2020, and the Kemnaker e-kliping of 10 September
2020; rates/reliefs.yaml): participants registered before August 2020 get the relief (once their
JKK and JKM are paid up to July 2020); participants registered after July 2020 pay JKK and JKM in
full for their first two months and get the relief from the third month of membership to the end
of the relief, none when that third month is after January 2021.

A group's registration month is `enrolled:`, else its start_month when it starts after January
(a new enrolment), else before the fiscal year.

Figures: BPU band 1 (PP 44/2015 Lampiran II; Kota Metro article 000_4568f24a7734133d): JKK
10,000 + JKM 6,800 = 16,800 a month; with the relief 1 % x 10,000 = 100 + 1 % x 6,800 = 68 = 168.
PU very low risk, wage 2,500,000 (PP 44/2015 Pasal 16, JKM 0.30 %): JKK 0.24 % = 6,000 + JKM
7,500 = 13,500; with the relief 60 + 75 = 135.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jamsostek_budget.engine.premiums import estimate
from jamsostek_budget.model.ratetable import RateTable
from tests.cli_runner import run
from tests.helpers import budget_for, make_group, make_scenario
from tests.test_roster_costing import cost, person

FULL, RELIEF = 16_800, 168


def test_a_group_enrolled_from_october_2020(table: RateTable) -> None:
    # Registered October 2020: October and November (months 1 and 2 of membership) in full,
    # December 2020 (month 3) and January 2021 (month 4, the relief's last) at 1 %.
    # Fiscal 2020, start_month 10: 16,800 + 16,800 + 168 = 33,768 a person.
    fy2020 = budget_for(table, 2020, start_month=10).lines[0]
    assert fy2020.per_person_by_month[9:] == (FULL, FULL, RELIEF)
    assert fy2020.annual == 33_768
    # Fiscal 2021, the same people (enrolled: 2020-10), covered all year: January 2021 at 168,
    # February to December in full: 168 + 11 x 16,800 = 184,968.
    fy2021 = budget_for(table, 2021, enrolled="2020-10").lines[0]
    assert fy2021.per_person_by_month == (RELIEF,) + (FULL,) * 11
    assert fy2021.annual == 184_968


@pytest.mark.parametrize(
    ("year", "fields", "months", "annual"),
    [
        # registered August 2020: August, September in full; October to December at 1 %:
        # 2 x 16,800 + 3 x 168 = 34,104
        (2020, {"start_month": 8}, (FULL, FULL, RELIEF, RELIEF, RELIEF), 34_104),
        # registered December 2020: its third month, February 2021, is after the relief: none
        (2020, {"start_month": 12}, (FULL,), 16_800),
        (2021, {"enrolled": "2020-12"}, (FULL, FULL), 12 * 16_800),
        # registered November 2020: January 2021 is its third month: 168
        (2021, {"enrolled": "2020-11"}, (RELIEF, FULL), 168 + 11 * 16_800),
        # registered in 2019 though the Pemda pays only from October 2020: relief at once,
        # 3 x 168 = 504
        (2020, {"start_month": 10, "enrolled": "2019-05"}, (RELIEF, RELIEF, RELIEF), 504),
    ],
)
# (registered before August 2020, Pasal 13 ayat 1: test_engine_handworked's PP 49/2020 test)
def test_registration_decides_the_first_relieved_month(
    table: RateTable, year: int, fields: dict[str, Any], months: tuple[int, ...], annual: int
) -> None:
    line = budget_for(table, year, **fields).lines[0]
    covered = tuple(line.per_person_by_month[m - 1] for m in line.months)
    assert covered[: len(months)] == months
    assert line.annual == annual


def test_pu_registered_in_november_2020(table: RateTable) -> None:
    # November, December 2020 in full (13,500), January 2021 at 135; JHT is never relieved
    # (3.7 % x 2,500,000 = 92,500)
    pu = {"segment": "pu", "monthly_wage": 2_500_000, "risk_class": "very_low"}
    fy2020 = budget_for(table, 2020, start_month=11, programs=["jkk", "jkm", "jht"], **pu)
    assert fy2020.lines[0].per_person_by_month[10:] == (13_500 + 92_500,) * 2
    fy2021 = budget_for(table, 2021, enrolled="2020-11", programs=["jkk", "jkm"], **pu)
    assert fy2021.lines[0].per_person_by_month[:2] == (135, 13_500)


def test_a_roster_of_the_october_group_costs_the_same(table: RateTable) -> None:
    # two people of the October 2020 group: 2 x 33,768 = 67,536; the relief is listed
    group = make_group(headcount=2, start_month=10)
    budget, people = cost(make_scenario(2020, group), person(group), person(group))
    assert budget.annual == 67_536 == estimate(make_scenario(2020, group), table).annual
    assert people["apbd_annual"].to_list() == [33_768, 33_768]
    assert [relief.id for relief in budget.reliefs_applied] == ["pp-49-2020-covid"]


def test_a_scenario_file_with_enrolled(tmp_path: Path) -> None:
    path = tmp_path / "kota.yaml"
    path.write_text(
        "city: k\nname: K\nprovince: P\nfiscal_year: 2021\ngroups:\n"
        "  - {id: rt, label: RT, segment: bpu, headcount: 100, declared_income: 1000000,\n"
        "     programs: [jkk, jkm], enrolled: 2020-10}\n",
        encoding="utf-8",
    )
    result = run("estimate", "--scenario", str(path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["totals"]["monthly"][:2] == [100 * RELIEF, 100 * FULL]
    assert data["totals"]["annual"] == 100 * 184_968
    assert data["reliefs_applied"] == ["pp-49-2020-covid"]


def test_covered_before_registration_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kota.yaml"
    path.write_text(
        "city: k\nname: K\nprovince: P\nfiscal_year: 2020\ngroups:\n"
        "  - id: rt\n    label: RT\n    segment: bpu\n    headcount: 100\n"
        "    declared_income: 1000000\n    programs: [jkk, jkm]\n    start_month: 10\n"
        "    enrolled: 2020-12\n",
        encoding="utf-8",
    )
    result = run("estimate", "--scenario", str(path))
    assert result.exit_code == 1
    assert "kota.yaml:13:" in result.stderr and "groups[0].enrolled" in result.stderr
    assert "covered from October 2020, before its participants were registered" in result.stderr
    assert "enrolled: 2020-10 or earlier" in result.stderr
