"""`--format rka` on the commands that cost a plan (estimate, fit, revise): the plan's RKA lines
for SIPD, as CSV (standard output or FILE.csv) or an Excel workbook (FILE.xlsx); every other
format goes the common way (cli.output)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jamsostek_budget.cli.app import STANDARD_OUTPUT, Format, emit
from jamsostek_budget.cli.choices import choice
from jamsostek_budget.cli.output import Rendering, emit_rendering
from jamsostek_budget.errors import UsageError
from jamsostek_budget.i18n import _

if TYPE_CHECKING:
    from jamsostek_budget.engine.budget import Budget


class BudgetFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    xlsx = "xlsx"
    rka = "rka"


BudgetFormatOption = Annotated[
    BudgetFormat,
    typer.Option(
        "--format",
        "-f",
        **choice(BudgetFormat),
        help=_(
            "Output format: table (terminal), markdown, html (one self-contained page), "
            "xlsx (Excel workbook with live formulas: to --output or a pipe), json, csv, or rka "
            "(the RKA lines for SIPD, in Indonesian: CSV, or a workbook with --output FILE.xlsx)."
        ),
    ),
]
RKA_SUFFIXES = (".csv", ".xlsx")


def emit_plan(
    rendering: Rendering, fmt: BudgetFormat, output: Path | None, force: bool, *, words: bool
) -> None:
    """The result in the format asked for; rka writes the RKA lines of the rendering's last
    budget (the plan: for revise, the revised one)."""
    if fmt is BudgetFormat.rka:
        emit_rka(rendering.budgets[-1][1], output, force)
    else:
        emit_rendering(rendering, Format(fmt.value), output, force, words=words)


def emit_rka(budget: Budget, output: Path | None, force: bool) -> None:
    to_file = output is not None and output != STANDARD_OUTPUT
    suffix = output.suffix.lower() if output is not None and to_file else ".csv"
    if suffix not in RKA_SUFFIXES:
        raise UsageError(
            _("--format rka writes CSV or an Excel workbook, not {suffix}").format(
                suffix=suffix or _("a file without an extension")
            ),
            _("name the --output file FILE.csv or FILE.xlsx"),
        )
    if suffix == ".csv":
        from jamsostek_budget.render.rka.csvout import rka_csv

        emit(rka_csv(budget), output, force)
        return
    from jamsostek_budget.cli.files import run_inputs
    from jamsostek_budget.cli.notices import say
    from jamsostek_budget.cli.writing import write_new_bytes
    from jamsostek_budget.render.rka.xlsx import rka_workbook

    assert output is not None  # a workbook goes to a file
    write_new_bytes(output, rka_workbook(budget), force=force, inputs=run_inputs())
    say((_("wrote {file}").format(file=output), "green"))
