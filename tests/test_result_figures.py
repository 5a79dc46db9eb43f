"""The figures a renderer shows come from the result objects (issue 13: renderers only format).

Hand-worked figures: BPU band 1 (declared income up to Rp1,099,000, nominal Rp1,000,000) costs
JKK 1 % x 1,000,000 = Rp10,000 + JKM Rp6,800 = Rp16,800 a person a month (PP 44/2015 Lampiran
II). A PU worker at Rp12,000,000 a month, low risk, in 2025: JKK 0.54 % = 64,800, JKM 0.30 % =
36,000, JHT 3.7 % = 444,000, JP 2 % of the capped wage: 200,846 on the 2024 cap of Rp10,042,300
(January, February), 210,948 on Rp10,547,400 from March 2025.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jamsostek_budget.app.estimate import scenario_path
from jamsostek_budget.app.planning import project
from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.engine.listing import rate_listing
from jamsostek_budget.engine.premiums import estimate
from jamsostek_budget.engine.provenance import provenance_for
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.planning.fit import fit
from tests.helpers import budget_for, make_group, make_scenario

PU_JANUARY = 64_800 + 36_000 + 444_000 + 200_846
PU_MARCH = 64_800 + 36_000 + 444_000 + 210_948


def pu_budget(table: RateTable) -> Budget:
    return budget_for(
        table,
        2025,
        segment="pu",
        monthly_wage=12_000_000,
        risk_class="low",
        programs=["jkk", "jkm", "jht", "jp"],
        headcount=37,
    )


def test_a_bpu_budget_is_steady_and_has_no_worker_share(table: RateTable) -> None:
    budget = budget_for(table, 2025, headcount=3, start_month=4)
    line = budget.lines[0]
    assert line.per_person_range == (16_800, 16_800)
    assert line.first_month_apbd == 3 * 16_800  # April, the first covered month
    assert budget.steady_monthly == 50_400  # the months before April pay nothing
    assert not budget.has_worker_share
    assert not budget.projected


def test_a_pu_budget_changes_in_march_and_has_a_worker_share(table: RateTable) -> None:
    budget = pu_budget(table)
    line = budget.lines[0]
    assert line.per_person_range == (PU_JANUARY, PU_MARCH) == (745_646, 755_748)
    assert line.first_month_apbd == 37 * PU_JANUARY == 27_588_902
    assert budget.steady_monthly is None
    assert budget.has_worker_share


def test_coverage_counts_only_the_groups_that_state_who_could_be_covered(
    table: RateTable,
) -> None:
    scenario = make_scenario(
        2025,
        make_group(id="a", headcount=4, eligible=10),
        make_group(id="b", headcount=5),
    )
    budget = estimate(scenario, table)
    assert (budget.covered_eligible, budget.eligible) == (4, 10)
    assert budget.coverage == Decimal("0.4")


def test_fit_gives_its_shortfall_and_share(table: RateTable) -> None:
    """10 people at 12 x 16,800 = Rp201,600 a year: Rp1,000,000 covers 4 (806,400); everyone
    costs 2,016,000, 1,016,000 more than the ceiling. Proportionally, the largest share whose
    whole people fit is 49.99 % (4 of 10; 50 % would be 5, Rp1,008,000)."""
    scenario = make_scenario(2025, make_group(headcount=10))
    priority = fit(scenario, table, 1_000_000)
    assert (priority.cost, priority.full_cost, priority.shortfall) == (
        806_400,
        2_016_000,
        1_016_000,
    )
    assert priority.share_percent is None
    proportional = fit(scenario, table, 1_000_000, mode="proportional")
    assert proportional.share_percent == Decimal("49.99")
    assert proportional.budget_line("g").band == 1
    assert fit(scenario, table, 3_000_000).shortfall == 2_016_000 - 3_000_000


def test_projection_rows_add_up_to_its_totals() -> None:
    projection = project(scenario_path("metro", None), [2026, 2027], {}).unwrap()
    groups = projection.groups
    assert [group_id for group_id, _label in groups] == [
        line.group.id for line in projection.years[0].budget.lines
    ]
    for group_id, _label in groups:
        by_year = projection.group_by_year(group_id)
        assert len(by_year) == 2 and sum(by_year) == projection.group_total(group_id)
    for program, total in projection.by_program.items():
        assert sum(projection.program_by_year(program)) == total
    assert sum(projection.group_total(group_id) for group_id, _ in groups) == projection.annual


def test_the_rate_listing_carries_every_band_premium(table: RateTable) -> None:
    listing = rate_listing(table, table.at(date(2025, 6, 1)))
    first = listing.bands[0]
    assert (first.number, first.nominal, first.basic, first.with_jht) == (
        1,
        1_000_000,
        16_800,
        36_800,
    )
    assert len(listing.bands) == 33


def test_provenance_lists_each_rate_of_several_budgets_once(table: RateTable) -> None:
    bpu, pu = budget_for(table, 2025), pu_budget(table)
    provenance = provenance_for([bpu, pu, bpu], None, ())
    names = [(use.name, use.effective) for use in provenance.rates_used]
    assert names == sorted({*names}) and len(names) == len(bpu.rates_used) + len(pu.rates_used)
    assert [use.band for use in provenance.rates_used if use.band is not None] == [1]
    assert provenance.oldest_check == min(use.last_checked for use in provenance.rates_used)
