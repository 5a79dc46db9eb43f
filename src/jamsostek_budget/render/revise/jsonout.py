"""The mid-year revision as JSON: money as plain integers of Rupiah, months as "YYYY-MM", keys
stable (the README's "jbudget revise" section documents them)."""

from __future__ import annotations

from typing import Any

from jamsostek_budget import __version__
from jamsostek_budget.planning.realized import month_text
from jamsostek_budget.planning.revision import Revision, RevisionLine
from jamsostek_budget.planning.versions import BudgetVersion, VersionComparison


def revise_dict(
    revision: Revision, versions: VersionComparison, *, from_bills: bool
) -> dict[str, Any]:
    scenario = revision.original.scenario
    return {
        "city": scenario.city,
        "name": scenario.name,
        "province": scenario.province,
        "fiscal_year": revision.fiscal_year,
        "effective": month_text(revision.effective),
        "realized_from": "bills" if from_bills else "plan",
        "realized": {
            "total": revision.realized_total,
            "months": [
                {"month": month_text(month), "amount": amount}
                for month, amount in sorted(revision.realized.by_month.items())
            ],
            "unbilled": [month_text(month) for month in revision.unbilled],
        },
        "pagu": {
            "original": revision.original_pagu,
            "cut": revision.cut,
            "revised": revision.revised_pagu,
            "difference": revision.difference,
        },
        "need_at": revision.need_at,
        "headcounts": [
            {
                "group": change.group_id,
                "label": change.label,
                "planned": change.planned,
                "billed": change.billed.people,
                "month": month_text(change.billed.month),
            }
            for change in revision.headcounts
        ],
        "totals": _totals(revision),
        "groups": [_line(line) for line in revision.lines],
        "losses": [
            {
                "group": loss.group_id,
                "label": loss.label,
                "people": loss.people,
                "from": month_text(loss.from_month),
                "per_person": loss.per_person,
                "cost": loss.cost,
            }
            for loss in revision.losses
        ],
        "versions": [_version(version) for version in versions.versions],
        "jbudget_version": __version__,
    }


def _totals(revision: Revision) -> dict[str, int]:
    return {
        "planned": revision.original.annual,
        "realized": revision.realized_total,
        "planned_left": revision.planned_left,
        "need": revision.need,
        "ceiling_left": revision.ceiling_left,
        "covered": revision.covered,
        "left": revision.left,
    }


def _line(line: RevisionLine) -> dict[str, Any]:
    return {
        "group": line.group_id,
        "label": line.label,
        "planned": line.planned,
        "planned_to_date": line.planned_to_date,
        "planned_left": line.planned_left,
        "realized": line.realized,
        "need": line.need,
        "covered": line.covered,
        "revised": line.revised,
        "difference": line.difference,
        "people": line.people,
        "people_covered": line.people_covered,
    }


def _version(version: BudgetVersion) -> dict[str, Any]:
    return {
        "kind": version.kind,
        "label": version.label,
        "pagu": version.pagu,
        "groups": None
        if version.groups is None
        else {group.group_id: group.annual for group in version.groups},
        "programs": None if version.programs is None else dict(version.programs),
        "sources": None
        if version.by_source is None
        else {source or "": amount for source, amount in version.by_source.items()},
        "legal_basis": version.legal_basis,
    }
