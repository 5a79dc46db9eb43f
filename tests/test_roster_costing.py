"""Costing a roster: hand-worked figures, and properties against the engine.

Sources of the hand-worked figures are those of test_engine_handworked: PP 44/2015 Lampiran II
(BPU bands, JKK 1 % of the nominal, JKM Rp6,800), the Kota Metro article 000_4568f24a7734133d
(Rp16,800 = JKK 10,000 + JKM 6,800), radarmukomuko (top band JKK Rp207,000), PP 45/2015 Pasal 28-29
(JP 2 % + 1 % up to the wage cap: Rp10,547,400 from March 2025, Rp11,086,300 from March 2026) and
PP 49/2020 (JKK and JKM at 1 % for contribution months August 2020 to January 2021).
"""

from __future__ import annotations

import random
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jamsostek_budget.engine.budget import Budget, GroupLine, add_months
from jamsostek_budget.engine.premiums import estimate
from jamsostek_budget.model.fields import year_month
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Group, Scenario
from jamsostek_budget.roster.costing import per_person, roster_budget
from tests.helpers import make_group, make_scenario
from tests.test_properties import TABLE, assert_adds_up, scenarios

SCHEMA = {"line": pl.Int64} | dict.fromkeys(("nik", "name", "group"), pl.String)
FIELDS = ("declared_income", "monthly_wage", "start_month", "end_month")  # the group's or a row's
SCHEMA |= dict.fromkeys(FIELDS, pl.Int64)
PU = {"segment": "pu", "risk_class": "very_low", "monthly_wage": 2_500_000}


def person(group: Group, **fields: Any) -> dict[str, Any]:
    """One roster row of `group`, carrying the group's own values unless given."""
    row = {"nik": "1871010101900001", "name": "Siti", "group": group.id}
    return row | {name: getattr(group, name) for name in FIELDS} | fields


def roster(*rows: dict[str, Any]) -> pl.DataFrame:
    lines = [{"line": index} | row for index, row in enumerate(rows, 2)]
    return pl.DataFrame(lines, schema=SCHEMA)


def cost(scenario: Scenario, *rows: dict[str, Any]) -> tuple[Budget, pl.DataFrame]:
    accepted = roster(*rows)
    return roster_budget(accepted, scenario, TABLE), per_person(accepted, scenario, TABLE)


@pytest.mark.parametrize(
    ("income", "band", "jkk"),
    [
        (1_000_000, 1, 10_000),  # Rp16,800 = JKK 10,000 + JKM 6,800 (Kota Metro article)
        (1_200_000, 2, 12_000),  # Rp18,800: band 2, nominal 1,200,000
        (30_000_000, 33, 207_000),  # above the top band: the top band, JKK Rp207,000
    ],
)
def test_bpu_bands(table: RateTable, income: int, band: int, jkk: int) -> None:
    group = make_group()
    budget, people = cost(make_scenario(2025, group), person(group, declared_income=income))
    assert budget.lines[0].band == band
    assert budget.lines[0].per_person_monthly == jkk + 6_800
    row = people.row(0, named=True)
    assert (row["jkk_monthly"], row["jkm_monthly"]) == (jkk, 6_800)
    assert row["apbd_annual"] == budget.annual == (jkk + 6_800) * 12
    assert f"bpu.income_bands[{band:02d}]" in {use.name for use in budget.rates_used}


def test_a_group_across_bands_lists_every_band_and_averages(table: RateTable) -> None:
    group = make_group()
    incomes = (1_000_000, 1_200_000, 95_000_000)
    rows = [person(group, declared_income=income) for income in incomes]
    budget, _ = cost(make_scenario(2025, group), *rows)
    line = budget.lines[0]
    assert line.band is None
    assert budget.annual == (16_800 + 18_800 + 213_800) * 12
    assert line.per_person_monthly == (16_800 + 18_800 + 213_800) // 3  # 83,133.33 -> 83,133
    bands = {use.name for use in budget.rates_used if use.name.startswith("bpu.income_bands")}
    assert bands == {"bpu.income_bands[01]", "bpu.income_bands[02]", "bpu.income_bands[33]"}


