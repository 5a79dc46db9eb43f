"""Helpers for tests: one-group scenarios built in code."""

from __future__ import annotations

from typing import Any

from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.engine.premiums import estimate
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Group, Scenario


def make_group(**fields: Any) -> Group:
    base: dict[str, Any] = {
        "id": "g",
        "label": "Group",
        "segment": "bpu",
        "headcount": 1,
        "programs": ["jkk", "jkm"],
    }
    if fields.get("segment", "bpu") == "bpu":
        base["declared_income"] = 1_000_000
    base.update(fields)
    return Group.model_validate(base)


def make_scenario(year: int, *groups: Group) -> Scenario:
    return Scenario(
        city="test", name="Kota Uji", province="Lampung", fiscal_year=year, groups=list(groups)
    )


def budget_for(table: RateTable, year: int, **fields: Any) -> Budget:
    return estimate(make_scenario(year, make_group(**fields)), table)
