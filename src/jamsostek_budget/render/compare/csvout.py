"""A comparison as CSV: money as plain integers of Rupiah; percentages are left out, so every
cell of a figure column is a plain number."""

from __future__ import annotations

import csv
import io

from jamsostek_budget.planning.compare import Amounts, Comparison


def compare_csv(comparison: Comparison) -> str:
    """One row per group per program, a total row per program and a grand total row: a column of
    APBD a year per scenario, then a difference column per non-baseline scenario."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_csv_header(comparison))
    for group in comparison.groups:
        for row in group.programs:
            writer.writerow([group.group, group.label, row.program, *_csv_cells(row.annual)])
    for row in comparison.by_program:
        writer.writerow(["TOTAL", "Total", row.program, *_csv_cells(row.annual)])
    writer.writerow(["TOTAL", "Total", "all", *_csv_cells(comparison.annual)])
    return out.getvalue()


def _csv_header(comparison: Comparison) -> list[str]:
    values = [f"apbd_annual {column.name}" for column in comparison.columns]
    deltas = [f"delta {column.name}" for column in comparison.others]
    return ["group", "label", "program", *values, *deltas]


def _csv_cells(amounts: Amounts) -> list[object]:
    values = ["" if value is None else value for value in amounts.values]
    return [*values, *amounts.deltas]