def test_per_person_average_rounds_half_up(table: RateTable) -> None:
    # JKK 0.24 %: 2,500,000 -> 6,000; 2,500,417 -> 6,001.0008 -> 6,001; average 6,000.5 -> 6,001
    group = make_group(**PU, programs=["jkk"])
    budget, people = cost(
        make_scenario(2025, group), person(group), person(group, monthly_wage=2_500_417)
    )
    assert budget.lines[0].programs[0].per_person == (6_001,) * 12
    assert people["jkk_monthly"].to_list() == [6_000, 6_001]
    assert budget.annual == 12_001 * 12


def test_pu_wage_above_the_jp_cap_crossing_march(table: RateTable) -> None:
    # 2 % of 10,547,400 = 210,948 in Jan-Feb 2026; 2 % of 11,086,300 = 221,726 from March
    group = make_group(**PU | {"monthly_wage": 12_000_000}, programs=["jp"])
    budget, people = cost(
        make_scenario(2026, group), person(group), person(group, start_month=4, end_month=5)
    )
    line = budget.lines[0]
    assert line.programs[0].per_person == (210_948,) * 2 + (221_726,) * 10
    assert line.monthly == (210_948,) * 2 + (221_726,) + (443_452,) * 2 + (221_726,) * 7
    assert people["jp_monthly"].to_list() == [210_948, 221_726]
    assert people["jp_annual"].to_list() == [2_639_156, 443_452]
    assert people["worker_annual"].to_list() == [1_319_578, 221_726]  # 1 %: 105,474 / 110,863
    assert line.worker_annual == 1_319_578 + 221_726


def test_a_person_starting_in_october(table: RateTable) -> None:
    group = make_group()
    budget, people = cost(make_scenario(2025, group), person(group), person(group, start_month=10))
    line = budget.lines[0]
    assert line.monthly == (16_800,) * 9 + (33_600,) * 3
    assert line.per_person_by_month == (16_800,) * 12
    assert people["apbd_annual"].to_list() == [201_600, 50_400]
    alone, _ = cost(make_scenario(2025, group), person(group, start_month=10))
    assert alone.lines[0].months == (10, 11, 12)
    assert alone.lines[0].group.headcount == 1


def test_pp_49_2020_months_cost_168(table: RateTable) -> None:
    # JKK 10,000 -> 100 and JKM 6,800 -> 68 for contribution months Aug 2020 - Jan 2021
    group = make_group()
    budget, people = cost(make_scenario(2020, group), person(group), person(group, start_month=8))
    assert budget.lines[0].per_person_by_month == (16_800,) * 7 + (168,) * 5
    assert people["apbd_annual"].to_list() == [118_440, 840]
    assert (people["jkk_monthly"][1], people["jkm_monthly"][1]) == (100, 68)
    assert [relief.id for relief in budget.reliefs_applied] == ["pp-49-2020-covid"]
    fy2021, _ = cost(make_scenario(2021, group), person(group))
    assert fy2021.annual == 184_968


def test_groups_without_rows_keep_their_place_at_zero(table: RateTable) -> None:
    bpu, pu = make_group(), make_group(id="pu", **PU, programs=["jkk", "jht", "jp"])
    budget, people = cost(make_scenario(2025, bpu, pu), person(bpu))
    assert [line.group.headcount for line in budget.lines] == [1, 0]
    assert budget.lines[1].annual == 0
    assert budget.lines[1].band is None
    assert people.columns[4:] == [
        *("jkk_monthly", "jkk_annual", "jkm_monthly", "jkm_annual", "jht_monthly"),
        *("jht_annual", "jp_monthly", "jp_annual", "apbd_annual", "worker_annual"),
    ]
    assert people["jp_annual"].to_list() == [None]  # the person's group has no JP


