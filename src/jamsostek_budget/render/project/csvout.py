"""A projection as CSV: one row per year per group per program, then a total row per year and
for the window."""

from __future__ import annotations

import csv
import io

from jamsostek_budget.planning.projection import Projection


def project_csv(projection: Projection) -> str:
    """One row per year per group per program, then a total row per year and for the window."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "city",
            "year",
            "group",
            "program",
            "headcount",
            "apbd_annual",
            "worker_annual",
            "jp_cap_projected",
        ]
    )
    city = projection.scenario.city
    for year in projection.years:
        for line in year.budget.lines:
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
                        int(year.projected_cap),
                    ]
                )
        writer.writerow(
            [
                city,
                year.year,
                "TOTAL",
                "all",
                year.budget.headcount,
                year.budget.annual,
                year.budget.worker_annual,
                int(year.projected_cap),
            ]
        )
    writer.writerow(
        [city, "all", "TOTAL", "all", "", projection.annual, projection.worker_annual, ""]
    )
    return out.getvalue()
