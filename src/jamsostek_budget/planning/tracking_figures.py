"""The figures `jbudget track` reports for a contribution month, at three levels: one group and
program (an entry), one group (its programs added), and the whole plan (its groups added).

Only the entries are computed from bills and payments; the two higher levels add them up, so a
total never disagrees with its parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from jamsostek_budget.model.ledger import YearMonth


@dataclass(frozen=True)
class MonthFigures:
    """Planned, billed and paid for one contribution month.

    due: the due date (for several groups, the earliest of theirs). days_late: for a month paid
    in full, the days from the due date to the payment that completed it (0 if on time); for a
    month billed and not paid in full, the days past due as of the as-of date (0 if not yet
    due); for several lines, the most of theirs. participants: as billed (None: not billed).
    """

    month: YearMonth
    due: date
    planned: int
    billed: int
    paid: int
    days_late: int
    billed_lines: int  # bill lines behind `billed`; 0: not billed (yet)
    participants: int | None

    @property
    def outstanding(self) -> int:
        return self.billed - self.paid

    @property
    def settled(self) -> bool:
        """Billed and paid in full (a month not billed yet is not settled: nothing was asked)."""
        return self.billed_lines > 0 and self.outstanding == 0

    @property
    def above_plan(self) -> int:
        """What was billed beyond the plan (0 when at or under it)."""
        return max(0, self.billed - self.planned)

    def overdue(self, as_of: date) -> bool:
        """Whether anything of this month is still owed after its due date."""
        return self.outstanding > 0 and self.due < as_of


def days_late(due: date, owed: int, completed_on: date | None, as_of: date) -> int:
    """Days late of a bill: see MonthFigures. `completed_on` is the date of the payment that
    paid it in full, None while `owed` > 0 or when nothing was billed."""
    if owed > 0:
        return max(0, (as_of - due).days)
    if completed_on is None:
        return 0
    return max(0, (completed_on - due).days)


def add_up(parts: Sequence[MonthFigures], *, same_people: bool) -> MonthFigures:
    """One month's figures over several parts (all of the same month).

    same_people: the parts cover the same participants (a group's programs), so participants is
    the largest part's; else (several groups) their sum."""
    billed_parts = [part.participants for part in parts if part.participants is not None]
    if not billed_parts:
        participants = None
    else:
        participants = max(billed_parts) if same_people else sum(billed_parts)
    return MonthFigures(
        month=parts[0].month,
        due=min(part.due for part in parts),
        planned=sum(part.planned for part in parts),
        billed=sum(part.billed for part in parts),
        paid=sum(part.paid for part in parts),
        days_late=max(part.days_late for part in parts),
        billed_lines=sum(part.billed_lines for part in parts),
        participants=participants,
    )
