"""A comparison as CSV: money as plain integers of Rupiah; percentages are left out, so every
cell of a figure column is a plain number."""

from __future__ import annotations

import csv
import io

from jamsostek_budget.model.funding import FundingSource, Opd
from jamsostek_budget.planning.compare import Amounts, Comparison
from jamsostek_budget.planning.compare_funding import key_of


def compare_csv(comparison: Comparison) -> str:
    """One row per group per program, a total row per program and a grand total row: a column of
    APBD a year per scenario, then a difference column per non-baseline scenario. When a scenario
    lists its offices or funding sources, last columns `opd` and `funding` name each group's, and a
    row per office (group "OPD") and per source ("SOURCE") comes before the grand total, as in
    fit's CSV."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    funded = bool(comparison.offices or comparison.sources)
    writer.writerow(_csv_header(comparison, funded))
    for group in comparison.groups:
        keys = _keys(comparison, group.group) if funded else []
        for row in group.programs:
            writer.writerow([group.group, group.label, row.program, *_csv_cells(row.annual), *keys])
    blank = ["", ""] if funded else []
    for row in comparison.by_program:
        writer.writerow(["TOTAL", "Total", row.program, *_csv_cells(row.annual), *blank])
    for office in comparison.offices:
        name = office.item.label if isinstance(office.item, Opd) else ""
        writer.writerow(["OPD", name, "all", *_csv_cells(office.annual), office.key or "", ""])
    for source in comparison.sources:
        name = source.item.label if isinstance(source.item, FundingSource) else ""
        writer.writerow(["SOURCE", name, "all", *_csv_cells(source.annual), "", source.key or ""])
    writer.writerow(["TOTAL", "Total", "all", *_csv_cells(comparison.annual), *blank])
    return out.getvalue()


def _keys(comparison: Comparison, group: str) -> list[str]:
    return [
        key_of(comparison.offices, group) or "",
        key_of(comparison.sources, group) or "",
    ]


def _csv_header(comparison: Comparison, funded: bool) -> list[str]:
    values = [f"apbd_annual {column.name}" for column in comparison.columns]
    deltas = [f"delta {column.name}" for column in comparison.others]
    keys = ["opd", "funding"] if funded else []
    return ["group", "label", "program", *values, *deltas, *keys]


def _csv_cells(amounts: Amounts) -> list[object]:
    values = ["" if value is None else value for value in amounts.values]
    return [*values, *amounts.deltas]
