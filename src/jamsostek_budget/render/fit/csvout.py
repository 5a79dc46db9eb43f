"""What a budget ceiling covers as CSV: one row per group in funding order, a row per funding
source (group `SOURCE`, its ceiling's left in `left`) when the scenario lists them, and a total
row."""

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
    "opd",
    "funding",
]


def fit_csv(result: FitResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    scenario = result.scenario
    share = "" if result.share_basis_points is None else result.share_basis_points
    head = [scenario.city, scenario.fiscal_year, result.mode, result.ceiling, share]
    for position, line in enumerate(result.lines, 1):
        budget_line = result.budget_line(line.group_id)
        group = budget_line.group
        funding = group.funding if isinstance(group.funding, str) else ""
        cells = _csv_cells(line, budget_line)
        writer.writerow([*head, position, *cells, "", group.opd or "", funding])
    for row in result.sources:
        counts = [row.wanted, row.covered, row.wanted - row.covered]
        left = "" if row.left is None else row.left
        label = row.source.label
        writer.writerow(
            [*head, "", "SOURCE", label, "", *counts, "", row.cost, left, "", row.source.id]
        )
    totals = [result.people_wanted, result.people_covered, result.people_not_covered]
    writer.writerow(
        [*head, "", "TOTAL", "Total", "", *totals, "", result.cost, result.left, "", ""]
    )
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
