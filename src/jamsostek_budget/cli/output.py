"""One way out for every command's result: the chosen format, to the terminal or --output.

A command describes its result once (a Rendering: the report, its JSON and CSV, the budgets
behind it, its totals); this module adds the provenance section, the amounts in words when asked,
and draws it as a table, Markdown, HTML, an Excel workbook, JSON or CSV.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from jamsostek_budget import __version__
from jamsostek_budget.cli.app import STANDARD_OUTPUT, Format, emit, report_output
from jamsostek_budget.cli.destinations import check_destination, write_bytes_out
from jamsostek_budget.cli.files import run_inputs
from jamsostek_budget.cli.notices import say
from jamsostek_budget.i18n import _

if TYPE_CHECKING:
    from jamsostek_budget.engine.budget import Budget
    from jamsostek_budget.engine.provenance import Provenance
    from jamsostek_budget.planning.benefits import Benefits
    from jamsostek_budget.render.shared.sections import Report


@dataclass(frozen=True)
class Rendering:
    report: Callable[[], Report]
    as_json: Callable[[], str]
    as_csv: Callable[[], str]
    budgets: Sequence[tuple[str, Budget]]  # named budgets: provenance and the workbook's lines
    totals: Callable[[], Sequence[tuple[str, int]]] = field(default=lambda: ())  # --words
    rates_dir: Path | None = None
    command: str = "jbudget"  # command_line(ctx): the workbook's inputs sheet names it


def emit_rendering(
    rendering: Rendering, fmt: Format, output: Path | None, force: bool, *, words: bool = False
) -> None:
    check_destination(fmt, output)
    if fmt is Format.json:
        emit(rendering.as_json(), output, force)
        return
    if fmt is Format.csv:
        emit(rendering.as_csv(), output, force)
        return
    provenance = _provenance(rendering)
    report = _full_report(rendering, provenance, words)
    if fmt is Format.xlsx:
        _write_workbook(report, rendering, provenance, output, force)
    elif fmt is Format.html:
        from jamsostek_budget.render.shared.html import render_html

        emit(render_html(report), output, force)
    else:
        emit(report_output(report, fmt, rendering.as_json), output, force)


def _provenance(rendering: Rendering) -> Provenance:
    from jamsostek_budget.engine.provenance import provenance_for
    from jamsostek_budget.loading.files import yaml_files

    folder = rendering.rates_dir
    if folder is None:
        from jamsostek_budget.loading.bundled import data_dir

        files = [path.name for path in yaml_files(data_dir("rates"))]
    else:
        files = [path.name for path in yaml_files(folder)]
    budgets = [budget for _name, budget in rendering.budgets]
    return provenance_for(budgets, None if folder is None else str(folder), files)


def _full_report(rendering: Rendering, provenance: Provenance, words: bool) -> Report:
    from jamsostek_budget.render.shared.provenance import with_provenance

    report = with_provenance(rendering.report(), provenance)
    if words:
        from jamsostek_budget.render.shared.words import with_words

        report = with_words(report, rendering.totals())
    return report


def _write_workbook(
    report: Report,
    rendering: Rendering,
    provenance: Provenance,
    output: Path | None,
    force: bool,
) -> None:
    """The workbook, written as any output is: complete or not at all, never over an existing
    file without --force, nor over an input of the run; or to a pipe (check_destination)."""
    from jamsostek_budget.cli.writing import write_new_bytes
    from jamsostek_budget.render.xlsx.workbook import workbook_bytes

    data = workbook_bytes(report, rendering.budgets, provenance, workbook_inputs(rendering))
    if output is None or output == STANDARD_OUTPUT:
        write_bytes_out(data)
        return
    write_new_bytes(output, data, force=force, inputs=run_inputs())
    say((_("wrote {file}").format(file=output), "green"))


def workbook_inputs(rendering: Rendering) -> list[tuple[str, str]]:
    """What produced the workbook: scenarios, fiscal years, version, the command line."""
    inputs = [
        (
            _("Scenario {name}").format(name=name),
            f"{budget.scenario.name}, {budget.scenario.province}",
        )
        for name, budget in rendering.budgets
    ]
    years = sorted({budget.fiscal_year for _name, budget in rendering.budgets})
    inputs.append((_("Fiscal year"), ", ".join(str(year) for year in years)))
    inputs.append((_("jbudget version"), __version__))
    inputs.append((_("Command"), rendering.command))
    return inputs


def _scenario_label(budget: Budget) -> str:
    return f"{budget.scenario.name}, {budget.scenario.province}"


def command_line(context: typer.Context) -> str:
    """The command as the user could type it again, rebuilt from the parsed options."""
    words = context.command_path.split()
    for parameter in context.command.params:
        value = context.params.get(parameter.name or "")
        if value is None or value == parameter.default or value is False:
            continue
        if parameter.param_type_name == "argument":
            words += (
                [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)]
            )
            continue
        flag = max(parameter.opts, key=len)
        if isinstance(value, list | tuple):  # an option given more than once
            words += [word for item in value for word in (flag, str(item))]
            continue
        words += [flag] if value is True else [flag, str(getattr(value, "value", value))]
    return shlex.join(words)


def budget_rendering(
    budget: Budget,
    rates_dir: Path | None,
    command: str,
    *,
    benefits: Benefits | None = None,
    from_roster: bool = False,
    roster_input: Mapping[str, Any] | None = None,
) -> Rendering:
    """An estimate, ready for any format (also used by roster). Each format imports only its
    own renderer: JSON does not pay for babel and the report builders."""

    def report() -> Report:
        from jamsostek_budget.render.estimate.report import estimate_report

        return estimate_report(budget, benefits, from_roster=from_roster)

    def as_json() -> str:
        from jamsostek_budget.render.estimate.jsonout import render_json

        return render_json(budget, benefits, roster_input)

    def as_csv() -> str:
        from jamsostek_budget.render.estimate.csvout import render_csv

        return render_csv(budget)

    def totals() -> list[tuple[str, int]]:
        from jamsostek_budget.render.estimate.report import estimate_totals

        return estimate_totals(budget)

    return Rendering(
        report=report,
        as_json=as_json,
        as_csv=as_csv,
        budgets=((budget.scenario.name, budget),),
        totals=totals,
        rates_dir=rates_dir,
        command=command,
    )
