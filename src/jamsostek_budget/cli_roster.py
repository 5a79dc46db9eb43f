"""`jbudget roster`: a participant roster (CSV or Excel) turned into the same budget as a
headcount scenario, with every row checked and none lost."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from jamsostek_budget.cli_app import (
    CityOption,
    ForceOption,
    Format,
    FormatOption,
    LanguageOption,
    OutputOption,
    RatesOption,
    ScenarioOption,
    YearOption,
    app,
    error_console,
    parse_date,
    print_problems,
    reported_errors,
)
from jamsostek_budget.cli_estimate import emit_budget
from jamsostek_budget.errors import UsageError

if TYPE_CHECKING:
    from jamsostek_budget.roster.commands import RosterEstimate


@app.command("roster")
def roster_command(
    roster: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="The roster: CSV or .xlsx with "
            "columns nik, name, group, declared_income, monthly_wage, start_month, "
            "end_month (Indonesian names such as nama, kelompok, penghasilan, upah "
            "work too).",
            dir_okay=False,
        ),
    ],
    city: CityOption = None,
    scenario: ScenarioOption = None,
    year: YearOption = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
    rejects: Annotated[
        Path | None,
        typer.Option(
            "--rejects",
            help="Where rejected rows go, "
            "with their line and every reason (default: FILE-rejects.csv beside the "
            "roster).",
            dir_okay=False,
        ),
    ] = None,
    per_person: Annotated[
        Path | None,
        typer.Option(
            "--per-person",
            help="Also write each participant's monthly and annual premium by program to this CSV.",
            dir_okay=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) when any row is rejected.")
    ] = False,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="YYYY-MM-DD",
            help="Judge birth dates in NIKs as of this date (default: today).",
        ),
    ] = None,
    lang: LanguageOption = None,
) -> None:
    """Cost a roster of named participants: the same estimate as a headcount scenario, built from
    the rows that pass every check; rejected rows go to a rejects file."""
    from jamsostek_budget.api import scenario_path
    from jamsostek_budget.roster import commands

    with reported_errors():
        if not roster.is_file():
            raise UsageError(
                f"roster file {roster} does not exist", "give the path of a .csv or .xlsx roster"
            )
        with _progress(roster) as tick:
            found = commands.roster_estimate(
                roster,
                scenario_path(city, scenario),
                year=year,
                rates_dir=rates,
                today=parse_date(today),
                with_per_person=per_person is not None,
                progress=tick,
            )
        print_problems(found.warnings, error_console())
        _write_side_tables(found, roster, rejects, per_person, force)
        emit_budget(found.budget, fmt, output, force, from_roster=True)
        if strict and found.rows.rejected.height:
            raise typer.Exit(1)


def _write_side_tables(
    found: RosterEstimate, roster: Path, rejects: Path | None, people: Path | None, force: bool
) -> None:
    from jamsostek_budget.roster.commands import default_rejects_path, write_table

    rows = found.rows
    console = error_console()
    console.print(
        f"{roster}: {rows.rows_read:,} rows read = {rows.accepted.height:,} accepted + "
        f"{rows.rejected.height:,} rejected",
        markup=False,
        highlight=False,
    )
    if rows.ignored_columns:
        console.print(f"  columns not used: {', '.join(rows.ignored_columns)}", markup=False)
    if rows.rejected.height:
        target = rejects or default_rejects_path(roster)
        write_table(rows.rejected, target, force=force)
        console.print(f"  rejected rows, with every reason: {target}", markup=False)
    if people is not None and found.per_person is not None:
        write_table(found.per_person, people, force=force)
        console.print(f"  premium per participant: {people}", markup=False)


@contextmanager
def _progress(roster: Path) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for a person at a terminal; nothing in CI logs or pipes."""
    console = error_console()
    if not console.is_terminal or os.environ.get("CI"):
        yield None
        return
    columns = (
        TextColumn("reading {task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,} rows"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(roster.name, total=None)
        yield lambda rows: bar.update(task, completed=rows)
