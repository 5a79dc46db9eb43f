"""`jbudget cities`: the bundled scenarios, as a Report (table) and as JSON."""

from __future__ import annotations

from typing import Any

from jamsostek_budget.i18n import _, in_language
from jamsostek_budget.model.city import City
from jamsostek_budget.render.shared.sections import Cell, Report, Section


def cities_report(cities: list[City], city_option: str) -> Report:
    """The table of bundled scenarios; `city_option` is how the caller chooses one (the CLI:
    `--city`), named in the heading."""
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            c.slug,
            c.scenario.name,
            c.scenario.province,
            str(c.scenario.fiscal_year),
            len(c.scenario.groups),
            c.scenario.headcount,
            "; ".join(in_language(c.scenario.sources, c.scenario.sources_id)),
        )
        for c in cities
    )
    section = Section(
        _("Bundled scenarios (use with {option} SLUG)").format(option=city_option),
        (
            "Slug",
            _("Name"),
            _("Province"),
            _("Fiscal year"),
            _("Groups"),
            _("Headcount"),
            _("Sources"),
        ),
        rows,
        right=frozenset({3, 4, 5}),
    )
    return Report(_("jbudget bundled cities"), (), (section,))


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
