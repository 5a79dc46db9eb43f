"""`jbudget roster`: read and check a roster against a scenario and cost the accepted rows; the
result carries the rejected rows and, when asked, each person's premiums, for the CLI to write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from jamsostek_budget.app.estimate import checked_scenario
from jamsostek_budget.app.outcome import Outcome, outcome_of
from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.engine.per_person import for_people
from jamsostek_budget.errors import DataError, Problem
from jamsostek_budget.roster.checks import RosterRows, check_reading
from jamsostek_budget.roster.costing import per_person, roster_budget
from jamsostek_budget.roster.read import Reading, open_roster, start_reading


@dataclass(frozen=True)
class RosterEstimate:
    rows: RosterRows  # accepted and rejected rows, and the notes on what was read
    budget: Budget
    per_person: pl.DataFrame | None


@dataclass(frozen=True)
class EstimateRequest:
    """Every input of `roster_estimate`."""

    roster: Path
    scenario_file: Path
    year: int | None
    rates_dir: Path | None
    today: date
    with_per_person: bool
    sheets: tuple[str, ...] = ()  # a workbook's sheets to read (none: every roster sheet)


def roster(request: EstimateRequest) -> Outcome[RosterEstimate]:
    """`jbudget roster`: the request's roster costed."""
    return roster_estimate(
        request.roster,
        request.scenario_file,
        year=request.year,
        rates_dir=request.rates_dir,
        today=request.today,
        with_per_person=request.with_per_person,
        sheets=request.sheets,
    )


def roster_estimate(
    roster: Path,
    scenario_file: Path,
    *,
    year: int | None = None,
    rates_dir: Path | None = None,
    today: date | None = None,
    with_per_person: bool = False,
    sheets: tuple[str, ...] = (),
) -> Outcome[RosterEstimate]:
    """`roster` with its inputs one by one."""

    def compute() -> tuple[RosterEstimate, tuple[Problem, ...]]:
        reading = _start_reading(roster, sheets)  # read while the scenario loads
        scenario, table, warnings = checked_scenario(scenario_file, year, rates_dir)
        if isinstance(reading, DataError):  # the scenario's errors are said first
            raise reading
        scenario = for_people(scenario, table)
        rows = check_reading(reading, scenario, today=today or date.today())
        budget = roster_budget(rows.accepted, scenario, table)
        people = per_person(rows.accepted, scenario, table) if with_per_person else None
        return RosterEstimate(rows, budget, people), warnings

    return outcome_of(compute)


def _start_reading(roster: Path, sheets: tuple[str, ...]) -> Reading | DataError:
    """The roster being read on polars' threads, or the problems of its header, which are
    reported after the scenario's own: the scenario is checked first."""
    try:
        return start_reading(open_roster(roster, sheets))
    except DataError as problems:
        return problems


def default_rejects_path(roster: Path) -> Path:
    return roster.with_name(f"{roster.stem}-rejects.csv")
