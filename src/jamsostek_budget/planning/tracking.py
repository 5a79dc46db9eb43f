"""Following a premium budget through its year (`jbudget track`): the plan, the BPJS bills and
the payments (SP2D), as of a date.

From an engine Budget (the plan), the ceiling (pagu, optional), the bill lines and payments
(model.ledger) and the as-of date, `track` computes per contribution month, group and program what
was planned, billed and paid, what is outstanding, the due date and the days late; the BPU groups
at risk of deactivation; for the year the arrears, the projected cost and the balance against
the pagu; and the year per budget code, office and funding source (tracking_totals). Bill lines
and payments the plan cannot place are rejected with their reasons (tracking_checks); payments
are allocated by the rule in tracking_allocation; the due dates and the deactivation threshold
are the cited rules of tracking_rules, which the result carries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from jamsostek_budget.engine.budget import Budget, GroupLine, ProgramLine
from jamsostek_budget.model.fields import Program, Segment
from jamsostek_budget.model.ledger import BillLine, Pagu, Payment, Rejected, latest_headcounts
from jamsostek_budget.planning.tracking_allocation import Allocation, Credit, Settlement, allocate
from jamsostek_budget.planning.tracking_checks import check_ledger
from jamsostek_budget.planning.tracking_figures import MonthFigures, add_up, days_late
from jamsostek_budget.planning.tracking_rules import (
    DEACTIVATION_MONTHS,
    RULES,
    TrackingRule,
    due_date,
)
from jamsostek_budget.planning.tracking_totals import (
    CodeTrack,
    HeldAgainstPagu,
    OpdTrack,
    SourceTrack,
    by_code,
    by_opd,
    by_source,
)

BillKey = tuple[str, Program, int]  # group id, program, calendar month


@dataclass(frozen=True)
class ProgramTrack:
    program: Program
    months: tuple[MonthFigures, ...]  # January to December
    projected: int  # billed where billed, else the plan at the group's latest billed headcount


@dataclass(frozen=True)
class GroupTrack:
    group_id: str
    label: str
    segment: Segment
    programs: tuple[ProgramTrack, ...]
    months: tuple[MonthFigures, ...]  # the programs added, January to December
    unpaid_months: int  # consecutive months billed and not paid in full, past due, as of the date
    latest_participants: int | None  # on the group's latest bill; None: never billed

    @property
    def at_risk(self) -> bool:
        """BPU participants face deactivation after DEACTIVATION_MONTHS unpaid months."""
        return self.segment == "bpu" and self.unpaid_months >= DEACTIVATION_MONTHS

    @property
    def projected(self) -> int:
        return sum(program.projected for program in self.programs)


@dataclass(frozen=True)
class YearTotals(HeldAgainstPagu):
    pagu: int | None
    planned: int
    billed: int  # to date
    paid: int  # to date, allocated to bills (credits apart)
    arrears: int  # outstanding on bills past their due date
    projected: int  # billed to date + the plan for the months not billed, at the latest headcount
    credit: int  # payments no bill absorbed


@dataclass(frozen=True)
class Tracking:
    fiscal_year: int
    as_of: date
    months: tuple[MonthFigures, ...]  # every group and program added, January to December
    groups: tuple[GroupTrack, ...]  # in the plan's order
    totals: YearTotals
    bills: tuple[BillLine, ...]  # used
    payments: tuple[Payment, ...]  # used
    rejected_bills: tuple[Rejected, ...]
    rejected_payments: tuple[Rejected, ...]
    allocations: tuple[Allocation, ...]
    credits: tuple[Credit, ...]
    by_code: tuple[CodeTrack, ...] = ()  # per budget code; empty when the plan gives no code
    by_opd: tuple[OpdTrack, ...] = ()  # per office; empty when the scenario lists none
    by_source: tuple[SourceTrack, ...] = ()  # per funding source; empty when it lists none
    rules: tuple[TrackingRule, ...] = RULES

    @property
    def at_risk(self) -> tuple[GroupTrack, ...]:
        return tuple(group for group in self.groups if group.at_risk)

    @property
    def bills_read(self) -> int:
        return len(self.bills) + len(self.rejected_bills)

    @property
    def payments_read(self) -> int:
        return len(self.payments) + len(self.rejected_payments)


def track(
    budget: Budget,
    pagu: Pagu | None,
    bills: Sequence[BillLine],
    payments: Sequence[Payment],
    as_of: date,
) -> Tracking:
    """The plan against the bills and payments as of `as_of` (see the module)."""
    checked = check_ledger(budget, bills, payments, as_of)
    settlement = allocate(checked.bills, checked.payments)
    ledger = _Ledger(checked.bills, settlement, as_of)
    groups = tuple(_group_track(line, budget.fiscal_year, ledger) for line in budget.lines)
    months = tuple(
        add_up([group.months[index] for group in groups], same_people=False) for index in range(12)
    )
    return Tracking(
        fiscal_year=budget.fiscal_year,
        as_of=as_of,
        months=months,
        groups=groups,
        totals=_totals(budget, None if pagu is None else pagu.total, groups, settlement, as_of),
        bills=checked.bills,
        payments=checked.payments,
        rejected_bills=checked.rejected_bills,
        rejected_payments=checked.rejected_payments,
        allocations=settlement.allocations,
        credits=settlement.credits,
        by_code=by_code(budget, [_programs(group) for group in groups], pagu),
        by_opd=by_opd(budget, {group.group_id: group for group in groups}),
        by_source=by_source(budget, {group.group_id: group for group in groups}),
    )


def _programs(group: GroupTrack) -> list[tuple[Program, ProgramTrack]]:
    return [(program.program, program) for program in group.programs]


class _Ledger:
    """The used bill lines by group, program and month, with what each was paid."""

    def __init__(self, bills: tuple[BillLine, ...], settlement: Settlement, as_of: date) -> None:
        self.bills = bills
        self.settlement = settlement
        self.as_of = as_of
        self.latest = latest_headcounts(bills)
        self.lines: dict[BillKey, list[int]] = {}
        for index, bill in enumerate(bills):
            self.lines.setdefault((bill.group, bill.program, bill.month[1]), []).append(index)

    def latest_participants(self, group_id: str) -> int | None:
        """The participants on the group's latest bill (model.ledger.latest_headcounts)."""
        latest = self.latest.get(group_id)
        return None if latest is None else latest.people

    def figures(self, key: BillKey, due: date, planned: int, year: int) -> MonthFigures:
        indexes = self.lines.get(key, [])
        billed = sum(self.bills[index].amount for index in indexes)
        paid = sum(self.settlement.paid[index] for index in indexes)
        completions = [self.settlement.completed_on[index] for index in indexes]
        completed = [day for day in completions if day is not None]
        done = bool(completed) and billed == paid
        return MonthFigures(
            month=(year, key[2]),
            due=due,
            planned=planned,
            billed=billed,
            paid=paid,
            days_late=days_late(due, billed - paid, max(completed) if done else None, self.as_of),
            billed_lines=len(indexes),
            participants=(
                max(self.bills[index].participants for index in indexes) if indexes else None
            ),
        )


