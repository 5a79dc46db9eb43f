"""What a budget ceiling covers as JSON: money as plain integers of Rupiah, with the full
estimate of the covered people under `estimate`."""

from __future__ import annotations

import json
from typing import Any

from jamsostek_budget import __version__
from jamsostek_budget.engine.budget import GroupLine
from jamsostek_budget.planning.fit import FitLine, FitResult
from jamsostek_budget.render.estimate.jsonout import budget_dict


def fit_dict(result: FitResult) -> dict[str, Any]:
    scenario = result.scenario
    return {
        "city": scenario.city,
        "name": scenario.name,
        "province": scenario.province,
        "fiscal_year": scenario.fiscal_year,
        "mode": result.mode,
        "ceiling": result.ceiling,
        "share_basis_points": result.share_basis_points,
        "order": list(result.order),
        "lines": [_line(line, result.budget_line(line.group_id)) for line in result.lines],
        "totals": {
            "headcount": result.people_wanted,
            "covered": result.people_covered,
            "not_covered": result.people_not_covered,
            "cost": result.cost,
            "left": result.left,
            "full_cost": result.full_cost,
        },
        "by_source": [
            {
                "source": row.source.id,
                "label": row.source.label,
                "apbd": row.source.is_apbd,
                "months": list(row.source.months),
                "ceiling": row.source.ceiling,
                "wanted": row.wanted,
                "covered": row.covered,
                "cost": row.cost,
                "left": row.left,
                "full_cost": row.full_cost,
            }
            for row in result.sources
        ],
        "ran_out_first": None
        if result.ran_out is None
        else {
            "limit": "total" if result.ran_out.limit is None else result.ran_out.limit.id,
            "group": result.ran_out.group,
        },
        "estimate": budget_dict(result.budget),
        "jbudget_version": __version__,
    }


def _line(line: FitLine, budget_line: GroupLine) -> dict[str, Any]:
    return {
        "group": line.group_id,
        "label": line.label,
        "segment": budget_line.group.segment,
        "band": budget_line.band,
        "risk_class": budget_line.group.risk_class,
        "headcount": line.wanted,
        "covered": line.covered,
        "not_covered": line.not_covered,
        "per_person_annual": line.per_person_annual,
        "cost": line.cost,
    }


def render_fit_json(result: FitResult) -> str:
    return json.dumps(fit_dict(result), indent=2, ensure_ascii=False) + "\n"
