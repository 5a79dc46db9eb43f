"""A projection per office (OPD) and per funding source (sumber dana): each year's engine
totals (engine.funding_totals) matched by id, and the years in which a source's ceiling does not
cover what it is projected to pay.

A source's ceiling is the scenario's, written for its fiscal year; no later ceiling is known, so
every projected year is held against that same ceiling."""

from __future__ import annotations

from dataclasses import dataclass

from jamsostek_budget.engine.budget import Budget, GroupLine
from jamsostek_budget.engine.funding_totals import opd_totals, source_totals
from jamsostek_budget.model.funding import FundingSource, Opd
from jamsostek_budget.planning.projection import Projection

Item = Opd | FundingSource | None  # None: the groups that name no office (source)
Found = dict[str | None, tuple[Item, tuple[GroupLine, ...]]]


@dataclass(frozen=True)
class YearlyTotal:
    """One office or source, year by year (its groups, people and APBD in each)."""

    item: Item
    years: tuple[int, ...]
    groups: tuple[tuple[str, ...], ...]  # per year its groups' ids
    people: tuple[int, ...]
    annual: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.annual)

    @property
    def ceiling(self) -> int | None:
        return self.item.ceiling if isinstance(self.item, FundingSource) else None

    @property
    def short(self) -> tuple[tuple[int, int], ...]:
        """(year, how much the cost is over the ceiling) for each year it does not cover."""
        ceiling = self.ceiling
        if ceiling is None:
            return ()
        return tuple(
            (year, annual - ceiling)
            for year, annual in zip(self.years, self.annual, strict=True)
            if annual > ceiling
        )


def opd_years(projection: Projection) -> tuple[YearlyTotal, ...]:
    """Per office, empty unless the scenario lists its offices."""
    return _yearly(projection, [_offices(year.budget) for year in projection.years])


def source_years(projection: Projection) -> tuple[YearlyTotal, ...]:
    """Per funding source, empty unless the scenario lists its sources."""
    return _yearly(projection, [_sources(year.budget) for year in projection.years])


def _offices(budget: Budget) -> Found:
    return {_id(t.opd): (t.opd, t.lines) for t in opd_totals(budget)}


def _sources(budget: Budget) -> Found:
    return {
        _id(t.source): (
            t.source,
            tuple(line for line in budget.lines if line.group.funding == _id(t.source)),
        )
        for t in source_totals(budget)
    }


def _yearly(projection: Projection, found: list[Found]) -> tuple[YearlyTotal, ...]:
    keys = list(dict.fromkeys(key for each in found for key in each))
    keys.sort(key=lambda key: key is None)  # the groups naming none last
    years = tuple(year.year for year in projection.years)
    totals = []
    for key in keys:
        present = [each.get(key, (None, ())) for each in found]
        item = next((entry[0] for entry in present if entry[0] is not None), None)
        lines = [entry[1] for entry in present]
        totals.append(
            YearlyTotal(
                item,
                years,
                tuple(tuple(line.group.id for line in each) for each in lines),
                tuple(sum(line.group.headcount for line in each) for each in lines),
                tuple(sum(line.annual for line in each) for each in lines),
            )
        )
    return tuple(totals)


def _id(item: Item) -> str | None:
    return None if item is None else item.id
