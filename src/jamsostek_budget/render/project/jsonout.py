"""A projection as JSON: per year, per group and per program, money as plain integers of
Rupiah, and the JP wage caps of each year with whether they are projected."""

from __future__ import annotations

import json
from typing import Any

from jamsostek_budget import __version__
from jamsostek_budget.planning.projection import Projection, Year
from jamsostek_budget.planning.projection_funding import YearlyTotal, opd_years, source_years


def project_dict(projection: Projection) -> dict[str, Any]:
    """`by_opd` and `by_source` (per year and for the window) only when the scenario lists its
    offices or funding sources."""
    a = projection.assumptions
    offices, sources = opd_years(projection), source_years(projection)
    return {
        "city": projection.scenario.city,
        "name": projection.scenario.name,
        "base_year": projection.scenario.fiscal_year,
        "assumptions": {
            "headcount_growth_percent": str(a.headcount_growth_percent),
            "wage_growth_percent": str(a.wage_growth_percent),
            "gdp_growth_percent": str(a.gdp_growth_percent),
        },
        "years": [
            {**_year_dict(year), **_funding_of_year(index, offices, sources)}
            for index, year in enumerate(projection.years)
        ],
        "totals": {
            "annual": projection.annual,
            "worker_annual": projection.worker_annual,
            "by_program": projection.by_program,
            **_funding_totals(offices, sources),
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


def _funding_of_year(
    index: int, offices: tuple[YearlyTotal, ...], sources: tuple[YearlyTotal, ...]
) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if offices:
        found["by_opd"] = [
            {**_item(t, "opd"), "people": t.people[index], "annual": t.annual[index]}
            for t in offices
        ]
    if sources:
        found["by_source"] = [
            {
                **_item(t, "source"),
                "people": t.people[index],
                "annual": t.annual[index],
                "ceiling": t.ceiling,
                "left": None if t.ceiling is None else t.ceiling - t.annual[index],
            }
            for t in sources
        ]
    return found


def _funding_totals(
    offices: tuple[YearlyTotal, ...], sources: tuple[YearlyTotal, ...]
) -> dict[str, Any]:
    """The window per office and per source; a source's `not_covered`: the years its ceiling
    (the scenario's, for its fiscal year) does not cover, and by how much."""
    found: dict[str, Any] = {}
    if offices:
        found["by_opd"] = [{**_item(t, "opd"), "annual": t.total} for t in offices]
    if sources:
        found["by_source"] = [
            {
                **_item(t, "source"),
                "annual": t.total,
                "ceiling": t.ceiling,
                "not_covered": [{"year": year, "over": over} for year, over in t.short],
            }
            for t in sources
        ]
    return found


def _item(total: YearlyTotal, key: str) -> dict[str, Any]:
    item = total.item
    return {key: None if item is None else item.id, "label": None if item is None else item.label}


def render_project_json(projection: Projection) -> str:
    return json.dumps(project_dict(projection), indent=2, ensure_ascii=False) + "\n"
