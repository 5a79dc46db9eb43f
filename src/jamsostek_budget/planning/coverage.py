"""Coverage targets (Universal Coverage Jamsostek): per year, the people a target needs out of the
eligible population, what covering them costs, and the gap to the pagu.

The groups that state `eligible:` make up the eligible population; the others are left out of the
target (their people are still costed). Coverage now is the fiscal year's headcount / eligible of
those groups. A year's target is either

- linear: the share rises in a straight line from coverage now (the fiscal year) to the target
  share in the last year asked for; or
- growth: the covered people grow by a percent a year from the fiscal year, compounded, rounded
  once from the base (as `project` grows headcounts), never past the eligible population: the
  "+20 %" of the Permendagri 15/2024 guideline read as 20 % more people covered each year, not
  20 percentage points.

The people a target needs are rounded up (a target of 3,666.7 people needs 3,667). The new people
(beyond the fiscal year's headcount) are shared over the groups in proportion to their eligible
population, whole people, the largest remainders taking one more (`apportion`). Each year is
costed by the engine with that year's rates, JP wage caps and minimum wages projected as
`project` projects them; the eligible groups keep their fiscal-year headcount plus their share,
the others the headcount `project` gives them. The cost of the new people is the year's APBD with
them less the year's APBD without them, so it is the engine's per-person cost times the people.

Worked example (tests/test_coverage.py): eligible 10,000, 3,000 covered in 2025 (30 %) at
Rp16,800 a person a month, target 50 % by 2028: 2026 needs 36.67 % -> 3,667 people (667 new,
667 x 16,800 x 12 = Rp134,467,200), 2027 43.33 % -> 4,334 (1,334 new, Rp268,934,400), 2028
50 % -> 5,000 (2,000 new, Rp403,200,000).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.engine.premiums import estimate
from jamsostek_budget.errors import UsageError, option
from jamsostek_budget.i18n import _
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Group, Scenario
from jamsostek_budget.money import HUNDRED
from jamsostek_budget.planning.projection import (
    Assumptions,
    apportion,
    assumptions_for,
    check_years,
    grow,
    projected_table,
    scenario_for_year,
)

Reading = Literal["linear", "growth"]


@dataclass(frozen=True)
class Target:
    reading: Reading
    percent: Decimal  # linear: the share to reach in the last year; growth: the growth a year


@dataclass(frozen=True)
class Share:
    """One eligible group in one year: its new people and what they cost."""

    group: Group
    new: int
    new_annual: int


@dataclass(frozen=True)
class CoverageYear:
    year: int
    share: Fraction  # the target share of the eligible population (0-1)
    people: int  # covered people the target needs, eligible groups only
    new: int  # beyond the fiscal year's headcount (0 when the target is already met)
    shares: tuple[Share, ...]
    budget: Budget  # the year with the new people, costed
    pagu: int | None

    @property
    def new_annual(self) -> int:
        return sum(share.new_annual for share in self.shares)

    @property
    def annual(self) -> int:
        return self.budget.annual

    @property
    def gap(self) -> int | None:
        """The pagu less the year's APBD: negative when the pagu is short."""
        return None if self.pagu is None else self.pagu - self.annual


@dataclass(frozen=True)
class Coverage:
    scenario: Scenario
    target: Target
    eligible: int
    covered: int  # the fiscal year's headcount of the eligible groups
    left_out: tuple[Group, ...]  # groups without eligible:
    years: tuple[CoverageYear, ...]
    pagu: int | None
    pagu_given: bool  # --pagu rather than the scenario's pagu:
    capped: bool  # growth: some year's target was held at the eligible population

    @property
    def now(self) -> Fraction:
        return Fraction(self.covered, self.eligible)

    @property
    def groups(self) -> tuple[Group, ...]:
        return tuple(group for group in self.scenario.groups if group.eligible is not None)


