"""`jbudget revise`: the mid-year revision (APBD Perubahan) and efficiency cuts."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jamsostek_budget.cli.app import (
    CityOption,
    ForceOption,
    LanguageOption,
    OutputOption,
    RatesOption,
    ScenarioOption,
    WordsOption,
    dump,
)
from jamsostek_budget.cli.choices import choice
from jamsostek_budget.cli.planning import PriorityOption, priority_order
from jamsostek_budget.cli.rka import BudgetFormat, BudgetFormatOption
from jamsostek_budget.i18n import _

if TYPE_CHECKING:
    from jamsostek_budget.planning.cut import Cut


class NeedAt(StrEnum):
    billed = "billed"
    plan = "plan"


def revise_command(
    ctx: typer.Context,
    city: CityOption = None,
    scenario: ScenarioOption = None,
    pagu: Annotated[
        str | None,
        typer.Option(
            "--pagu",
            metavar=_("AMOUNT"),
            help=_(
                "The adopted ceiling in Rupiah, written as for fit --budget (default: the "
                "plan's pagu, else its annual total)."
            ),
        ),
    ] = None,
    bills: Annotated[
        Path | None,
        typer.Option(
            "--bills",
            metavar=_("FILE"),
            help=_(
                "The BPJS bills to date (CSV or .xlsx): what each month before the revision "
                "realized."
            ),
        ),
    ] = None,
    realized_through: Annotated[
        str | None,
        typer.Option(
            "--realized-through",
            metavar=_("YYYY-MM"),
            help=_(
                "Without bills: take the plan as realized exactly as planned through this month."
            ),
        ),
    ] = None,
    effective: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar=_("YYYY-MM"),
            help=_(
                "The first month the revision changes (default: the month after the last "
                "one realized)."
            ),
        ),
    ] = None,
    variant: Annotated[
        Path | None,
        typer.Option(
            "--variant",
            metavar=_("FILE"),
            help=_(
                "The revised plan: a scenario that extends the plan (e.g. a group added from "
                "October)."
            ),
        ),
    ] = None,
    cut: Annotated[
        str | None,
        typer.Option(
            "--cut",
            metavar=_("PCT%|AMOUNT"),
            help=_("An efficiency order: a percentage of the pagu (10%) or an amount of Rupiah."),
        ),
    ] = None,
    priority: PriorityOption = None,
    need_at: Annotated[
        NeedAt,
        typer.Option(
            "--need-at",
            **choice(NeedAt),
            help=_(
                "The headcounts the months left are priced at: billed (each group's people on "
                "its latest bill, as track projects the year) or plan (the plan's)."
            ),
        ),
    ] = NeedAt.billed,
    fmt: BudgetFormatOption = BudgetFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    rates: RatesOption = None,
    words: WordsOption = False,
    lang: LanguageOption = None,
) -> None:
    from jamsostek_budget.app import revise as commands
    from jamsostek_budget.app.estimate import scenario_path
    from jamsostek_budget.cli.output import Rendering, command_line
    from jamsostek_budget.cli.problems import reported_errors, shown
    from jamsostek_budget.cli.rka import emit_plan
    from jamsostek_budget.cli.values import parse_month
    from jamsostek_budget.render.revise import csvout, jsonout, report

    with reported_errors():
        if fmt is BudgetFormat.rka and cut is not None:
            _refuse_rka_with_cut()
        request = commands.RevisionRequest(
            scenario_path(city, scenario),
            pagu=_amount(pagu, "--pagu"),
            bills=bills,
            realized_through=parse_month(realized_through, "--realized-through"),
            effective=parse_month(effective, "--from"),
            variant=_variant(variant),
            cut=_cut(cut),
            priority=priority_order(priority),
            rates_dir=rates,
            need_at="plan" if need_at is NeedAt.plan else "billed",
        )
        found = shown(commands.revise(request))
        revision, versions = found.revision, found.versions
        from_bills = found.realized_from == "bills"
        rendering = Rendering(
            report=lambda: report.revise_report(revision, versions, from_bills=from_bills),
            as_json=lambda: dump(jsonout.revise_dict(revision, versions, from_bills=from_bills)),
            as_csv=lambda: csvout.revise_csv(revision),
            budgets=report.revise_budgets(revision),
            totals=lambda: report.revise_totals(revision),
            rates_dir=rates,
            command=command_line(ctx),
        )
        emit_plan(rendering, fmt, output, force, words=words)


def _refuse_rka_with_cut() -> None:
    from jamsostek_budget.errors import UsageError

    raise UsageError(
        _(
            "--format rka writes the RKA lines of a whole-year plan, and --cut fits only the "
            "months left to what the pagu leaves"
        ),
        _(
            "write the RKA lines of the revised plan without --cut (with --variant), or of the "
            "cut with jbudget fit on the variant"
        ),
    )


def _variant(path: Path | None) -> Path | None:
    """The variant file, refused at once when it is not there."""
    from jamsostek_budget.app.estimate import scenario_path

    return None if path is None else scenario_path(None, path)


def _cut(text: str | None) -> Cut | None:
    """'10%' (a percentage of the pagu) or an amount written as for --budget."""
    from jamsostek_budget.cli.values import parse_percent
    from jamsostek_budget.planning.cut import Cut

    if text is None:
        return None
    if text.strip().endswith("%"):
        return Cut(percent=parse_percent(text, "--cut"))
    return Cut(amount=_amount(text, "--cut"))


def _amount(text: str | None, flag: str) -> int | None:
    """An amount written as for fit --budget; a refusal names the option it was given to."""
    from jamsostek_budget.cli.values import parse_rupiah

    return None if text is None else parse_rupiah(text, flag)


def register(app: typer.Typer) -> None:
    """Add this module's command to `app` (cli.main builds the app from its command table)."""
    app.command(
        "revise",
        help=_(
            "Revise the budget mid-year (APBD Perubahan) or cut it (efisiensi): realized to "
            "date, the need for the months left, the revised pagu and who loses cover."
        ),
    )(revise_command)
