"""A projection as JSON: per year, per group and per program, money as plain integers of
Rupiah, and the JP wage caps of each year with whether they are projected."""

from __future__ import annotations

import json
from typing import Any

from jamsostek_budget import __version__
from jamsostek_budget.planning.projection import Projection, Year


def project_dict(projection: Projection) -> dict[str, Any]:
    a = projection.assumptions
    return {
        "city": projection.scenario.city,
        "name": projection.scenario.name,
        "base_year": projection.scenario.fiscal_year,
        "assumptions": {
            "headcount_growth_percent": str(a.headcount_growth_percent),
            "wage_growth_percent": str(a.wage_growth_percent),
            "gdp_growth_percent": str(a.gdp_growth_percent),
        },
        "years": [_year_dict(year) for year in projection.years],
        "totals": {
            "annual": projection.annual,
            "worker_annual": projection.worker_annual,
            "by_program": projection.by_program,
        },
        "jbudget_version": __version__,
    }


def _year_dict(year: Year) -> dict[str, Any]:
    budget = year.budget
    return {
        "year": year.year,
        "headcount": budget.headcount,
        "annual": budget.annual,
        "worker_annual": budget.worker_annual,
        "monthly": list(budget.monthly),
        "by_program": budget.by_program,
        "jp_wage_caps": [
            {
                "effective": cap.effective.isoformat(),
                "value": int(cap.value),
                "projected": cap.projected,
            }
            for cap in year.jp_caps
        ],
        "lines": [
            {
                "group": line.group.id,
                "headcount": line.group.headcount,
                "monthly_wage": line.group.monthly_wage,
                "annual": line.annual,
                "by_program": line.by_program,
                "worker_annual": line.worker_annual,
            }
            for line in budget.lines
        ],
    }


def render_project_json(projection: Projection) -> str:
    return json.dumps(project_dict(projection), indent=2, ensure_ascii=False) + "\n"
