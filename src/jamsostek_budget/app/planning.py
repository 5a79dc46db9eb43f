"""Entry points of the planning commands: load and check scenarios like `api`, then hand them to
compare, fit and projection."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from jamsostek_budget.app.estimate import (
    Estimate,
    checked_scenario,
    estimate,
    load_rate_table,
    scenario_reference,
)
from jamsostek_budget.engine.scenariocheck import check_scenario
from jamsostek_budget.errors import DataError, Problem, option
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.planning.fit import FitResult, Mode, check_covers_someone, fit
from jamsostek_budget.planning.projection import (
    Projection,
    assumptions_for,
    project,
    scenario_for_year,
)


def estimates(references: list[str], rates_dir: Path | None = None) -> list[Estimate]:
    """One estimate per scenario reference (see scenario_reference), in order."""
    found = []
    for reference in references:
        path, year = scenario_reference(reference)
        found.append(estimate(path, year=year, rates_dir=rates_dir))
    return found


@dataclass(frozen=True)
class Fit:
    result: FitResult
    warnings: tuple[Problem, ...]


def fit_budget(
    path: Path,
    ceiling: int,
    *,
    priority: list[str] | None = None,
    mode: Mode = "priority",
    year: int | None = None,
    rates_dir: Path | None = None,
) -> Fit:
    """How many people of each group an annual ceiling covers (see planning.fit)."""
    scenario, table, warnings = checked_scenario(path, year, rates_dir)
    result = fit(scenario, table, ceiling, priority=priority, mode=mode)
    check_covers_someone(result)
    return Fit(result, warnings)


def project_years(
    path: Path, years: list[int], growth: dict[str, Decimal | None], rates_dir: Path | None = None
) -> Projection:
    """Cost the scenario for every year in `years` (growth: headcount, wage, gdp overrides).

    Only the projected years need rates in force: the scenario's own fiscal year is the base the
    headcounts grow from, and JP caps past the last announced one are projected, not stale.
    """
    table = load_rate_table(rates_dir)
    scenario, source = load_scenario(path)
    assumptions = assumptions_for(
        scenario,
        headcount_growth=growth.get("headcount"),
        wage_growth=growth.get("wage"),
        gdp_growth=growth.get("gdp"),
    )
    first = scenario_for_year(scenario, years[0], assumptions)
    found = check_scenario(first, source, table, year_from_flag=True)
    errors = [replace(p, field=option("years")) for p in found if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return project(scenario, table, years, assumptions)
