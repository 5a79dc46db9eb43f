"""Bill lines and payments held against the plan before they are tracked: a line the plan cannot
place (a month outside the fiscal year or after the as-of date's month, a group the scenario does
not have, a program the group does not pay) and a payment that cannot count yet (dated after the
as-of date, naming a month outside the fiscal year, not a positive amount) are rejected with
every reason, never dropped: rows read = used + rejected.

The files' syntax (dates, numbers, columns) is checked by the reader; this checks meaning.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.i18n import _
from jamsostek_budget.model.ledger import BillLine, Payment, Rejected, YearMonth

Row = TypeVar("Row", BillLine, Payment)


@dataclass(frozen=True)
class Checked:
    bills: tuple[BillLine, ...]
    payments: tuple[Payment, ...]
    rejected_bills: tuple[Rejected, ...]
    rejected_payments: tuple[Rejected, ...]


def check_ledger(
    budget: Budget, bills: Sequence[BillLine], payments: Sequence[Payment], as_of: date
) -> Checked:
    """Split bills and payments into those used and those rejected, keeping their order."""
    used_bills, rejected_bills = _split(bills, lambda bill: bill_problems(budget, bill, as_of))
    used_payments, rejected_payments = _split(
        payments, lambda payment: payment_problems(budget.fiscal_year, payment, as_of)
    )
    return Checked(used_bills, used_payments, rejected_bills, rejected_payments)


def _split(
    rows: Sequence[Row], problems: Callable[[Row], tuple[str, ...]]
) -> tuple[tuple[Row, ...], tuple[Rejected, ...]]:
    used: list[Row] = []
    rejected: list[Rejected] = []
    for row in rows:
        reasons = problems(row)
        if reasons:
            rejected.append(Rejected(row.source, reasons))
        else:
            used.append(row)
    return tuple(used), tuple(rejected)


def bill_problems(budget: Budget, bill: BillLine, as_of: date) -> tuple[str, ...]:
    """Why the plan cannot place a bill line as of `as_of` (empty when it can). A bill for a
    month after the as-of date's month was not sent yet on that date: counting it would
    overstate what was billed to date."""
    reasons: list[str] = []
    if bill.month[0] != budget.fiscal_year:
        reasons.append(_outside_year(bill.month, budget.fiscal_year))
    elif bill.month > (as_of.year, as_of.month):
        reasons.append(
            _("month {month} comes after the as-of date {as_of}: not yet billed then").format(
                month=f"{bill.month[0]:04d}-{bill.month[1]:02d}", as_of=as_of.isoformat()
            )
        )
    lines = {line.group.id: line for line in budget.lines}
    line = lines.get(bill.group)
    if line is None:
        reasons.append(
            _("group '{value}' is not in the scenario, whose groups are {groups}").format(
                value=bill.group, groups=", ".join(lines)
            )
        )
        return tuple(reasons)
    paid = [program.program for program in line.programs]
    if bill.program not in paid:
        reasons.append(
            _("group '{group}' does not pay {program} (it pays {programs})").format(
                group=bill.group,
                program=bill.program.upper(),
                programs=", ".join(program.upper() for program in paid),
            )
        )
    return tuple(reasons)


def payment_problems(fiscal_year: int, payment: Payment, as_of: date) -> tuple[str, ...]:
    """Why a payment cannot count as of `as_of` (empty when it can)."""
    reasons: list[str] = []
    if payment.paid_on > as_of:
        reasons.append(
            _("paid on {date}, after the as-of date {as_of}").format(
                date=payment.paid_on.isoformat(), as_of=as_of.isoformat()
            )
        )
    if payment.month is not None and payment.month[0] != fiscal_year:
        reasons.append(_outside_year(payment.month, fiscal_year))
    if payment.amount <= 0:
        reasons.append(
            _("the amount must be more than 0, got {amount}").format(amount=payment.amount)
        )
    return tuple(reasons)


def _outside_year(month: YearMonth, fiscal_year: int) -> str:
    return _("month {month} is outside the fiscal year {year}").format(
        month=f"{month[0]:04d}-{month[1]:02d}", year=fiscal_year
    )
