"""Entry points of the planning commands: load and check scenarios like `api`, then hand them to
compare, fit and projection. Parsing of the planning flags (years, percentages) lives here too."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from jamsostek_budget.app.estimate import (
    Estimate,
    checked_scenario,
    estimate,
    load_rate_table,
    scenario_reference,
)
from jamsostek_budget.engine.scenariocheck import check_scenario
from jamsostek_budget.errors import DataError, Problem, UsageError, echo
from jamsostek_budget.i18n import _
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


MAX_PERCENT_DECIMALS = 6  # a growth a year is known to a hundredth of a percent at best
YEAR_RANGE = re.compile(r"^\s*(\d{4})\s*(?:(?:-|\.\.|:)\s*(\d{4}))?\s*$")


def parse_years(text: str) -> list[int]:
    """'2026-2030' (also 2026..2030, 2026:2030) or a single year -> the years, in order."""
    match = YEAR_RANGE.match(text)
    if not match:
        raise UsageError(
            _("--years {value} is not a range of years").format(value=echo(text)),
            _("write {example}").format(example="2026-2030"),
        )
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    if last < first:
        raise UsageError(
            _("--years {value} is reversed").format(value=echo(text)),
            _("write {example}").format(example=f"{last}-{first}"),
        )
    if not 2000 <= first <= last <= 2100:
        raise UsageError(
            _("--years {value} is outside 2000-2100").format(value=echo(text)),
            _("write {example}").format(example="2026-2030"),
        )
    return list(range(first, last + 1))


def parse_percent(text: str | None, flag: str) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip().rstrip("%").replace(",", "."))
    except InvalidOperation:
        raise UsageError(
            _("{flag} {value} is not a percentage").format(flag=flag, value=echo(text)),
            _("write {example}").format(example=f"{flag} 3.5"),
        ) from None
    if not value.is_finite() or not -100 <= value <= 1000:
        raise UsageError(
            _("{flag} {value} must be between -100 and 1000 percent").format(
                flag=flag, value=echo(text)
            ),
            _("write {example}").format(example=f"{flag} 3.5"),
        )
    exponent = value.as_tuple().exponent  # an int: the value is finite
    if isinstance(exponent, int) and exponent < -MAX_PERCENT_DECIMALS:  # 1e-999: 1,000 digits
        raise UsageError(
            _("{flag} {value} has more than {count} decimals").format(
                flag=flag, value=echo(text), count=MAX_PERCENT_DECIMALS
            ),
            _("write {example}").format(example=f"{flag} 3.5"),
        )
    return value


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
    errors = [replace(p, field="--years") for p in found if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return project(scenario, table, years, assumptions)
