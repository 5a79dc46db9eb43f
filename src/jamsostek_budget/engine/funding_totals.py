"""A budget per office (OPD) and per funding source (sumber dana): the groups' lines summed by
the office that budgets them and by the source that pays them; each adds up to the total."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from jamsostek_budget.engine.budget import Budget, GroupLine, Months, add_months
from jamsostek_budget.model.funding import FundingSource, Opd


@dataclass(frozen=True)
class SourceTotal:
    """What one funding source pays in the year, against its ceiling and months."""

    source: FundingSource | None  # None: groups that name no source
    groups: tuple[str, ...]  # group labels
    people: int  # the most people it pays for in any month
    annual: int
    relief: int  # what reliefs (PP 50/2025 for non-APBD money) save on its groups' premiums

    @property
    def left(self) -> int | None:
        """The ceiling less what is paid (negative: over the ceiling); None without one."""
        if self.source is None or self.source.ceiling is None:
            return None
        return self.source.ceiling - self.annual


@dataclass(frozen=True)
class OpdTotal:
    """What one office budgets in the year for its groups."""

    opd: Opd | None  # None: groups that name no office
    lines: tuple[GroupLine, ...]

    @property
    def annual(self) -> int:
        return sum(line.annual for line in self.lines)

    @property
    def monthly(self) -> Months:
        return add_months(line.monthly for line in self.lines)


def opd_totals(budget: Budget) -> tuple[OpdTotal, ...]:
    """The groups' lines per office, in the order the scenario lists its offices; groups
    naming none last. Empty when the scenario lists no offices."""
    if not budget.scenario.opds:
        return ()
    offices: list[Opd | None] = [*budget.scenario.opds, None]
    totals = [
        OpdTotal(opd, tuple(line for line in budget.lines if line.group.opd == _id(opd)))
        for opd in offices
    ]
    return tuple(total for total in totals if total.lines or total.opd is not None)


def source_totals(budget: Budget) -> tuple[SourceTotal, ...]:
    """What each funding source pays, in the order the scenario lists them; groups naming
    none last. Adds up to the annual total. Empty when the scenario lists no sources."""
    totals = []
    for source, lines in sources_with_lines(budget):
        people = add_months(
            [line.group.headcount if m in line.months else 0 for m in range(1, 13)]
            for line in lines
        )
        totals.append(
            SourceTotal(
                source,
                tuple(line.group.label for line in lines),
                max(people),
                sum(line.annual for line in lines),
                sum(line.relief for line in lines),
            )
        )
    return tuple(totals)


def sources_with_lines(
    budget: Budget,
) -> Iterator[tuple[FundingSource | None, tuple[GroupLine, ...]]]:
    """Each funding source the scenario lists with the lines it pays, in its order, then None
    with the lines naming no source when there are any; nothing when it lists no sources."""
    if not budget.scenario.funding_sources:
        return
    for source in [*budget.scenario.funding_sources, None]:
        lines = source_lines(budget, source)
        if source is not None or lines:
            yield source, lines


def source_lines(budget: Budget, source: FundingSource | None) -> tuple[GroupLine, ...]:
    """The lines a funding source pays (None: the lines naming no source), in plan order."""
    return tuple(line for line in budget.lines if line.group.funding == _id(source))


def _id(item: Opd | FundingSource | None) -> str | None:
    return None if item is None else item.id
