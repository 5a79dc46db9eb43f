"""The planning commands, one function each: compare scenarios, fit a budget ceiling, project the
years ahead. Each loads and checks its scenarios like `estimate`, hands them to planning/, and
returns the result with its problems (an Outcome)."""

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
from jamsostek_budget.app.outcome import Outcome, outcome_of
from jamsostek_budget.engine.scenariocheck import check_scenario
from jamsostek_budget.errors import DataError, Problem, UsageError, option
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.planning import compare as comparing
from jamsostek_budget.planning import fit as fitting
from jamsostek_budget.planning import projection as projecting
from jamsostek_budget.planning.compare import Comparison
from jamsostek_budget.planning.fit import FitResult, Mode
from jamsostek_budget.planning.projection import Projection


@dataclass(frozen=True)
class Compared:
    estimates: tuple[Estimate, ...]  # one per scenario, in the order given; the first is the base
    comparison: Comparison


def compare(references: list[str], rates_dir: Path | None = None) -> Outcome[Compared]:
    """`jbudget compare`: each scenario reference (see scenario_reference) estimated, and each
    compared with the first. The first scenario with errors stops it, with its errors alone."""
    found: list[Estimate] = []
    problems: list[Problem] = []
    try:
        for reference in references:
            path, year = scenario_reference(reference)
            one = estimate(path, year=year, rates_dir=rates_dir)
            if one.result is None:
                return Outcome(None, one.problems)
            found.append(one.result)
            problems += one.problems
        comparison = comparing.compare([result.budget for result in found])
    except UsageError as refused:  # the warnings of the scenarios read are kept
        return Outcome(None, (*problems, refused.as_problem()))
    return Outcome(Compared(tuple(found), comparison), tuple(problems))


def fit(
    path: Path,
    ceiling: int | None,
    *,
    priority: list[str] | None = None,
    mode: Mode = "priority",
    year: int | None = None,
    rates_dir: Path | None = None,
) -> Outcome[FitResult]:
    """`jbudget fit`: how many people of each group an annual ceiling covers (planning.fit)."""

    def compute() -> tuple[FitResult, tuple[Problem, ...]]:
        scenario, table, warnings = checked_scenario(path, year, rates_dir)
        result = fitting.fit(scenario, table, ceiling, priority=priority, mode=mode)
        fitting.check_covers_someone(result)
        return result, warnings

    return outcome_of(compute)


def project(
    path: Path, years: list[int], growth: dict[str, Decimal | None], rates_dir: Path | None = None
) -> Outcome[Projection]:
    """`jbudget project`: the scenario costed for every year in `years` (growth: headcount,
    wage, gdp overrides)."""
    return outcome_of(lambda: (_project(path, years, growth, rates_dir), ()))


def _project(
    path: Path, years: list[int], growth: dict[str, Decimal | None], rates_dir: Path | None
) -> Projection:
    """Only the projected years need rates in force: the scenario's own fiscal year is the base
    the headcounts grow from, and JP caps past the last announced one are projected, not stale.
    The first year's errors are about the years asked for."""
    table = load_rate_table(rates_dir)
    scenario, source = load_scenario(path)
    assumptions = projecting.assumptions_for(
        scenario,
        headcount_growth=growth.get("headcount"),
        wage_growth=growth.get("wage"),
        gdp_growth=growth.get("gdp"),
    )
    first = projecting.scenario_for_year(scenario, years[0], assumptions)
    found = check_scenario(first, source, table, year_asked=True)
    errors = [replace(p, field=option("years")) for p in found if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return projecting.project(scenario, table, years, assumptions)
