"""`jbudget reconcile`: the Pemda's list against BPJS's, and other payers' lists."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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
    dump,
)
from jamsostek_budget.cli.output import Rendering, command_line, emit_rendering
from jamsostek_budget.cli.problems import reported_errors, shown
from jamsostek_budget.i18n import _


def reconcile_command(
    ctx: typer.Context,
    roster: Annotated[
        Path,
        typer.Argument(
            metavar=_("ROSTER"),
            help=_(
                "The Pemda's list: a roster, CSV or .xlsx, read and checked as jbudget roster "
                "reads it."
            ),
            dir_okay=False,
        ),
    ],
    bpjs: Annotated[
        Path,
        typer.Argument(
            metavar=_("BPJS_LIST"),
            help=_(
                "BPJS's list of the participants it bills the Pemda for, CSV or .xlsx: nik, and "
                "optionally name, kpj, group, declared_income or monthly_wage, programs "
                "(jkk+jkm) or a column per program, amount (the premium a month), month "
                "(YYYY-MM); Indonesian names work too."
            ),
            dir_okay=False,
        ),
    ],
    city: CityOption = None,
    scenario: ScenarioOption = None,
    other: Annotated[
        list[Path] | None,
        typer.Option(
            "--other",
            metavar=_("LIST"),
            help=_(
                "Another payer's list (a province, a neighbouring regency), read as BPJS's: "
                "people on it are paid for twice. Repeat for several."
            ),
            dir_okay=False,
        ),
    ] = None,
    details: Annotated[
        Path | None,
        typer.Option(
            "--details",
            metavar=_("FILE"),
            help=_(
                "Also write one row per person, and per rejected row, to this CSV: category, "
                "reasons, lines and Rupiah (- is standard output)."
            ),
            dir_okay=False,
        ),
    ] = None,
    today: TodayOption = None,
    strict: StrictOption = False,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
    words: WordsOption = False,
    lang: LanguageOption = None,
) -> None:
    from jamsostek_budget.app.estimate import scenario_path
    from jamsostek_budget.app.reconcile import ReconcileRequest, reconcile_lists
    from jamsostek_budget.cli.destinations import check_destination, check_one_stream
    from jamsostek_budget.cli.files import run_inputs
    from jamsostek_budget.cli.tables import write_table
    from jamsostek_budget.cli.values import judged_on
    from jamsostek_budget.cli.writing import check_outputs
    from jamsostek_budget.render.reconcile import csvout, jsonout, report

    with reported_errors():
        check_destination(fmt, output)
        check_one_stream((("--details", details),), output)
        request = ReconcileRequest(
            roster=roster,
            bpjs=bpjs,
            scenario_file=scenario_path(city, scenario),
            others=tuple(other or ()),
            today=judged_on(today),
            rates_dir=rates,
        )
        found = shown(reconcile_lists(request))
        wanted = [path for path in (details, output) if path not in (None, STANDARD_OUTPUT)]
        check_outputs(wanted, force=force, inputs=run_inputs())
        if fmt is Format.xlsx:
            _check_fits_a_sheet(found.reconciliation.counts())
        if details is not None:
            write_table(found.details(), details, force=force, inputs=run_inputs())
        rendering = Rendering(
            report=lambda: report.reconcile_report(found, with_sheets=fmt is Format.xlsx),
            as_json=lambda: dump(jsonout.reconcile_dict(found)),
            as_csv=lambda: csvout.reconcile_csv(found),
            budgets=[(found.scenario.name, found.budget)],
            totals=lambda: report.reconcile_totals(found),
            rates_dir=rates,
            command=command_line(ctx),
        )
        emit_rendering(rendering, fmt, output, force, words=words)
        rejected = found.roster_rejected.height + found.bpjs_rejected.height
        if strict and (rejected or any(o.rejected.height for o in found.others)):
            raise typer.Exit(1)


def _check_fits_a_sheet(counts: dict[str, int]) -> None:
    """A work paper lists every person of a category on one sheet: Excel holds 1,048,576 rows."""
    from jamsostek_budget.errors import UsageError
    from jamsostek_budget.render.reconcile.report import EXCEL_ROWS

    largest = max(counts.values(), default=0)
    if largest > EXCEL_ROWS - 3:
        raise UsageError(
            _("a category holds {count} people, more than an Excel sheet's rows").format(
                count=f"{largest:,}"
            ),
            _("write every person with --details FILE.csv, and the summary as another format"),
        )


def register(app: typer.Typer) -> None:
    """Add this module's command to `app` (cli.main builds the app from its command table)."""
    app.command(
        "reconcile",
        help=_(
            "Reconcile the Pemda's list with BPJS's: matched, mismatched, billed but not "
            "listed, listed but not billed, ineligible and duplicate people, with the Rupiah "
            "each costs a month and a year."
        ),
    )(reconcile_command)
