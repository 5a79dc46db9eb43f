"""Rules on a scenario's offices, funding sources, staff types and mid-year changes of type.

Like `scenario_rules`, they read plain mappings, so they run on a validated model and on raw
file data when another field is malformed; a value of the wrong type is skipped here.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from jamsostek_budget.i18n import _, grouped
from jamsostek_budget.model.sourcemap import DataPath

Found = list[tuple[DataPath, str, str]]
MINIMUM_WAGES = ("umk", "ump")


def staff_rules(group: Mapping[str, Any]) -> Found:
    """A staff type's rules: PPPK penuh waktu are not BPJS Ketenagakerjaan's, PPPK paruh waktu
    are wage earners; a job title is a PPPK paruh waktu's."""
    found: Found = []
    staff = group.get("staff_type")
    if staff == "pppk-penuh-waktu":
        found.append(
            (
                ("staff_type",),
                _(
                    "PPPK penuh waktu are ASN: their JKK and JKM run through Taspen (PP 70/2015 "
                    "jo. PP 66/2017), not through a BPJS Ketenagakerjaan budget"
                ),
                _(
                    "leave them out of this budget (PPPK paruh waktu stay with BPJS "
                    "Ketenagakerjaan: staff_type: pppk-paruh-waktu)"
                ),
            )
        )
    if staff == "pppk-paruh-waktu" and group.get("segment") == "bpu":
        found.append(
            (
                ("segment",),
                _(
                    "PPPK paruh waktu are wage earners (pu), paid at least the regional minimum "
                    "wage (KepmenPANRB 16/2025)"
                ),
                _("write segment: pu with monthly_wage: umk, or their wage in Rupiah"),
            )
        )
    if group.get("job_title") is not None and staff != "pppk-paruh-waktu":
        found.append(
            (
                ("job_title",),
                _("a job title picks a PPPK paruh waktu's budget codes"),
                _("remove job_title, or write staff_type: pppk-paruh-waktu"),
            )
        )
    return found


def funding_rules(groups: list[Any], opds: list[Any], sources: list[Any], region: object) -> Found:
    """Every group's opd and funding sources are declared, a split adds up to the headcount,
    a source pays for every month of its groups, and a minimum wage has a region."""
    opd_ids = _ids(opds)
    source_ids = _ids(sources)
    by_id = {s["id"]: s for s in sources if isinstance(s, Mapping) and "id" in s}
    found: Found = _unique(opds, "opds") + _unique(sources, "funding_sources")
    for index, group in enumerate(groups):
        if not isinstance(group, Mapping):
            continue
        where: DataPath = ("groups", index)
        for part in [group, *_becomes(group)]:
            place = where if part is group else (*where, "becomes")
            found += _opd_rule(part, place, opd_ids)
            found += _funding_rule(part, place, source_ids, by_id, group)
            found += _region_rule(part, place, region, group)
    return found


def becomes_rules(groups: list[Any]) -> Found:
    """A change of type starts inside the group's months, under an id no other group has."""
    found: Found = []
    ids = [g.get("id") for g in groups if isinstance(g, Mapping)]
    for index, group in enumerate(groups):
        change = group.get("becomes") if isinstance(group, Mapping) else None
        if not isinstance(change, Mapping):
            continue
        start, end = group.get("start_month", 1), group.get("end_month", 12)
        month = change.get("from_month")
        numbers = isinstance(month, int) and isinstance(start, int) and isinstance(end, int)
        if numbers and not start < month <= end:
            found.append(
                (
                    ("groups", index, "becomes", "from_month"),
                    _(
                        "month {month} is not after the group's first month {start} and "
                        "within its last month {end}"
                    ).format(month=month, start=start, end=end),
                    _("a change of type starts in a month the group covers, after its first"),
                )
            )
        new_id = change.get("id")
        if isinstance(new_id, str) and (new_id in ids or _becomes_ids(groups).count(new_id) > 1):
            found.append(
                (
                    ("groups", index, "becomes", "id"),
                    _("group id '{id}' is already used").format(id=new_id),
                    _("give the group after the change its own id"),
                )
            )
    return found


