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

from jamsostek_budget.i18n import _, grouped
from jamsostek_budget.model.fields import PROGRAMS
from jamsostek_budget.model.sourcemap import DataPath

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
    found += _budget_code_rules(group, programs)
    found += [
        (("programs", i), _("{program} is listed twice").format(program=p), "")
        for i, p in enumerate(programs)
        if p in programs[:i]
    ]
    return found


def _budget_code_rules(group: Mapping[str, Any], programs: list[str]) -> Found:
    """A budget code names the account a program's premium is paid from: a code for a program
    the group does not pay would show an empty account line in the RKA."""
    codes = group.get("budget_codes")
    if not isinstance(codes, Mapping):
        return []
    return [
        (
            ("budget_codes", program),
            _("the group does not pay {program}, so it has no budget code for it").format(
                program=program
            ),
            _("remove it, or add {program} to programs").format(program=program),
        )
        for program in codes
        if is_program(program) and programs and program not in programs
    ]


def _bpu_rules(group: Mapping[str, Any], programs: list[str]) -> Found:
    found: Found = []
    if group.get("declared_income") is None:
        found.append(
            (
                ("segment",),
                _("a bpu group needs declared_income"),
                _(
                    "add declared_income: "
                    "1000000 for the lowest band (Rp16,800 a month with JKK and JKM)"
                ),
            )
        )
    found += [
        (
            (name,),
            _(
                "{field} is for pu groups only; bpu premiums come from the declared income band"
            ).format(field=name),
            _("remove {field}, or set segment: pu").format(field=name),
        )
        for name in PU_ONLY_FIELDS
        if group.get(name) is not None
    ]
    if "jp" in programs:
        found.append(
            (
                ("programs", programs.index("jp")),
                _(
                    "JP (pension) is not available to bpu "
                    "participants (PP 45/2015 covers wage earners only)"
                ),
                _("remove jp, or set segment: pu"),
            )
        )
    if group.get("apbd_pays_worker_share") is True:
        found.append(
            (
                ("apbd_pays_worker_share",),
                _("bpu groups have no worker share: the Pemda pays the whole premium"),
                _("remove apbd_pays_worker_share"),
            )
        )
    return found


def _pu_rules(group: Mapping[str, Any]) -> Found:
    found: Found = []
    if group.get("monthly_wage") is None:
        found.append(
            (
                ("segment",),
                _("a pu group needs monthly_wage"),
                _("add monthly_wage: the monthly wage in whole Rupiah"),
            )
        )
    if group.get("risk_class") is None:
        found.append(
            (
                ("segment",),
                _("a pu group needs risk_class"),
                _("add risk_class: very_low (offices), low, medium, high or very_high"),
            )
        )
    if group.get("declared_income") is not None:
        found.append(
            (
                ("declared_income",),
                _("declared_income is for bpu groups only"),
                _("use monthly_wage for a pu group"),
            )
        )
    if group.get("sector", "other") != "other":
        found.append((("sector",), _("sector only matters for bpu groups"), _("remove sector")))
    return found


def _month_rules(group: Mapping[str, Any]) -> Found:
    start, end = group.get("start_month", 1), group.get("end_month", 12)
    if not (_is_month(start) and _is_month(end)) or start <= end:
        return []
    return [
        (
            ("end_month",),
            _("end_month {end} is before start_month {start}").format(end=end, start=start),
            _("a group is covered from start_month to end_month of one fiscal year"),
        )
    ]


def _eligible_rules(group: Mapping[str, Any]) -> Found:
    headcount, eligible = group.get("headcount"), group.get("eligible")
    if not (isinstance(headcount, int) and isinstance(eligible, int)) or headcount <= eligible:
        return []
    return [
        (
            ("eligible",),
            _("eligible {eligible} is fewer than the headcount {headcount}").format(
                eligible=grouped(eligible), headcount=grouped(headcount)
            ),
            _("eligible is everyone who could be covered, so at least the headcount"),
        )
    ]


def _year_rules(group: Mapping[str, Any]) -> Found:
    plan = group.get("headcount_by_year")
    if not isinstance(plan, list):
        return []
    # rows are mappings in a file being checked, YearHeadcount models once the group is read
    years = [
        row.get("year") if isinstance(row, Mapping) else getattr(row, "year", None) for row in plan
    ]
    return [
        (
            ("headcount_by_year", i, "year"),
            _("year {year} is listed twice").format(year=year),
            _("give each year one headcount: remove or correct one of the two"),
        )
        for i, year in enumerate(years)
        if year is not None and year in years[:i]
    ]


