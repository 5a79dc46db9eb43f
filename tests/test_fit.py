"""Fitting a budget ceiling (`jbudget fit`): hand-worked figures, properties and bad input.

Per-person figures: BPU band 1 with JKK and JKM is Rp16,800 a month (JKK 1 % of Rp1,000,000 plus
JKM Rp6,800, PP 44/2015; quoted by the Kota Metro news article 000_4568f24a7734133d), so
Rp201,600 a year; band 2 (declared Rp1,200,000, nominal Rp1,200,000) is Rp18,800 a month,
Rp225,600 a year. Kota Metro (examples/metro.yaml, 2025) is 8,477 people costing
Rp1,720,963,200 a year: 7,977 in band 1 (Rp1,608,163,200) and 500 guru honorer in band 2
(Rp112,800,000).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jamsostek_budget.app import estimate as api
from jamsostek_budget.engine import premiums as engine
from jamsostek_budget.errors import UsageError
from jamsostek_budget.loading import bundled
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Group, Scenario
from jamsostek_budget.planning.fit import FULL_SHARE, MODES, FitResult, fit, share_cost
from jamsostek_budget.render.fit.csvout import fit_csv
from jamsostek_budget.render.fit.jsonout import fit_dict, render_fit_json
from jamsostek_budget.render.fit.report import fit_report
from jamsostek_budget.render.shared.sections import cell_text
from tests.helpers import make_group, make_scenario

TABLE = api.load_rate_table()
METRO, _ = load_scenario(bundled.city_file("metro"))
BAND_1_YEAR, BAND_2_YEAR = 201_600, 225_600


def covered(result: FitResult) -> dict[str, int]:
    return {line.group_id: line.covered for line in result.lines}


def two_groups() -> Scenario:
    """100 people in band 1 (Rp201,600 a year each) and 40 in band 2 (Rp225,600)."""
    return make_scenario(
        2025,
        make_group(id="a", label="A", headcount=100),
        make_group(id="b", label="B", headcount=40, declared_income=1_200_000),
    )


def test_metro_per_person_cost_times_headcount_is_the_group_cost(table: RateTable) -> None:
    snapshots = engine.month_snapshots(table, 2025)
    budget = engine.estimate(METRO, table)
    for group, line in zip(METRO.groups, budget.lines, strict=True):
        one = engine.group_line(group.model_copy(update={"headcount": 1}), snapshots).annual
        assert one == (BAND_2_YEAR if group.id == "guru-honorer" else BAND_1_YEAR)
        assert line.annual == group.headcount * one
    assert budget.annual == 1_720_963_200


def test_metro_1_5_billion_in_file_order(table: RateTable) -> None:
    """Rp1,500,000,000 in file order, all Rp201,600 a person except guru honorer:

    non-asn        3,699 x 201,600 = 745,718,400   left 754,281,600
    ketua-rt-rw    1,400 x 201,600 = 282,240,000   left 472,041,600
    guru-ngaji     1,200 x 201,600 = 241,920,000   left 230,121,600
    kader-posyandu   940 x 201,600 = 189,504,000   left  40,617,600
    marbot: 40,617,600 // 201,600 = 201 of 600 = 40,521,600, left 96,000
    guru-honorer (225,600) and penjaga-makam (201,600): more than 96,000, none.
    Cost 1,499,904,000; 7,440 covered; 399 + 500 + 138 = 1,037 not covered.
    """
    result = fit(METRO, table, 1_500_000_000)
    assert result.order == tuple(group.id for group in METRO.groups)
    assert covered(result) == {
        "non-asn": 3_699,
        "ketua-rt-rw": 1_400,
        "guru-ngaji": 1_200,
        "kader-posyandu": 940,
        "marbot": 201,
        "guru-honorer": 0,
        "penjaga-makam": 0,
    }
    assert (result.cost, result.left) == (1_499_904_000, 96_000)
    assert (result.people_covered, result.people_not_covered) == (7_440, 1_037)
    assert result.budget.annual == 1_499_904_000
    assert result.share_basis_points is None
    assert result.full_cost == 1_720_963_200


def test_metro_priority_argument_puts_listed_groups_first(table: RateTable) -> None:
    """guru-honorer 500 x 225,600 = 112,800,000 and penjaga-makam 138 x 201,600 = 27,820,800
    first: left 1,359,379,200; then non-asn, ketua-rt-rw, guru-ngaji in full (1,269,878,400)
    leave 89,500,800; kader-posyandu gets 89,500,800 // 201,600 = 443 (89,308,800), leaving
    192,000; marbot none. Not covered: 497 + 600 = 1,097."""
    result = fit(METRO, table, 1_500_000_000, priority=["guru-honorer", "penjaga-makam"])
    assert result.order[:3] == ("guru-honorer", "penjaga-makam", "non-asn")
    assert covered(result)["kader-posyandu"] == 443
    assert covered(result)["marbot"] == 0
    assert (result.cost, result.left, result.people_not_covered) == (1_499_808_000, 192_000, 1_097)


def test_scenario_priority_is_used_unless_the_argument_overrides_it(table: RateTable) -> None:
    with_priority = METRO.model_copy(update={"priority": ["penjaga-makam"]})
    assert fit(with_priority, table, 0).order[0] == "penjaga-makam"
    assert fit(with_priority, table, 0, priority=["marbot"]).order[:2] == (
        "marbot",
        "non-asn",
    )


def test_metro_1_5_billion_proportional(table: RateTable) -> None:
    """At 87.19 %: floor(3,699 x .8719) = 3,225, 1,220, 1,046, 819, 523 in band 1 with 120
    penjaga makam (6,953 x 201,600 = 1,401,724,800) and 435 guru honorer (98,136,000):
    1,499,860,800. At 87.20 % guru honorer reaches floor(500 x .872) = 436, adding 225,600:
    1,500,086,400, over the ceiling."""
    result = fit(METRO, table, 1_500_000_000, mode="proportional")
    assert result.share_basis_points == 8_719
    assert list(covered(result).values()) == [3_225, 1_220, 1_046, 819, 523, 435, 120]
    assert (result.cost, result.left) == (1_499_860_800, 139_200)


def test_two_groups_proportional_hand_worked(table: RateTable) -> None:
    """Ceiling Rp20,000,000. At 68.00 %: 68 x 201,600 + floor(40 x .68) = 27 x 225,600 =
    13,708,800 + 6,091,200 = 19,800,000. Group A reaches 69 at 69.00 %: 13,910,400 + 6,091,200
    = 20,001,600, over. B reaches 28 only at 70.00 %. So the share is 68.99 %: 68 and 27."""
    result = fit(two_groups(), table, 20_000_000, mode="proportional")
    assert result.share_basis_points == 6_899
    assert covered(result) == {"a": 68, "b": 27}
    assert (result.cost, result.left) == (19_800_000, 200_000)


def test_two_groups_priority_hand_worked(table: RateTable) -> None:
    """20,000,000 // 201,600 = 99 of group A (19,958,400); 41,600 left buys no one in B."""
    result = fit(two_groups(), table, 20_000_000)
    assert covered(result) == {"a": 99, "b": 0}
    assert result.left == 41_600


