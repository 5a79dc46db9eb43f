"""The mid-year revision of a premium budget (`jbudget revise`): the APBD Perubahan that adds
groups from a month on, and the efficiency order that cuts the ceiling.

The year splits at the month the revision takes effect. Before it, the bills say what was
realized; from it on, the revised plan (the original, or a variant scenario built with `extends`)
says what is still needed. Without a cut the revised pagu is realized + need. With a cut the
pagu is the original minus the cut, and what it leaves after the realized months is fitted to
the months left in funding order (planning.fit, on the scenario trimmed to those months), which
says who loses cover and from which month.

The months left are priced at each billed group's headcount on its latest bill, the rule
`jbudget track` projects the year with (model.ledger.latest_headcounts), unless the revised plan
sets that group's headcount itself or the caller asks for the plan's headcounts (`need_at="plan"`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from jamsostek_budget.engine import premiums as engine
from jamsostek_budget.engine.budget import Budget, GroupLine
from jamsostek_budget.errors import UsageError
from jamsostek_budget.i18n import _
from jamsostek_budget.model.fields import PROGRAMS, Program
from jamsostek_budget.model.ledger import BilledHeadcount, YearMonth
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.planning import fit as fitting
from jamsostek_budget.planning.cut import Cut, check_cut
from jamsostek_budget.planning.fit import FitLine, FitResult
from jamsostek_budget.planning.months_left import months_left
from jamsostek_budget.planning.realized import (
    Realized,
    check_effective,
    check_realized,
    months_without_bills,
)

NeedAt = Literal["billed", "plan"]  # the headcounts the months left are priced at


@dataclass(frozen=True)
class HeadcountChange:
    """A group whose months left are priced at the headcount on its latest bill, not the plan's."""

    group_id: str
    label: str
    planned: int  # the people the plan (and the revised plan) give the group
    billed: BilledHeadcount  # the people on its latest bill, and that bill's month


@dataclass(frozen=True)
class LostCover:
    """People of a group the reduced ceiling no longer pays for, from `from_month` on."""

    group_id: str
    label: str
    people: int
    from_month: YearMonth
    per_person: int  # APBD for one person for the months left

    @property
    def cost(self) -> int:
        """What keeping them covered for the months left would cost."""
        return self.people * self.per_person


@dataclass(frozen=True)
class RevisionLine:
    """One group: its original plan, what its bills realized, what the revised plan needs for
    the months left and what the (reduced) pagu covers of that."""

    group_id: str
    label: str
    planned: int  # the original plan, whole year (0 for a group the revision adds)
    planned_to_date: int  # the original plan for the months before the revision
    realized: int | None  # billed before the revision; None when bills give no groups
    need: int  # the revised plan for the months left
    covered: int  # what the revised pagu pays of the need (the need itself without a cut)
    people: int  # the revised plan's people in the months left
    people_covered: int

    @property
    def planned_left(self) -> int:
        return self.planned - self.planned_to_date

    @property
    def revised(self) -> int | None:
        """The group's revised year: realized + covered."""
        return None if self.realized is None else self.realized + self.covered

    @property
    def difference(self) -> int | None:
        revised = self.revised
        return None if revised is None else revised - self.planned


@dataclass(frozen=True)
class Revision:
    effective: YearMonth  # the first month the revision changes
    original: Budget  # the original plan, whole year
    revised_plan: Budget  # the revised plan (the variant, or the original), whole year
    original_pagu: int
    realized: Realized
    cut: int | None  # Rupiah taken off the pagu, None without a cut
    revised_pagu: int
    fit: FitResult | None  # with a cut: the months left fitted to what the pagu leaves
    lines: tuple[RevisionLine, ...]  # original groups in file order, then added ones
    unbilled: tuple[YearMonth, ...]  # months before the revision the plan pays but no bill shows
    need_at: NeedAt = "billed"
    headcounts: tuple[HeadcountChange, ...] = ()  # groups priced at their latest bill

    @property
    def fiscal_year(self) -> int:
        return self.original.fiscal_year

    @property
    def realized_total(self) -> int:
        return self.realized.total

    @property
    def need(self) -> int:
        """The revised plan for the months left."""
        return sum(line.need for line in self.lines)

    @property
    def planned_left(self) -> int:
        """The original plan for the months left, the figure the need revises."""
        return sum(line.planned_left for line in self.lines)

    @property
    def covered(self) -> int:
        return sum(line.covered for line in self.lines)

    @property
    def difference(self) -> int:
        """Revised minus original pagu: negative for a cut, positive for an addition."""
        return self.revised_pagu - self.original_pagu

    @property
    def ceiling_left(self) -> int:
        """What the revised pagu leaves for the months left after the realized months."""
        return self.revised_pagu - self.realized_total

    @property
    def left(self) -> int:
        """The ceiling left minus what it covers: unspent (0 without a cut)."""
        return self.ceiling_left - self.covered

    @property
    def revised_by_program(self) -> dict[Program, int] | None:
        """The revised year per program: realized + what the (reduced) pagu covers of the
        months left, the covered people of each group at its programs' premiums. None when the
        realized amount is not known per program."""
        realized = self.realized.by_program
        if realized is None:
            return None
        first = self.effective[1]
        fitted = None if self.fit is None else {line.group_id: line for line in self.fit.lines}
        amounts = dict(realized)
        for line in self.revised_plan.lines:
            for program in line.programs:
                if fitted is None:
                    covered = sum(program.apbd[first - 1 :])
                else:
                    fitted_line = fitted.get(line.group.id)
                    people = 0 if fitted_line is None else fitted_line.covered
                    covered = people * sum(program.per_person[first - 1 :])
                amounts[program.program] = amounts.get(program.program, 0) + covered
        return {program: amounts[program] for program in PROGRAMS if program in amounts}

    @property
    def losses(self) -> tuple[LostCover, ...]:
        """Who loses cover, group by group in funding order (none without a cut)."""
        if self.fit is None:
            return ()
        by_id = {group.id: group for group in self.fit.scenario.groups}
        return tuple(
            LostCover(
                line.group_id,
                line.label,
                line.not_covered,
                (self.fiscal_year, by_id[line.group_id].start_month),
                line.per_person_annual,
            )
            for line in self.fit.lines
            if line.not_covered
        )


