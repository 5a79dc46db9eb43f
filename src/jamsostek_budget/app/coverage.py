"""`jbudget coverage`: load and check the scenario as `project` does, then cost the people a
coverage target needs, year by year (planning.coverage)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from jamsostek_budget.app.estimate import load_rate_table
from jamsostek_budget.app.outcome import Outcome, outcome_of
from jamsostek_budget.engine.scenariocheck import check_scenario
from jamsostek_budget.errors import DataError, Problem, option
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.planning import coverage as covering
from jamsostek_budget.planning.coverage import Coverage, Target
from jamsostek_budget.planning.projection import assumptions_for, scenario_for_year


def coverage(
    path: Path,
    years: list[int],
    target: Target,
    pagu: int | None = None,
    rates_dir: Path | None = None,
) -> Outcome[Coverage]:
    """The scenario's fiscal year is the base (coverage now); the first year asked for must have
    rates in force, and its errors are about the years asked for."""

    def compute() -> tuple[Coverage, tuple[Problem, ...]]:
        table = load_rate_table(rates_dir)
        scenario, source = load_scenario(path)
        first = scenario_for_year(scenario, years[0], assumptions_for(scenario))
        found = check_scenario(first, source, table, year_asked=True)
        errors = [replace(p, field=option("years")) for p in found if p.severity == "error"]
        if errors:
            raise DataError(errors)
        return covering.coverage(scenario, table, years, target, pagu), ()

    return outcome_of(compute)
