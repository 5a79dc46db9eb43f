"""Multi-year projection: hand-worked growth and JP caps, year 1 equals the plain estimate."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jamsostek_budget.app.estimate import rate_table_for
from jamsostek_budget.engine.jpcap import with_projected_caps
from jamsostek_budget.engine.premiums import estimate
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Scenario, YearHeadcount
from jamsostek_budget.planning.projection import Assumptions, grow, project
from tests.cli_runner import run
from tests.helpers import make_group, make_scenario
from tests.test_properties import TABLE, scenarios

FLAT = Assumptions(Decimal(0), Decimal(0), Decimal(5))


def test_projected_jp_caps_follow_pp_45_2015(table: RateTable) -> None:
    # 11,086,300 x 1.05 = 11,640,615 -> 11,640,600; x 1.05 = 12,222,630 -> 12,222,600
    caps = with_projected_caps(table, 2028, Decimal(5)).parameters["pu.jp_wage_cap"].values
    assert [(c.effective.isoformat(), int(c.value), c.projected) for c in caps[-3:]] == [
        ("2026-03-01", 11_086_300, False),
        ("2027-03-01", 11_640_600, True),
        ("2028-03-01", 12_222_600, True),
    ]
    assert table.parameters["pu.jp_wage_cap"].values[-1].effective.year == 2026  # unchanged


def test_pu_above_the_cap_in_a_projected_year(table: RateTable) -> None:
    # JP employer 2 %: Jan-Feb 2027 on 11,086,300 (221,726), Mar-Dec on 11,640,600* (232,812)
    group = make_group(segment="pu", monthly_wage=15_000_000, risk_class="low", programs=["jp"])
    projection = project(make_scenario(2026, group), table, [2026, 2027], FLAT)
    year = projection.years[1]
    assert year.budget.annual == 2 * 221_726 + 10 * 232_812
    assert year.projected_cap and not projection.years[0].projected_cap
    assert projection.annual == sum(y.budget.annual for y in projection.years)


def test_headcount_and_wage_growth_round_once_from_the_base(table: RateTable) -> None:
    # 1,000 x 1.03^2 = 1,060.9 -> 1,061 people; wage 2,500,000 x 1.05^2 = 2,756,250
    assert grow(1_000, 2, Decimal(3)) == 1_061
    assert grow(2_500_000, 2, Decimal(5)) == 2_756_250
    pu = make_group(
        id="staff", segment="pu", monthly_wage=2_500_000, risk_class="very_low", headcount=1_000
    )
    growth = Assumptions(Decimal(3), Decimal(5), Decimal(5))
    year = project(make_scenario(2025, pu), table, [2027], growth).years[0]
    line = year.budget.lines[0]
    assert (line.group.headcount, line.group.monthly_wage) == (1_061, 2_756_250)
    # JKK 0.24 % of 2,756,250 = 6,615; JKM 0.30 % = 8,268.75 -> 8,269
    assert line.annual == 1_061 * 12 * (6_615 + 8_269)


def test_explicit_headcounts_and_group_growth_win(table: RateTable) -> None:
    planned = make_group(
        id="a", headcount=100, headcount_by_year=[YearHeadcount(year=2027, headcount=250)]
    )
    own = make_group(id="b", headcount=100, headcount_growth_percent=10)
    projection = project(
        make_scenario(2025, planned, own),
        table,
        [2026, 2027],
        Assumptions(Decimal(3), Decimal(0), Decimal(5)),
    )
    people = [[line.group.headcount for line in y.budget.lines] for y in projection.years]
    assert people == [[103, 110], [250, 121]]


@settings(max_examples=60, deadline=None)
@given(scenarios(), st.integers(2015, 2035), st.integers(0, 4), st.integers(-3, 9))
def test_year_one_equals_the_estimate(scenario: Scenario, year: int, extra: int, gdp: int) -> None:
    # Any fiscal year, past the last announced JP cap too: the estimate's rate table is resolved
    # by api.rate_table_for with the same PP 45/2015 rule and growth as the projection.
    scenario = scenario.model_copy(
        update={
            "fiscal_year": max(year, 2016),
            "projection": scenario.projection.model_copy(
                update={"gdp_growth_percent": Decimal(gdp)}
            ),
        }
    )
    years = list(range(scenario.fiscal_year, scenario.fiscal_year + 1 + extra))
    growth = Assumptions(Decimal(7), Decimal(4), Decimal(gdp))
    projection = project(scenario, TABLE, years, growth)
    plain = estimate(scenario, rate_table_for(scenario, TABLE))
    first = projection.years[0].budget
    assert first.monthly == plain.monthly and first.by_program == plain.by_program
    assert first.rates_used == plain.rates_used
    assert projection.annual == sum(y.budget.annual for y in projection.years)


def test_past_the_last_cap_estimate_and_projection_use_the_projected_cap(
    table: RateTable,
) -> None:
    # wage 11,086,325 in March 2027: the 2026 cap (11,086,300) would cap it (2 % x 11,086,300 =
    # 221,726); the cap projected for March 2027, 11,086,300 x 1.05 = 11,640,615 -> 11,640,600,
    # does not, so the whole wage counts: 2 % x 11,086,325 = 221,726.5 -> 221,727.
    # January and February 2027 still use the 2026 cap: 221,726.
    group = make_group(segment="pu", monthly_wage=11_086_325, risk_class="low", programs=["jp"])
    scenario = make_scenario(2027, group)
    planned = estimate(scenario, rate_table_for(scenario, table)).lines[0].per_person_by_month
    assert planned[:3] == (221_726, 221_726, 221_727)
    projected = project(scenario, table, [2027], FLAT).years[0]
    assert projected.budget.lines[0].per_person_by_month == planned
    assert projected.projected_cap


def test_a_base_year_without_rates_can_still_be_projected(tmp_path) -> None:
    # only the projected years need rates in force; 2014 is just where headcounts grow from:
    # 100 x 1.10^12 = 313.8 -> 314 people in 2026, x Rp201,600
    path = tmp_path / "old.yaml"
    path.write_text(
        "city: k\nname: K\nprovince: P\nfiscal_year: 2014\ngroups:\n"
        "  - {id: a, label: A, segment: bpu, headcount: 100, declared_income: 1000000,\n"
        "     programs: [jkk, jkm], headcount_growth_percent: 10}\n",
        encoding="utf-8",
    )
    result = run("project", "--scenario", str(path), "--years", "2026", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # no stale-cap warning: the projection extends the cap
    assert json.loads(result.stdout)["years"][0]["annual"] == 314 * 201_600


def test_project_cli_table_json_csv() -> None:
    table_out = run("project", "--city", "metro", "--years", "2025-2027")
    assert table_out.exit_code == 0, table_out.stderr
    assert " 11,640,600*" in table_out.stdout and "projected JP wage cap" in table_out.stdout
    data = json.loads(run("project", "-c", "metro", "--years", "2025..2026", "-f", "json").stdout)
    assert [y["annual"] for y in data["years"]] == [1_720_963_200, 1_720_963_200]
    assert data["totals"]["annual"] == 2 * 1_720_963_200
    rows = run("project", "-c", "metro", "--years", "2026", "-f", "csv").stdout.splitlines()
    assert rows[-1].split(",")[5] == "1720963200"


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--years", "2030-2026"], 2, ["reversed", "2026-2030"]),
        (["--years", "soon"], 2, ["not a range of years"]),
        (["--years", "2026-2030", "--gdp-growth", "lots"], 2, ["not a percentage"]),
        (["--years", "2026-2030", "--headcount-growth", "-150"], 2, ["between -100 and 1000"]),
        (["--years", "2010-2012"], 1, ["--years", "July 2015"]),
    ],
)
def test_project_bad_input(args: list[str], code: int, words: list[str]) -> None:
    result = run("project", "--city", "metro", *args)
    assert result.exit_code == code, result.stdout
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.stderr
