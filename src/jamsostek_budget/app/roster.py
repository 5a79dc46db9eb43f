"""The roster command's library call: read and check a roster against a scenario, cost the
accepted rows, and write the rejects and per-person tables (atomically, never over an existing
file unless asked)."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from jamsostek_budget.app.estimate import checked_scenario
from jamsostek_budget.cli.writing import write_new_file
from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.errors import DataError, OutputError, Problem
from jamsostek_budget.i18n import _
from jamsostek_budget.roster.checks import RosterRows, check_reading
from jamsostek_budget.roster.costing import per_person, roster_budget
from jamsostek_budget.roster.read import Reading, open_roster, start_reading

FORMULA_START = r"^[=+\-@\t\r]"


@dataclass(frozen=True)
class RosterEstimate:
    rows: RosterRows
    budget: Budget
    warnings: tuple[Problem, ...]
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


def estimate(request: EstimateRequest) -> RosterEstimate:
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
) -> RosterEstimate:
    started = _start_reading(roster, sheets)  # the rows are read while the scenario is loaded
    scenario, table, warnings = checked_scenario(scenario_file, year, rates_dir)
    if isinstance(started, DataError):
        raise started
    rows = check_reading(started, scenario, today=today or date.today())
    budget = roster_budget(rows.accepted, scenario, table)
    people = per_person(rows.accepted, scenario, table) if with_per_person else None
    return RosterEstimate(rows, budget, warnings, people)


def _start_reading(roster: Path, sheets: tuple[str, ...]) -> Reading | DataError:
    """The roster being read on polars' threads, or the problems of its header, which are
    reported after the scenario's own: the scenario is checked first."""
    try:
        return start_reading(open_roster(roster, sheets))
    except DataError as problems:
        return problems


def default_rejects_path(roster: Path) -> Path:
    return roster.with_name(f"{roster.stem}-rejects.csv")


def spreadsheet_safe(frame: pl.DataFrame) -> pl.DataFrame:
    """The table with every text cell and header that a spreadsheet would run as a formula (it
    starts with =, +, -, @, a tab or a CR: OWASP's CSV injection rule) behind a single quote,
    which makes it text."""
    texts = [name for name, dtype in frame.schema.items() if dtype in (pl.String, pl.Enum)]
    safe = [
        pl.when(pl.col(name).cast(pl.String).str.contains(FORMULA_START))
        .then(pl.lit("'") + pl.col(name).cast(pl.String))
        .otherwise(pl.col(name).cast(pl.String))
        .alias(name)
        for name in texts
    ]
    frame = frame.with_columns(safe)
    headers = {name: f"'{name}" for name in frame.columns if re.match(FORMULA_START, name)}
    return frame.rename(headers)


def write_table(
    frame: pl.DataFrame, path: Path, *, force: bool, inputs: Collection[Path] = ()
) -> None:
    """A table as CSV, through the same atomic, no-overwrite writer as every other output, safe
    to open in a spreadsheet (`spreadsheet_safe`)."""
    try:
        text = spreadsheet_safe(frame).write_csv()
    except pl.exceptions.PolarsError as exc:  # pragma: no cover - polars failing to format
        message = _("cannot write {file}: {reason}").format(file=path, reason=exc)
        raise OutputError(message) from exc
    write_new_file(path, text, force=force, inputs=inputs)
