"""The command line: parse arguments, make one library call, render, print.

This is the one place that catches errors: a problem in the user's input is printed as
`file:line:column: field: message` with a hint, and the exit code says what went wrong
(1 bad input or output, 2 bad usage). A traceback here means a bug in jbudget.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console, RenderableType
from rich.measure import Measurement
from rich.text import Text

from jamsostek_budget import __version__, api, schemas, validation
from jamsostek_budget.amounts import parse_amount
from jamsostek_budget.errors import DataError, JbudgetError, OutputError, Problem, UsageError
from jamsostek_budget.output import write_new_file
from jamsostek_budget.planning.compare import compare
from jamsostek_budget.render.cities_report import cities_list, cities_report
from jamsostek_budget.render.compare_report import compare_csv, compare_dict, compare_report
from jamsostek_budget.render.csvout import render_csv
from jamsostek_budget.render.fit_report import fit_csv, fit_report, render_fit_json
from jamsostek_budget.render.jsonout import render_json
from jamsostek_budget.render.labels import rupiah
from jamsostek_budget.render.markdown import render_markdown
from jamsostek_budget.render.project_report import (
    project_csv,
    project_report,
    render_project_json,
)
from jamsostek_budget.render.rates_report import rates_dict, rates_report
from jamsostek_budget.render.report import Report, estimate_report
from jamsostek_budget.render.table import report_renderable

FILE_WIDTH = 160  # a table written to a file or a pipe is not cut to 80 columns

app = typer.Typer(
    name="jbudget",
    help="Budget BPJS Ketenagakerjaan premiums paid from an Indonesian regional budget (APBD): "
    "headcounts per worker group in, monthly and annual APBD allocations out, every Rupiah "
    "traceable to its regulation.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ListingFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


YearOption = Annotated[
    int | None,
    typer.Option(
        "--year",
        "-y",
        min=2000,
        max=2100,
        help="Fiscal year (overrides the scenario's fiscal_year).",
    ),
]
CityOption = Annotated[
    str | None,
    typer.Option("--city", "-c", help="A bundled city scenario by slug (see `jbudget cities`)."),
]
ScenarioOption = Annotated[
    Path | None,
    typer.Option("--scenario", "-s", help="Your own scenario YAML file.", dir_okay=False),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file instead of the terminal (refuses to overwrite without --force).",
        dir_okay=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")]
RatesOption = Annotated[
    Path | None,
    typer.Option(
        "--rates",
        help="Folder of rate tables to use instead of the bundled rates/.",
        file_okay=False,
    ),
]


def _error_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_problems(problems: tuple[Problem, ...] | list[Problem], console: Console) -> None:
    """One problem a line, compiler style, never wrapped (editors and grep read these lines);
    the user's own text is printed as written, never read as rich markup."""
    for problem in problems:
        style = "yellow" if problem.severity == "warning" else "red"
        label = "warning: " if problem.severity == "warning" else ""
        where = f"{problem.file}:{problem.line}:{problem.column}: {problem.field}: "
        console.print(Text(where) + Text(label + problem.message, style=style), soft_wrap=True)
        if problem.hint:
            console.print(Text(f"  hint: {problem.hint}", style="dim"), soft_wrap=True)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn jbudget's own errors into messages and exit codes; never a traceback."""
    console = _error_console()
    try:
        yield
    except DataError as exc:
        print_problems(exc.problems, console)
        console.print(f"{len(exc.problems)} problem(s) found.", style="red")
        raise typer.Exit(1) from None
    except UsageError as exc:
        console.print(f"error: {exc.message}", style="red", markup=False)
        if exc.hint:
            console.print(f"  hint: {exc.hint}", style="dim", markup=False)
        raise typer.Exit(2) from None
    except (OutputError, JbudgetError) as exc:
        console.print(f"error: {exc}", style="red", markup=False)
        raise typer.Exit(1) from None


