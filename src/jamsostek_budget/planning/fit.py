"""Fit a budget ceiling: how many people of each group an annual APBD amount can cover
("sesuai kemampuan anggaran").

Two ways to share a ceiling that does not cover everyone:

- priority: groups are funded in funding order, each with as many whole people as the money
  left covers. A later group still gets people when an earlier one is not complete if its people
  cost less, so afterwards no waiting person costs less than what is left.
- proportional: every group gets the same share of its people, the largest share in steps of
  0.01 % (one basis point) that fits, each group rounded down to whole people.

The annual cost of one person is the engine's estimate of the group with headcount 1. The engine
rounds per person before multiplying by the headcount, so n people cost exactly n times that.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from jamsostek_budget.engine import premiums as engine
from jamsostek_budget.engine.budget import Budget, GroupLine
from jamsostek_budget.engine.premiums import with_account_codes
from jamsostek_budget.errors import UsageError, echo, option
from jamsostek_budget.i18n import _, grouped
from jamsostek_budget.model.expand import expanded, expanded_ids
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Group, Scenario
from jamsostek_budget.planning.fit_sources import Caps, RanOut, SourceFit

Mode = Literal["priority", "proportional"]
MODES: tuple[Mode, ...] = ("priority", "proportional")
FULL_SHARE = 10_000  # basis points: 10,000 = 100 %, so one step is 0.01 %


@dataclass(frozen=True)
class FitLine:
    """One group: the people it wants covered, the people the ceiling covers, and their cost."""

    group_id: str
    label: str
    wanted: int  # the group's headcount in the scenario
    covered: int
    per_person_annual: int  # APBD for one person for the group's months of the fiscal year

    @property
    def not_covered(self) -> int:
        return self.wanted - self.covered

    @property
    def cost(self) -> int:
        return self.covered * self.per_person_annual

    @property
    def full_cost(self) -> int:
        return self.wanted * self.per_person_annual


@dataclass(frozen=True)
class FitResult:
    ceiling: int
    mode: Mode
    share_basis_points: int | None  # proportional mode only: the share of every group
    lines: tuple[FitLine, ...]  # in funding order
    budget: Budget  # the full estimate of the covered people (groups in file order)
    sources: tuple[SourceFit, ...] = ()  # per funding source, when the scenario lists them
    ran_out: RanOut | None = None  # the limit that first kept a group from all its people

    @property
    def scenario(self) -> Scenario:
        return self.budget.scenario

    @property
    def order(self) -> tuple[str, ...]:
        return tuple(line.group_id for line in self.lines)

    @property
    def cost(self) -> int:
        return sum(line.cost for line in self.lines)

    @property
    def left(self) -> int:
        return self.ceiling - self.cost

    @property
    def full_cost(self) -> int:
        """What covering every person of every group would cost."""
        return sum(line.full_cost for line in self.lines)

    @property
    def shortfall(self) -> int:
        """How much more than the ceiling covering everyone costs (negative when it fits)."""
        return self.full_cost - self.ceiling

    @property
    def share_percent(self) -> Decimal | None:
        """The share of every group as a percentage (87.19), proportional mode only."""
        if self.share_basis_points is None:
            return None
        return Decimal(self.share_basis_points) * 100 / FULL_SHARE

    def budget_line(self, group_id: str) -> GroupLine:
        """The covered people's estimate line of a group (its segment, band and programs)."""
        return next(line for line in self.budget.lines if line.group.id == group_id)

    @property
    def people_wanted(self) -> int:
        return sum(line.wanted for line in self.lines)

    @property
    def people_covered(self) -> int:
        return sum(line.covered for line in self.lines)

    @property
    def people_not_covered(self) -> int:
        return sum(line.not_covered for line in self.lines)


def fit(
    scenario: Scenario,
    table: RateTable,
    ceiling: int | None,
    *,
    priority: Sequence[str] | None = None,
    mode: Mode = "priority",
) -> FitResult:
    """Cover as many people as `ceiling` Rupiah a year pays for, in `mode`, and within the
    ceiling and months of each funding source (fit_sources); `ceiling` None: the sources'
    ceilings only. The funding order is `priority` when given and not empty, else the
    scenario's; unlisted groups follow in file order (a group split by type or source: its
    parts, in file order)."""
    if ceiling is not None:
        _check_ceiling(ceiling)
    _check_mode(mode)
    if priority:
        priority = [part for group_id in priority for part in expanded_ids(scenario, group_id)]
    scenario = with_account_codes(expanded(scenario), table)
    if ceiling is None and not any(s.ceiling is not None for s in scenario.funding_sources):
        raise UsageError(
            _("no ceiling to fit: the command gives none, and no funding source has one"),
            _("give {option}, or a ceiling to the scenario's funding_sources").format(
                option=option("ceiling")
            ),
        )
    order = funding_order(scenario, priority)
    snapshots = engine.month_snapshots(table, scenario.fiscal_year)
    costs = [per_person_annual(group, snapshots) for group in order]
    wanted = [group.headcount for group in order]
    caps = Caps(order, scenario.funding_sources, ceiling)
    share, ran_out = None, None
    if mode == "proportional":
        share = proportional_share(wanted, costs, caps)
        covered = shares(wanted, share)
    else:
        covered, ran_out = caps.fill(wanted, costs)
        if not scenario.funding_sources:
            ran_out = None  # one ceiling: the report's "not covered" line says it
    lines = tuple(
        FitLine(group.id, group.label, group.headcount, count, cost)
        for group, count, cost in zip(order, covered, costs, strict=True)
    )
    budget = engine.estimate(with_headcounts(scenario, lines), table)
    by_source = caps.by_source(wanted, covered, costs)
    total = caps.ceiling(wanted, costs)
    result = FitResult(total, mode, share, lines, budget, by_source, ran_out)
    assert budget.annual == result.cost, "n people must cost n times one person"
    return result


