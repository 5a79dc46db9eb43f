"""A comparison as JSON: figures keyed by scenario name, money as plain integers of Rupiah, a
percentage as a string with one decimal ("12.5"), or null where the baseline is Rp0."""

from __future__ import annotations

from typing import Any

from jamsostek_budget import __version__
from jamsostek_budget.model.funding import FundingSource, Opd
from jamsostek_budget.planning.compare import (
    Amounts,
    Column,
    Comparison,
    FundingRow,
    GroupRow,
    ProgramRow,
)
from jamsostek_budget.planning.compare_funding import key_of


def compare_dict(comparison: Comparison) -> dict[str, Any]:
    """JSON: figures keyed by column name; differences only for the non-baseline columns.
    `by_opd` and `by_source` only when a scenario lists its offices or sources."""
    funding: dict[str, Any] = {}
    if comparison.offices:
        funding["by_opd"] = [_opd_dict(comparison, row) for row in comparison.offices]
    if comparison.sources:
        funding["by_source"] = [_source_dict(comparison, row) for row in comparison.sources]
    return {
        "baseline": comparison.baseline.name,
        "scenarios": [_column_dict(column) for column in comparison.columns],
        "groups": [_group_dict(comparison, row) for row in comparison.groups],
        "by_program": [_program_dict(comparison, row) for row in comparison.by_program],
        **funding,
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
    funding: dict[str, Any] = {}
    if comparison.offices:
        funding["opd"] = key_of(comparison.offices, row.group)
    if comparison.sources:
        funding["funding"] = key_of(comparison.sources, row.group)
    return {
        "group": row.group,
        "label": row.label,
        **funding,
        "status": dict(zip([c.name for c in comparison.others], row.statuses, strict=True)),
        "headcount": _amounts_dict(comparison, row.headcount),
        "annual": _amounts_dict(comparison, row.annual),
        "programs": [_program_dict(comparison, program) for program in row.programs],
    }


def _program_dict(comparison: Comparison, row: ProgramRow) -> dict[str, Any]:
    return {"program": row.program, "annual": _amounts_dict(comparison, row.annual)}


def _opd_dict(comparison: Comparison, row: FundingRow) -> dict[str, Any]:
    opd = row.item if isinstance(row.item, Opd) else None
    return {
        "opd": row.key,
        "label": None if opd is None else opd.label,
        "headcount": _amounts_dict(comparison, row.headcount),
        "annual": _amounts_dict(comparison, row.annual),
    }


def _source_dict(comparison: Comparison, row: FundingRow) -> dict[str, Any]:
    """A source's ceiling and what it leaves, per scenario (null: no ceiling, or not listed)."""
    source = row.item if isinstance(row.item, FundingSource) else None
    names = [column.name for column in comparison.columns]
    return {
        "source": row.key,
        "label": None if source is None else source.label,
        "kind": None if source is None else source.kind,
        "apbd": None if source is None else source.is_apbd,
        "headcount": _amounts_dict(comparison, row.headcount),
        "annual": _amounts_dict(comparison, row.annual),
        "ceiling": dict(zip(names, row.ceilings, strict=True)),
        "left": dict(zip(names, row.left, strict=True)),
    }
