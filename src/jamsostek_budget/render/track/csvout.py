"""The budget year as of a date as CSV: one row per group and contribution month (the rows a
spreadsheet pivots), then one row per month for all groups ("TOTAL"); with the scenario's
offices or funding sources, each group's `opd` and `funding` last."""

from __future__ import annotations

import csv
import io

from jamsostek_budget.engine.budget import Budget
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
FUNDING_HEADER = ["opd", "funding"]  # only when the scenario lists offices or funding sources


def track_csv(result: TrackResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    funding = funding_columns(result.budget)
    writer.writerow(CSV_HEADER + (FUNDING_HEADER if funding else []))
    tracking = result.tracking
    head = [result.budget.scenario.city, tracking.fiscal_year, tracking.as_of.isoformat()]
    for group in tracking.groups:
        after = funding.get(group.group_id, [])
        for figures in group.months:
            writer.writerow([*head, group.group_id, *_cells(figures), *after])
    total = ["", ""] if funding else []
    for figures in tracking.months:
        writer.writerow([*head, "TOTAL", *_cells(figures), *total])
    return out.getvalue()


def funding_columns(budget: Budget) -> dict[str, list[str]]:
    """Each group's office and funding source, for the columns opd and funding; empty when the
    scenario lists neither (its CSV keeps the columns it always had)."""
    scenario = budget.scenario
    if not scenario.opds and not scenario.funding_sources:
        return {}
    return {
        line.group.id: [
            line.group.opd or "",
            line.group.funding if isinstance(line.group.funding, str) else "",
        ]
        for line in budget.lines
    }


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
