"""Compared scenarios per office (OPD) and per funding source (sumber dana): each scenario's
engine totals (engine.funding_totals) matched by the office's or source's id, the baseline's
first. A scenario that lists no offices (sources) has all its groups under "none", so the rows
of every scenario add up to its total."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jamsostek_budget.engine.budget import Budget, GroupLine
from jamsostek_budget.engine.funding_totals import opd_totals, source_totals
from jamsostek_budget.model.funding import FundingSource, Opd
from jamsostek_budget.planning.compare_amounts import Amounts

Item = Opd | FundingSource | None  # None: the groups that name no office (source)
Found = dict[str | None, tuple[Item, tuple[GroupLine, ...]]]  # by id, in the scenario's order


@dataclass(frozen=True)
class FundingRow:
    """One office or funding source in every compared scenario."""

    key: str | None  # its id; None: the groups naming none
    item: Item  # as the first scenario that lists it describes it
    groups: tuple[tuple[str, ...] | None, ...]  # per scenario its groups' ids; None: absent
    headcount: Amounts
    annual: Amounts  # APBD a year
    ceilings: tuple[int | None, ...]  # per scenario a source's ceiling; None: none or absent

    @property
    def left(self) -> tuple[int | None, ...]:
        """Per scenario, the ceiling less what the source pays (negative: over it)."""
        return tuple(
            None if ceiling is None else ceiling - (annual or 0)
            for ceiling, annual in zip(self.ceilings, self.annual.values, strict=True)
        )


def opd_rows(budgets: Sequence[Budget]) -> tuple[FundingRow, ...]:
    """Per office; empty unless a scenario lists its offices."""
    if not any(budget.scenario.opds for budget in budgets):
        return ()
    return _rows([_offices(budget) for budget in budgets])


def source_rows(budgets: Sequence[Budget]) -> tuple[FundingRow, ...]:
    """Per funding source; empty unless a scenario lists its sources."""
    if not any(budget.scenario.funding_sources for budget in budgets):
        return ()
    return _rows([_sources(budget) for budget in budgets])


def _offices(budget: Budget) -> Found:
    totals = opd_totals(budget)
    if not totals:
        return {None: (None, budget.lines)}
    return {_id(total.opd): (total.opd, total.lines) for total in totals}


def _sources(budget: Budget) -> Found:
    totals = source_totals(budget)
    if not totals:
        return {None: (None, budget.lines)}
    return {
        _id(total.source): (
            total.source,
            tuple(line for line in budget.lines if line.group.funding == _id(total.source)),
        )
        for total in totals
    }


def _rows(found: list[Found]) -> tuple[FundingRow, ...]:
    keys = list(dict.fromkeys(key for each in found for key in each))
    keys.sort(key=lambda key: key is None)  # the groups naming none last
    return tuple(_row(key, found) for key in keys)


def _row(key: str | None, found: list[Found]) -> FundingRow:
    present = [each.get(key) for each in found]
    item = next(entry[0] for entry in present if entry is not None)
    return FundingRow(
        key,
        item,
        tuple(None if e is None else tuple(line.group.id for line in e[1]) for e in present),
        Amounts(
            tuple(None if e is None else sum(ln.group.headcount for ln in e[1]) for e in present)
        ),
        Amounts(tuple(None if e is None else sum(ln.annual for ln in e[1]) for e in present)),
        tuple(_ceiling(e[0]) if e is not None else None for e in present),
    )


def _ceiling(item: Item) -> int | None:
    return item.ceiling if isinstance(item, FundingSource) else None


def _id(item: Item) -> str | None:
    return None if item is None else item.id


def key_of(rows: tuple[FundingRow, ...], group_id: str) -> str | None:
    """The office (source) of a group, as the first scenario that has the group says."""
    width = len(rows[0].groups) if rows else 0
    for index in range(width):
        for row in rows:
            if group_id in (row.groups[index] or ()):
                return row.key
    return None
