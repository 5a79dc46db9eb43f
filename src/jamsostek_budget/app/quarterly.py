"""`jbudget quarterly`: the quarterly report to Kemendagri (planning.quarterly) of a scenario,
with the realization from its bills and payments when given (as `jbudget track` reads them, as
of the quarter's last day) and the obstacles from a text file."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jamsostek_budget.app.estimate import checked_scenario
from jamsostek_budget.app.outcome import Outcome, outcome_of
from jamsostek_budget.app.track import TrackRequest, track_budget
from jamsostek_budget.engine import premiums as engine
from jamsostek_budget.errors import DataError, Problem, UsageError, option
from jamsostek_budget.i18n import _
from jamsostek_budget.loading.textfile import read_text
from jamsostek_budget.planning.quarterly import Quarter, QuarterlyReport, quarterly


@dataclass(frozen=True)
class QuarterlyRequest:
    scenario_file: Path
    quarter: Quarter
    bills: Path | None = None
    payments: Path | None = None
    obstacles: Path | None = None
    rates_dir: Path | None = None


def quarter_end(quarter: Quarter) -> date:
    last = quarter.months[-1]
    return date(quarter.year, last, calendar.monthrange(quarter.year, last)[1])


def quarterly_report(request: QuarterlyRequest) -> Outcome[QuarterlyReport]:
    return outcome_of(lambda: _quarterly(request))


def _quarterly(request: QuarterlyRequest) -> tuple[QuarterlyReport, tuple[Problem, ...]]:
    if request.payments is not None and request.bills is None:
        raise UsageError(
            _("{payments} needs {bills}: payments are matched to the bills").format(
                payments=option("payments"), bills=option("bills")
            ),
            _("give the bills file too, or leave the payments out"),
        )
    obstacles = "" if request.obstacles is None else read_text(request.obstacles)
    year = request.quarter.year
    if request.bills is None:
        scenario, table, warnings = checked_scenario(request.scenario_file, year, request.rates_dir)
        budget = engine.estimate(scenario, table)
        return quarterly(budget, request.quarter, None, obstacles), warnings
    as_of = quarter_end(request.quarter)
    track = TrackRequest(
        request.scenario_file, request.bills, request.payments, None, as_of, year, request.rates_dir
    )
    tracked = track_budget(track)
    if tracked.result is None:
        raise DataError(list(tracked.problems))
    result = tracked.result
    return quarterly(result.budget, request.quarter, result.tracking, obstacles), tracked.problems
