"""What a budget ceiling covers as CSV: one row per group in funding order, and a total row."""

from __future__ import annotations

import csv
import io

from jamsostek_budget.engine.budget import GroupLine
from jamsostek_budget.planning.fit import FitLine, FitResult

CSV_HEADER = [
    "city",
    "fiscal_year",
    "mode",
    "ceiling",
    "share_basis_points",
    "order",
    "group",
    "label",
    "segment",
    "headcount",
    "covered",
    "not_covered",
    "per_person_annual",
    "apbd_annual",
    "left",
]


def fit_csv(result: FitResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    scenario = result.scenario
    share = "" if result.share_basis_points is None else result.share_basis_points
    head = [scenario.city, scenario.fiscal_year, result.mode, result.ceiling, share]
    for position, line in enumerate(result.lines, 1):
        writer.writerow([*head, position, *_csv_cells(line, result.budget_line(line.group_id)), ""])
    totals = [result.people_wanted, result.people_covered, result.people_not_covered]
    writer.writerow([*head, "", "TOTAL", "Total", "", *totals, "", result.cost, result.left])
    return out.getvalue()


def _csv_cells(line: FitLine, budget_line: GroupLine) -> list[object]:
    return [
        line.group_id,
        line.label,
        budget_line.group.segment,
        line.wanted,
        line.covered,
        line.not_covered,
        line.per_person_annual,
        line.cost,
    ]
