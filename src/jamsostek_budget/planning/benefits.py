"""The benefits side of an estimate: expected JKM death claims and their value against the
premiums, from an assumed death rate per group and the JKM death benefit in the rate tables.

Expected claims are an actuarial expectation (a fraction of a person), not money; their value is
money and is rounded once per group, half up, so the total is the sum of the rounded parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jamsostek_budget.engine.budget import Budget, GroupLine
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.money import round_rupiah

PER_THOUSAND = Decimal(1000)
MONTHS_A_YEAR = Decimal(12)


@dataclass(frozen=True)
class BenefitLine:
    line: GroupLine
    death_rate_per_1000: Decimal | None
    expected_claims: Decimal  # deaths expected over the covered months
    expected_value: int  # Rupiah of JKM death benefits expected to be paid

    @property
    def premiums(self) -> int:
        return self.line.annual


@dataclass(frozen=True)
class Benefits:
    lines: tuple[BenefitLine, ...]
    death_benefit: int  # JKM death benefit per claim in force in the first covered month

    @property
    def expected_claims(self) -> Decimal:
        return sum((line.expected_claims for line in self.lines), Decimal(0))

    @property
    def expected_value(self) -> int:
        return sum(line.expected_value for line in self.lines)

    @property
    def premiums(self) -> int:
        return sum(line.premiums for line in self.lines)


def expected_benefits(budget: Budget, table: RateTable) -> Benefits:
    year = budget.fiscal_year
    covered = sorted({month for line in budget.lines for month in line.months}) or [1]
    benefit_by_month = {m: table.at(date(year, m, 1)).rupiah("benefit.jkm_death") for m in covered}
    default = budget.scenario.death_rate_per_1000
    lines = tuple(
        _line(line, _death_rate(line.group.death_rate_per_1000, default), benefit_by_month)
        for line in budget.lines
    )
    return Benefits(lines, benefit_by_month[covered[0]])


def _death_rate(own: Decimal | None, default: Decimal | None) -> Decimal | None:
    """The group's own death rate, even 0 (nobody expected to die), else the scenario's."""
    return default if own is None else own


def _line(line: GroupLine, rate: Decimal | None, benefit_by_month: dict[int, int]) -> BenefitLine:
    if rate is None:
        return BenefitLine(line, None, Decimal(0), 0)
    monthly_deaths = Decimal(line.group.headcount) * rate / PER_THOUSAND / MONTHS_A_YEAR
    claims = monthly_deaths * len(line.months)
    value = sum((monthly_deaths * benefit_by_month[m] for m in line.months), Decimal(0))
    return BenefitLine(line, rate, claims, round_rupiah(value))
