"""Properties of the engine over random scenarios: parts add up to totals, zero people cost
zero, more people never cost less, and a wage above the JP cap costs the capped amount."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from jamsostek_budget.app import estimate as api
from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.engine.premiums import estimate
from jamsostek_budget.model.scenario import Group, Scenario

TABLE = api.load_rate_table()
YEARS = st.integers(min_value=2016, max_value=2027)


@st.composite
def groups(draw: st.DrawFn, index: int = 0) -> Group:
    segment = draw(st.sampled_from(["bpu", "pu"]))
    programs = ["jkk", "jkm", "jht"] + (["jp"] if segment == "pu" else [])
    start = draw(st.integers(1, 12))
    fields: dict[str, Any] = {
        "id": f"g{index}",
        "label": "G",
        "segment": segment,
        "headcount": draw(st.integers(0, 50_000)),
        "programs": draw(st.lists(st.sampled_from(programs), min_size=1, unique=True)),
        "start_month": start,
        "end_month": draw(st.integers(start, 12)),
    }
    if segment == "bpu":
        fields["declared_income"] = draw(st.integers(1, 40_000_000))
    else:
        fields["monthly_wage"] = draw(st.integers(1, 40_000_000))
        fields["risk_class"] = draw(
            st.sampled_from(["very_low", "low", "medium", "high", "very_high"])
        )
        fields["apbd_pays_worker_share"] = draw(st.booleans())
    return Group.model_validate(fields)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    count = draw(st.integers(1, 5))
    return Scenario(
        city="x",
        name="X",
        province="P",
        fiscal_year=draw(YEARS),
        groups=[draw(groups(i)) for i in range(count)],
    )


def _with_headcount(scenario: Scenario, index: int, headcount: int) -> Scenario:
    new_groups = list(scenario.groups)
    new_groups[index] = new_groups[index].model_copy(update={"headcount": headcount})
    return scenario.model_copy(update={"groups": new_groups})


def assert_adds_up(budget: Budget) -> None:
    for line in budget.lines:
        assert sum(line.monthly) == line.annual == sum(line.by_program.values())
        assert sum(line.worker_monthly) == line.worker_annual
    assert budget.annual == sum(line.annual for line in budget.lines) == sum(budget.monthly)
    assert budget.annual == sum(budget.by_program.values())
    assert budget.worker_annual == sum(budget.worker_by_program.values())
    for program, monthly in budget.monthly_by_program.items():
        assert sum(monthly) == budget.by_program[program]


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_parts_add_up_to_totals(scenario: Scenario) -> None:
    budget = estimate(scenario, TABLE)
    assert_adds_up(budget)
    assert all(isinstance(amount, int) for amount in budget.monthly)


@settings(max_examples=200, deadline=None)
@given(scenarios(), st.data())
def test_zero_people_cost_zero(scenario: Scenario, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(scenario.groups) - 1))
    line = estimate(_with_headcount(scenario, index, 0), TABLE).lines[index]
    assert line.annual == line.worker_annual == 0


@settings(max_examples=200, deadline=None)
@given(scenarios(), st.data(), st.integers(1, 1_000))
def test_more_people_never_cost_less(scenario: Scenario, data: st.DataObject, extra: int) -> None:
    index = data.draw(st.integers(0, len(scenario.groups) - 1))
    before = estimate(scenario, TABLE)
    grown = _with_headcount(scenario, index, scenario.groups[index].headcount + extra)
    after = estimate(grown, TABLE)
    assert after.annual >= before.annual
    assert after.lines[index].annual >= before.lines[index].annual


@settings(max_examples=200, deadline=None)
@given(YEARS, st.integers(0, 100_000_000))
def test_a_wage_above_the_jp_cap_costs_the_capped_amount(year: int, above: int) -> None:
    cap = max(int(TABLE.parameters["pu.jp_wage_cap"].values[-1].value), 0)

    def jp_budget(wage: int) -> Budget:
        group = Group(
            id="g",
            label="G",
            segment="pu",
            headcount=1,
            monthly_wage=wage,
            risk_class="low",
            programs=["jp"],
        )
        return estimate(
            Scenario(city="x", name="X", province="P", fiscal_year=year, groups=[group]), TABLE
        )

    at_cap = jp_budget(cap + 0)
    beyond = jp_budget(cap + above)
    assert beyond.annual == at_cap.annual
    assert beyond.worker_annual == at_cap.worker_annual