def _becomes(group: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    change = group.get("becomes")
    return [change] if isinstance(change, Mapping) else []


def _becomes_ids(groups: list[Any]) -> list[object]:
    return [
        change.get("id")
        for group in groups
        if isinstance(group, Mapping)
        for change in _becomes(group)
    ]


def _ids(items: list[Any]) -> list[str]:
    return [i["id"] for i in items if isinstance(i, Mapping) and isinstance(i.get("id"), str)]


def _unique(items: list[Any], name: str) -> Found:
    seen: set[str] = set()
    found: Found = []
    for index, item in enumerate(items):
        item_id = item.get("id") if isinstance(item, Mapping) else None
        if isinstance(item_id, str) and item_id in seen:
            found.append(
                (
                    (name, index, "id"),
                    _("'{id}' is used twice").format(id=item_id),
                    _("give each its own id"),
                )
            )
        if isinstance(item_id, str):
            seen.add(item_id)
    return found


def _unknown(kind: str, name: str, known: list[str]) -> tuple[str, str]:
    close = difflib.get_close_matches(name, known, 1)
    hint = (
        _("did you mean '{id}'?").format(id=close[0])
        if close
        else _("declare it under {kind}: with its id and label").format(kind=kind)
    )
    return _("no entry of {kind} has the id '{id}'").format(kind=kind, id=name), hint


def _opd_rule(part: Mapping[str, Any], where: DataPath, known: list[str]) -> Found:
    opd = part.get("opd")
    if isinstance(opd, str) and opd not in known:
        return [((*where, "opd"), *_unknown("opds", opd, known))]
    if known and opd is None and "from_month" not in part:
        return [
            (
                (*where, "opd"),
                _("the scenario lists its offices (opds), and this group names none"),
                _("add opd: one of {ids}").format(ids=", ".join(known)),
            )
        ]
    return []


def _funding_rule(
    part: Mapping[str, Any],
    where: DataPath,
    known: list[str],
    sources: Mapping[str, Mapping[str, Any]],
    group: Mapping[str, Any],
) -> Found:
    funding = part.get("funding")
    found: Found = []
    if funding is None:
        if known and "from_month" not in part:
            found.append(
                (
                    (*where, "funding"),
                    _("the scenario lists its funding sources, and this group names none"),
                    _("add funding: one of {ids}").format(ids=", ".join(known)),
                )
            )
        return found
    if not known:
        return [
            (
                (*where, "funding"),
                _("the scenario declares no funding_sources"),
                _("declare them under funding_sources: with id, label, ceiling and months"),
            )
        ]
    names = (
        [funding]
        if isinstance(funding, str)
        else list(funding)
        if isinstance(funding, Mapping)
        else []
    )
    for name in names:
        if isinstance(name, str) and name not in known:
            place = (*where, "funding") if isinstance(funding, str) else (*where, "funding", name)
            found.append((place, *_unknown("funding_sources", name, known)))
    headcount = part.get("headcount", group.get("headcount"))
    if isinstance(funding, Mapping) and isinstance(headcount, int):
        people = [n for n in funding.values() if isinstance(n, int) and not isinstance(n, bool)]
        if len(people) == len(funding) and sum(people) != headcount:
            found.append(
                (
                    (*where, "funding"),
                    _("the split adds up to {split} people, and the group has {headcount}").format(
                        split=grouped(sum(people)), headcount=grouped(headcount)
                    ),
                    _("split every person of the group, once"),
                )
            )
    if part.get("apbd_paid") is False:
        found.append(
            (
                (*where, "apbd_paid"),
                _("whether a group is APBD-paid comes from its funding source"),
                _("remove apbd_paid: false; set apbd: false on a source that is not APBD money"),
            )
        )
    found += _months_rule(part, where, names, sources, group)
    return found


def _months_rule(
    part: Mapping[str, Any],
    where: DataPath,
    names: list[Any],
    sources: Mapping[str, Mapping[str, Any]],
    group: Mapping[str, Any],
) -> Found:
    """A source pays only for its months: every month of a group it funds must be one."""
    if "from_month" in part:
        first, last = part.get("from_month"), group.get("end_month", 12)
    else:
        first, last = group.get("start_month", 1), group.get("end_month", 12)
        change = group.get("becomes")
        if isinstance(change, Mapping) and isinstance(change.get("from_month"), int):
            last = change["from_month"] - 1
    if not (isinstance(first, int) and isinstance(last, int)):
        return []
    found: Found = []
    for name in names:
        source = sources.get(name) if isinstance(name, str) else None
        if source is None:
            continue
        paid_from, paid_to = source.get("first_month", 1), source.get("last_month", 12)
        if (
            isinstance(paid_from, int)
            and isinstance(paid_to, int)
            and (first < paid_from or last > paid_to)
        ):
            found.append(
                (
                    (*where, "funding"),
                    _(
                        "{source} pays for months {source_first} to {source_last}, and the "
                        "group runs from month {first} to {last}"
                    ).format(
                        source=name,
                        source_first=paid_from,
                        source_last=paid_to,
                        first=first,
                        last=last,
                    ),
                    _(
                        "set the group's start_month/end_month inside the source's months, "
                        "or pay the other months from another source (becomes:)"
                    ),
                )
            )
    return found


def _region_rule(
    part: Mapping[str, Any], where: DataPath, region: object, group: Mapping[str, Any]
) -> Found:
    if part.get("monthly_wage") not in MINIMUM_WAGES:
        return []
    own = part.get("wage_region", group.get("wage_region"))
    if own is not None or region is not None:
        if part.get("monthly_wage") == "umk" and "." not in str(own or region):
            return [
                (
                    (*where, "wage_region" if own else "monthly_wage"),
                    _("a UMK is a regency's or city's, and {region} is a province").format(
                        region=own or region
                    ),
                    _("give the regency's or city's code (35.05), or write monthly_wage: ump"),
                )
            ]
        return []
    return [
        (
            (*where, "monthly_wage"),
            _("a minimum wage needs a region, and neither the group nor the scenario gives one"),
            _("add region: the Pemda's Kemendagri code (18.72) to the scenario, or wage_region"),
        )
    ]
