"""A reconciliation as CSV: one row per category (people, rows of each list, Rupiah a month and
a year), then the totals (paid_not_owed, to_protect, net). Each person is in `--details`."""

from __future__ import annotations

import csv
import io

from jamsostek_budget.roster.reconcile import CATEGORIES
from jamsostek_budget.roster.reconcile_result import Reconciled

CSV_HEADER = [
    "city",
    "fiscal_year",
    "category",
    "people",
    "roster_rows",
    "bpjs_rows",
    "monthly",
    "annual",
]


def reconcile_csv(found: Reconciled) -> str:
    result = found.reconciliation
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    head = [found.scenario.city, found.scenario.fiscal_year]
    counts, monthly, annual = result.counts(), result.money("monthly"), result.money("annual")
    roster, bpjs = result.rows("roster"), result.rows("bpjs")
    for category in CATEGORIES:
        writer.writerow(
            [
                *head,
                category,
                counts[category],
                roster[category],
                bpjs[category],
                monthly[category],
                annual[category],
            ]
        )
    by_month, by_year = result.totals("monthly"), result.totals("annual")
    for total in ("paid_not_owed", "to_protect", "net"):
        writer.writerow([*head, total, "", "", "", by_month[total], by_year[total]])
    return out.getvalue()
