"""A scenario as the engine costs it: one line per group, period of one type and funding source.

A group that `becomes` another type from a month is two groups: itself until the month before,
and the group written under `becomes` from that month (its own id and label, every field it does
not change carried over). A group whose people are split between funding sources is one group per
source, `<id>-<source>`, labelled with the source. Each group then has one funding source, and
is APBD-paid exactly when its source is APBD money; a minimum wage without its own region is
the scenario's. Expanding an expanded scenario changes nothing.
"""

from __future__ import annotations

from typing import Any

from jamsostek_budget.model.scenario import Group, Scenario

# the fields of `becomes` that are not a group's own
CHANGE_ONLY = frozenset({"from_month"})


def expanded(scenario: Scenario) -> Scenario:
    sources = {source.id: source for source in scenario.funding_sources}
    groups: list[Group] = []
    parts: dict[str, list[str]] = {}
    for group in scenario.groups:
        for period in _periods(group):
            for split in _by_source(period, sources):
                part = _settled(split, scenario, sources)
                groups.append(part)
                parts.setdefault(group.id, []).append(part.id)
    if [g.id for g in groups] == [g.id for g in scenario.groups] and all(
        a is b for a, b in zip(groups, scenario.groups, strict=True)
    ):
        return scenario
    priority = [part for group_id in scenario.priority for part in parts.get(group_id, [group_id])]
    return scenario.model_copy(update={"groups": groups, "priority": priority})


def expanded_ids(scenario: Scenario, group_id: str) -> list[str]:
    """The ids a group of the scenario is costed under (itself, or its periods and sources);
    an id no group has stays as it is, for the caller to refuse."""
    sources = {source.id: source for source in scenario.funding_sources}
    for group in scenario.groups:
        if group.id == group_id:
            return [part.id for period in _periods(group) for part in _by_source(period, sources)]
    return [group_id]


def _periods(group: Group) -> list[Group]:
    change = group.becomes
    if change is None:
        return [group]
    before = group.model_copy(update={"end_month": change.from_month - 1, "becomes": None})
    fields: dict[str, Any] = {
        name: getattr(change, name) for name in change.model_fields_set - CHANGE_ONLY
    }
    if "segment" in fields and fields["segment"] != group.segment:
        # a change of segment drops the other segment's fields unless written again
        for name in ("declared_income", "monthly_wage", "risk_class", "wage_region"):
            fields.setdefault(name, None)
        fields.setdefault("apbd_pays_worker_share", False)
    after = group.model_copy(
        update={
            **fields,
            "start_month": change.from_month,
            "enrolled": None,
            "becomes": None,
        }
    )
    return [before, after]


def _by_source(group: Group, sources: dict[str, Any]) -> list[Group]:
    if not isinstance(group.funding, dict):
        return [group]
    return [
        group.model_copy(
            update={
                "id": f"{group.id}-{source_id}",
                "label": f"{group.label} ({sources[source_id].label})"
                if source_id in sources
                else f"{group.label} ({source_id})",
                "headcount": people,
                "funding": source_id,
                "eligible": None,
                "headcount_by_year": [],
            }
        )
        for source_id, people in group.funding.items()
        if people
    ]


def _settled(group: Group, scenario: Scenario, sources: dict[str, Any]) -> Group:
    update: dict[str, Any] = {}
    if isinstance(group.funding, str) and group.funding in sources:
        is_apbd = sources[group.funding].is_apbd
        if group.apbd_paid != is_apbd:
            update["apbd_paid"] = is_apbd
    if group.monthly_wage in ("umk", "ump") and group.wage_region is None:
        update["wage_region"] = scenario.region
    return group.model_copy(update=update) if update else group
