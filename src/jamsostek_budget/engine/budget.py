"""The result of an estimate: integer Rupiah per group, program and calendar month.

Only the per-program monthly figures are stored; every total is a property that sums them, so a
total can never disagree with its parts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jamsostek_budget.model.fields import PROGRAMS, Program
from jamsostek_budget.model.rates import Relief
from jamsostek_budget.model.regulation import Regulation
from jamsostek_budget.model.scenario import Group, Scenario

Months = tuple[int, ...]  # twelve amounts, January to December
NO_MONTHS: Months = (0,) * 12


def add_months(rows: Iterable[Sequence[int]]) -> Months:
    total = list(NO_MONTHS)
    for row in rows:
        for index, amount in enumerate(row):
            total[index] += amount
    return tuple(total)


@dataclass(frozen=True)
class CodeTotal:
    code: str | None  # None: the groups give no chart of accounts code for this program
    program: Program
    groups: tuple[str, ...]  # group labels
    annual: int


@dataclass(frozen=True)
class ProgramLine:
    program: Program
    per_person: Months  # APBD per person in each calendar month (0 outside the covered months)
    apbd: Months  # APBD for the whole group in each calendar month
    worker: Months  # worker share deducted from wages in each calendar month

    @property
    def annual(self) -> int:
        return sum(self.apbd)

    @property
    def worker_annual(self) -> int:
        return sum(self.worker)


@dataclass(frozen=True)
class Period:
    """A run of months in which one person of a group costs the same for one program."""

    first: int  # calendar month, 1-12
    last: int
    people: int
    per_person: int  # APBD per person a month, Rupiah
    worker: int  # worker share per person a month, Rupiah

    @property
    def months(self) -> int:
        return self.last - self.first + 1

    @property
    def annual(self) -> int:
        """APBD for the period: people x per person a month x months."""
        return self.people * self.per_person * self.months

    @property
    def worker_annual(self) -> int:
        return self.people * self.worker * self.months


def _add_month(periods: list[Period], month: Period) -> None:
    """Extend the last period by `month` when it follows it at the same rates, else start one."""
    last = periods[-1] if periods else None
    if (
        last
        and last.last == month.first - 1
        and (last.per_person, last.worker)
        == (
            month.per_person,
            month.worker,
        )
    ):
        periods[-1] = Period(last.first, month.last, last.people, last.per_person, last.worker)
    else:
        periods.append(month)


@dataclass(frozen=True)
class GroupLine:
    group: Group
    band: int | None  # BPU income band number (in the first covered month)
    programs: tuple[ProgramLine, ...]
    relief: int = 0  # APBD a year the reliefs applied save against normal rates

    @property
    def months(self) -> tuple[int, ...]:
        return self.group.months

    @property
    def monthly(self) -> Months:
        return add_months(line.apbd for line in self.programs)

    @property
    def worker_monthly(self) -> Months:
        return add_months(line.worker for line in self.programs)

    @property
    def per_person_by_month(self) -> Months:
        return add_months(line.per_person for line in self.programs)

    @property
    def per_person_monthly(self) -> int:
        """APBD per person in the first covered month (see per_person_varies)."""
        return self.per_person_by_month[self.months[0] - 1]

    @property
    def per_person_varies(self) -> bool:
        by_month = self.per_person_by_month
        return len({by_month[m - 1] for m in self.months}) > 1

    @property
    def per_person_range(self) -> tuple[int, int]:
        """The lowest and highest APBD per person a month over the covered months."""
        values = [self.per_person_by_month[m - 1] for m in self.months]
        return min(values), max(values)

    @property
    def first_month_apbd(self) -> int:
        """APBD for the whole group in its first covered month."""
        return self.monthly[self.months[0] - 1]

    def rate_periods(self, program: ProgramLine) -> tuple[Period, ...] | None:
        """The runs of covered months in which one person of the group costs the same for
        `program`, whose people x rate x months add up exactly to its monthly amounts; None when
        the amounts are not headcount x a per-person rate (a roster: the people covered change
        from month to month, and per person is an average)."""
        headcount = self.group.headcount
        covered = set(self.months)
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
            _add_month(periods, Period(month, month, headcount, rate, worker_rate))
        return tuple(periods)

    @property
    def coverage(self) -> Decimal | None:
        """Headcount / eligible, when the scenario states who could be covered."""
        eligible = self.group.eligible
        return (
            None if eligible is None or eligible == 0 else Decimal(self.group.headcount) / eligible
        )

    @property
    def by_program(self) -> dict[Program, int]:
        return {line.program: line.annual for line in self.programs}

    @property
    def worker_by_program(self) -> dict[Program, int]:
        return {line.program: line.worker_annual for line in self.programs}

    @property
    def annual(self) -> int:
        return sum(line.annual for line in self.programs)

    @property
    def worker_annual(self) -> int:
        return sum(line.worker_annual for line in self.programs)


@dataclass(frozen=True)
class RateUse:
    """One dated rate value that entered the estimate, with its citation.

    A rate from a rate file carries that file's labels (data, shown as written: `label`, and
    `label_id` in Bahasa Indonesia where the file gives one). An income band has no such label:
    it carries its number, and each renderer names it in its own language."""

    name: str
    label: str | None  # None for an income band (see band)
    unit: str
    value: Decimal
    effective: date
    regulation: Regulation
    article: str
    confidence: str
    last_checked: date
    projected: bool = False
    assumed_growth_percent: Decimal | None = None  # for a projected value: the growth assumed
    band: int | None = None  # the BPU income band whose nominal income this is
    label_id: str | None = None  # the rate file's label in Bahasa Indonesia, if it gives one


@dataclass(frozen=True)
class Budget:
    scenario: Scenario
    lines: tuple[GroupLine, ...]
    rates_used: tuple[RateUse, ...]
    reliefs_applied: tuple[Relief, ...]
    regulations: tuple[Regulation, ...]  # every regulation cited by a rate used or a relief

    @property
    def fiscal_year(self) -> int:
        return self.scenario.fiscal_year

    @property
    def headcount(self) -> int:
        return sum(line.group.headcount for line in self.lines)

    @property
    def has_worker_share(self) -> bool:
        """Whether any group is PU, whose premium has a worker share (even when the APBD pays
        it); a budget of BPU groups only has none."""
        return any(line.group.segment == "pu" for line in self.lines)

    @property
    def projected(self) -> bool:
        """Whether any rate used is projected rather than announced."""
        return any(use.projected for use in self.rates_used)

    @property
    def steady_monthly(self) -> int | None:
        """The APBD a month when it is the same in every month that pays anything, else None."""
        paying = {amount for amount in self.monthly if amount}
        return paying.pop() if len(paying) == 1 else None

    @property
    def covered_eligible(self) -> int:
        """The people covered in the groups that state their eligible population."""
        return sum(line.group.headcount for line in self.lines if line.group.eligible is not None)

    @property
    def eligible(self) -> int | None:
        """Everyone who could be covered, over the groups that state it."""
        stated = [line.group.eligible for line in self.lines if line.group.eligible is not None]
        return sum(stated) if stated else None

    @property
    def coverage(self) -> Decimal | None:
        """Covered / eligible over the groups that state their eligible population."""
        eligible = self.eligible
        if eligible is None or eligible == 0:
            return None
        return Decimal(self.covered_eligible) / eligible

    @property
    def monthly(self) -> Months:
        return add_months(line.monthly for line in self.lines)

    @property
    def worker_monthly(self) -> Months:
        return add_months(line.worker_monthly for line in self.lines)

    @property
    def by_program(self) -> dict[Program, int]:
        return _sum_by_program(line.by_program for line in self.lines)

    @property
    def worker_by_program(self) -> dict[Program, int]:
        return _sum_by_program(line.worker_by_program for line in self.lines)

    @property
    def by_budget_code(self) -> tuple[CodeTotal, ...]:
        """APBD a year per chart of accounts code and program, as an RKA lists it; a program
        paid without a code is totalled under code None. Adds up to the annual total."""
        totals: dict[tuple[str | None, Program], tuple[list[str], int]] = {}
        for line in self.lines:
            for program_line in line.programs:
                key = (line.group.budget_codes.get(program_line.program), program_line.program)
                groups, amount = totals.get(key, ([], 0))
                totals[key] = ([*groups, line.group.label], amount + program_line.annual)
        ordered = sorted(totals.items(), key=lambda item: (item[0][0] is None, item[0][0] or ""))
        return tuple(
            CodeTotal(code, program, tuple(groups), amount)
            for (code, program), (groups, amount) in ordered
        )

    @property
    def monthly_by_program(self) -> dict[Program, Months]:
        rows: dict[Program, list[Months]] = {}
        for line in self.lines:
            for program in line.programs:
                rows.setdefault(program.program, []).append(program.apbd)
        return {program: add_months(rows[program]) for program in PROGRAMS if program in rows}

    @property
    def annual(self) -> int:
        return sum(line.annual for line in self.lines)

    @property
    def worker_annual(self) -> int:
        return sum(line.worker_annual for line in self.lines)


def _sum_by_program(parts: Iterable[dict[Program, int]]) -> dict[Program, int]:
    total: dict[Program, int] = {}
    for part in parts:
        for program, amount in part.items():
            total[program] = total.get(program, 0) + amount
    return {program: total[program] for program in PROGRAMS if program in total}
