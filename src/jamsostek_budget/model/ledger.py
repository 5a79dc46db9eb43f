"""What happens to a premium budget during its year (issue 15): the bills BPJS Ketenagakerjaan
sends, the payments (SP2D) the Pemda makes, and the ceiling (pagu) they are held against.

These are the records `jbudget track` and `jbudget revise` work from. The files they come from
are read elsewhere (bills and payments are CSV or .xlsx tables); here they are plain values, each
with the place in its file it came from, so that any figure can be traced back to its line.
Money is integer Rupiah. A month is (year, month).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from jamsostek_budget.model.fields import Program

YearMonth = tuple[int, int]  # (2025, 1) = January 2025


@dataclass(frozen=True)
class Source:
    """Where a record was read: the file as shown to the user, its line (CSV) or sheet row, and
    the sheet of a workbook ('' for CSV)."""

    file: str
    line: int
    sheet: str = ""


@dataclass(frozen=True)
class BillLine:
    """One line of a BPJS bill (rincian iuran): what is owed for one group (or budget code) and
    program in one contribution month."""

    month: YearMonth
    group: str  # a group id of the scenario (a line given by budget code is resolved to its group)
    program: Program
    participants: int
    amount: int  # Rupiah billed
    source: Source


@dataclass(frozen=True)
class Pagu:
    """The ceiling the APBD adopted for the premiums, a year: one amount, or one per budget code
    (the account lines of the RKA), whose sum is the total."""

    total: int
    by_code: Mapping[str, int] | None = None

    @classmethod
    def per_code(cls, by_code: Mapping[str, int]) -> Pagu:
        return cls(sum(by_code.values()), dict(by_code))


@dataclass(frozen=True)
class BilledHeadcount:
    """A group's people on its latest bill: the month, and the most participants on any of its
    lines that month (a group's programs are billed for the same people)."""

    month: YearMonth
    people: int


def latest_headcounts(bills: Iterable[BillLine]) -> dict[str, BilledHeadcount]:
    """Each billed group's headcount on its latest bill. `jbudget track` projects the months not
    yet billed at it, and `jbudget revise` prices the months left at it: the one rule both
    follow, since the latest bill is the best evidence of how many people the year still pays
    for."""
    latest: dict[str, BilledHeadcount] = {}
    for bill in bills:
        known = latest.get(bill.group)
        if (
            known is None
            or bill.month > known.month
            or (bill.month == known.month and bill.participants > known.people)
        ):
            latest[bill.group] = BilledHeadcount(bill.month, bill.participants)
    return latest


@dataclass(frozen=True)
class Payment:
    """One payment (SP2D): its date, amount and reference; `month` when the payment names the
    contribution month it settles, else None (it settles the oldest month owed first)."""

    paid_on: date
    amount: int
    reference: str
    month: YearMonth | None
    source: Source


@dataclass(frozen=True)
class Rejected:
    """A row of a bills or payments file that is not used, with every reason."""

    source: Source
    reasons: tuple[str, ...]
