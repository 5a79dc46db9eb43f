"""What a budget has realized so far in its year: the amounts billed per contribution month (and
per group, when they come from bill lines), checked against the plan a revision starts from.

A revision splits the fiscal year at the month it takes effect: the months before it are what
happened (the bills), the months from it on are what is still to come (the plan).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from jamsostek_budget.errors import UsageError, echo
from jamsostek_budget.i18n import _, grouped
from jamsostek_budget.model.expand import expanded
from jamsostek_budget.model.fields import Program
from jamsostek_budget.model.ledger import BilledHeadcount, BillLine, YearMonth, latest_headcounts
from jamsostek_budget.model.scenario import Scenario


def month_text(month: YearMonth) -> str:
    """(2025, 10) -> '2025-10', as bills and the CLI write a month."""
    return f"{month[0]:04d}-{month[1]:02d}"


@dataclass(frozen=True)
class Realized:
    """Rupiah realized per contribution month; per group too when the amounts come from bill
    lines (None when only monthly totals are known, e.g. a tracking summary), and each billed
    group's headcount on its latest bill (empty when nothing was billed)."""

    by_month: Mapping[YearMonth, int]
    by_group: Mapping[str, int] | None = field(default=None)
    latest: Mapping[str, BilledHeadcount] = field(default_factory=dict)
    by_program: Mapping[Program, int] | None = field(default=None)

    @property
    def total(self) -> int:
        return sum(self.by_month.values())

    def group(self, group_id: str) -> int | None:
        return None if self.by_group is None else self.by_group.get(group_id, 0)


def realized_from_bills(bills: Iterable[BillLine]) -> Realized:
    """The billed amounts summed per month and per group: a bill is what the year owes for its
    month, paid or not, so it is what the month has realized against the pagu."""
    by_month: dict[YearMonth, int] = {}
    by_group: dict[str, int] = {}
    by_program: dict[Program, int] = {}
    bills = tuple(bills)
    for bill in bills:
        by_month[bill.month] = by_month.get(bill.month, 0) + bill.amount
        by_group[bill.group] = by_group.get(bill.group, 0) + bill.amount
        by_program[bill.program] = by_program.get(bill.program, 0) + bill.amount
    return Realized(dict(sorted(by_month.items())), by_group, latest_headcounts(bills), by_program)


def check_effective(plan: Scenario, effective: YearMonth) -> None:
    """The month a revision takes effect lies in the plan's fiscal year."""
    if effective[0] != plan.fiscal_year or not 1 <= effective[1] <= 12:
        raise UsageError(
            _("the revision takes effect in {month}, outside fiscal year {year}").format(
                month=month_text(effective), year=plan.fiscal_year
            ),
            _("give the first month not yet realized, {first} to {last}").format(
                first=month_text((plan.fiscal_year, 1)), last=month_text((plan.fiscal_year, 12))
            ),
        )


def check_realized(plan: Scenario, realized: Realized, effective: YearMonth) -> None:
    """Every realized month comes before the revision, no month is negative, and every group
    billed is a group of the plan."""
    for month, amount in realized.by_month.items():
        if not (plan.fiscal_year, 1) <= month < effective:
            raise UsageError(
                _(
                    "Rp{amount} is realized for {month}, outside the months before {effective}"
                ).format(
                    amount=grouped(amount), month=month_text(month), effective=month_text(effective)
                ),
                _("a revision counts the bills of its year before the month it takes effect"),
            )
        if amount < 0:
            raise UsageError(
                _("the bills of {month} add up to Rp{amount}, less than nothing").format(
                    month=month_text(month), amount=grouped(amount)
                ),
                _("check the corrections billed for that month"),
            )
    ids = [group.id for group in expanded(plan).groups]  # the groups as the engine costs them
    for group_id in realized.by_group or {}:
        if group_id not in ids:
            raise UsageError(
                _("the bills name group {id}, which the plan does not have").format(
                    id=echo(group_id)
                ),
                _("the group ids are: {ids}").format(ids=", ".join(ids)),
            )


def months_without_bills(
    plan_monthly: Iterable[int], realized: Realized, effective: YearMonth
) -> tuple[YearMonth, ...]:
    """The months before the revision that the plan pays for but nothing was billed for: the
    realized amount counts nothing for them, which a report should say."""
    year = effective[0]
    return tuple(
        (year, month)
        for month, planned in enumerate(plan_monthly, start=1)
        if month < effective[1] and planned and (year, month) not in realized.by_month
    )
