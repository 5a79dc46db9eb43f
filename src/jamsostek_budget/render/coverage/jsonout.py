"""A coverage target as JSON: shares as exact decimal strings of percent, money as plain integers
of Rupiah; per year the people the target needs, the new people per group and their cost, the
year's APBD and the gap to the pagu (null without a pagu)."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

from jamsostek_budget import __version__
from jamsostek_budget.planning.coverage import Coverage, CoverageYear


def coverage_dict(found: Coverage) -> dict[str, Any]:
    scenario = found.scenario
    return {
        "city": scenario.city,
        "name": scenario.name,
        "base_year": scenario.fiscal_year,
        "reading": found.target.reading,
        "target_percent" if found.target.reading == "linear" else "growth_percent": str(
            found.target.percent
        ),
        "eligible": found.eligible,
        "covered": found.covered,
        "coverage_percent": percent_of(found.now),
        "groups": [
            {"group": g.id, "eligible": g.eligible, "covered": g.headcount} for g in found.groups
        ],
        "left_out": [group.id for group in found.left_out],
        "pagu": found.pagu,
        "pagu_from": None if found.pagu is None else ("option" if found.pagu_given else "scenario"),
        "years": [_year(year) for year in found.years],
        "totals": {
            "new_annual": sum(year.new_annual for year in found.years),
            "annual": sum(year.annual for year in found.years),
        },
        "jbudget_version": __version__,
    }


def _year(year: CoverageYear) -> dict[str, Any]:
    return {
        "year": year.year,
        "target_percent": percent_of(year.share),
        "people": year.people,
        "new": year.new,
        "new_annual": year.new_annual,
        "by_group": [
            {"group": share.group.id, "new": share.new, "new_annual": share.new_annual}
            for share in year.shares
        ],
        "annual": year.annual,
        "pagu": year.pagu,
        "gap": year.gap,
    }


def percent_of(share: Fraction) -> str:
    """The share as percent, to 4 decimals (36.6667)."""
    ratio = Decimal(share.numerator) * 100 / Decimal(share.denominator)
    return str(ratio.quantize(Decimal("0.0001")))


def render_coverage_json(found: Coverage) -> str:
    return json.dumps(coverage_dict(found), indent=2, ensure_ascii=False) + "\n"
