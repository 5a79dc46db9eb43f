"""The budget year as of a date as CSV: one row per group and contribution month (the rows a
spreadsheet pivots), then one row per month for all groups ("TOTAL")."""

from __future__ import annotations

import csv
import io

from jamsostek_budget.planning.tracking_figures import MonthFigures
from jamsostek_budget.planning.tracking_result import TrackResult

CSV_HEADER = [
    "city",
    "fiscal_year",
    "as_of",
    "group",
    "month",
    "due",
    "planned",
    "billed",
    "paid",
    "outstanding",
    "days_late",
    "participants",
]


def track_csv(result: TrackResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    tracking = result.tracking
    head = [result.budget.scenario.city, tracking.fiscal_year, tracking.as_of.isoformat()]
    for group in tracking.groups:
        for figures in group.months:
            writer.writerow([*head, group.group_id, *_cells(figures)])
    for figures in tracking.months:
        writer.writerow([*head, "TOTAL", *_cells(figures)])
    return out.getvalue()


def _cells(figures: MonthFigures) -> list[object]:
    year, month = figures.month
    participants = "" if figures.participants is None else figures.participants
    return [
        f"{year}-{month:02d}",
        figures.due.isoformat(),
        figures.planned,
        figures.billed,
        figures.paid,
        figures.outstanding,
        figures.days_late,
        participants,
    ]
