"""Planning commands: compare scenarios, fit a budget ceiling, project the years ahead."""

from __future__ import annotations

from enum import StrEnum
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
    YearOption,
    dump,
)
from jamsostek_budget.cli.choices import choice
from jamsostek_budget.cli.notices import say
from jamsostek_budget.cli.output import Rendering, command_line, emit_rendering
from jamsostek_budget.cli.problems import reported_errors, shown
from jamsostek_budget.cli.rka import BudgetFormat, BudgetFormatOption, emit_plan
from jamsostek_budget.cli.values import parse_year
from jamsostek_budget.errors import echo
from jamsostek_budget.i18n import _

PriorityOption = Annotated[
    str | None,
    typer.Option(
        "--priority",
        "-p",
        metavar=_("ID,ID,..."),
        help=_("Group ids in funding order (default: the scenario's priority, then file order)."),
    ),
]

YearsOption = Annotated[
    str,
    typer.Option("--years", metavar=_("FIRST-LAST"), help=_("The years to cost, like 2026-2030.")),
]


def priority_order(text: str | None) -> list[str] | None:
    """'a, b,c' -> ['a', 'b', 'c']; None when no order is given."""
    return [part.strip() for part in text.split(",") if part.strip()] if text else None


def compare_command(
    ctx: typer.Context,
    scenarios: Annotated[
        list[str],
        typer.Argument(
            metavar=_("SCENARIO..."),
            help=_(
                "Two or more scenarios: a bundled city (metro), a file (kota.yaml), either "
                "with @YEAR for another fiscal year (metro@2026). The first is the baseline."
            ),
        ),
    ],
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
    words: WordsOption = False,
    lang: LanguageOption = None,
) -> None:
    from jamsostek_budget.app import planning as commands
    from jamsostek_budget.render.compare import csvout, jsonout, report

    with reported_errors():
        compared = shown(commands.compare(scenarios, rates))
        found, comparison = compared.estimates, compared.comparison
        rendering = Rendering(
            report=lambda: report.compare_report(comparison),
            as_json=lambda: dump(jsonout.compare_dict(comparison)),
            as_csv=lambda: csvout.compare_csv(comparison),
            budgets=[(report.letter(index), result.budget) for index, result in enumerate(found)],
            totals=lambda: report.compare_totals(comparison),
            rates_dir=rates,
            command=command_line(ctx),
        )
        emit_rendering(rendering, fmt, output, force, words=words)


class FitMode(StrEnum):
    priority = "priority"
    proportional = "proportional"


def fit_command(
    ctx: typer.Context,
    budget: Annotated[
        str | None,
        typer.Option(
            "--budget",
            "-b",
            metavar=_("AMOUNT"),
            help=_(
                "The annual ceiling in Rupiah: 1500000000, 1.5e9, 1.5B, 1,5 miliar, 1500jt, "
                "Rp1.500.000.000 (a bare M is refused: million or miliar?). Optional when the "
                "scenario's funding sources have ceilings: each source's ceiling and months are "
                "honoured, and this one caps the total."
            ),
        ),
    ] = None,
    city: CityOption = None,
    scenario: ScenarioOption = None,
    priority: PriorityOption = None,
    mode: Annotated[
        FitMode,
        typer.Option(
            "--mode",
            "-m",
            **choice(FitMode),
            help=_(
                "priority: fund groups in order, each up to its headcount; proportional: the "
                "same share of every group."
            ),
        ),
    ] = FitMode.priority,
    year: YearOption = None,
    fmt: BudgetFormatOption = BudgetFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
    words: WordsOption = False,
    lang: LanguageOption = None,
) -> None:
    from jamsostek_budget.app import planning as commands
    from jamsostek_budget.app.estimate import scenario_path
    from jamsostek_budget.cli.values import parse_rupiah
    from jamsostek_budget.render.fit import csvout, jsonout, report
    from jamsostek_budget.render.shared.labels import rupiah

    with reported_errors():
        ceiling = None if budget is None else parse_rupiah(budget, "--budget")
        if budget is not None and ceiling is not None:
            say(
                (
                    _("budget ceiling: {amount} (read from {text})").format(
                        amount=rupiah(ceiling), text=echo(budget)
                    ),
                    "",
                )
            )
        result = shown(
            commands.fit(
                scenario_path(city, scenario),
                ceiling,
                priority=priority_order(priority),
                mode=mode.value,
                year=parse_year(year),
                rates_dir=rates,
            )
        )
        rendering = Rendering(
            report=lambda: report.fit_report(result),
            as_json=lambda: jsonout.render_fit_json(result),
            as_csv=lambda: csvout.fit_csv(result),
            budgets=[(result.scenario.name, result.budget)],
            totals=lambda: [(_("APBD cost"), result.cost)],
            rates_dir=rates,
            command=command_line(ctx),
        )
        emit_plan(rendering, fmt, output, force, words=words)


def project_command(
    ctx: typer.Context,
    years: YearsOption,
    city: CityOption = None,
    scenario: ScenarioOption = None,
    headcount_growth: Annotated[
        str | None,
        typer.Option(
            "--headcount-growth",
            metavar=_("PCT"),
            help=_(
                "Headcount growth a year for every group without its own "
                "(default: the scenario's projection, else 0)."
            ),
        ),
    ] = None,
    wage_growth: Annotated[
        str | None,
        typer.Option(
            "--wage-growth",
            metavar=_("PCT"),
            help=_("PU wage growth a year (default: the scenario's projection, else 0)."),
        ),
    ] = None,
    gdp_growth: Annotated[
        str | None,
        typer.Option(
            "--gdp-growth",
            "--jp-cap-growth",
            metavar=_("PCT"),
            help=_(
                "GDP growth for JP wage caps not yet announced (default: the scenario's "
                "projection, else 5)."
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
    from jamsostek_budget.app import planning as commands
    from jamsostek_budget.app.estimate import scenario_path
    from jamsostek_budget.cli.values import parse_percent, parse_years
    from jamsostek_budget.render.project import csvout, jsonout, report

    with reported_errors():
        growth = {
            "headcount": parse_percent(headcount_growth, "--headcount-growth"),
            "wage": parse_percent(wage_growth, "--wage-growth"),
            "gdp": parse_percent(gdp_growth, "--gdp-growth"),
        }
        projection = shown(
            commands.project(scenario_path(city, scenario), parse_years(years), growth, rates)
        )
        rendering = Rendering(
            report=lambda: report.project_report(projection),
            as_json=lambda: jsonout.render_project_json(projection),
            as_csv=lambda: csvout.project_csv(projection),
            budgets=[(str(year.year), year.budget) for year in projection.years],
            totals=lambda: report.project_totals(projection),
            rates_dir=rates,
            command=command_line(ctx),
        )
        emit_rendering(rendering, fmt, output, force, words=words)


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app` (cli.main builds the app from its command table)."""
    app.command(
        "compare",
        help=_(
            "Compare scenarios side by side: annual APBD per group and program, and each one's "
            "difference to the first (Rupiah and %); the differences always add up to the totals."
        ),
    )(compare_command)
    app.command(
        "fit",
        help=_(
            'How many people of each group an annual APBD ceiling covers ("sesuai kemampuan '
            'anggaran"), what it costs, what is left and who is not covered.'
        ),
    )(fit_command)
    app.command(
        "project",
        help=_(
            "Project the budget over several years: per year, per group and per program, with JP "
            "wage caps beyond the last announced one extended by the PP 45/2015 rule (marked)."
        ),
    )(project_command)
