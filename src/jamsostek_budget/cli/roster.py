"""`jbudget roster`: a participant roster (CSV or Excel) turned into the same budget as a
headcount scenario, with every row checked and none lost."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jamsostek_budget.cli.app import (
    STANDARD_OUTPUT,
    CityOption,
    ForceOption,
    Format,
    FormatOption,
    LanguageOption,
    OutputOption,
    RatesOption,
    ScenarioOption,
    StrictOption,
    TodayOption,
    WordsOption,
    YearOption,
)
from jamsostek_budget.cli.destinations import (
    check_destination,
    check_one_stream,
    shown_destination,
)
from jamsostek_budget.cli.exit import keep_ctrl_c
from jamsostek_budget.cli.files import run_inputs
from jamsostek_budget.cli.notices import error_console, rich_decides, say
from jamsostek_budget.cli.output import budget_rendering, command_line, emit_rendering
from jamsostek_budget.cli.problems import print_problems, reported_errors, shown
from jamsostek_budget.cli.values import judged_on, parse_year
from jamsostek_budget.errors import UsageError, clip
from jamsostek_budget.i18n import _, grouped, ngettext

if TYPE_CHECKING:
    from jamsostek_budget.app.roster import RosterEstimate
    from jamsostek_budget.roster.sheets import SheetRead


def roster_command(
    ctx: typer.Context,
    roster: Annotated[
        Path,
        typer.Argument(
            metavar=_("FILE"),
            help=_(
                "The roster: CSV or .xlsx with columns nik, name, group, declared_income, "
                "monthly_wage, start_month, end_month (Indonesian names such as nama, "
                "kelompok, penghasilan, upah work too)."
            ),
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
            help=_(
                "Where rejected rows go, with their line and every reason; - is standard output "
                "(default: FILE-rejects.csv beside the roster, which a rerun replaces)."
            ),
            dir_okay=False,
        ),
    ] = None,
    per_person: Annotated[
        Path | None,
        typer.Option(
            "--per-person",
            help=_(
                "Also write each participant's monthly and annual premium by program to this CSV "
                "(- is standard output)."
            ),
            dir_okay=False,
        ),
    ] = None,
    sheet: Annotated[
        list[str] | None,
        typer.Option(
            "--sheet",
            metavar=_("NAME"),
            help=_(
                "Read this sheet of an .xlsx roster (repeat for several; a hidden sheet too). "
                "Default: every visible sheet with a roster header."
            ),
        ),
    ] = None,
    strict: StrictOption = False,
    today: TodayOption = None,
    words: WordsOption = False,
    lang: LanguageOption = None,
) -> None:
    from jamsostek_budget.app import roster as commands
    from jamsostek_budget.app.estimate import scenario_path
    from jamsostek_budget.cli.tables import rejects_target
    from jamsostek_budget.cli.writing import check_outputs
    from jamsostek_budget.render.roster import roster_input

    keep_ctrl_c()  # polars is imported now

    with reported_errors():
        check_destination(fmt, output)  # before the side files are written
        check_one_stream((("--rejects", rejects), ("--per-person", per_person)), output)
        if not roster.is_file():
            missing = _("roster file {file} does not exist")
            special = _("roster file {file} is not a regular file (a pipe or a device?)")
            raise UsageError(
                (special if roster.exists() else missing).format(file=roster),
                _("give the path of a .csv or .xlsx roster"),
            )
        sheets = _sheets(roster, sheet)
        request = commands.EstimateRequest(
            roster=roster,
            scenario_file=scenario_path(city, scenario),
            year=parse_year(year),
            rates_dir=rates,
            today=judged_on(today),
            with_per_person=per_person is not None,
            sheets=sheets,
        )
        with _progress(roster) as tick:
            outcome = commands.roster(request)
            if tick is not None and outcome.result is not None:
                tick(outcome.result.rows.rows_read)
        found = shown(outcome)
        target, earlier = rejects_target(found.rows, roster, rejects, force)
        wanted = [
            path for path in (target, per_person, output) if path not in (None, STANDARD_OUTPUT)
        ]
        replaceable = [target] if target is not None and earlier else []
        # every output is checked before any is written
        check_outputs(wanted, force=force, inputs=run_inputs(), replaceable=replaceable)
        _write_side_tables(found, roster, (target, earlier), per_person, force)
        summary = roster_input(found.rows, roster, target)
        rendering = budget_rendering(
            found.budget, rates, command_line(ctx), from_roster=True, roster_input=summary
        )
        emit_rendering(rendering, fmt, output, force, words=words)
        if strict and found.rows.rejected.height:
            raise typer.Exit(1)


def _sheets(roster: Path, chosen: list[str] | None) -> tuple[str, ...]:
    from jamsostek_budget.roster.read import EXCEL_SUFFIXES

    if chosen and roster.suffix.lower() not in EXCEL_SUFFIXES:
        raise UsageError(
            _("--sheet chooses sheets of an .xlsx workbook, and {file} is not one").format(
                file=roster
            ),
            _("leave out --sheet for a CSV roster"),
        )
    return tuple(chosen or ())


def _say_sheets(sheets: tuple[SheetRead, ...]) -> None:
    read = [sheet for sheet in sheets if sheet.skipped is None]
    listed = ", ".join(
        ngettext("{sheet} ({rows} row)", "{sheet} ({rows} rows)", sheet.rows_read).format(
            sheet=sheet.name, rows=grouped(sheet.rows_read)
        )
        for sheet in read
    )
    say((_("  sheets read: {sheets}").format(sheets=listed), ""))
    if len(read) < len(sheets):
        say((_("  to read a sheet that was skipped, name it: --sheet NAME"), ""))


def _write_side_tables(
    found: RosterEstimate,
    roster: Path,
    rejects_file: tuple[Path | None, bool],
    people: Path | None,
    force: bool,
) -> None:
    from jamsostek_budget.cli.tables import say_rejects, write_table

    rows = found.rows
    counts = _("{file}: {read} rows read = {accepted} accepted + {rejected} rejected")
    if rows.blank_rows:
        counts = _(
            "{file}: {read} rows read = {accepted} accepted + {rejected} rejected + {blank} "
            "blank (skipped)"
        )
    say(
        (
            counts.format(
                file=roster,
                read=grouped(rows.rows_read),
                accepted=grouped(rows.accepted.height),
                rejected=grouped(rows.rejected.height),
                blank=grouped(rows.blank_rows),
            ),
            "",
        )
    )
    if rows.sheets:
        _say_sheets(rows.sheets)
    if rows.ignored_columns:
        say((_("  columns not used: {columns}").format(columns=_unused(rows.ignored_columns)), ""))
    print_problems(rows.notes)
    inputs = run_inputs()
    rejects, earlier = rejects_file
    if rejects is not None:
        write_table(rows.rejected, rejects, force=force or earlier, inputs=inputs)
        say_rejects(rows, rejects, earlier)
    if people is not None and found.per_person is not None:
        write_table(found.per_person, people, force=force, inputs=inputs)
        shown_file = shown_destination(people)
        say((_("  premium per participant: {file}").format(file=shown_file), ""))


@contextmanager
def _progress(roster: Path) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for a person at a terminal; nothing in CI logs or pipes (where
    rich, about 60 ms to import, is not even loaded)."""
    console = error_console() if rich_decides() and not os.environ.get("CI") else None
    if console is None or not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn(_("reading {file}").format(file="{task.description}")),
        BarColumn(),
        TextColumn(_("{rows} rows").format(rows="{task.completed:,}")),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(roster.name, total=None)
        yield lambda rows: bar.update(task, completed=rows)


SHOWN_COLUMNS = 10


def _unused(columns: tuple[str, ...]) -> str:
    """The first SHOWN_COLUMNS columns not used, each clipped, and how many more: a sheet or a
    CSV header may have thousands of columns, or a cell of thousands of characters."""
    from jamsostek_budget.roster.reasons import shown_lines

    return shown_lines([clip(column) for column in columns[:SHOWN_COLUMNS]], len(columns))


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app` (cli.main builds the app from its command table)."""
    app.command(
        "roster",
        help=_(
            "Cost a roster of named participants: the same estimate as a headcount scenario, built "
            "from the rows that pass every check; rejected rows go to a rejects file."
        ),
    )(roster_command)
