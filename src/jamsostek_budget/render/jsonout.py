"""JSON: the stable machine contract. Money is always a plain integer of Rupiah."""

from __future__ import annotations

import json
from typing import Any

from jamsostek_budget import __version__
from jamsostek_budget.budget import Budget, GroupLine


def budget_dict(budget: Budget) -> dict[str, Any]:
    scenario = budget.scenario
    return {
        "city": scenario.city,
        "name": scenario.name,
        "province": scenario.province,
        "fiscal_year": budget.fiscal_year,
        "lines": [_line(line) for line in budget.lines],
        "totals": {
            "headcount": budget.headcount,
            "monthly": list(budget.monthly),
            "by_program": budget.by_program,
            "annual": budget.annual,
            "worker_monthly": list(budget.worker_monthly),
            "worker_by_program": budget.worker_by_program,
            "worker_annual": budget.worker_annual,
        },
        "rates_used": [_rate(use) for use in budget.rates_used],
        "reliefs_applied": [relief.id for relief in budget.reliefs_applied],
        "sources": scenario.sources,
        "jbudget_version": __version__,
    }


def _line(line: GroupLine) -> dict[str, Any]:
    group = line.group
    return {
        "group": group.id,
        "label": group.label,
        "segment": group.segment,
        "band": line.band,
        "risk_class": group.risk_class,
        "headcount": group.headcount,
        "programs": list(group.programs),
        "months": list(line.months),
        "per_person_monthly": line.per_person_monthly,
        "per_person_by_month": list(line.per_person_by_month),
        "monthly": list(line.monthly),
        "by_program": line.by_program,
        "annual": line.annual,
        "apbd_pays_worker_share": group.apbd_pays_worker_share,
        "worker_monthly": list(line.worker_monthly),
        "worker_by_program": line.worker_by_program,
        "worker_annual": line.worker_annual,
    }


def _rate(use: Any) -> dict[str, Any]:
    value = use.value
    return {
        "name": use.name,
        "label": use.label,
        "unit": use.unit,
        "value": int(value) if use.unit == "rupiah" else str(value),
        "effective": use.effective.isoformat(),
        "regulation": use.regulation.id,
        "regulation_title": use.regulation.title,
        "url": use.regulation.url,
        "article": use.article,
        "confidence": use.confidence,
        "last_checked": use.last_checked.isoformat(),
    }


def render_json(budget: Budget) -> str:
    return json.dumps(budget_dict(budget), indent=2, ensure_ascii=False) + "\n"
