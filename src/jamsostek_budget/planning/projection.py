"""Multi-year projection: the same scenario costed year after year as headcounts and wages grow
and the JP wage cap rises.

JP wage caps not yet announced are extended with the PP 45/2015 Pasal 29 rule (see jpcap, the
same rule `estimate` uses) and marked as projected. Headcounts and wages
grow from the scenario's fiscal year and are rounded once per year from the base (never
compounded from rounded values); explicit per-year headcounts win over growth. A group whose
people are split between funding sources keeps the split's proportions (`apportion`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.engine.jpcap import JP_CAP, pays_jp, projected_for
from jamsostek_budget.engine.premiums import estimate
from jamsostek_budget.engine.wage_projection import with_projected_wages
from jamsostek_budget.errors import UsageError
from jamsostek_budget.i18n import _
from jamsostek_budget.model.bounds import MONTHLY_RUPIAH, PEOPLE, Bound
from jamsostek_budget.model.fields import PROGRAMS, Program
from jamsostek_budget.model.rates import DatedValue
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Group, Scenario
from jamsostek_budget.money import HUNDRED, round_rupiah

MAX_YEARS = 50


@dataclass(frozen=True)
class Assumptions:
    headcount_growth_percent: Decimal
    wage_growth_percent: Decimal
    gdp_growth_percent: Decimal


@dataclass(frozen=True)
class Year:
    year: int
    budget: Budget
    jp_caps: tuple[DatedValue, ...]  # the JP wage caps in force during the year

    @property
    def projected_cap(self) -> bool:
        return any(cap.projected for cap in self.jp_caps)


@dataclass(frozen=True)
class Projection:
    scenario: Scenario
    assumptions: Assumptions
    years: tuple[Year, ...]

    @property
    def annual(self) -> int:
        return sum(year.budget.annual for year in self.years)

    @property
    def worker_annual(self) -> int:
        return sum(year.budget.worker_annual for year in self.years)

    @property
    def by_program(self) -> dict[Program, int]:
        total: dict[Program, int] = {}
        for year in self.years:
            for program, amount in year.budget.by_program.items():
                total[program] = total.get(program, 0) + amount
        return {program: total[program] for program in PROGRAMS if program in total}

    @property
    def groups(self) -> tuple[tuple[str, str], ...]:
        """(id, label) of every group of any year, in the order they first appear."""
        seen: dict[str, str] = {}
        for year in self.years:
            for line in year.budget.lines:
                seen.setdefault(line.group.id, line.group.label)
        return tuple(seen.items())

    def group_by_year(self, group_id: str) -> tuple[int, ...]:
        """A group's APBD in each year (0 in a year without it)."""
        return tuple(
            next((line.annual for line in year.budget.lines if line.group.id == group_id), 0)
            for year in self.years
        )

    def program_by_year(self, program: Program) -> tuple[int, ...]:
        """A program's APBD in each year (0 in a year without it)."""
        return tuple(year.budget.by_program.get(program, 0) for year in self.years)

    def group_total(self, group_id: str) -> int:
        return sum(
            line.annual
            for year in self.years
            for line in year.budget.lines
            if line.group.id == group_id
        )


def assumptions_for(
    scenario: Scenario,
    *,
    headcount_growth: Decimal | None = None,
    wage_growth: Decimal | None = None,
    gdp_growth: Decimal | None = None,
) -> Assumptions:
    """The scenario's `projection:` assumptions, each overridden by a flag when given."""
    base = scenario.projection
    return Assumptions(
        base.headcount_growth_percent if headcount_growth is None else headcount_growth,
        base.wage_growth_percent if wage_growth is None else wage_growth,
        base.gdp_growth_percent if gdp_growth is None else gdp_growth,
    )


def project(
    scenario: Scenario, table: RateTable, years: Sequence[int], assumptions: Assumptions
) -> Projection:
    check_years(years)
    extended = projected_table(scenario, table, max(years), assumptions)
    costed = tuple(_year(scenario, extended, year, assumptions) for year in years)
    return Projection(scenario, assumptions, costed)


