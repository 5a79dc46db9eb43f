"""Planning commands: compare scenarios, fit a budget ceiling, project the years ahead."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

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
    dump,
    emit,
    error_console,
    print_problems,
    report_output,
    reported_errors,
)


@app.command("compare")
def compare_command(
    scenarios: Annotated[
        list[str],
        typer.Argument(
            metavar="SCENARIO...",
            help="Two or more "
            "scenarios: a bundled city (metro), a file (kota.yaml), either with "
            "@YEAR for another fiscal year (metro@2026). The first is the baseline.",
        ),
    ],
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
    lang: LanguageOption = None,
) -> None:
    """Compare scenarios side by side: annual APBD per group and program, and each one's
    difference to the first (Rupiah and %); the differences always add up to the totals."""
    from jamsostek_budget.planning import commands
    from jamsostek_budget.planning.compare import compare
    from jamsostek_budget.render.compare_report import compare_csv, compare_dict, compare_report

    with reported_errors():
        found = commands.estimates(scenarios, rates)
        for result in found:
            print_problems(result.warnings, error_console())
        comparison = compare([result.budget for result in found])
        if fmt is Format.csv:
            emit(compare_csv(comparison), output, force)
        else:
            emit(
                report_output(
                    compare_report(comparison), fmt, lambda: dump(compare_dict(comparison))
                ),
                output,
                force,
            )


class FitMode(StrEnum):
    priority = "priority"
    proportional = "proportional"


@app.command("fit")
def fit_command(
    budget: Annotated[
        str,
        typer.Option(
            "--budget",
            "-b",
            metavar="AMOUNT",
            help="The annual "
            "ceiling in Rupiah: 1500000000, 1.5e9, 1.5B, 1,5 miliar, 1500jt, "
            "Rp1.500.000.000 (a bare M is refused: million or miliar?).",
        ),
    ],
    city: CityOption = None,
    scenario: ScenarioOption = None,
    priority: Annotated[
        str | None,
        typer.Option(
            "--priority",
            "-p",
            metavar="ID,ID,...",
            help="Group ids in funding order (default: the scenario's priority, then file order).",
        ),
    ] = None,
    mode: Annotated[
        FitMode,
        typer.Option(
            "--mode",
            "-m",
            help="priority: fund groups in order, "
            "each up to its headcount; proportional: the same share of every group.",
        ),
    ] = FitMode.priority,
    year: YearOption = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
    lang: LanguageOption = None,
) -> None:
    """How many people of each group an annual APBD ceiling covers ("sesuai kemampuan
    anggaran"), what it costs, what is left and who is not covered."""
    from jamsostek_budget.amounts import parse_amount
    from jamsostek_budget.api import scenario_path
    from jamsostek_budget.planning import commands
    from jamsostek_budget.render.fit_report import fit_csv, fit_report, render_fit_json
    from jamsostek_budget.render.labels import rupiah

    with reported_errors():
        ceiling = parse_amount(budget)
        error_console().print(
            f"budget ceiling: {rupiah(ceiling)} (read from {budget!r})",
            markup=False,
            highlight=False,
        )
        order = [part.strip() for part in priority.split(",") if part.strip()] if priority else None
        found = commands.fit_budget(
            scenario_path(city, scenario),
            ceiling,
            priority=order,
            mode=mode.value,
            year=year,
            rates_dir=rates,
        )
        print_problems(found.warnings, error_console())
        result = found.result
        if fmt is Format.csv:
            emit(fit_csv(result), output, force)
        else:
            emit(
                report_output(fit_report(result), fmt, lambda: render_fit_json(result)),
                output,
                force,
            )


@app.command("project")
def project_command(
    years: Annotated[
        str,
        typer.Option("--years", metavar="FIRST-LAST", help="The years to cost, like 2026-2030."),
    ],
    city: CityOption = None,
    scenario: ScenarioOption = None,
    headcount_growth: Annotated[
        str | None,
        typer.Option(
            "--headcount-growth",
            metavar="PCT",
            help="Headcount growth a year for every group without its own "
            "(default: the scenario's projection, else 0).",
        ),
    ] = None,
    wage_growth: Annotated[
        str | None,
        typer.Option(
            "--wage-growth",
            metavar="PCT",
            help="PU wage growth a year (default: the scenario's projection, else 0).",
        ),
    ] = None,
    gdp_growth: Annotated[
        str | None,
        typer.Option(
            "--gdp-growth",
            metavar="PCT",
            help="GDP "
            "growth for JP wage caps not yet announced (default: the scenario's "
            "projection, else 5).",
        ),
    ] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
    lang: LanguageOption = None,
) -> None:
    """Project the budget over several years: per year, per group and per program, with JP
    wage caps beyond the last announced one extended by the PP 45/2015 rule (marked)."""
    from jamsostek_budget.api import scenario_path
    from jamsostek_budget.planning import commands
    from jamsostek_budget.render.project_report import (
        project_csv,
        project_report,
        render_project_json,
    )

    with reported_errors():
        growth = {
            "headcount": commands.parse_percent(headcount_growth, "--headcount-growth"),
            "wage": commands.parse_percent(wage_growth, "--wage-growth"),
            "gdp": commands.parse_percent(gdp_growth, "--gdp-growth"),
        }
        projection = commands.project_years(
            scenario_path(city, scenario), commands.parse_years(years), growth, rates
        )
        if fmt is Format.csv:
            emit(project_csv(projection), output, force)
        else:
            emit(
                report_output(
                    project_report(projection), fmt, lambda: render_project_json(projection)
                ),
                output,
                force,
            )
