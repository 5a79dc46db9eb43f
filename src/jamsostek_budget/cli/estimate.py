"""Commands that cost one scenario or list reference data: estimate, rates, cities."""

from __future__ import annotations

from typing import Annotated

import typer

from jamsostek_budget.cli.app import (
    CityOption,
    ForceOption,
    LanguageOption,
    ListingFormat,
    OutputOption,
    RatesOption,
    ScenarioOption,
    WordsOption,
    YearOption,
    dump,
    emit,
    report_output,
)
from jamsostek_budget.cli.choices import choice
from jamsostek_budget.cli.output import budget_rendering, command_line
from jamsostek_budget.cli.problems import reported_errors, shown
from jamsostek_budget.cli.rka import BudgetFormat, BudgetFormatOption, emit_plan
from jamsostek_budget.cli.values import parse_date, parse_year
from jamsostek_budget.i18n import _


def estimate(
    ctx: typer.Context,
    city: CityOption = None,
    scenario: ScenarioOption = None,
    year: YearOption = None,
    fmt: BudgetFormatOption = BudgetFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
    benefits: Annotated[
        bool,
        typer.Option(
            "--benefits",
            help=_(
                "Add the expected JKM death claims and their value against the premiums "
                "(needs death_rate_per_1000 in the scenario)."
            ),
        ),
    ] = False,
    jp_cap_growth: Annotated[
        str | None,
        typer.Option(
            "--jp-cap-growth",
            "--gdp-growth",
            metavar=_("PCT"),
            help=_(
                "GDP growth a year assumed for JP wage caps not announced yet, which the "
                "estimate projects by PP 45/2015 Pasal 29 (default: the scenario's "
                "projection.gdp_growth_percent, else 5)."
            ),
        ),
    ] = None,
    words: WordsOption = False,
    lang: LanguageOption = None,
) -> None:
    from jamsostek_budget.app import estimate as api

    with reported_errors():
        growth = None
        if jp_cap_growth is not None:
            from jamsostek_budget.cli.values import parse_percent

            growth = parse_percent(jp_cap_growth, "--jp-cap-growth")
        result = shown(
            api.estimate(
                api.scenario_path(city, scenario),
                year=parse_year(year),
                rates_dir=rates,
                with_benefits=benefits,
                jp_cap_growth=growth,
            )
        )
        rendering = budget_rendering(
            result.budget, rates, command_line(ctx), benefits=result.benefits
        )
        emit_plan(rendering, fmt, output, force, words=words)


def rates_command(
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            metavar=_("YYYY-MM-DD"),
            help=_("Show the rates in force on this date (default: today)."),
        ),
    ] = None,
    fmt: Annotated[
        ListingFormat,
        typer.Option("--format", "-f", **choice(ListingFormat), help=_("Output format.")),
    ] = ListingFormat.table,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            metavar=_("CODE"),
            help=_(
                "Also show the minimum wages in force in this region (Kemendagri code: 18.72 "
                "for Kota Metro gives its UMK and Lampung's UMP; 18 gives the UMP)."
            ),
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
    lang: LanguageOption = None,
) -> None:
    from jamsostek_budget.app import estimate as api
    from jamsostek_budget.render.rates import rates_dict, rates_report

    with reported_errors():
        listing = shown(api.rates(parse_date(on, "--date"), rates, region))
        emit(
            report_output(rates_report(listing), fmt, lambda: dump(rates_dict(listing))),
            output,
            force,
        )


def cities(
    fmt: Annotated[
        ListingFormat,
        typer.Option("--format", "-f", **choice(ListingFormat), help=_("Output format.")),
    ] = ListingFormat.table,
    lang: LanguageOption = None,
) -> None:
    from jamsostek_budget.app import estimate as api
    from jamsostek_budget.cli.flags import FLAGS
    from jamsostek_budget.render.cities import cities_list, cities_report

    with reported_errors():
        found = shown(api.cities())
        report = cities_report(found, FLAGS["city"])
        emit(
            report_output(report, fmt, lambda: dump(cities_list(found))),
            None,
            False,
        )


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app` (cli.main builds the app from its command table)."""
    app.command(
        help=_(
            "Estimate the APBD budget of a scenario: per group and program, monthly and annual. "
            "Also shows coverage against the eligible population where the scenario states it."
        )
    )(estimate)
    app.command(
        "rates",
        help=_(
            "Show the rates in force on a date, each with its regulation, confidence and last "
            "check."
        ),
    )(rates_command)
    app.command(
        help=_("List the bundled city scenarios with their fiscal year, headcount and sources.")
    )(cities)
