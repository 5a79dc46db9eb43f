"""A coverage target as CSV: one row per year per eligible group (its new people and their cost),
then a TOTAL row per year with the people the target needs, the year's APBD, the pagu and the gap,
and a TOTAL row for the window."""

from __future__ import annotations

import csv
import io

from jamsostek_budget.planning.coverage import Coverage
from jamsostek_budget.render.coverage.jsonout import percent_of

HEADER = [
    "city",
    "year",
    "group",
    "target_percent",
    "people",
    "new",
    "new_annual",
    "apbd_annual",
    "pagu",
    "gap",
]


def coverage_csv(found: Coverage) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    city = found.scenario.city
    for year in found.years:
        for share in year.shares:
            writer.writerow(
                [city, year.year, share.group.id, "", "", share.new, share.new_annual, "", "", ""]
            )
        writer.writerow(
            [
                city,
                year.year,
                "TOTAL",
                percent_of(year.share),
                year.people,
                year.new,
                year.new_annual,
                year.annual,
                _blank(year.pagu),
                _blank(year.gap),
            ]
        )
    new_annual = sum(year.new_annual for year in found.years)
    annual = sum(year.annual for year in found.years)
    writer.writerow([city, "all", "TOTAL", "", "", "", new_annual, annual, "", ""])
    return out.getvalue()


def _blank(value: int | None) -> object:
    return "" if value is None else value
