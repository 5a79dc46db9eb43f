"""Rules that tie the fields of a scenario together.

They read plain mappings, so the same rules run on a validated model and, when another field of
the same group is malformed (and the model's own check never runs), on the raw file data: the
user sees every problem in one pass. A value of the wrong type is skipped here; the field check
already reports it.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping
from typing import Any

from jamsostek_budget.sourcemap import DataPath

Found = list[tuple[DataPath, str, str]]
PU_ONLY_FIELDS = ("monthly_wage", "risk_class")


def group_rules(group: Mapping[str, Any]) -> Found:
    found: Found = []
    segment = group.get("segment")
    programs = (
        [p for p in group.get("programs") or [] if isinstance(p, str)]
        if isinstance(group.get("programs"), list)
        else []
    )
    if segment == "bpu":
        found += _bpu_rules(group, programs)
    elif segment == "pu":
        found += _pu_rules(group)
    found += _month_rules(group)
    found += _eligible_rules(group)
    found += _year_rules(group)
    found += [
        (("programs", i), f"{p} is listed twice", "")
        for i, p in enumerate(programs)
        if p in programs[:i]
    ]
    return found


def _bpu_rules(group: Mapping[str, Any], programs: list[str]) -> Found:
    found: Found = []
    if group.get("declared_income") is None:
        found.append(
            (
                ("segment",),
                "a bpu group needs declared_income",
                "add declared_income: "
                "1000000 for the lowest band (Rp16,800 a month with JKK and JKM)",
            )
        )
    found += [
        (
            (name,),
            f"{name} is for pu groups only; bpu premiums come from the declared income band",
            f"remove {name}, or set segment: pu",
        )
        for name in PU_ONLY_FIELDS
        if group.get(name) is not None
    ]
    if "jp" in programs:
        found.append(
            (
                ("programs", programs.index("jp")),
                "JP (pension) is not available to bpu "
                "participants (PP 45/2015 covers wage earners only)",
                "remove jp, or set segment: pu",
            )
        )
    if group.get("apbd_pays_worker_share") is True:
        found.append(
            (
                ("apbd_pays_worker_share",),
                "bpu groups have no worker share: the Pemda pays the whole premium",
                "remove apbd_pays_worker_share",
            )
        )
    return found


def _pu_rules(group: Mapping[str, Any]) -> Found:
    found: Found = []
    if group.get("monthly_wage") is None:
        found.append(
            (
                ("segment",),
                "a pu group needs monthly_wage",
                "add monthly_wage: the monthly wage in whole Rupiah",
            )
        )
    if group.get("risk_class") is None:
        found.append(
            (
                ("segment",),
                "a pu group needs risk_class",
                "add risk_class: very_low (offices), low, medium, high or very_high",
            )
        )
    if group.get("declared_income") is not None:
        found.append(
            (
                ("declared_income",),
                "declared_income is for bpu groups only",
                "use monthly_wage for a pu group",
            )
        )
    if group.get("sector", "other") != "other":
        found.append((("sector",), "sector only matters for bpu groups", "remove sector"))
    return found


def _month_rules(group: Mapping[str, Any]) -> Found:
    start, end = group.get("start_month", 1), group.get("end_month", 12)
    if not (_is_month(start) and _is_month(end)) or start <= end:
        return []
    return [
        (
            ("end_month",),
            f"end_month {end} is before start_month {start}",
            "a group is covered from start_month to end_month of one fiscal year",
        )
    ]


def _eligible_rules(group: Mapping[str, Any]) -> Found:
    headcount, eligible = group.get("headcount"), group.get("eligible")
    if not (isinstance(headcount, int) and isinstance(eligible, int)) or headcount <= eligible:
        return []
    return [
        (
            ("eligible",),
            f"eligible {eligible:,} is fewer than the headcount {headcount:,}",
            "eligible is everyone who could be covered, so at least the headcount",
        )
    ]


def _year_rules(group: Mapping[str, Any]) -> Found:
    plan = group.get("headcount_by_year")
    if not isinstance(plan, list):
        return []
    years = [row.get("year") if isinstance(row, Mapping) else None for row in plan]
    return [
        (("headcount_by_year", i, "year"), f"year {year} is listed twice", "")
        for i, year in enumerate(years)
        if year is not None and year in years[:i]
    ]


def _is_month(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12


def scenario_rules(groups: list[Any], priority: list[Any] | None = None) -> Found:
    found: Found = _priority_rules(groups, priority or [])
    seen: dict[str, int] = {}
    for index, group in enumerate(groups):
        group_id = group.get("id") if isinstance(group, Mapping) else None
        if not isinstance(group_id, str):
            continue
        if group_id in seen:
            found.append(
                (
                    ("groups", index, "id"),
                    f"group id '{group_id}' is used twice (first at groups[{seen[group_id]}])",
                    "give every group its own id",
                )
            )
        seen.setdefault(group_id, index)
    return found


def _priority_rules(groups: list[Any], priority: list[Any]) -> Found:
    ids = [g.get("id") for g in groups if isinstance(g, Mapping)]
    found: Found = []
    for index, group_id in enumerate(priority):
        if not isinstance(group_id, str):
            continue
        if group_id not in ids:
            close = difflib.get_close_matches(group_id, [i for i in ids if isinstance(i, str)], 1)
            hint = f"did you mean '{close[0]}'?" if close else "list ids of this file's groups"
            found.append((("priority", index), f"no group has the id '{group_id}'", hint))
        elif group_id in priority[:index]:
            found.append((("priority", index), f"'{group_id}' is listed twice", ""))
    return found


def rules_hidden_by_errors(data: Mapping[str, Any], failed: Collection[DataPath]) -> Found:
    """The rules a failed validation did not get to run, applied to the raw data."""
    groups = data.get("groups")
    if not isinstance(groups, list):
        return []
    priority = data.get("priority")
    found = scenario_rules(groups, priority if isinstance(priority, list) else [])
    for index, group in enumerate(groups):
        if isinstance(group, Mapping) and any(p[:2] == ("groups", index) for p in failed):
            found += [
                (("groups", index, *path), message, hint)
                for path, message, hint in group_rules(group)
            ]
    return found
