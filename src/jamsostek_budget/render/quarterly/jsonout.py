"""The quarterly report as JSON: money as plain integers of Rupiah."""

from __future__ import annotations

import json
from typing import Any

from jamsostek_budget import __version__
from jamsostek_budget.planning.quarterly import QuarterlyReport, Realization


def quarterly_dict(result: QuarterlyReport) -> dict[str, Any]:
    scenario = result.budget.scenario
    return {
        "city": scenario.city,
        "name": scenario.name,
        "province": scenario.province,
        "fiscal_year": scenario.fiscal_year,
        "quarter": result.quarter.label,
        "months": list(result.quarter.months),
        "categories": [
            {
                "group": row.group_id,
                "label": row.label,
                "segment": row.segment,
                "staff_type": row.staff_type,
                "programs": list(row.programs),
                "people": row.people,
                "billed_people": row.billed_people,
                "budget_year": row.year_budget,
                "budget_quarter": row.quarter_budget,
                "realization": _realization(row.realization),
            }
            for row in result.rows
        ],
        "totals": {
            "people": result.people,
            "budget_year": result.year_budget,
            "budget_quarter": result.quarter_budget,
            "realization": _realization(result.realization),
        },
        "obstacles": result.obstacles,
        "jbudget_version": __version__,
    }


def render_quarterly_json(result: QuarterlyReport) -> str:
    return json.dumps(quarterly_dict(result), indent=2, ensure_ascii=False) + "\n"


def _realization(done: Realization | None) -> dict[str, int] | None:
    if done is None:
        return None
    return {
        "billed_quarter": done.billed_quarter,
        "paid_quarter": done.paid_quarter,
        "paid_to_date": done.paid_to_date,
    }
