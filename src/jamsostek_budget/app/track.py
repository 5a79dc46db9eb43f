"""`jbudget track`: the plan of a scenario against its BPJS bills and the payments (SP2D), as of
a date. One function: check the scenario, read the bills and payments files (roster.ledger), run
the computation (planning.tracking) and return it with what the files' reading noted.

A row is rejected by the reader (a cell it cannot read, a group the scenario lacks) or by the
computation (a program the group does not pay, a payment after the as-of date); both are the
file's rejected rows, so that rows read = used + rejected + blank holds per file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from jamsostek_budget.app.estimate import checked_scenario
from jamsostek_budget.app.outcome import Outcome, outcome_of
from jamsostek_budget.engine import premiums as engine
from jamsostek_budget.errors import Problem, UsageError, option
from jamsostek_budget.i18n import _
from jamsostek_budget.model.ledger import BillLine, Pagu, Payment, Rejected
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.model.scenario_rules import pagu_rules
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
    pagu: Pagu | None  # --pagu: one amount or one per budget code (None: the scenario's)
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
    pagu = scenario.adopted_pagu if request.pagu is None else request.pagu  # else the file's
    if request.pagu is not None and request.pagu.by_code is not None:
        _check_codes(scenario, request.pagu.by_code)
    tracking = track(budget, pagu, bills.records, paid, request.as_of)
    files = [_counted(bills, tracking.rejected_bills)]
    if payments is not None:
        files.append(_counted(payments, tracking.rejected_payments))
    notes = (*bills.notes, *(() if payments is None else payments.notes))
    return TrackResult(budget, tracking, tuple(files)), (*warnings, *notes)


def _check_codes(scenario: Scenario, by_code: dict[str, int] | Mapping[str, int]) -> None:
    """A pagu per budget code given on the command line follows the scenario file's rules: a
    pagu for every code the groups pay from, none for a code no group uses."""
    groups = [dict(group) for group in scenario.groups]
    for path, message, hint in pagu_rules(groups, by_code):
        where = (
            _("group {id}").format(id=scenario.groups[path[1]].id)
            if path[:1] == ("groups",) and isinstance(path[1], int)
            else option("pagu")
        )
        raise UsageError(f"{where}: {message}", hint)


def _counted(read: LedgerFile[Record], later: tuple[Rejected, ...]) -> FileCount:
    """The file's rows: those the computation rejected (`later`) are taken from the used ones."""
    rejected = tuple(
        sorted((*read.rejected, *later), key=lambda row: (row.source.sheet, row.source.line))
    )
    return FileCount(
        read.file, read.rows_read, len(read.records) - len(later), rejected, read.blank
    )
