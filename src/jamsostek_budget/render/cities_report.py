"""The listing of bundled scenarios for `jbudget cities`."""

from __future__ import annotations

from typing import Any

from jamsostek_budget.api import City
from jamsostek_budget.render.labels import number
from jamsostek_budget.render.report import Report, Section


def cities_report(cities: list[City]) -> Report:
    rows = tuple(
        (
            c.slug,
            c.scenario.name,
            c.scenario.province,
            str(c.scenario.fiscal_year),
            str(len(c.scenario.groups)),
            number(c.scenario.headcount),
            "; ".join(c.scenario.sources),
        )
        for c in cities
    )
    section = Section(
        "Bundled scenarios (use with --city SLUG)",
        ("Slug", "Name", "Province", "Fiscal year", "Groups", "Headcount", "Sources"),
        rows,
        right=frozenset({3, 4, 5}),
    )
    return Report("jbudget bundled cities", (), (section,))


def cities_list(cities: list[City]) -> list[dict[str, Any]]:
    return [
        {
            "city": c.slug,
            "name": c.scenario.name,
            "province": c.scenario.province,
            "fiscal_year": c.scenario.fiscal_year,
            "groups": len(c.scenario.groups),
            "headcount": c.scenario.headcount,
            "sources": c.scenario.sources,
        }
        for c in cities
    ]
