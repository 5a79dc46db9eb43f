"""The command line's shared parts: the typer app, its root options, the options several
commands take, and one way out for text (the terminal, a pipe or --output).

Command modules (cli.estimate, cli.data, cli.planning, cli.roster) each `register` their commands
on the app `new_app` makes, and import their implementation lazily, so that `jbudget estimate`
does not pay for polars or the planning code. Problems become messages and exit codes in
cli.problems; option values are read in cli.values.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from jamsostek_budget import __version__
from jamsostek_budget.cli.choices import choice
from jamsostek_budget.cli.files import run_inputs
from jamsostek_budget.cli.notices import say
from jamsostek_budget.cli.writing import write_new_file
from jamsostek_budget.i18n import (
    Language,
    _,
    language_from_environment,
    set_language,
)

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from jamsostek_budget.render.shared.sections import Report

T = TypeVar("T")

FILE_WIDTH = 160  # a table written to a file or a pipe is not cut to 80 columns


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    xlsx = "xlsx"


class ListingFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class LanguageChoice(StrEnum):
    id = "id"
    en = "en"


LANGUAGE_CHOICES: dict[LanguageChoice, Language] = {
    LanguageChoice.id: "id",
    LanguageChoice.en: "en",
}


def _apply_language(value: LanguageChoice | None) -> LanguageChoice | None:
    """Runs first for every command (eager), so the report and messages use the language asked
    for; without --lang, the environment's locale decides again for each run."""
    set_language(LANGUAGE_CHOICES[value] if value is not None else language_from_environment())
    return value


LanguageOption = Annotated[
    LanguageChoice | None,
    typer.Option(
        "--lang",
        **choice(LanguageChoice),
        help=_(
            "Language of the report and messages: id (Bahasa Indonesia) or en. "
            "Default: the environment's locale, else id."
        ),
        callback=_apply_language,
        is_eager=True,
        show_default=False,
    ),
]
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        **choice(Format),
        help=_(
            "Output format: table (terminal), markdown, html (one self-contained page), "
            "xlsx (Excel workbook with live formulas: to --output or a pipe), json or csv."
        ),
    ),
]
# A text that parse_year reads: typer's own check of a number words its refusal as pydantic does.
YearOption = Annotated[
    str | None,
    typer.Option(
        "--year",
        "-y",
        metavar=_("YYYY"),
        help=_("Fiscal year (overrides the scenario's fiscal_year)."),
    ),
]
CityOption = Annotated[
    str | None,
    typer.Option("--city", "-c", help=_("A bundled city scenario by slug (see `jbudget cities`).")),
]
ScenarioOption = Annotated[
    Path | None,
    typer.Option("--scenario", "-s", help=_("Your own scenario YAML file."), dir_okay=False),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help=_(
            "Write to this file instead of the terminal (refuses to overwrite without --force; "
            "- is standard output)."
        ),
        dir_okay=False,
    ),
]
WordsOption = Annotated[
    bool,
    typer.Option(
        "--words",
        help=_(
            "Also write the totals in words, as budget documents do "
            "(satu miliar tujuh ratus ... rupiah)."
        ),
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help=_("Overwrite --output if it exists."))]
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar=_("YYYY-MM-DD"),
        help=_("Judge birth dates in NIKs as of this date (default: today)."),
    ),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help=_("Fail (exit 1) when any row is rejected."))
]
RatesOption = Annotated[
    Path | None,
    typer.Option(
        "--rates",
        help=_("Folder of rate tables to use instead of the bundled rates/."),
        file_okay=False,
    ),
]


def render_text(renderable: RenderableType) -> str:
    """A rich renderable as plain text, for files and pipes."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=FILE_WIDTH, color_system=None, soft_wrap=False)
    print_fitted(renderable, console)
    return buffer.getvalue()


STANDARD_OUTPUT = Path("-")  # --output -: the terminal or pipe, as without --output


def emit(text_or_renderable: str | RenderableType, output: Path | None, force: bool) -> None:
    if output is not None and output != STANDARD_OUTPUT:
        text = (
            text_or_renderable
            if isinstance(text_or_renderable, str)
            else render_text(text_or_renderable)
        )
        write_new_file(output, text, force=force, inputs=run_inputs())
        say((_("wrote {file}").format(file=output), "green"))
    elif isinstance(text_or_renderable, str):
        sys.stdout.write(text_or_renderable)
    else:
        print_fitted(text_or_renderable, stdout_console())


def stdout_console() -> Console:
    """The console for results, as wide as the terminal (COLUMNS overrides). A pipe or a log gets
    the width of a file, not rich's default of 80 columns, unless COLUMNS says otherwise."""
    from rich.console import Console

    console = Console(highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = FILE_WIDTH
    return console


def print_fitted(renderable: RenderableType, console: Console) -> None:
    """Print at the console's width: the report lays itself out for it (render.shared.fitted).
    Nothing is cropped: a web address longer than the width stands alone on its line, whole, and
    the terminal wraps it."""
    console.print(renderable, crop=False)


def report_output(
    report: Report, fmt: Format | ListingFormat, as_json: Callable[[], str]
) -> str | RenderableType:
    if fmt.value == "json":
        return as_json()
    if fmt.value == "markdown":
        from jamsostek_budget.render.shared.markdown import render_markdown

        return render_markdown(report)
    from jamsostek_budget.render.shared.terminal import report_renderable

    return report_renderable(report)


def dump(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jbudget {__version__}")
        raise typer.Exit()


def new_app() -> typer.Typer:
    """The jbudget app with its root options and no command: cli.main registers the commands
    (each command module's `register`)."""
    from jamsostek_budget.cli.clicktext import App

    app = App(
        name="jbudget",
        help=_(
            "Budget BPJS Ketenagakerjaan premiums paid from an Indonesian regional budget (APBD): "
            "headcounts per worker group in, monthly and annual APBD allocations out, every Rupiah "
            "traceable to its regulation."
        ),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    app.callback()(_root)
    return app


def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help=_("Show the version and exit.")
        ),
    ] = False,
    lang: LanguageOption = None,
) -> None:
    """Budget BPJS Ketenagakerjaan premiums paid from an APBD."""
