"""Commands for data files: validate them, print their JSON Schemas."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from jamsostek_budget.cli.app import (
    ForceOption,
    LanguageOption,
    OutputOption,
    RatesOption,
    dump,
    emit,
    stdout_console,
)
from jamsostek_budget.cli.choices import choice
from jamsostek_budget.cli.problems import print_problems, reported_errors, shown, stop_if_refused
from jamsostek_budget.cli.values import parse_date
from jamsostek_budget.i18n import N_, _


class ProblemFormat(StrEnum):
    text = "text"
    json = "json"


FILE_KINDS = {"rates": N_("rates"), "scenario": N_("scenario"), "province": N_("province")}


def validate_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar=_("PATH"),
            help=_(
                "Rate, scenario or province files, or folders of them (default: the bundled "
                "rates/ and examples/)."
            ),
        ),
    ] = None,
    fmt: Annotated[
        ProblemFormat,
        typer.Option(
            "--format",
            "-f",
            **choice(ProblemFormat),
            help=_(
                "text: one problem a line, compiler style; json: a list of problems for "
                "editors and CI."
            ),
        ),
    ] = ProblemFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help=_("Fail on warnings too."))] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help=_("List every file checked."))
    ] = False,
    rates: RatesOption = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar=_("YYYY-MM-DD"),
            help=_("Judge staleness as of this date (default: today)."),
        ),
    ] = None,
    lang: LanguageOption = None,
) -> None:
    from jamsostek_budget.app import validate as validation

    with reported_errors():
        outcome = validation.validate(
            paths or [], rates_dir=rates, today=parse_date(today, "--today")
        )
        stop_if_refused(outcome)
        console = stdout_console()
        if verbose:
            for name, kind in outcome.result or ():
                kind_label = _(FILE_KINDS.get(kind, kind))
                checked = _("checked {file} ({kind})").format(file=name, kind=kind_label)
                console.print(checked, markup=False)
        if fmt is ProblemFormat.json:
            from jamsostek_budget.cli.flags import problem_with_flags

            sys.stdout.write(dump([problem_with_flags(p).as_dict() for p in outcome.problems]))
        else:
            print_problems(outcome.problems, console)
        if outcome.errors or (strict and outcome.warnings):
            raise typer.Exit(1)


class SchemaChoice(StrEnum):
    rates = "rates"
    scenario = "scenario"
    province = "province"


def schema_command(
    name: Annotated[
        SchemaChoice, typer.Argument(**choice(SchemaChoice), help=_("Which file format."))
    ],
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LanguageOption = None,
) -> None:
    from jamsostek_budget.app.schema import schema

    with reported_errors():
        emit(shown(schema(name.value)), output, force)


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app` (cli.main builds the app from its command table)."""
    app.command(
        "validate",
        help=_(
            "Check rate and scenario files; print every problem with file, line and field. "
            "Exit 0 when all is well (warnings are printed but pass unless --strict), 1 when a "
            "file has problems, 2 on a usage error."
        ),
    )(validate_command)
    app.command(
        "schema",
        help=_(
            "Print the JSON Schema of rate files, scenario files or province files (for "
            "editors and CI)."
        ),
    )(schema_command)
