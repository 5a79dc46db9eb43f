"""`jbudget revise`: the mid-year revision (APBD Perubahan) and efficiency cuts of a premium
budget. Loads and checks the adopted plan (murni) and the variant like `estimate`, reads the
bills to date (or takes the plan as realized through a month), hands them to
planning.revision, and lines the budget versions up (planning.versions)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jamsostek_budget.app.estimate import checked_scenario
from jamsostek_budget.app.outcome import Outcome, outcome_of
from jamsostek_budget.engine import premiums as engine
from jamsostek_budget.errors import DataError, Problem, UsageError, option
from jamsostek_budget.i18n import _
from jamsostek_budget.model.ledger import YearMonth
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.planning import revision as revising
from jamsostek_budget.planning.cut import Cut
from jamsostek_budget.planning.realized import Realized, month_text, realized_from_bills
from jamsostek_budget.planning.revision import NeedAt, Revision
from jamsostek_budget.planning.versions import (
    VersionComparison,
    side_by_side,
    version_of_budget,
    version_of_revision,
)


@dataclass(frozen=True)
class RevisionRequest:
    """What `jbudget revise` was asked: the realized amount from `bills` or as planned through
    `realized_through`; the revision from `effective` (default: the month after the last one
    realized); the change, a `variant` scenario and/or a `cut`."""

    plan: Path
    pagu: int | None = None
    bills: Path | None = None
    realized_through: YearMonth | None = None
    effective: YearMonth | None = None
    variant: Path | None = None
    cut: Cut | None = None
    priority: Sequence[str] | None = None
    rates_dir: Path | None = None
    need_at: NeedAt = "billed"


@dataclass(frozen=True)
class Revised:
    revision: Revision
    versions: VersionComparison
    realized_from: str  # "bills" or "plan"
    bills_file: str = ""


def revise(request: RevisionRequest) -> Outcome[Revised]:
    """`jbudget revise`: the revision, its versions side by side, and the problems found."""
    return outcome_of(lambda: _revise(request))


def _revise(request: RevisionRequest) -> tuple[Revised, tuple[Problem, ...]]:
    plan, table, warnings = checked_scenario(request.plan, None, request.rates_dir)
    variant = None
    if request.variant is not None:
        variant, more = checked_scenario(request.variant, None, request.rates_dir)[::2]
        warnings = (*warnings, *more)
    _check_priority(request)
    realized, notes = _realized(request, plan, table)
    effective = request.effective or _month_after(realized, plan.fiscal_year)
    _check_no_gap(request, effective)
    adopted = plan.adopted_pagu  # one amount, or the total of one per budget code
    file_pagu = None if adopted is None else adopted.total
    pagu = file_pagu if request.pagu is None else request.pagu  # --pagu, else the plan file's

    def revised_with(cut: Cut | None) -> Revision:
        return revising.revise(
            plan,
            table,
            effective=effective,
            realized=realized,
            pagu=pagu,
            revised=variant,
            cut=cut,
            priority=request.priority,
            need_at=request.need_at,
        )

    revision = revised_with(request.cut)
    steps = [version_of_budget(revision.original, pagu=revision.original_pagu)]
    if variant is not None and request.cut is not None:
        steps.append(version_of_revision(revised_with(None)))  # the APBD-P before the cut
    steps.append(version_of_revision(revision))
    source = "plan" if request.bills is None else "bills"
    found = Revised(revision, side_by_side(steps), source, str(request.bills or ""))
    return found, (*warnings, *notes)


def _check_no_gap(request: RevisionRequest, effective: YearMonth) -> None:
    """Without bills, the months between the last one realized as planned and the revision
    would be counted neither as realized nor as needed: the year would be understated."""
    through = request.realized_through
    if through is None or effective <= (through[0], through[1] + 1):
        return
    raise UsageError(
        _(
            "the plan is realized through {through} and the revision takes effect in {month}: "
            "the months between would be counted neither as realized nor as needed"
        ).format(through=month_text(through), month=month_text(effective)),
        _("give {through} the month before {month}, or leave {effective} out").format(
            through=option("realized_through"),
            month=month_text(effective),
            effective=option("effective"),
        ),
    )


def _check_priority(request: RevisionRequest) -> None:
    """A funding order only matters for a cut: given without one, it would be ignored."""
    if request.priority is not None and request.cut is None:
        raise UsageError(
            _("{priority} orders the groups a cut leaves covered, and there is no cut").format(
                priority=option("priority")
            ),
            _("give {cut} too, or leave {priority} out").format(
                cut=option("cut"), priority=option("priority")
            ),
        )


def _realized(
    request: RevisionRequest, plan: Scenario, table: RateTable
) -> tuple[Realized, tuple[Problem, ...]]:
    if (request.bills is None) == (request.realized_through is None):
        raise UsageError(
            _(
                "give the bills to date ({bills}) or the last month realized as planned ({through})"
            ).format(bills=option("bills"), through=option("realized_through")),
            _("for example: {bills} bills.csv, or {through} {year}-09").format(
                bills=option("bills"), through=option("realized_through"), year=plan.fiscal_year
            ),
        )
    if request.bills is not None:
        return _from_bills(request.bills, plan)
    assert request.realized_through is not None
    return as_planned(plan, table, request.realized_through), ()


def _from_bills(path: Path, plan: Scenario) -> tuple[Realized, tuple[Problem, ...]]:
    """The bills summed per month and group; a rejected row is an error at its line, since a
    revision that silently leaves a bill out would understate what was realized."""
    from jamsostek_budget.roster.ledger import read_bills  # noqa: PLC0415

    if not path.is_file():
        raise UsageError(_("bills file {file} does not exist").format(file=path))
    read = read_bills(path, plan.groups, plan.fiscal_year)
    errors = [
        Problem(row.source.file, row.source.line, 0, row.source.sheet, reason)
        for row in read.rejected
        for reason in row.reasons
    ]
    if errors:
        raise DataError(errors)
    if not read.records:
        raise UsageError(
            _("bills file {file} has no bill line").format(file=path),
            _("give the bills to date, or {through} for a plan realized as planned").format(
                through=option("realized_through")
            ),
        )
    return realized_from_bills(read.records), read.notes


def as_planned(plan: Scenario, table: RateTable, through: YearMonth) -> Realized:
    """The plan realized exactly as planned for January to `through`."""
    if through[0] != plan.fiscal_year or not 1 <= through[1] <= 11:
        raise UsageError(
            _("{month} is not a month of fiscal year {year} before December").format(
                month=month_text(through), year=plan.fiscal_year
            ),
            _("give {through} {first} to {last}").format(
                through=option("realized_through"),
                first=month_text((plan.fiscal_year, 1)),
                last=month_text((plan.fiscal_year, 11)),
            ),
        )
    budget = engine.estimate(plan, table)
    last = through[1]
    by_month = {(plan.fiscal_year, m): budget.monthly[m - 1] for m in range(1, last + 1)}
    by_group = {line.group.id: sum(line.monthly[:last]) for line in budget.lines}
    by_program = {
        program: sum(months[:last]) for program, months in budget.monthly_by_program.items()
    }
    return Realized(by_month, by_group, by_program=by_program)


def _month_after(realized: Realized, year: int) -> YearMonth:
    """The first month after the last one realized: where the revision takes effect."""
    last = max(realized.by_month, default=(year, 0))
    if last[1] >= 12:
        raise UsageError(
            _("the bills run to {month}: no month of {year} is left to revise").format(
                month=month_text(last), year=year
            ),
            _("give {effective} for the first month the revision changes").format(
                effective=option("effective")
            ),
        )
    return (last[0], last[1] + 1)