def projected_table(
    scenario: Scenario, table: RateTable, until: int, assumptions: Assumptions
) -> RateTable:
    """The rate table with JP wage caps and the scenario's minimum wages not yet announced
    projected up to `until` (marked projected), for `project` and `coverage` alike."""
    growth = assumptions.gdp_growth_percent
    extended = projected_for(table, until, growth, needs_cap=pays_jp(scenario))
    return with_projected_wages(extended, scenario, until, assumptions.wage_growth_percent)


def check_years(years: Sequence[int]) -> None:
    if not years:
        raise UsageError(_("no years to project"), _("give a range like 2026-2030"))
    if len(years) > MAX_YEARS:
        raise UsageError(
            _("{count} years is too long a window; at most {most}").format(
                count=len(years), most=MAX_YEARS
            )
        )


def _year(scenario: Scenario, table: RateTable, year: int, assumptions: Assumptions) -> Year:
    grown = scenario_for_year(scenario, year, assumptions)
    caps = _caps_during(table, year)
    return Year(year, estimate(grown, table), caps)


def _caps_during(table: RateTable, year: int) -> tuple[DatedValue, ...]:
    by_date: dict[date, DatedValue] = {}
    for month in range(1, 13):
        cap = table.at(date(year, month, 1)).values.get(JP_CAP)
        if cap is not None:
            by_date.setdefault(cap.effective, cap)
    return tuple(by_date.values())


def scenario_for_year(scenario: Scenario, year: int, assumptions: Assumptions) -> Scenario:
    groups = [
        _group_for_year(group, year - scenario.fiscal_year, year, assumptions)
        for group in scenario.groups
    ]
    return scenario.model_copy(update={"fiscal_year": year, "groups": groups})


def _group_for_year(group: Group, elapsed: int, year: int, assumptions: Assumptions) -> Group:
    explicit = {row.year: row.headcount for row in group.headcount_by_year}
    rate = group.headcount_growth_percent
    if rate is None:
        rate = assumptions.headcount_growth_percent
    headcount = explicit.get(year, grow(group.headcount, elapsed, rate))
    update: dict[str, object] = {"headcount": headcount}
    if isinstance(group.funding, dict) and headcount is not None:
        update["funding"] = apportion(headcount, group.funding)
    if isinstance(group.monthly_wage, int):  # a minimum wage is the one in force each year
        rate = group.wage_growth_percent
        update["monthly_wage"] = grow(
            group.monthly_wage,
            elapsed,
            assumptions.wage_growth_percent if rate is None else rate,
            MONTHLY_RUPIAH,
        )
    for name, bound in (("headcount", PEOPLE), ("monthly_wage", MONTHLY_RUPIAH)):
        if name in update and update[name] is None:
            raise bound.outgrown(group.id, name, year)
    return group.model_copy(update=update)


def apportion(people: int, split: dict[str, int]) -> dict[str, int]:
    """`people` shared between funding sources in the proportions of `split` (a group's people
    per source in its fiscal year): each source its whole share, the people left over one each to
    the largest remainders (ties: the first listed), so the shares add up to `people`."""
    base = sum(split.values())
    if base == 0:
        return dict(split)
    shares = {source: people * count // base for source, count in split.items()}
    order = sorted(split, key=lambda source: -(people * split[source] % base))
    for source in order[: people - sum(shares.values())]:
        shares[source] += 1
    return shares


def grow(amount: int, years: int, percent: Decimal, bound: Bound = PEOPLE) -> int | None:
    """`amount` after `years` of `percent` growth a year, rounded once (half up); None when it
    grows past `bound` (the bounds a scenario file's own values keep to)."""
    factor = 1 + percent / HUNDRED
    if factor == 0 and years <= 0:  # -100 % a year, looked at from before or at its start
        return amount if years == 0 else None
    grown = Decimal(amount) * factor**years
    return None if grown > bound.limit else max(round_rupiah(grown), 0)
