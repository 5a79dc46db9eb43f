"""A projection as CSV: one row per year per group per program, then a total row per year and
for the window. When the scenario lists its offices or funding sources, last columns `opd` and
`funding` name each group's, and each year has a row per office (group "OPD") and per source
("SOURCE"), as in fit's CSV."""

from __future__ import annotations

import csv
import io

from jamsostek_budget.planning.projection import Projection
from jamsostek_budget.planning.projection_funding import opd_years, source_years

HEADER = [
    "city",
    "year",
    "group",
    "program",
    "headcount",
    "apbd_annual",
    "worker_annual",
    "jp_cap_projected",
]


def project_csv(projection: Projection) -> str:
    """One row per year per group per program, then a total row per year and for the window."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    scenario = projection.scenario
    funded = bool(scenario.opds or scenario.funding_sources)
    keys = ["opd", "funding"] if funded else []
    writer.writerow([*HEADER, *keys])
    city = scenario.city
    offices, sources = opd_years(projection), source_years(projection)
    blank = ["", ""] if funded else []
    for index, year in enumerate(projection.years):
        projected = int(year.projected_cap)
        for line in year.budget.lines:
            named = [line.group.opd or "", _text(line.group.funding)] if funded else []
            for program in line.programs:
                writer.writerow(
                    [
                        city,
                        year.year,
                        line.group.id,
                        program.program,
                        line.group.headcount,
                        program.annual,
                        program.worker_annual,
                        projected,
                        *named,
                    ]
                )
        for office in offices:
            key = office.item.id if office.item is not None else ""
            people, annual = office.people[index], office.annual[index]
            writer.writerow([city, year.year, "OPD", "all", people, annual, "", projected, key, ""])
        for source in sources:
            key = source.item.id if source.item is not None else ""
            people, annual = source.people[index], source.annual[index]
            writer.writerow(
                [city, year.year, "SOURCE", "all", people, annual, "", projected, "", key]
            )
        budget = year.budget
        writer.writerow(
            [
                city,
                year.year,
                "TOTAL",
                "all",
                budget.headcount,
                budget.annual,
                budget.worker_annual,
                projected,
                *blank,
            ]
        )
    writer.writerow(
        [city, "all", "TOTAL", "all", "", projection.annual, projection.worker_annual, "", *blank]
    )
    return out.getvalue()


def _text(funding: object) -> str:
    return funding if isinstance(funding, str) else ""
