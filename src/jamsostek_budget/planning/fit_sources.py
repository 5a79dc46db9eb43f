"""Fitting under the ceilings of several funding sources at once.

Each group is paid by one funding source (model.expand splits a group whose people are shared
between sources). A source with a ceiling pays at most that a year; the ceiling of the command
(`--budget`), when given, caps the total too. A source pays only for its months: a group's
months lie inside its source's (the scenario's rules), so one person's cost is already the cost
of those months. In priority order each group gets as many whole people as both its source's
money left and the total left pay for; the first group that cannot have all its people names
the limit that ran out first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jamsostek_budget.model.funding import FundingSource
from jamsostek_budget.model.scenario import Group

TOTAL = "(total)"  # the command's ceiling, where a source id would be


@dataclass(frozen=True)
class SourceFit:
    """One funding source after the fit: the people of its groups and what they cost."""

    source: FundingSource
    wanted: int
    covered: int
    cost: int
    full_cost: int

    @property
    def left(self) -> int | None:
        ceiling = self.source.ceiling
        return None if ceiling is None else ceiling - self.cost


@dataclass(frozen=True)
class RanOut:
    """The first limit that kept a group from all its people, in funding order."""

    limit: FundingSource | None  # None: the command's ceiling (--budget)
    group: str  # the label of the group it stopped


class Caps:
    """The ceilings the people of the groups in `order` must fit under: each one's source's,
    and the total (None: no total ceiling)."""

    def __init__(
        self, order: Sequence[Group], sources: Sequence[FundingSource], total: int | None
    ) -> None:
        self.order = tuple(order)
        self.sources = {source.id: source for source in sources}
        self.total = total

    def _source(self, group: Group) -> FundingSource | None:
        return self.sources.get(group.funding) if isinstance(group.funding, str) else None

    def fits(self, covered: Sequence[int], costs: Sequence[int]) -> bool:
        spent: dict[str, int] = {}
        for group, count, cost in zip(self.order, covered, costs, strict=True):
            source = self._source(group)
            if source is not None:
                spent[source.id] = spent.get(source.id, 0) + count * cost
        total = sum(count * cost for count, cost in zip(covered, costs, strict=True))
        within = all(
            self.sources[sid].ceiling is None or amount <= (self.sources[sid].ceiling or 0)
            for sid, amount in spent.items()
        )
        return within and (self.total is None or total <= self.total)

    def fill(self, wanted: Sequence[int], costs: Sequence[int]) -> tuple[list[int], RanOut | None]:
        """Priority order: each group as many whole people as its limits leave money for."""
        left = {sid: s.ceiling for sid, s in self.sources.items()}
        total_left = self.total
        covered: list[int] = []
        ran_out: RanOut | None = None
        for group, headcount, cost in zip(self.order, wanted, costs, strict=True):
            source = self._source(group)
            source_left = left.get(source.id) if source is not None else None
            limits = [
                (amount // cost if cost else headcount, limit)
                for amount, limit in ((source_left, source), (total_left, None))
                if amount is not None
            ]
            count = min([headcount, *(n for n, _ in limits)])
            if count < headcount and ran_out is None:
                binding = min(limits, key=lambda item: item[0])[1]
                ran_out = RanOut(binding, group.label)
            covered.append(count)
            if source is not None and source_left is not None:
                left[source.id] = source_left - count * cost
            if total_left is not None:
                total_left -= count * cost
        return covered, ran_out

    def by_source(
        self, wanted: Sequence[int], covered: Sequence[int], costs: Sequence[int]
    ) -> tuple[SourceFit, ...]:
        rows = []
        for source in self.sources.values():
            mine = [
                (w, c, cost)
                for group, w, c, cost in zip(self.order, wanted, covered, costs, strict=True)
                if group.funding == source.id
            ]
            rows.append(
                SourceFit(
                    source,
                    sum(w for w, _, _ in mine),
                    sum(c for _, c, _ in mine),
                    sum(c * cost for _, c, cost in mine),
                    sum(w * cost for w, _, cost in mine),
                )
            )
        return tuple(rows)

    def ceiling(self, wanted: Sequence[int], costs: Sequence[int]) -> int:
        """The money the fit can spend: the total ceiling, else every source's ceiling, a source
        without one counting as what its groups cost in full."""
        if self.total is not None:
            return self.total
        amount = 0
        for source in self.sources.values():
            if source.ceiling is not None:
                amount += source.ceiling
            else:
                amount += sum(
                    w * cost
                    for group, w, cost in zip(self.order, wanted, costs, strict=True)
                    if group.funding == source.id
                )
        return amount