def render_text(renderable: RenderableType) -> str:
    """A rich renderable as plain text, for files and pipes."""
    buffer = io.StringIO()
    Console(file=buffer, width=FILE_WIDTH, color_system=None, soft_wrap=False).print(renderable)
    return buffer.getvalue()


def emit(text_or_renderable: str | RenderableType, output: Path | None, force: bool) -> None:
    if output is not None:
        text = (
            text_or_renderable
            if isinstance(text_or_renderable, str)
            else render_text(text_or_renderable)
        )
        write_new_file(output, text, force=force)
        _error_console().print(f"wrote {output}", style="green", markup=False)
    elif isinstance(text_or_renderable, str):
        sys.stdout.write(text_or_renderable)
    else:
        print_uncropped(text_or_renderable, stdout_console())


def stdout_console() -> Console:
    """The console for results. A pipe or a log gets the width of a file, not rich's default of
    80 columns, unless COLUMNS says otherwise."""
    console = Console(highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = FILE_WIDTH
    return console


def print_uncropped(renderable: RenderableType, console: Console) -> None:
    """Print at least as wide as the renderable needs: rich would otherwise cut off columns of
    figures in a narrow terminal; a too-long line wraps instead, and no figure is lost."""
    needed = Measurement.get(console, console.options.update_width(10_000), renderable).minimum
    console.width = max(console.width, needed)
    console.print(renderable)


def _report_output(
    report: Report, fmt: Format | ListingFormat, as_json: Callable[[], str]
) -> str | RenderableType:
    if fmt.value == "json":
        return as_json()
    if fmt.value == "markdown":
        return render_markdown(report)
    return report_renderable(report)


@app.command()
def estimate(
    city: CityOption = None,
    scenario: ScenarioOption = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            min=2000,
            max=2100,
            help="Fiscal year to budget (overrides the scenario's fiscal_year).",
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
    benefits: Annotated[
        bool,
        typer.Option(
            "--benefits",
            help="Add the expected JKM death "
            "claims and their value against the premiums (needs death_rate_per_1000 "
            "in the scenario).",
        ),
    ] = False,
) -> None:
    """Estimate the APBD budget of a scenario: per group and program, monthly and annual.

    Also shows coverage against the eligible population where the scenario states it.
    """
    with reported_errors():
        result = api.estimate(
            api.scenario_path(city, scenario), year=year, rates_dir=rates, with_benefits=benefits
        )
        print_problems(result.warnings, _error_console())
        budget, expected = result.budget, result.benefits
        if fmt is Format.csv:
            emit(render_csv(budget), output, force)
        else:
            report = estimate_report(budget, expected)
            emit(_report_output(report, fmt, lambda: render_json(budget, expected)), output, force)


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
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
) -> None:
    """Compare scenarios side by side: annual APBD per group and program, and each one's
    difference to the first (Rupiah and %); the differences always add up to the totals."""
    with reported_errors():
        found = api.estimates(scenarios, rates)
        for result in found:
            print_problems(result.warnings, _error_console())
        comparison = compare([result.budget for result in found])
        if fmt is Format.csv:
            emit(compare_csv(comparison), output, force)
        else:
            emit(
                _report_output(
                    compare_report(comparison), fmt, lambda: _dump(compare_dict(comparison))
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
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
) -> None:
    """How many people of each group an annual APBD ceiling covers ("sesuai kemampuan
    anggaran"), what it costs, what is left and who is not covered."""
    with reported_errors():
        ceiling = parse_amount(budget)
        _error_console().print(
            f"budget ceiling: {rupiah(ceiling)} (read from {budget!r})",
            markup=False,
            highlight=False,
        )
        order = [part.strip() for part in priority.split(",") if part.strip()] if priority else None
        found = api.fit_budget(
            api.scenario_path(city, scenario),
            ceiling,
            priority=order,
            mode=mode.value,
            year=year,
            rates_dir=rates,
        )
        print_problems(found.warnings, _error_console())
        result = found.result
        if fmt is Format.csv:
            emit(fit_csv(result), output, force)
        else:
            emit(
                _report_output(fit_report(result), fmt, lambda: render_fit_json(result)),
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
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
) -> None:
    """Project the budget over several years: per year, per group and per program, with JP
    wage caps beyond the last announced one extended by the PP 45/2015 rule (marked)."""
    with reported_errors():
        growth = {
            "headcount": api.parse_percent(headcount_growth, "--headcount-growth"),
            "wage": api.parse_percent(wage_growth, "--wage-growth"),
            "gdp": api.parse_percent(gdp_growth, "--gdp-growth"),
        }
        found = api.project_years(
            api.scenario_path(city, scenario), api.parse_years(years), growth, rates
        )
        print_problems(found.warnings, _error_console())
        projection = found.projection
        if fmt is Format.csv:
            emit(project_csv(projection), output, force)
        else:
            emit(
                _report_output(
                    project_report(projection), fmt, lambda: render_project_json(projection)
                ),
                output,
                force,
            )


@app.command("rates")
def rates_command(
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            metavar="YYYY-MM-DD",
            help="Show the rates in force on this date (default: today).",
        ),
    ] = None,
    fmt: Annotated[
        ListingFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ListingFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
) -> None:
    """Show the rates in force on a date, each with its regulation, confidence and last check."""
    with reported_errors():
        table, snapshot = api.rates_on(_parse_date(on), rates)
        emit(
            _report_output(
                rates_report(table, snapshot), fmt, lambda: _dump(rates_dict(table, snapshot))
            ),
            output,
            force,
        )


