"""The mid-year revision as CSV: one row per group, then a total row; money in whole Rupiah,
an empty cell where the bills give no amount per group; with the scenario's offices or funding
sources, each group's `opd` and `funding` last."""

from __future__ import annotations

import csv
import io

from jamsostek_budget.planning.realized import month_text
from jamsostek_budget.planning.revision import Revision
from jamsostek_budget.render.track.csvout import FUNDING_HEADER, funding_columns

CSV_HEADER = [
    "city",
    "fiscal_year",
    "effective",
    "original_pagu",
    "revised_pagu",
    "group",
    "label",
    "planned",
    "realized",
    "need",
    "covered",
    "revised",
    "difference",
    "people",
    "people_covered",
    "loses_cover_from",
]


def revise_csv(revision: Revision) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    funding = {
        **funding_columns(revision.original),
        **funding_columns(revision.revised_plan),
    }
    writer.writerow(CSV_HEADER + (FUNDING_HEADER if funding else []))
    scenario = revision.original.scenario
    head = [
        scenario.city,
        revision.fiscal_year,
        month_text(revision.effective),
        revision.original_pagu,
        revision.revised_pagu,
    ]
    losing = {loss.group_id: month_text(loss.from_month) for loss in revision.losses}
    for line in revision.lines:
        amounts = [line.planned, line.realized, line.need, line.covered, line.revised]
        cells = [_cell(amount) for amount in (*amounts, line.difference)]
        counts = [line.people, line.people_covered, losing.get(line.group_id, "")]
        after = funding.get(line.group_id, [])
        writer.writerow([*head, line.group_id, line.label, *cells, *counts, *after])
    revised = revision.realized_total + revision.covered
    total = [revision.original.annual, revision.realized_total, revision.need, revision.covered]
    people = sum(line.people for line in revision.lines)
    covered = sum(line.people_covered for line in revision.lines)
    difference = revised - revision.original.annual
    blank = ["", ""] if funding else []
    row = [*head, "TOTAL", "Total", *total, revised, difference, people, covered, "", *blank]
    writer.writerow(row)
    return out.getvalue()


def _cell(amount: int | None) -> int | str:
    return "" if amount is None else amount