def is_program(value: object) -> bool:
    return isinstance(value, str) and value in PROGRAMS


def _is_month(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12


def scenario_rules(
    groups: list[Any], priority: list[Any] | None = None, pagu: object = None
) -> Found:
    found: Found = _priority_rules(groups, priority or [])
    if isinstance(pagu, Mapping):
        found += pagu_rules(groups, pagu)
    seen: dict[str, int] = {}
    for index, group in enumerate(groups):
        group_id = group.get("id") if isinstance(group, Mapping) else None
        if not isinstance(group_id, str):
            continue
        if group_id in seen:
            found.append(
                (
                    ("groups", index, "id"),
                    _("group id '{id}' is used twice (first at groups[{first}])").format(
                        id=group_id, first=seen[group_id]
                    ),
                    _("give every group its own id"),
                )
            )
        seen.setdefault(group_id, index)
    return found


def pagu_rules(groups: list[Any], pagu: Mapping[Any, Any]) -> Found:
    """A pagu per budget code: one for every code the groups pay from, none for a code no group
    uses, and every program of every group paid from a code (else its premiums would fall under
    no ceiling)."""
    used, found = _codes_used(groups)
    for code in pagu:
        if isinstance(code, str) and code not in used:
            close = difflib.get_close_matches(code, list(used), 1)
            hint = (
                _("did you mean {code}?").format(code=close[0])
                if close
                else _("the groups' budget codes are: {codes}").format(codes=", ".join(used))
                if used
                else _("no group gives budget_codes: give one pagu for the year")
            )
            message = _("no group pays from budget code {code}").format(code=code)
            found.append((("pagu", code), message, hint))
    for code, ids in used.items():
        if code not in pagu:
            found.append(
                (
                    ("pagu",),
                    _("budget code {code} ({groups}) has no pagu").format(
                        code=code, groups=", ".join(dict.fromkeys(ids))
                    ),
                    _("give every budget code of the groups its pagu, or one pagu for the year"),
                )
            )
    return found


def _codes_used(groups: list[Any]) -> tuple[dict[str, list[str]], Found]:
    """The budget codes the groups pay from, each with its groups' ids; and, for a pagu per
    code, each group that pays a program from no code."""
    used: dict[str, list[str]] = {}
    found: Found = []
    for index, group in enumerate(groups):
        if not isinstance(group, Mapping):
            continue
        codes = group.get("budget_codes")
        codes = codes if isinstance(codes, Mapping) else {}
        programs = group.get("programs")
        uncoded = []
        for program in programs if isinstance(programs, list) else []:
            code = codes.get(program)
            if isinstance(code, str):
                used.setdefault(code, []).append(str(group.get("id")))
            elif isinstance(program, str):
                uncoded.append(program)
        if uncoded:
            found.append(
                (
                    ("groups", index, "budget_codes"),
                    _(
                        "the pagu is given per budget code, and this group pays {programs} from "
                        "no budget code"
                    ).format(programs=", ".join(uncoded)),
                    _(
                        "add budget_codes: {{{program}: CODE}}, or give one pagu for the year"
                    ).format(program=uncoded[0]),
                )
            )
    return used, found


def _priority_rules(groups: list[Any], priority: list[Any]) -> Found:
    ids = [g.get("id") for g in groups if isinstance(g, Mapping)]
    found: Found = []
    for index, group_id in enumerate(priority):
        if not isinstance(group_id, str):
            continue
        if group_id not in ids:
            close = difflib.get_close_matches(group_id, [i for i in ids if isinstance(i, str)], 1)
            hint = (
                _("did you mean '{id}'?").format(id=close[0])
                if close
                else _("list ids of this file's groups")
            )
            message = _("no group has the id '{id}'").format(id=group_id)
            found.append((("priority", index), message, hint))
        elif group_id in priority[:index]:
            message = _("'{id}' is listed twice").format(id=group_id)
            found.append((("priority", index), message, ""))
    return found


def rules_hidden_by_errors(data: Mapping[str, Any], failed: Collection[DataPath]) -> Found:
    """The rules a failed validation did not get to run, applied to the raw data."""
    groups = data.get("groups")
    if not isinstance(groups, list):
        return []
    priority = data.get("priority")
    pagu = None if any(path[:1] == ("pagu",) for path in failed) else data.get("pagu")
    found = scenario_rules(groups, priority if isinstance(priority, list) else [], pagu)
    for index, group in enumerate(groups):
        if isinstance(group, Mapping) and any(p[:2] == ("groups", index) for p in failed):
            found += [
                (("groups", index, *path), message, hint)
                for path, message, hint in group_rules(group)
            ]
    return found