def test_an_empty_roster_costs_nothing(table: RateTable) -> None:
    group = make_group()
    budget, people = cost(make_scenario(2025, group))
    assert budget.annual == budget.headcount == 0
    assert budget.rates_used == ()
    assert people.height == 0
    assert all(people[name].dtype == pl.Int64 for name in people.columns[4:])


def test_rows_of_an_unknown_group_or_without_income_are_refused(table: RateTable) -> None:
    group = make_group()
    with pytest.raises(ValueError, match="not in the scenario: nope"):
        cost(make_scenario(2025, group), person(group) | {"group": "nope"})
    with pytest.raises(ValueError, match="1 rows have no declared_income"):
        cost(make_scenario(2025, group), person(group, declared_income=None))


def test_huge_wages_are_exact_or_refused(table: RateTable) -> None:
    group = make_group(**PU, programs=["jkk", "jkm", "jht", "jp"], apbd_pays_worker_share=True)
    big = group.model_copy(update={"monthly_wage": 9 * 10**18 + 123_457})  # near 2**63
    budget, people = cost(make_scenario(2025, group), person(big))
    engine_budget = estimate(make_scenario(2025, big), TABLE)
    assert budget.lines[0].programs == engine_budget.lines[0].programs
    assert people["apbd_annual"].to_list() == [engine_budget.annual]
    with pytest.raises(OverflowError, match="64-bit"):  # two of them could not be summed
        cost(make_scenario(2025, group), person(big), person(big))


def _variant(group: Group, data: st.DataObject) -> Group:
    """Reach the PP 50/2025 reliefs too: bpu groups not paid from the APBD, transport sector."""
    if group.segment == "pu" or not data.draw(st.booleans()):
        return group
    sector = data.draw(st.sampled_from(["transport", "other"]))
    return group.model_copy(update={"apbd_paid": False, "sector": sector})


def _small_scenario(data: st.DataObject) -> Scenario:
    scenario = data.draw(scenarios())
    year = data.draw(st.sampled_from([2020, 2021, 2025, 2026, scenario.fiscal_year]))
    groups = [
        _variant(g, data).model_copy(update={"headcount": data.draw(st.integers(0, 4))})
        for g in scenario.groups
    ]
    return scenario.model_copy(update={"fiscal_year": year, "groups": groups})


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_rows_like_their_group_cost_what_the_engine_estimates(data: st.DataObject) -> None:
    scenario = _small_scenario(data)
    rows = [person(g) for g in scenario.groups for _ in range(g.headcount)]
    budget, people = cost(scenario, *rows)
    expected = estimate(scenario, TABLE)
    for line, engine_line in zip(budget.lines, expected.lines, strict=True):
        if line.group.headcount:
            assert line == engine_line
        assert line.monthly == engine_line.monthly
        assert line.worker_monthly == engine_line.worker_monthly
    if all(group.headcount for group in scenario.groups):
        assert budget == expected
    assert people["apbd_annual"].sum() == budget.annual == expected.annual
    assert people["worker_annual"].sum() == budget.worker_annual == expected.worker_annual


@st.composite
def rows_of(draw: st.DrawFn, scenario: Scenario) -> list[dict[str, Any]]:
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        group, start = draw(st.sampled_from(scenario.groups)), draw(st.integers(1, 12))
        base = "declared_income" if group.segment == "bpu" else "monthly_wage"
        fields = {base: draw(st.integers(1, 40_000_000)), "end_month": draw(st.integers(start, 12))}
        rows.append(person(group, start_month=start, **fields))
    return rows


def _alone(scenario: Scenario, row: dict[str, Any]) -> Budget:
    """The engine's estimate for one person: the row's group with the row's values. A row's
    months do not move when its group was registered (PP 49/2020 Pasal 13 reads the group's)."""
    group = next(g for g in scenario.groups if g.id == row["group"])
    enrolled = year_month(group.enrolment(scenario.fiscal_year))
    update = {**{k: row[k] for k in FIELDS}, "headcount": 1, "enrolled": enrolled}
    alone = group.model_copy(update=update)
    return estimate(scenario.model_copy(update={"groups": [alone]}), TABLE)