def revise(
    plan: Scenario,
    table: RateTable,
    *,
    effective: YearMonth,
    realized: Realized,
    pagu: int | None = None,
    revised: Scenario | None = None,
    cut: Cut | None = None,
    priority: Sequence[str] | None = None,
    need_at: NeedAt = "billed",
) -> Revision:
    """Revise `plan` from month `effective` on: with `revised` (a variant scenario of the same
    fiscal year) for the months left, with `cut` taken off the pagu (None: the plan's annual
    total), or both. `priority` is the funding order for a cut (default: the scenario's).
    `need_at` prices the months left at the latest billed headcounts or at the plan's."""
    check_effective(plan, effective)
    check_realized(plan, realized, effective)
    scenario = revised or plan
    _check_same_year(plan, scenario)
    changes: tuple[HeadcountChange, ...] = ()
    if need_at == "billed":
        scenario, changes = at_billed_headcounts(plan, scenario, realized)
    original = engine.estimate(plan, table)
    revised_plan = original if scenario is plan else engine.estimate(scenario, table)
    original_pagu = original.annual if pagu is None else pagu
    taken, result = None, None
    new_pagu = realized.total + _months_from(revised_plan.monthly, effective[1])
    if cut is not None:
        taken = check_cut(cut, original_pagu, realized.total)
        new_pagu = original_pagu - taken
        left = months_left(scenario, effective[1], priority)
        result = fitting.fit(left, table, new_pagu - realized.total, priority=left.priority)
    return Revision(
        effective=effective,
        original=original,
        revised_plan=revised_plan,
        original_pagu=original_pagu,
        realized=realized,
        cut=taken,
        revised_pagu=new_pagu,
        fit=result,
        lines=_lines(original, revised_plan, realized, effective[1], result),
        unbilled=months_without_bills(original.monthly, realized, effective),
        need_at=need_at,
        headcounts=changes,
    )


def at_billed_headcounts(
    plan: Scenario, scenario: Scenario, realized: Realized
) -> tuple[Scenario, tuple[HeadcountChange, ...]]:
    """`scenario` (the plan or its variant) with each billed group's headcount taken from its
    latest bill, where that differs from the plan's. A group whose headcount the variant
    changes keeps the variant's: the revision decided it. Groups never billed keep theirs."""
    planned = {group.id: group.headcount for group in plan.groups}
    groups, changes = [], []
    for group in scenario.groups:
        latest = realized.latest.get(group.id)
        if (
            latest is None
            or planned.get(group.id) != group.headcount
            or latest.people == group.headcount
        ):
            groups.append(group)
        else:
            changes.append(HeadcountChange(group.id, group.label, group.headcount, latest))
            groups.append(group.model_copy(update={"headcount": latest.people}))
    if not changes:
        return scenario, ()
    return scenario.model_copy(update={"groups": groups}), tuple(changes)


def _lines(
    original: Budget,
    revised: Budget,
    realized: Realized,
    first: int,
    result: FitResult | None,
) -> tuple[RevisionLine, ...]:
    before = {line.group.id: line for line in original.lines}
    after = {line.group.id: line for line in revised.lines}
    fitted = None if result is None else {line.group_id: line for line in result.lines}
    return tuple(
        _line(before.get(group_id), after.get(group_id), realized, first, fitted)
        for group_id in dict.fromkeys([*before, *after])
    )


def _line(
    old: GroupLine | None,
    new: GroupLine | None,
    realized: Realized,
    first: int,
    fitted: dict[str, FitLine] | None,
) -> RevisionLine:
    """A group of the original plan, the revised plan or both. Without a fit the need is
    covered in full; with one, a group the fit does not list has no months left."""
    group = new.group if new else old.group if old else None
    assert group is not None
    need = _months_from(new.monthly, first) if new else 0
    people = group.headcount if new and group.end_month >= first else 0
    covered, people_covered = need, people
    if fitted is not None:
        fitted_line = fitted.get(group.id)
        covered = fitted_line.cost if fitted_line else 0
        people_covered = fitted_line.covered if fitted_line else 0
    return RevisionLine(
        group_id=group.id,
        label=group.label,
        planned=_annual(old),
        planned_to_date=_to_date(old, first),
        realized=realized.group(group.id),
        need=need,
        covered=covered,
        people=people,
        people_covered=people_covered,
    )


def _annual(line: GroupLine | None) -> int:
    return line.annual if line else 0


def _to_date(line: GroupLine | None, first: int) -> int:
    return sum(line.monthly[: first - 1]) if line else 0


def _months_from(monthly: Sequence[int], first: int) -> int:
    return sum(monthly[first - 1 :])


def _check_same_year(plan: Scenario, revised: Scenario) -> None:
    if revised.fiscal_year != plan.fiscal_year:
        raise UsageError(
            _("the revised scenario is for fiscal year {revised}, the plan for {year}").format(
                revised=revised.fiscal_year, year=plan.fiscal_year
            ),
            _("a revision changes the plan of its own year: give a variant of the same year"),
        )
