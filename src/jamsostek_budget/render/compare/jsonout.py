"""A comparison as JSON: figures keyed by scenario name, money as plain integers of Rupiah, a
percentage as a string with one decimal ("12.5"), or null where the baseline is Rp0."""

from __future__ import annotations

from typing import Any

from jamsostek_budget import __version__
from jamsostek_budget.planning.compare import Amounts, Column, Comparison, GroupRow, ProgramRow


def compare_dict(comparison: Comparison) -> dict[str, Any]:
    """JSON: figures keyed by column name; differences only for the non-baseline columns."""
    return {
        "baseline": comparison.baseline.name,
        "scenarios": [_column_dict(column) for column in comparison.columns],
        "groups": [_group_dict(comparison, row) for row in comparison.groups],
        "by_program": [_program_dict(comparison, row) for row in comparison.by_program],
        "totals": {
            "headcount": _amounts_dict(comparison, comparison.headcount),
            "annual": _amounts_dict(comparison, comparison.annual),
            "worker_annual": _amounts_dict(comparison, comparison.worker),
        },
        "jbudget_version": __version__,
    }


def _column_dict(column: Column) -> dict[str, Any]:
    return {
        "name": column.name,
        "city": column.city,
        "scenario_name": column.scenario_name,
        "province": column.province,
        "fiscal_year": column.fiscal_year,
    }


def _amounts_dict(comparison: Comparison, amounts: Amounts) -> dict[str, Any]:
    names = [column.name for column in comparison.columns]
    others = names[1:]
    return {
        "values": dict(zip(names, amounts.values, strict=True)),
        "delta": dict(zip(others, amounts.deltas, strict=True)),
        "delta_percent": {
            name: None if pct is None else f"{pct:f}"
            for name, pct in zip(others, amounts.percents, strict=True)
        },
    }


def _group_dict(comparison: Comparison, row: GroupRow) -> dict[str, Any]:
    return {
        "group": row.group,
        "label": row.label,
        "status": dict(zip([c.name for c in comparison.others], row.statuses, strict=True)),
        "headcount": _amounts_dict(comparison, row.headcount),
        "annual": _amounts_dict(comparison, row.annual),
        "programs": [_program_dict(comparison, program) for program in row.programs],
    }


def _program_dict(comparison: Comparison, row: ProgramRow) -> dict[str, Any]:
    return {"program": row.program, "annual": _amounts_dict(comparison, row.annual)}
