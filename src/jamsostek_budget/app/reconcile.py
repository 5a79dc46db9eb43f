"""`jbudget reconcile`: the Pemda's roster against BPJS's list of the participants it bills for,
and other payers' lists. Checks the scenario like `estimate`, reads the roster as `roster` does
and the lists with `roster.bpjs_list`, and hands them to `roster.reconcile`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from jamsostek_budget.app.estimate import checked_scenario
from jamsostek_budget.app.outcome import Outcome, outcome_of
from jamsostek_budget.engine.per_person import for_people
from jamsostek_budget.errors import Problem, UsageError
from jamsostek_budget.i18n import _
from jamsostek_budget.roster.bpjs_list import read_list
from jamsostek_budget.roster.checks import read_roster
from jamsostek_budget.roster.costing import roster_budget
from jamsostek_budget.roster.reconcile import reconcile
from jamsostek_budget.roster.reconcile_columns import KEY_OF_NIK
from jamsostek_budget.roster.reconcile_result import Reconciled


@dataclass(frozen=True)
class ReconcileRequest:
    roster: Path
    bpjs: Path
    scenario_file: Path
    others: tuple[Path, ...] = ()
    today: date | None = None
    rates_dir: Path | None = None


def reconcile_lists(request: ReconcileRequest) -> Outcome[Reconciled]:
    return outcome_of(lambda: _reconcile(request))


def _reconcile(request: ReconcileRequest) -> tuple[Reconciled, tuple[Problem, ...]]:
    scenario, table, warnings = checked_scenario(request.scenario_file, None, request.rates_dir)
    scenario = for_people(scenario, table)
    today = request.today or date.today()
    _check_distinct(request)
    roster = read_roster(request.roster, scenario, today=today)
    # the NIK as its number from here on: ten million NIKs as text are a quarter of a gigabyte
    roster = replace(roster, accepted=roster.accepted.with_columns(KEY_OF_NIK).drop("nik"))
    year = scenario.fiscal_year
    bpjs = read_list(request.bpjs, scenario.groups, today, year)
    others = tuple(read_list(path, scenario.groups, today, year) for path in request.others)
    found = reconcile(roster, bpjs, others, scenario=scenario, table=table, today=today)
    budget = roster_budget(roster.accepted.drop("sheet", strict=False), scenario, table)
    roster_notes = tuple(note for note in roster.notes if not _says_rejected_repeats(note))
    notes = (*warnings, *roster_notes, *bpjs.notes, *(n for o in others for n in o.notes))
    result = Reconciled(scenario, roster, bpjs, others, found, budget, str(request.roster))
    return result, notes


def _says_rejected_repeats(note: Problem) -> bool:
    """The roster reader's note of NIKs on several lines says the repeats are rejected; here
    they are duplicates, each in the report with its line, so the note would mislead."""
    return note.severity == "note" and note.field == "nik"


def _check_distinct(request: ReconcileRequest) -> None:
    """The same file given as two lists would match every row with itself."""
    paths = [request.roster, request.bpjs, *request.others]
    seen: dict[Path, Path] = {}
    for path in paths:
        key = path.resolve()
        if key in seen:
            raise UsageError(
                _("{file} is given as two of the lists").format(file=path),
                _("give the Pemda's roster, BPJS's list and each other payer's list once"),
            )
        seen[key] = path
