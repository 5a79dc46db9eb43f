"""`jbudget coverage`: the people a coverage target needs year by year, their cost and the gap
to the pagu."""

from __future__ import annotations

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
from jamsostek_budget.cli.planning import YearsOption
from jamsostek_budget.cli.problems import reported_errors, shown
from jamsostek_budget.errors import UsageError
from jamsostek_budget.i18n import _


def coverage_command(
    ctx: typer.Context,
    years: YearsOption,
    city: CityOption = None,
    scenario: ScenarioOption = None,
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            metavar=_("PCT"),
            help=_(
                "The share of the eligible population to cover in the last year, reached in a "
                "straight line from the coverage of the scenario's fiscal year (the RPJMN "
                "2025-2029 national target rises from 32.15 % in 2025 to 43.92 % in 2029)."
            ),
        ),
    ] = None,
    growth: Annotated[
        str | None,
        typer.Option(
            "--growth",
            metavar=_("PCT"),
            help=_(
                'The people covered grow by this percent a year, compounded: the "+20 %" of '
                "the Permendagri 15/2024 guideline as Pemda read it (instead of --target)."
            ),
        ),
    ] = None,
    pagu: Annotated[
        str | None,
        typer.Option(
            "--pagu",
            metavar=_("AMOUNT"),
            help=_(
                "The pagu a year in Rupiah, written as for fit --budget (default: the "
                "scenario's pagu)."
            ),
        ),
    ] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
    words: WordsOption = False,
    lang: LanguageOption = None,
) -> None:
    from jamsostek_budget.app.coverage import coverage
    from jamsostek_budget.app.estimate import scenario_path
    from jamsostek_budget.cli.values import parse_percent, parse_rupiah, parse_years
    from jamsostek_budget.planning.coverage import Target
    from jamsostek_budget.render.coverage import csvout, jsonout, report

    with reported_errors():
        if (target is None) == (growth is None):
            raise UsageError(
                _("give either --target or --growth"),
                _(
                    "--target 43.92 for a share of the eligible population in the last year, "
                    "--growth 20 for 20 % more people covered each year"
                ),
            )
        if target is not None:
            goal = Target("linear", parse_percent(target, "--target"))  # type: ignore[arg-type]
        else:
            goal = Target("growth", parse_percent(growth, "--growth"))  # type: ignore[arg-type]
        amount = None if pagu is None else parse_rupiah(pagu, "--pagu")
        found = shown(
            coverage(scenario_path(city, scenario), parse_years(years), goal, amount, rates)
        )
        rendering = Rendering(
            report=lambda: report.coverage_report(found),
            as_json=lambda: jsonout.render_coverage_json(found),
            as_csv=lambda: csvout.coverage_csv(found),
            budgets=[(str(year.year), year.budget) for year in found.years],
            totals=lambda: report.coverage_totals(found),
            rates_dir=rates,
            command=command_line(ctx),
        )
        emit_rendering(rendering, fmt, output, force, words=words)


def register(app: typer.Typer) -> None:
    """Add this module's command to `app` (cli.main builds the app from its command table)."""
    app.command(
        "coverage",
        help=_(
            "The people a coverage target needs year by year (Universal Coverage Jamsostek): "
            "from the groups' eligible population, what covering them costs and the gap to the "
            "pagu."
        ),
    )(coverage_command)
