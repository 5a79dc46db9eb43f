"""`jbudget rollup`: a province's scenarios added up, per regency and in total."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jamsostek_budget.cli.app import (
    ForceOption,
    Format,
    FormatOption,
    LanguageOption,
    OutputOption,
    RatesOption,
    WordsOption,
)
from jamsostek_budget.cli.output import Rendering, command_line, emit_rendering
from jamsostek_budget.cli.problems import reported_errors, shown
from jamsostek_budget.errors import UsageError, echo
from jamsostek_budget.i18n import _


def roster_pairs(values: list[str]) -> tuple[tuple[str, Path], ...]:
    """'metro=honorer.csv' -> ('metro', Path('honorer.csv')), each scenario once."""
    pairs: dict[str, Path] = {}
    for value in values:
        scenario, sep, roster = (part.strip() for part in value.partition("="))
        if not sep or not scenario or not roster:
            raise UsageError(
                _("--roster {value} is not SCENARIO=ROSTER").format(value=echo(value)),
                _("for example: --roster metro=honorer-metro.csv"),
            )
        if scenario in pairs:
            raise UsageError(
                _("--roster gives {scenario} twice").format(scenario=echo(scenario)),
                _("give each scenario one roster"),
            )
        pairs[scenario] = Path(roster)
    return tuple(pairs.items())


def rollup_command(
    ctx: typer.Context,
    scenarios: Annotated[
        list[str] | None,
        typer.Argument(
            metavar=_("SCENARIO..."),
            help=_(
                "The scenarios to add up: a bundled city (metro), a file (kota.yaml), either "
                "with @YEAR for another fiscal year (metro@2026); all of one fiscal year. Each "
                "is paid by its own Pemda."
            ),
            show_default=False,
        ),
    ] = None,
    province: Annotated[
        Path | None,
        typer.Option(
            "--province",
            metavar=_("FILE"),
            help=_(
                "A province file instead of scenarios: the province's name and its scenarios, "
                "with the groups the province pays (see examples/provinces/lampung.yaml)."
            ),
        ),
    ] = None,
    roster: Annotated[
        list[str] | None,
        typer.Option(
            "--roster",
            metavar=_("SCENARIO=ROSTER"),
            help=_(
                "A scenario's roster (CSV or .xlsx, as `jbudget roster` reads it); with two or "
                "more, the NIKs counted in two places and what is paid twice. Repeatable."
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
    from jamsostek_budget.app.rollup import RollupRequest, rollup_command
    from jamsostek_budget.render.rollup import csvout, jsonout, report

    with reported_errors():
        request = RollupRequest(tuple(scenarios or ()), province, roster_pairs(roster or []), rates)
        result = shown(rollup_command(request))
        rolled, overlap = result.rollup, result.overlap
        rendering = Rendering(
            report=lambda: report.rollup_report(rolled, overlap),
            as_json=lambda: jsonout.render_rollup_json(rolled, overlap),
            as_csv=lambda: csvout.rollup_csv(rolled),
            budgets=[(place.place.name, place.place.budget) for place in rolled.places],
            totals=lambda: report.rollup_totals(rolled),
            rates_dir=rates,
            command=command_line(ctx),
        )
        emit_rendering(rendering, fmt, output, force, words=words)


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app` (cli.main builds the app from its command table)."""
    app.command(
        "rollup",
        help=_(
            "Add up a province's scenarios: APBD a year per regency or city and in total, per "
            "group type and program, who pays (its Pemda or the province); with rosters, the "
            "NIKs counted in two places and the Rupiah a year paid twice."
        ),
    )(rollup_command)
