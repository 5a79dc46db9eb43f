"""A rollup as JSON: money as plain integers of Rupiah."""

from __future__ import annotations

import json
from typing import Any

from jamsostek_budget import __version__
from jamsostek_budget.planning.rollup import Amounts, Rollup
from jamsostek_budget.roster.overlap import Overlap


def rollup_dict(rollup: Rollup, overlap: Overlap | None) -> dict[str, Any]:
    return {
        "province": rollup.province,
        "fiscal_year": rollup.fiscal_year,
        "places": [
            {
                "city": place.place.budget.scenario.city,
                "name": place.place.name,
                "paid_by": place.place.paid_by,
                "province_pays": sorted(place.place.province_pays),
                **_amounts(place.all),
                "pemda_pays": place.pemda,
                "province_pays_annual": place.province,
            }
            for place in rollup.places
        ],
        "group_types": [
            {
                "staff_type": row.staff_type,
                "segment": row.segment,
                "label": row.label,
                **_amounts(row.amounts),
            }
            for row in rollup.types
        ],
        "totals": {**_amounts(rollup.total), "province_pays": rollup.province_pays},
        "counted_twice": None if overlap is None else _overlap(overlap),
        "jbudget_version": __version__,
    }


def render_rollup_json(rollup: Rollup, overlap: Overlap | None) -> str:
    return json.dumps(rollup_dict(rollup, overlap), indent=2, ensure_ascii=False) + "\n"


def _amounts(amounts: Amounts) -> dict[str, Any]:
    return {
        "people": amounts.people,
        "by_program": amounts.by_program,
        "apbd_annual": amounts.annual,
    }


def _overlap(overlap: Overlap) -> dict[str, Any]:
    return {
        "rosters": list(overlap.places),
        "people": [
            {
                "nik": person.nik,
                "name": person.name,
                "places": list(person.places),
                "apbd_annual": list(person.amounts),
                "paid_twice": person.paid_twice,
            }
            for person in overlap.people
        ],
        "count": len(overlap.people),
        "paid_twice": overlap.paid_twice,
    }
