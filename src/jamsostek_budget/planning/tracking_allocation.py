"""Allocating payments (SP2D) to bill lines, one Rupiah at a time in an order a finance analyst
can audit by hand (tracking_rules.ALLOCATION_RULE):

- payments are applied in date order (the file's order on the same day);
- a payment that names no month settles the oldest contribution month owed first;
- a payment that names its month settles that month, then the months after it (BPJS carries an
  overpayment forward, never back): a month before the one named is not touched, even when
  owed, so what is left is a credit while that month is in arrears, as BPJS's account shows it;
- within a month, bill lines are settled in the order given (the bill file's order);
- what no bill line can absorb is a credit, kept with its payment: nothing is dropped.

Every Rupiah paid ends in exactly one allocation or one credit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from jamsostek_budget.model.ledger import BillLine, Payment, YearMonth


@dataclass(frozen=True)
class Allocation:
    """Part of a payment applied to one bill line."""

    payment: Payment
    bill: BillLine
    amount: int


@dataclass(frozen=True)
class Credit:
    """Part of a payment that nothing billed could absorb (an overpayment, or a payment ahead of
    its bill): BPJS holds it for the next bills."""

    payment: Payment
    amount: int


@dataclass(frozen=True)
class Settlement:
    """The allocations and credits, and per bill line (in the order given) what was paid and the
    date of the payment that completed it (None while anything is owed)."""

    allocations: tuple[Allocation, ...]
    credits: tuple[Credit, ...]
    paid: tuple[int, ...]
    completed_on: tuple[date | None, ...]


def allocate(bills: Sequence[BillLine], payments: Sequence[Payment]) -> Settlement:
    """Apply each payment, in date order, to the bill lines it settles (see the module)."""
    oldest_first = sorted(range(len(bills)), key=lambda index: (bills[index].month, index))
    owed = [bill.amount for bill in bills]
    completed_on: list[date | None] = [None] * len(bills)
    allocations: list[Allocation] = []
    credits: list[Credit] = []
    by_date = sorted(range(len(payments)), key=lambda index: (payments[index].paid_on, index))
    for payment in (payments[index] for index in by_date):
        left = payment.amount
        for index in _order(oldest_first, bills, payment.month):
            take = min(left, owed[index])
            if take <= 0:
                continue
            owed[index] -= take
            left -= take
            allocations.append(Allocation(payment, bills[index], take))
            if owed[index] == 0:
                completed_on[index] = payment.paid_on
            if left == 0:
                break
        if left > 0:
            credits.append(Credit(payment, left))
    paid = tuple(bill.amount - rest for bill, rest in zip(bills, owed, strict=True))
    return Settlement(tuple(allocations), tuple(credits), paid, tuple(completed_on))


def _order(
    oldest_first: list[int], bills: Sequence[BillLine], named: YearMonth | None
) -> list[int]:
    """The bill lines a payment settles, in order: oldest first, or from the month it names on."""
    if named is None:
        return oldest_first
    return [index for index in oldest_first if bills[index].month >= named]