def coverage(
    scenario: Scenario,
    table: RateTable,
    years: Sequence[int],
    target: Target,
    pagu: int | None = None,
) -> Coverage:
    check_years(years)
    groups = [group for group in scenario.groups if group.eligible is not None]
    eligible = sum(group.eligible or 0 for group in groups)
    _check(scenario, years, target, eligible)
    covered = sum(group.headcount for group in groups)
    given = pagu is not None
    adopted = scenario.adopted_pagu
    pagu = pagu if given else (None if adopted is None else adopted.total)
    assumptions = assumptions_for(scenario, headcount_growth=Decimal(0))
    extended = projected_table(scenario, table, max(years), assumptions)
    capped = False
    costed = []
    for year in years:
        share, people, held = _needed(
            target,
            base=scenario.fiscal_year,
            last=years[-1],
            year=year,
            covered=covered,
            eligible=eligible,
        )
        capped |= held
        costed.append(
            _year(
                scenario,
                extended,
                assumptions,
                year=year,
                share=share,
                people=people,
                covered=covered,
                pagu=pagu,
            )
        )
    left_out = tuple(group for group in scenario.groups if group.eligible is None)
    return Coverage(
        scenario, target, eligible, covered, left_out, tuple(costed), pagu, given, capped
    )


def _check(scenario: Scenario, years: Sequence[int], target: Target, eligible: int) -> None:
    if not any(group.eligible is not None for group in scenario.groups):
        raise UsageError(
            _("scenario {name} gives no group an eligible population (eligible:)").format(
                name=scenario.name
            ),
            _(
                "give eligible: (the people who could be covered) for at least one group; "
                "coverage is headcount / eligible"
            ),
        )
    if eligible == 0:
        raise UsageError(
            _("scenario {name}: the eligible population of its groups adds up to 0").format(
                name=scenario.name
            ),
            _("give eligible: as the people who could be covered, more than 0"),
        )
    if years[0] < scenario.fiscal_year:
        raise UsageError(
            _("{flag} starts in {first}, before the scenario's fiscal year {year}").format(
                flag=option("years"), first=years[0], year=scenario.fiscal_year
            ),
            _("coverage now is the fiscal year's: give years from {year} on").format(
                year=scenario.fiscal_year
            ),
        )
    if target.reading == "linear" and not 0 <= target.percent <= HUNDRED:
        raise UsageError(
            _("{flag} {value} % is not a share of the eligible population").format(
                flag=option("target"), value=target.percent
            ),
            _("give a percentage from 0 to 100, like {flag} 43.92").format(flag=option("target")),
        )


def _needed(
    target: Target, *, base: int, last: int, year: int, covered: int, eligible: int
) -> tuple[Fraction, int, bool]:
    """The year's target share, the people it needs (rounded up), and whether growth was held at
    the eligible population."""
    if target.reading == "growth":
        grown = grow(covered, year - base, target.percent)
        people = eligible if grown is None else min(grown, eligible)
        return Fraction(people, eligible), people, grown is None or grown > eligible
    now, goal = Fraction(covered, eligible), Fraction(target.percent) / 100
    share = goal if last == base else now + (goal - now) * (year - base) / (last - base)
    return share, math.ceil(share * eligible), False


def _year(
    scenario: Scenario,
    table: RateTable,
    assumptions: Assumptions,
    *,
    year: int,
    share: Fraction,
    people: int,
    covered: int,
    pagu: int | None,
) -> CoverageYear:
    new = max(people - covered, 0)
    split = apportion(new, {g.id: g.eligible for g in scenario.groups if g.eligible is not None})
    grown = scenario_for_year(scenario, year, assumptions)
    groups = [
        group if base.eligible is None else _at(group, base.headcount + split[group.id])
        for group, base in zip(grown.groups, scenario.groups, strict=True)
    ]
    budget = estimate(grown.model_copy(update={"groups": groups}), table)
    shares = tuple(
        Share(group, split[group.id], _cost(grown, table, group, split[group.id]))
        for group in groups
        if group.eligible is not None
    )
    return CoverageYear(year, share, people, new, shares, budget, pagu)


def _cost(scenario: Scenario, table: RateTable, group: Group, people: int) -> int:
    """What `people` more of `group` cost in the scenario's year: the engine's per-person cost
    (rounded per person, program and month) times the people."""
    if people == 0:
        return 0
    alone = scenario.model_copy(update={"groups": [_at(group, people)]})
    return estimate(alone, table).annual


def _at(group: Group, headcount: int) -> Group:
    """The group with `headcount` people, a split between funding sources kept in proportion."""
    update: dict[str, object] = {"headcount": headcount}
    if isinstance(group.funding, dict):
        update["funding"] = apportion(headcount, group.funding)
    return group.model_copy(update=update)