@app.command()
def cities(
    fmt: Annotated[
        ListingFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ListingFormat.table,
) -> None:
    """List the bundled city scenarios with their fiscal year, headcount and sources."""
    with reported_errors():
        found = api.cities()
        emit(
            _report_output(cities_report(found), fmt, lambda: _dump(cities_list(found))),
            None,
            False,
        )


class ProblemFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("validate")
def validate_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Rate files, scenario files or "
            "folders of them (default: the bundled rates/ and examples/)."
        ),
    ] = None,
    fmt: Annotated[
        ProblemFormat,
        typer.Option(
            "--format",
            "-f",
            help="text: one problem a "
            "line, compiler style; json: a list of problems for editors and CI.",
        ),
    ] = ProblemFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every file checked.")
    ] = False,
    rates: RatesOption = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="YYYY-MM-DD",
            help="Judge staleness as of this date (default: today).",
        ),
    ] = None,
) -> None:
    """Check rate and scenario files; print every problem with file, line and field.

    Exit 0 when all is well (warnings are printed but pass unless --strict), 1 when a file has
    problems, 2 on a usage error.
    """
    with reported_errors():
        result = validation.validate(paths or [], rates_dir=rates, today=_parse_date(today))
        console = stdout_console()
        if verbose:
            for name, kind in result.checked:
                console.print(f"checked {name} ({kind})", markup=False)
        if fmt is ProblemFormat.json:
            sys.stdout.write(_dump([p.as_dict() for p in result.problems]))
        else:
            print_problems(result.problems, console)
        if result.errors or (strict and result.warnings):
            raise typer.Exit(1)


class SchemaChoice(StrEnum):
    rates = "rates"
    scenario = "scenario"


@app.command("schema")
def schema_command(
    name: Annotated[SchemaChoice, typer.Argument(help="Which file format.")],
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Print the JSON Schema of rate files or scenario files (for editors and CI)."""
    with reported_errors():
        emit(schemas.schema_text(name.value), output, force)


def _parse_date(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--date {text!r} is not a date", "write it as YYYY-MM-DD, like 2026-03-01"
        ) from None


def _dump(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jbudget {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Budget BPJS Ketenagakerjaan premiums paid from an APBD."""


def main() -> None:
    app()