def test_a_cheaper_later_group_is_funded_from_what_is_left(table: RateTable) -> None:
    """One band-2 person (225,600) first, then ten in band 1 (201,600). Rp500,000 covers the
    band-2 person and leaves 274,400, enough for one band-1 person. Rp210,000 does not cover the
    band-2 person, but still one band-1 person: priority mode is maximal, not a stop at the first
    group that does not fit."""
    scenario = make_scenario(
        2025,
        make_group(id="dear", headcount=1, declared_income=1_200_000),
        make_group(id="cheap", headcount=10),
    )
    assert covered(fit(scenario, table, 500_000)) == {"dear": 1, "cheap": 1}
    assert covered(fit(scenario, table, 210_000)) == {"dear": 0, "cheap": 1}
    # B first in the two-group scenario: 1,130,000 // 225,600 = 5 (1,128,000), 2,000 left.
    assert covered(fit(two_groups(), table, 1_130_000, priority=["b"])) == {"b": 5, "a": 0}


def test_a_group_that_costs_nothing_is_fully_covered(table: RateTable) -> None:
    # No file can say so (a wage of 0 is refused), but a relief at payable_percent 0 can.
    paying = make_group(id="free", segment="pu", monthly_wage=1, risk_class="very_low", headcount=7)
    free = paying.model_copy(update={"monthly_wage": 0})
    result = fit(make_scenario(2025, free, make_group(id="paid", headcount=3)), table, 0)
    assert covered(result) == {"free": 7, "paid": 0}
    assert result.lines[0].per_person_annual == 0


