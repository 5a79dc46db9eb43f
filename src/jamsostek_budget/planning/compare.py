"""Compare estimates side by side: the first budget is the baseline, every other one is compared
with it, group by group (matched by group id) and program by program, and office by office and
source by source when the scenarios list them (planning.compare_funding).

Only the group x program amounts are stored; every group figure, program total and grand total is
a property that sums them, and every difference is taken between such sums. A difference of totals
is therefore always exactly the sum of the differences of its parts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from jamsostek_budget.engine.budget import Budget, GroupLine
from jamsostek_budget.errors import UsageError
from jamsostek_budget.i18n import _
from jamsostek_budget.model.fields import PROGRAMS, Program
from jamsostek_budget.planning.compare_amounts import Amounts, add_up, percent_change
from jamsostek_budget.planning.compare_funding import FundingRow, opd_rows, source_rows

__all__ = [
    "Amounts",
    "Column",
    "Comparison",
    "FundingRow",
    "GroupRow",
    "ProgramRow",
    "Status",
    "add_up",
    "compare",
    "default_name",
    "percent_change",
    "unique_names",
]

Status = Literal["added", "removed", "changed", "same", "absent"]


@dataclass(frozen=True)
class ProgramRow:
    program: Program
    annual: Amounts  # APBD a year


@dataclass(frozen=True)
class GroupRow:
    group: str  # group id, the key groups are matched by
    label: str  # from the first scenario that has the group
    headcount: Amounts  # None where the group is absent
    programs: tuple[ProgramRow, ...]  # every program the group has in any scenario

    @property
    def annual(self) -> Amounts:
        """APBD a year: the sum of the program rows, None where the group is absent."""
        summed = add_up((row.annual for row in self.programs), len(self.headcount.values))
        return Amounts(
            tuple(
                None if people is None else (amount or 0)
                for people, amount in zip(self.headcount.values, summed.values, strict=True)
            )
        )

    @property
    def statuses(self) -> tuple[Status, ...]:
        """For each non-baseline scenario, what happened to the group compared with the baseline."""
        return tuple(self._status(index) for index in range(1, len(self.headcount.values)))

    def _status(self, index: int) -> Status:
        before, after = self.headcount.values[0], self.headcount.values[index]
        if before is None:
            return "absent" if after is None else "added"
        if after is None:
            return "removed"
        same = all(row.annual.values[0] == row.annual.values[index] for row in self.programs)
        return "same" if same and before == after else "changed"


@dataclass(frozen=True)
class Column:
    """One compared scenario."""

    name: str  # the column label, unique within the comparison
    city: str
    scenario_name: str
    province: str
    fiscal_year: int


@dataclass(frozen=True)
class Comparison:
    columns: tuple[Column, ...]  # the baseline first
    groups: tuple[GroupRow, ...]  # baseline groups in file order, then added groups
    worker: Amounts  # worker share a year (deducted from wages, not APBD)
    offices: tuple[FundingRow, ...] = ()  # per office, when any scenario lists its offices
    sources: tuple[FundingRow, ...] = ()  # per funding source, when any lists its sources

    @property
    def baseline(self) -> Column:
        return self.columns[0]

    @property
    def others(self) -> tuple[Column, ...]:
        return self.columns[1:]

    @property
    def headcount(self) -> Amounts:
        return self._total(row.headcount for row in self.groups)

    @property
    def by_program(self) -> tuple[ProgramRow, ...]:
        """APBD a year per program: None in a scenario where no group has the program."""
        rows = [row for group in self.groups for row in group.programs]
        return tuple(
            ProgramRow(
                program, add_up((r.annual for r in rows if r.program == program), self.width)
            )
            for program in PROGRAMS
            if any(row.program == program for row in rows)
        )

    @property
    def annual(self) -> Amounts:
        return self._total(row.annual for row in self.groups)

    @property
    def width(self) -> int:
        return len(self.columns)

    def _total(self, rows: Iterable[Amounts]) -> Amounts:
        summed = add_up(rows, self.width)
        return Amounts(tuple(value or 0 for value in summed.values))


def compare(budgets: Sequence[Budget], names: Sequence[str] | None = None) -> Comparison:
    """Compare `budgets` with the first one. `names` label the columns; by default each is the
    scenario's city and fiscal year. Labels are made unique."""
    if len(budgets) < 2:
        raise UsageError(
            _("a comparison needs at least two scenarios"), _("the first is the baseline")
        )
    if names is not None and len(names) != len(budgets):
        raise UsageError(
            _("{names} names given for {scenarios} scenarios").format(
                names=len(names), scenarios=len(budgets)
            )
        )
    labels = unique_names(names or [default_name(budget) for budget in budgets])
    columns = tuple(_column(label, budget) for label, budget in zip(labels, budgets, strict=True))
    lines = [{line.group.id: line for line in budget.lines} for budget in budgets]
    groups = tuple(_group_row(group_id, lines) for group_id in _group_ids(budgets))
    worker = Amounts(tuple(budget.worker_annual for budget in budgets))
    return Comparison(columns, groups, worker, opd_rows(budgets), source_rows(budgets))


def default_name(budget: Budget) -> str:
    return f"{budget.scenario.city} {budget.fiscal_year}"


def unique_names(names: Sequence[str]) -> tuple[str, ...]:
    """`names` with a repeated name numbered: metro 2025, metro 2025 (2), ..."""
    taken: set[str] = set()
    unique = []
    for name in names:
        candidate, number = name, 1
        while candidate in taken:
            number += 1
            candidate = f"{name} ({number})"
        taken.add(candidate)
        unique.append(candidate)
    return tuple(unique)


def _column(name: str, budget: Budget) -> Column:
    scenario = budget.scenario
    return Column(name, scenario.city, scenario.name, scenario.province, budget.fiscal_year)


def _group_ids(budgets: Sequence[Budget]) -> tuple[str, ...]:
    """Every group id, in the order it first appears: the baseline's groups come first."""
    return tuple(dict.fromkeys(line.group.id for budget in budgets for line in budget.lines))


def _group_row(group_id: str, lines: Sequence[dict[str, GroupLine]]) -> GroupRow:
    found = [by_id.get(group_id) for by_id in lines]
    present = [line for line in found if line is not None]
    headcount = Amounts(tuple(None if line is None else line.group.headcount for line in found))
    programs = tuple(
        ProgramRow(program, Amounts(tuple(_program_annual(line, program) for line in found)))
        for program in PROGRAMS
        if any(program in line.by_program for line in present)
    )
    return GroupRow(group_id, present[0].group.label, headcount, programs)


def _program_annual(line: GroupLine | None, program: Program) -> int | None:
    if line is None:
        return None
    return line.by_program.get(program)
