"""The plan for the months left of its fiscal year, for planning.fit: a revision fits what a
reduced pagu leaves to the months from the one it takes effect, and fit costs a scenario's
groups over their own months, so the groups are trimmed to start no earlier than that month."""

from __future__ import annotations

from collections.abc import Sequence

from jamsostek_budget.model.fields import year_month
from jamsostek_budget.model.scenario import Group, Scenario
from jamsostek_budget.planning.fit import funding_order


def months_left(scenario: Scenario, first: int, priority: Sequence[str] | None = None) -> Scenario:
    """The scenario trimmed to the months `first` to December, its priority the funding order
    of the groups left: `priority` (or the scenario's), checked against every group, then the
    unlisted groups in file order."""
    left = trimmed_to(scenario, first)
    return left.model_copy(update={"priority": _order_left(scenario, left, priority)})


def trimmed_to(scenario: Scenario, first: int) -> Scenario:
    """The scenario for the months `first` to December: groups that end before are left out,
    the others start no earlier than `first`. A trimmed group keeps its enrolment month, so a
    relief for new members applies exactly as in the whole-year plan, and every month left costs
    what it costs there."""
    groups = [_from_month(group, first, scenario.fiscal_year) for group in scenario.groups]
    kept = [group for group in groups if group is not None]
    ids = {group.id for group in kept}
    order = [group_id for group_id in scenario.priority if group_id in ids]
    return scenario.model_copy(update={"groups": kept, "priority": order})


def _from_month(group: Group, first: int, year: int) -> Group | None:
    if group.end_month < first:
        return None
    if group.start_month >= first:
        return group
    enrolled = year_month(group.enrolment(year))
    return group.model_copy(update={"start_month": first, "enrolled": enrolled})


def _order_left(scenario: Scenario, left: Scenario, priority: Sequence[str] | None) -> list[str]:
    """The funding order for the months left: `priority` (or the scenario's) checked against
    every group of the scenario, without the groups whose months are over."""
    listed = [group.id for group in funding_order(scenario, priority)]
    ids = {group.id for group in left.groups}
    return [group_id for group_id in listed if group_id in ids]
