"""What happens to a premium budget during its year (issue 15): the bills BPJS Ketenagakerjaan
sends, the payments (SP2D) the Pemda makes, and the ceiling (pagu) they are held against.

These are the records `jbudget track` and `jbudget revise` work from. The files they come from
are read elsewhere (bills and payments are CSV or .xlsx tables); here they are plain values, each
with the place in its file it came from, so that any figure can be traced back to its line.
Money is integer Rupiah. A month is (year, month).
"""

from __future__ import annotations

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