def funding_order(scenario: Scenario, priority: Sequence[str] | None = None) -> tuple[Group, ...]:
    """The groups in funding order: those listed first, the others in file order."""
    listed = list(priority) if priority else list(scenario.priority)
    by_id = {group.id: group for group in scenario.groups}
    _check_priority(listed, list(by_id))
    rest = tuple(group for group in scenario.groups if group.id not in listed)
    return (*(by_id[group_id] for group_id in listed), *rest)


def per_person_annual(group: Group, snapshots: engine.Snapshots) -> int:
    """The APBD cost of one person of `group` for the fiscal year the snapshots are for."""
    return engine.group_line(group.model_copy(update={"headcount": 1}), snapshots).annual


def proportional_share(wanted: Sequence[int], costs: Sequence[int], caps: Caps) -> int:
    """The largest share in basis points whose people all fit under the ceilings: the total,
    and every funding source's.

    The cost of a share never falls as the share grows, so a binary search finds it; share 0
    costs nothing and always fits.
    """
    low, high = 0, FULL_SHARE
    while low < high:
        middle = (low + high + 1) // 2
        if caps.fits(shares(wanted, middle), costs):
            low = middle
        else:
            high = middle - 1
    return low


def share_cost(wanted: Sequence[int], costs: Sequence[int], basis_points: int) -> int:
    return sum(
        count * cost for count, cost in zip(shares(wanted, basis_points), costs, strict=True)
    )


def shares(wanted: Sequence[int], basis_points: int) -> list[int]:
    """`basis_points` / 10,000 of each headcount, rounded down to whole people."""
    return [headcount * basis_points // FULL_SHARE for headcount in wanted]


def with_headcounts(scenario: Scenario, lines: Sequence[FitLine]) -> Scenario:
    """The scenario with the covered headcounts (groups stay in file order)."""
    covered = {line.group_id: line.covered for line in lines}
    groups = [
        group.model_copy(update={"headcount": covered[group.id]}) for group in scenario.groups
    ]
    return scenario.model_copy(update={"groups": groups})


def _check_ceiling(ceiling: int) -> None:
    if ceiling < 0:
        raise UsageError(
            _("the budget ceiling is {ceiling} Rupiah: a budget ceiling cannot be negative").format(
                ceiling=ceiling
            ),
            _("give the APBD amount available a year, 0 or more"),
        )


def check_covers_someone(result: FitResult) -> None:
    """Refuse a ceiling that covers nobody of the people wanted, saying what would (the
    commands' check: the computation itself accepts any ceiling)."""
    lines = [line for line in result.lines if line.wanted]
    if result.people_covered or not lines:
        return
    cheapest = min(lines, key=lambda line: line.per_person_annual)
    cost = cheapest.per_person_annual
    if result.ceiling < cost:
        message = _(
            "a ceiling of Rp{ceiling} a year covers nobody: one person of {group}, the "
            "cheapest, costs Rp{cost} a year"
        )
        raise UsageError(
            message.format(
                ceiling=grouped(result.ceiling), group=cheapest.label, cost=grouped(cost)
            ),
            _("give a ceiling of at least Rp{cost} a year").format(cost=grouped(cost)),
        )
    wanted = [line.wanted for line in result.lines]
    smallest = min(-(-FULL_SHARE // count) for count in wanted if count)
    needed = share_cost(wanted, [line.per_person_annual for line in result.lines], smallest)
    message = _(
        "a ceiling of Rp{ceiling} a year covers nobody when every group gets the same share: "
        "the smallest share that covers anyone, {share} %, costs Rp{needed}"
    )
    raise UsageError(
        message.format(
            ceiling=grouped(result.ceiling),
            share=grouped(Decimal(smallest) / 100),
            needed=grouped(needed),
        ),
        _(
            "fund whole people group by group (priority mode), or give a ceiling of at least "
            "Rp{needed}"
        ).format(needed=grouped(needed)),
    )


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        raise UsageError(
            _("unknown fit mode {mode}").format(mode=echo(mode)),
            _("choose one of: {modes}").format(modes=", ".join(MODES)),
        )


def _check_priority(listed: Sequence[str], ids: Sequence[str]) -> None:
    for index, group_id in enumerate(listed):
        if group_id not in ids:
            close = difflib.get_close_matches(group_id, ids, n=1)
            known = _("the group ids are: {ids}").format(ids=", ".join(ids))
            raise UsageError(
                _("the priority order names {id}, but no group has that id").format(
                    id=echo(group_id)
                ),
                _("did you mean '{id}'? ({known})").format(id=close[0], known=known)
                if close
                else known,
            )
        if group_id in listed[:index]:
            raise UsageError(
                _("the priority order lists {id} twice").format(id=echo(group_id)),
                _("list each group once; groups not listed follow in file order"),
            )
