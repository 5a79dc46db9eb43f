"""`jbudget quarterly`: the quarterly report to Kemendagri (SE Mendagri 842.2/5193/SJ)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from jamsostek_budget.cli.app import (
    CityOption,
    ForceOption,
    Format,
    FormatOption,
    LanguageOption,
    OutputOption,
    RatesOption,
    ScenarioOption,
    WordsOption,
)
from jamsostek_budget.cli.output import Rendering, command_line, emit_rendering
from jamsostek_budget.cli.problems import reported_errors, shown
from jamsostek_budget.errors import UsageError, echo
from jamsostek_budget.i18n import _
from jamsostek_budget.planning.quarterly import Quarter

QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[QqTt]([1-4])\s*$")


def parse_quarter(text: str) -> Quarter:
    """'2025-Q3' (or 2025-T3, triwulan) -> Quarter(2025, 3)."""
    found = QUARTER.match(text)
    if found is None or not 2000 <= int(found.group(1)) <= 2100:
        raise UsageError(
            _("--quarter {value} is not a quarter").format(value=echo(text)),
            _("write YEAR-Q1 to YEAR-Q4, like 2025-Q3"),
        )
    return Quarter(int(found.group(1)), int(found.group(2)))


def quarterly_command(
    ctx: typer.Context,
    quarter: Annotated[
        str,
        typer.Option(
            "--quarter",
            metavar=_("YYYY-Qn"),
            help=_("The quarter reported, like 2025-Q3 (its year is the fiscal year)."),
        ),
    ],
    city: CityOption = None,
    scenario: ScenarioOption = None,
    bills: Annotated[
        Path | None,
        typer.Option(
            "--bills",
            metavar=_("FILE"),
            help=_("The BPJS bills, as `jbudget track` reads them: the realization columns."),
            dir_okay=False,
        ),
    ] = None,
    payments: Annotated[
        Path | None,
        typer.Option(
            "--payments",
            metavar=_("FILE"),
            help=_("The payments (SP2D), as `jbudget track` reads them (with --bills)."),
            dir_okay=False,
        ),
    ] = None,
    obstacles: Annotated[
        Path | None,
        typer.Option(
            "--obstacles",
            metavar=_("FILE.txt"),
            help=_("The obstacles met (kendala), free text in UTF-8, a line a point."),
            dir_okay=False,
        ),
    ] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
    words: WordsOption = False,
    lang: LanguageOption = None,
) -> None:
    from jamsostek_budget.app.estimate import scenario_path
    from jamsostek_budget.app.quarterly import QuarterlyRequest, quarterly_report
    from jamsostek_budget.render.quarterly import csvout, jsonout, report

    with reported_errors():
        request = QuarterlyRequest(
            scenario_path(city, scenario), parse_quarter(quarter), bills, payments, obstacles, rates
        )
        result = shown(quarterly_report(request))
        rendering = Rendering(
            report=lambda: report.quarterly_report(result),
            as_json=lambda: jsonout.render_quarterly_json(result),
            as_csv=lambda: csvout.quarterly_csv(result),
            budgets=[(result.budget.scenario.name, result.budget)],
            totals=lambda: report.quarterly_totals(result),
            rates_dir=rates,
            command=command_line(ctx),
        )
        emit_rendering(rendering, fmt, output, force, words=words)


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app` (cli.main builds the app from its command table)."""
    app.command(
        "quarterly",
        help=_(
            "The quarterly report to Kemendagri (SE Mendagri 842.2/5193/SJ, 11 November 2021), "
            "Indonesian first (--lang en for English): people covered per category, budget for "
            "the year and the quarter, realization from the bills and payments, obstacles. Its "
            "shape follows what the SE asks; the SE's official form was not found."
        ),
    )(quarterly_command)