def _assert_line_sums_its_people(line: GroupLine, alone: list[GroupLine]) -> None:
    assert line.group.headcount == len(alone)
    for program in line.programs:
        theirs = [p for one in alone for p in one.programs if p.program == program.program]
        assert program.apbd == add_months(p.apbd for p in theirs)
        assert program.worker == add_months(p.worker for p in theirs)
        people = add_months([int(m in one.months) for m in range(1, 13)] for one in alone)
        assert program.per_person == tuple(
            (2 * amount + count) // (2 * count) if count else 0  # the average, half up
            for amount, count in zip(program.apbd, people, strict=True)
        )
    bands = {one.band for one in alone}
    assert line.band == (bands.pop() if len(bands) == 1 and alone else None)
    if alone:
        assert line.months[0] == min(one.months[0] for one in alone)
        assert line.months[-1] == max(one.months[-1] for one in alone)


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_a_roster_costs_the_sum_of_its_people(data: st.DataObject) -> None:
    scenario = _small_scenario(data)
    rows = data.draw(rows_of(scenario))
    budget, people = cost(scenario, *rows)
    assert_adds_up(budget)
    singles = [_alone(scenario, row) for row in rows]
    alone = [single.lines[0] for single in singles]
    for line in budget.lines:
        _assert_line_sums_its_people(line, [one for one in alone if one.group.id == line.group.id])
    used = {(use.name, use.effective) for one in singles for use in one.rates_used}
    assert {(use.name, use.effective) for use in budget.rates_used} == used
    reliefs = {relief.id for one in singles for relief in one.reliefs_applied}
    assert {relief.id for relief in budget.reliefs_applied} == reliefs
    for row, one in zip(people.iter_rows(named=True), alone, strict=True):
        assert (row["apbd_annual"], row["worker_annual"]) == (one.annual, one.worker_annual)
        for program in one.programs:
            assert row[f"{program.program}_annual"] == program.annual
            assert row[f"{program.program}_monthly"] == program.per_person[one.months[0] - 1]
    assert all(isinstance(amount, int) for line in budget.lines for amount in line.monthly)


def _generated_roster(count: int, bpu: Group, pu: Group) -> pl.DataFrame:
    """`count` people, half bpu and half pu, with random incomes, wages and months."""
    draw = random.Random(2026)
    is_bpu = [draw.random() < 0.5 for _ in range(count)]
    amounts = [draw.randrange(30_000_000) for _ in range(count)]
    starts = [draw.randint(1, 12) for _ in range(count)]
    columns = {
        "line": range(2, count + 2),
        "nik": [f"{index:016d}" for index in range(count)],
        "name": ["Budi"] * count,
        "group": [bpu.id if b else pu.id for b in is_bpu],
        "declared_income": [a if b else None for a, b in zip(amounts, is_bpu, strict=True)],
        "monthly_wage": [None if b else a for a, b in zip(amounts, is_bpu, strict=True)],
        "start_month": starts,
        "end_month": [draw.randint(start, 12) for start in starts],
    }
    return pl.DataFrame(columns, schema=SCHEMA)


def test_two_hundred_thousand_rows_complete(table: RateTable) -> None:
    """A smoke check of the vectorized path (speed is measured in benchmarks/, not asserted)."""
    bpu = make_group(programs=["jkk", "jkm", "jht"])
    pu = make_group(id="pu", **PU, programs=["jkk", "jkm", "jht", "jp"])
    accepted = _generated_roster(200_000, bpu, pu)
    scenario = make_scenario(2026, bpu, pu)
    budget = roster_budget(accepted, scenario, table)
    people = per_person(accepted, scenario, table)
    assert budget.headcount == people.height == accepted.height
    assert people["apbd_annual"].sum() == budget.annual
    assert people["worker_annual"].sum() == budget.worker_annual
    assert_adds_up(budget)
