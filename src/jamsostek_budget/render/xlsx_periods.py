"""Rate periods: the runs of covered months in which a program costs one person the same.

A workbook line is `people x per person a month x months` for one rate period, so an analyst can
change a headcount and watch the totals move. That is only exact when the budget's monthly amounts
are headcount x per-person amount; a roster-derived budget (people covered change from month to
month, per person is an average) is not, and rate_periods says so by returning None.
"""

from __future__ import annotations

from dataclasses import dataclass

from jamsostek_budget.engine.budget import GroupLine, ProgramLine


@dataclass(frozen=True)
class Period:
    first: int  # calendar month, 1-12
    last: int
    per_person: int  # APBD per person a month, Rupiah
    worker: int  # worker share per person a month, Rupiah

    @property
    def months(self) -> int:
        return self.last - self.first + 1


def rate_periods(line: GroupLine, program: ProgramLine) -> tuple[Period, ...] | None:
    """The periods whose people x rate x months add up exactly to the program's monthly amounts,
    or None when the amounts are not headcount x a per-person rate (a roster)."""
    headcount = line.group.headcount
    covered = set(line.months)
    periods: list[Period] = []
    for month in range(1, 13):
        apbd, worker = program.apbd[month - 1], program.worker[month - 1]
        if month not in covered:
            if apbd or worker:
                return None
            continue
        rate = program.per_person[month - 1]
        # the worker share per person is not stored: it is the group's amount / headcount
        worker_rate = worker // headcount if headcount else 0
        if apbd != headcount * rate or worker != headcount * worker_rate:
            return None
        _add_month(periods, month, rate, worker_rate)
    return tuple(periods)


def _add_month(periods: list[Period], month: int, rate: int, worker_rate: int) -> None:
    last = periods[-1] if periods else None
    if last and last.last == month - 1 and (last.per_person, last.worker) == (rate, worker_rate):
        periods[-1] = Period(last.first, month, rate, worker_rate)
    else:
        periods.append(Period(month, month, rate, worker_rate))