def _group_track(line: GroupLine, year: int, ledger: _Ledger) -> GroupTrack:
    group = line.group
    latest = ledger.latest_participants(group.id)
    programs = tuple(
        _program_track(line, program, year, ledger, latest) for program in line.programs
    )
    months = tuple(
        add_up([program.months[index] for program in programs], same_people=True)
        for index in range(12)
    )
    return GroupTrack(
        group_id=group.id,
        label=group.label,
        segment=group.segment,
        programs=programs,
        months=months,
        unpaid_months=_unpaid_run(months, ledger.as_of),
        latest_participants=latest,
    )


def _program_track(
    line: GroupLine, program: ProgramLine, year: int, ledger: _Ledger, latest: int | None
) -> ProgramTrack:
    months = tuple(
        ledger.figures(
            (line.group.id, program.program, month),
            due_date(line.group.segment, (year, month)),
            program.apbd[month - 1],
            year,
        )
        for month in range(1, 13)
    )
    projected = sum(
        figures.billed
        if figures.billed_lines
        else (figures.planned if latest is None else latest * program.per_person[index])
        for index, figures in enumerate(months)
    )
    return ProgramTrack(program.program, months, projected)


def _unpaid_run(months: Sequence[MonthFigures], as_of: date) -> int:
    """Consecutive months past due and not paid in full, up to `as_of`; a month without a bill
    neither counts nor breaks the run (tracking_rules.DEACTIVATION_RULE)."""
    run = 0
    for figures in months:
        if figures.due >= as_of or not figures.billed_lines:
            continue
        run = run + 1 if figures.outstanding > 0 else 0
    return run


def _totals(
    budget: Budget,
    pagu: int | None,
    groups: Sequence[GroupTrack],
    settlement: Settlement,
    as_of: date,
) -> YearTotals:
    group_months = [figures for group in groups for figures in group.months]
    return YearTotals(
        pagu=pagu,
        planned=budget.annual,
        billed=sum(figures.billed for figures in group_months),
        paid=sum(figures.paid for figures in group_months),
        arrears=sum(figures.outstanding for figures in group_months if figures.overdue(as_of)),
        projected=sum(group.projected for group in groups),
        credit=sum(credit.amount for credit in settlement.credits),
    )
