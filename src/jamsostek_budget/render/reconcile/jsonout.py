"""A reconciliation as JSON (the contract of issue 16): money in integer Rupiah; beside the
contract's keys, the totals, the eligibility rules, each other list and the rejected rows."""

from __future__ import annotations

from typing import Any

import polars as pl

from jamsostek_budget import __version__
from jamsostek_budget.render.reconcile.offices import office_json
from jamsostek_budget.roster.bpjs_list import SEPARATOR, ListRows
from jamsostek_budget.roster.reconcile_result import Reconciled


def reconcile_dict(found: Reconciled) -> dict[str, Any]:
    result = found.reconciliation
    scenario = found.scenario
    rules = scenario.eligibility
    return {
        "city": scenario.city,
        "name": scenario.name,
        "fiscal_year": scenario.fiscal_year,
        "counts": result.counts(),
        "monthly": result.money("monthly"),
        "annual": result.money("annual"),
        "totals": {"monthly": result.totals("monthly"), "annual": result.totals("annual")},
        **office_json(found),
        "lists": {
            "roster": _list(
                found.roster_file,
                found.roster.rows_read,
                found.roster.accepted.height,
                found.roster_rejected.height,
                found.roster.blank_rows,
                result.rows("roster"),
            ),
            "bpjs": _list(
                found.bpjs.file,
                found.bpjs.rows_read,
                found.bpjs.accepted.height - found.reconciliation.unpriced.height,
                found.bpjs_rejected.height,
                found.bpjs.blank,
                result.rows("bpjs"),
            ),
            "other": [
                _other(other, shared)
                for other, shared in zip(found.others, result.shared_with_others, strict=True)
            ],
        },
        "eligibility": None if rules is None else rules.model_dump(mode="json"),
        "rejected": [
            *_rejected("roster", found.roster_file, found.roster_rejected),
            *_rejected("bpjs", found.bpjs.file, found.bpjs_rejected),
            *(
                row
                for other in found.others
                for row in _rejected("other", other.file, other.rejected)
            ),
        ],
        "jbudget_version": __version__,
    }


def _list(
    file: str, read: int, _accepted: int, rejected: int, blank: int, rows: dict[str, int]
) -> dict[str, Any]:
    """A list's rows: read = accepted (each in one category, `rows`) + rejected + blank."""
    return {
        "file": file,
        "rows_read": read,
        "accepted": sum(rows.values()),
        "rejected": rejected,
        "blank": blank,
        "rows": rows,
    }


def _other(other: ListRows, shared: int) -> dict[str, Any]:
    return {
        "file": other.file,
        "rows_read": other.rows_read,
        "accepted": other.accepted.height,
        "rejected": other.rejected.height,
        "blank": other.blank,
        "shared": shared,
    }


def _rejected(name: str, file: str, frame: pl.DataFrame) -> list[dict[str, Any]]:
    has_sheet = "sheet" in frame.columns
    return [
        {
            "list": name,
            "file": file,
            "line": row["line"],
            "sheet": row["sheet"] if has_sheet else "",
            "reasons": str(row["reasons"]).split(SEPARATOR),
        }
        for row in frame.iter_rows(named=True)
    ]