def test_a_ceiling_above_the_full_estimate_covers_everyone(table: RateTable) -> None:
    for mode in MODES:
        result = fit(METRO, table, 2_000_000_000, mode=mode)
        assert result.people_not_covered == 0
        assert result.left == 2_000_000_000 - 1_720_963_200 == 279_036_800
    assert fit(METRO, table, 1_720_963_200).left == 0


@pytest.mark.parametrize(
    ("kwargs", "message", "hint"),
    [
        ({"priority": ["marbott"]}, "names 'marbott', but no group has that id", "'marbot'?"),
        ({"priority": ["zzz"]}, "no group has that id", "the group ids are: non-asn, ketua"),
        ({"priority": ["marbot", "marbot"]}, "lists 'marbot' twice", "list each group once"),
        ({"ceiling": -1}, "cannot be negative", "0 or more"),
        ({"mode": "fair"}, "unknown fit mode 'fair'", "priority, proportional"),
    ],
)
def test_bad_input(table: RateTable, kwargs: dict[str, Any], message: str, hint: str) -> None:
    arguments: dict[str, Any] = {"ceiling": 1_000_000, **kwargs}
    ceiling = arguments.pop("ceiling")
    with pytest.raises(UsageError) as caught:
        fit(METRO, table, ceiling, **arguments)
    assert message in caught.value.message
    assert hint in caught.value.hint


@st.composite
def groups(draw: st.DrawFn, index: int) -> Group:
    start = draw(st.integers(1, 12))
    fields: dict[str, Any] = {
        "id": f"g{index}",
        "headcount": draw(st.integers(0, 5_000)),
        "start_month": start,
        "end_month": draw(st.integers(start, 12)),
    }
    if draw(st.booleans()):
        fields["declared_income"] = draw(st.integers(1, 25_000_000))
        fields["programs"] = draw(st.sampled_from([["jkk", "jkm"], ["jkk", "jkm", "jht"]]))
    else:
        fields |= {"segment": "pu", "monthly_wage": draw(st.integers(1, 20_000_000))}
        fields |= {"risk_class": "medium", "programs": ["jkk", "jkm", "jht", "jp"]}
    return make_group(**fields)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Scenario, int]:
    count = draw(st.integers(1, 4))
    scenario = make_scenario(
        draw(st.integers(2020, 2026)), *(draw(groups(i)) for i in range(count))
    )
    full = engine.estimate(scenario, TABLE).annual
    ceiling = draw(st.integers(0, full + 1_000_000) | st.integers(0, 10**12))
    ids = draw(st.permutations([group.id for group in scenario.groups]))
    priority = ids[: draw(st.integers(0, count))]  # some groups listed, the rest in file order
    return scenario.model_copy(update={"priority": priority}), ceiling


def check_result(result: FitResult, scenario: Scenario, ceiling: int) -> None:
    assert 0 <= result.cost <= ceiling
    assert result.left == ceiling - result.cost
    assert result.cost == result.budget.annual
    assert all(0 <= line.covered <= line.wanted for line in result.lines)
    assert result.people_wanted == scenario.headcount
    assert sorted(result.order) == sorted(group.id for group in scenario.groups)
    assert result.order[: len(scenario.priority)] == tuple(scenario.priority)
    if ceiling >= engine.estimate(scenario, TABLE).annual:
        assert result.people_not_covered == 0


