"""`jbudget track`: the plan against the BPJS bills and the payments (SP2D), as of a date."""

from __future__ import annotations

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
    StrictOption,
    WordsOption,
    YearOption,
    dump,
)
from jamsostek_budget.cli.output import Rendering, command_line, emit_rendering
from jamsostek_budget.cli.problems import reported_errors, shown
from jamsostek_budget.cli.values import parse_date, parse_pagu, parse_year
from jamsostek_budget.i18n import _


def track_command(
    ctx: typer.Context,
    bills: Annotated[
        Path,
        typer.Option(
            "--bills",
            metavar=_("FILE"),
            help=_(
                "The BPJS bills: CSV or .xlsx, one row per bill line with month (YYYY-MM), "
                "group or budget_code, program, participants, amount (Indonesian names such "
                "as bulan, kelompok, tk, iuran work too)."
            ),
            dir_okay=False,
        ),
    ],
    payments: Annotated[
        Path | None,
        typer.Option(
            "--payments",
            metavar=_("FILE"),
            help=_(
                "The payments (SP2D): CSV or .xlsx with date, amount, reference and optionally "
                "the month paid (default: nothing paid)."
            ),
            dir_okay=False,
        ),
    ] = None,
    pagu: Annotated[
        list[str] | None,
        typer.Option(
            "--pagu",
            metavar=_("AMOUNT|CODE=AMOUNT"),
            help=_(
                "The ceiling (pagu) of the year in Rupiah: 1500000000, 1,5 miliar, 1500jt; or "
                "one per budget code, the option repeated: --pagu 5.1.02.02.02.0006=1100jt "
                "(default: the scenario's pagu; without either, no balance)."
            ),
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar=_("YYYY-MM-DD"),
            help=_("The date to follow the budget to (default: today)."),
        ),
    ] = None,
    city: CityOption = None,
    scenario: ScenarioOption = None,
    year: YearOption = None,
    strict: StrictOption = False,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
    words: WordsOption = False,
    lang: LanguageOption = None,
) -> None:
    from jamsostek_budget.app.estimate import scenario_path
    from jamsostek_budget.app.track import TrackRequest, track_budget
    from jamsostek_budget.render.track import csvout, jsonout, report

    with reported_errors():
        request = TrackRequest(
            scenario_file=scenario_path(city, scenario),
            bills=bills,
            payments=payments,
            pagu=parse_pagu(pagu, "--pagu"),
            as_of=parse_date(as_of, "--as-of"),
            year=parse_year(year),
            rates_dir=rates,
        )
        result = shown(track_budget(request))
        rendering = Rendering(
            report=lambda: report.track_report(result),
            as_json=lambda: dump(jsonout.track_dict(result)),
            as_csv=lambda: csvout.track_csv(result),
            budgets=[(result.budget.scenario.name, result.budget)],
            totals=lambda: report.track_totals(result),
            rates_dir=rates,
            command=command_line(ctx),
        )
        emit_rendering(rendering, fmt, output, force, words=words)
        if strict and result.rejected:
            raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this module's command to `app` (cli.main builds the app from its command table)."""
    app.command(
        "track",
        help=_(
            "Follow the budget through its year: the plan against the BPJS bills and the "
            "payments (SP2D) as of a date, per month and group, the arrears, the projected year "
            "and the balance against the pagu."
        ),
    )(track_command)
