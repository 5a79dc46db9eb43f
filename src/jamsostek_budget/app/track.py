"""`jbudget track`: the plan of a scenario against its BPJS bills and the payments (SP2D), as of
a date. One function: check the scenario, read the bills and payments files (roster.ledger), run
the computation (planning.tracking) and return it with what the files' reading noted.

A row is rejected by the reader (a cell it cannot read, a group the scenario lacks) or by the
computation (a program the group does not pay, a payment after the as-of date); both are the
file's rejected rows, so that rows read = used + rejected + blank holds per file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from jamsostek_budget.app.estimate import checked_scenario
from jamsostek_budget.app.outcome import Outcome, outcome_of
from jamsostek_budget.engine import premiums as engine
from jamsostek_budget.errors import Problem
from jamsostek_budget.model.ledger import BillLine, Payment, Rejected
from jamsostek_budget.planning.tracking import track
from jamsostek_budget.planning.tracking_result import FileCount, TrackResult
from jamsostek_budget.roster.ledger import LedgerFile, read_bills, read_payments

Record = TypeVar("Record", BillLine, Payment)


@dataclass(frozen=True)
class TrackRequest:
    """Every input of `track_budget`."""

    scenario_file: Path
    bills: Path
    payments: Path | None
    pagu: int | None
    as_of: date
    year: int | None = None
    rates_dir: Path | None = None


def track_budget(request: TrackRequest) -> Outcome[TrackResult]:
    """`jbudget track`: the request's plan, bills and payments as of its date."""
    return outcome_of(lambda: _track(request))


def _track(request: TrackRequest) -> tuple[TrackResult, tuple[Problem, ...]]:
    scenario, table, warnings = checked_scenario(
        request.scenario_file, request.year, request.rates_dir
    )
    budget = engine.estimate(scenario, table)
    year = scenario.fiscal_year
    bills = read_bills(request.bills, scenario.groups, year)
    payments = None if request.payments is None else read_payments(request.payments, year)
    paid = () if payments is None else payments.records
    pagu = scenario.pagu if request.pagu is None else request.pagu  # --pagu, else the file's
    tracking = track(budget, pagu, bills.records, paid, request.as_of)
    files = [_counted(bills, tracking.rejected_bills)]
    if payments is not None:
        files.append(_counted(payments, tracking.rejected_payments))
    notes = (*bills.notes, *(() if payments is None else payments.notes))
    return TrackResult(budget, tracking, tuple(files)), (*warnings, *notes)


def _counted(read: LedgerFile[Record], later: tuple[Rejected, ...]) -> FileCount:
    """The file's rows: those the computation rejected (`later`) are taken from the used ones."""
    rejected = tuple(
        sorted((*read.rejected, *later), key=lambda row: (row.source.sheet, row.source.line))
    )
    return FileCount(
        read.file, read.rows_read, len(read.records) - len(later), rejected, read.blank
    )