@settings(max_examples=150, deadline=None)
@given(cases())
def test_priority_mode_fits_and_is_maximal(case: tuple[Scenario, int]) -> None:
    scenario, ceiling = case
    result = fit(scenario, TABLE, ceiling)
    check_result(result, scenario, ceiling)
    waiting = [line for line in result.lines if line.not_covered]
    assert all(line.per_person_annual > result.left for line in waiting)


@settings(max_examples=150, deadline=None)
@given(cases())
def test_proportional_mode_fits_and_takes_the_largest_share(case: tuple[Scenario, int]) -> None:
    scenario, ceiling = case
    result = fit(scenario, TABLE, ceiling, mode="proportional")
    check_result(result, scenario, ceiling)
    share = result.share_basis_points
    assert share is not None and 0 <= share <= FULL_SHARE
    wanted = [line.wanted for line in result.lines]
    costs = [line.per_person_annual for line in result.lines]
    assert share == FULL_SHARE or share_cost(wanted, costs, share + 1) > ceiling


def test_report_title_summary_and_rows(table: RateTable) -> None:
    report = fit_report(fit(METRO, table, 1_500_000_000))
    assert report.title == (
        "Kota Metro: what IDR 1,500,000,000 a year covers, fiscal year 2025 (priority order)"
    )
    assert report.summary == (
        "APBD cost: IDR 1,499,904,000 a year for 7,440 of 8,477 people",
        "Left of the ceiling: IDR 96,000",
        "Not covered: 1,037 people; covering everyone costs IDR 1,720,963,200 a year, "
        "IDR 220,963,200 more than the ceiling",
    )
    (section,) = report.sections
    marbot = section.rows[4]
    assert marbot == ("5", "Marbot masjid", "BPU band 1", 600, 201, 399, 201_600, 40_521_600)
    assert [cell_text(cell) for cell in marbot[3:]] == [
        "600",
        "201",
        "399",
        "201,600",
        "40,521,600",
    ]
    assert section.footer == ("", "Total", "", 8_477, 7_440, 1_037, "", 1_499_904_000)
    assert [cell_text(cell) for cell in section.footer] == [
        "",
        "Total",
        "",
        "8,477",
        "7,440",
        "1,037",
        "",
        "1,499,904,000",
    ]


def test_report_names_the_proportional_share(table: RateTable) -> None:
    report = fit_report(fit(METRO, table, 1_500_000_000, mode="proportional"))
    assert report.title.endswith("(the same 87.19% of every group)")
    assert fit_report(fit(METRO, table, 2_000_000_000)).summary[2].startswith("Everyone")


def test_json_has_plain_integer_money_and_the_covered_estimate(table: RateTable) -> None:
    result = fit(METRO, table, 1_500_000_000, mode="proportional")
    data = json.loads(render_fit_json(result))
    assert data == json.loads(json.dumps(fit_dict(result)))
    assert (data["ceiling"], data["share_basis_points"], data["mode"]) == (
        1_500_000_000,
        8_719,
        "proportional",
    )
    assert data["totals"] == {
        "headcount": 8_477,
        "covered": 7_388,
        "not_covered": 1_089,
        "cost": 1_499_860_800,
        "left": 139_200,
        "full_cost": 1_720_963_200,
    }
    assert data["lines"][5]["per_person_annual"] == BAND_2_YEAR
    assert data["estimate"]["totals"]["annual"] == 1_499_860_800


def test_csv_rows_are_numbers_with_a_total(table: RateTable) -> None:
    rows = list(csv.DictReader(io.StringIO(fit_csv(fit(METRO, table, 1_500_000_000)))))
    assert [row["group"] for row in rows] == [*(g.id for g in METRO.groups), "TOTAL"]
    assert rows[4]["covered"] == "201" and rows[4]["apbd_annual"] == "40521600"
    assert sum(int(row["apbd_annual"]) for row in rows[:-1]) == int(rows[-1]["apbd_annual"])
    assert (rows[-1]["apbd_annual"], rows[-1]["left"]) == ("1499904000", "96000")
    assert rows[-1]["not_covered"] == "1037"
