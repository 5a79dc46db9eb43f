"""What `jbudget reconcile` found per office (OPD) and per funding source: each office checks
its own staff, each source what it pays for. People per category, and the Rupiah a month paid
for people not owed and needed to protect the unprotected, as the totals are (Reconciliation.by)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jamsostek_budget.i18n import _
from jamsostek_budget.render.reconcile.labels import short_label
from jamsostek_budget.render.shared.funding_names import opd_name, source_name
from jamsostek_budget.render.shared.sections import Cell, Money, Section
from jamsostek_budget.roster.reconcile_columns import CATEGORIES, PAID_NOT_OWED
from jamsostek_budget.roster.reconcile_result import Reconciled

Split = dict[str, dict[str, tuple[int, int, int]]]


def office_keys(found: Reconciled) -> tuple[dict[str, str], dict[str, str]]:
    """(group id -> office id, office id -> its name) of the scenario's groups."""
    scenario = found.scenario
    groups = {group.id: group.opd for group in scenario.groups if group.opd}
    return groups, {opd.id: opd_name(opd) for opd in scenario.opds} | {"": opd_name(None)}


def source_keys(found: Reconciled) -> tuple[dict[str, str], dict[str, str]]:
    scenario = found.scenario
    groups = {g.id: g.funding for g in scenario.groups if isinstance(g.funding, str)}
    names = {source.id: source_name(source) for source in scenario.funding_sources}
    return groups, names | {"": source_name(None)}


def office_sections(found: Reconciled) -> tuple[Section, ...]:
    sections = []
    if found.scenario.opds:
        sections.append(_section(found, *office_keys(found), _("Per office (OPD)")))
    if found.scenario.funding_sources:
        sections.append(_section(found, *source_keys(found), _("Per funding source (sumber dana)")))
    return tuple(sections)


def _section(
    found: Reconciled, groups: Mapping[str, str], names: Mapping[str, str], title: str
) -> Section:
    split = found.reconciliation.by(groups)
    keys = [key for key in names if key or key in split]
    rows = tuple(_row(names[key], split.get(key, {})) for key in keys)
    headers = (
        _("Name"),
        *(short_label(category) for category in CATEGORIES),
        _("Paid, not owed\na month"),
        _("To protect\na month"),
    )
    return Section(title, headers, rows, None, frozenset(range(1, len(headers))))


def _row(name: str, found: Mapping[str, tuple[int, int, int]]) -> tuple[Cell, ...]:
    people = [found.get(category, (0, 0, 0))[0] for category in CATEGORIES]
    paid_not_owed = sum(found.get(category, (0, 0, 0))[1] for category in PAID_NOT_OWED)
    to_protect = found.get("listed_not_billed", (0, 0, 0))[1]
    return (name, *people, Money(paid_not_owed), Money(to_protect))


def office_json(found: Reconciled) -> dict[str, Any]:
    """JSON `by_opd` and `by_source`: per office and source, people, monthly and annual Rupiah
    per category ("" for entries of no office or source); empty without offices or sources."""
    data: dict[str, Any] = {}
    for name, (groups, names), wanted in (
        ("by_opd", office_keys(found), found.scenario.opds),
        ("by_source", source_keys(found), found.scenario.funding_sources),
    ):
        if not wanted:
            continue
        split: Split = found.reconciliation.by(groups)
        data[name] = {
            key: {
                "label": names.get(key),
                "counts": {c: split.get(key, {}).get(c, (0, 0, 0))[0] for c in CATEGORIES},
                "monthly": {c: split.get(key, {}).get(c, (0, 0, 0))[1] for c in CATEGORIES},
                "annual": {c: split.get(key, {}).get(c, (0, 0, 0))[2] for c in CATEGORIES},
            }
            for key in names
            if key or key in split
        }
    return data
