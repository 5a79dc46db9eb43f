"""The quarterly report as CSV: a row per category and a total row; money as plain integers of
Rupiah, the realization columns empty when no bills were given. The obstacles are in the
report and the JSON."""

from __future__ import annotations

import csv
import io

from jamsostek_budget.planning.quarterly import QuarterlyReport, Realization
from jamsostek_budget.render.quarterly.report import category_type


def quarterly_csv(result: QuarterlyReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "group",
            "label",
            "type",
            "people",
            "budget_year",
            "budget_quarter",
            "billed_people",
            "billed_quarter",
            "paid_quarter",
            "paid_to_date",
        ]
    )
    for row in result.rows:
        billed = "" if row.billed_people is None else row.billed_people
        writer.writerow(
            [
                row.group_id,
                row.label,
                category_type(row),
                row.people,
                row.year_budget,
                row.quarter_budget,
                billed,
                *_cells(row.realization),
            ]
        )
    total = ["TOTAL", "Total", "", result.people, result.year_budget, result.quarter_budget, ""]
    writer.writerow([*total, *_cells(result.realization)])
    return out.getvalue()


def _cells(done: Realization | None) -> list[object]:
    if done is None:
        return ["", "", ""]
    return [done.billed_quarter, done.paid_quarter, done.paid_to_date]
