"""The mid-year revision (`jbudget revise`) as a Report: realized to date, the need for the
months left, the revised pagu and its difference to the original, per group, with a cut what
the reduced ceiling covers and who loses cover, and the budget versions side by side.

In a workbook the planned amounts and the need are formulas over the lines sheets of the plan and
the revised plan (`revise_budgets` names them in that order); the realized amounts come from the
bills, not from a sheet a formula could refer to, so they and what follows from them (what a cut
covers, the revised year, the differences) are plain numbers.
"""

from __future__ import annotations

from itertools import pairwise

from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.i18n import N_, _
from jamsostek_budget.planning.realized import month_text
from jamsostek_budget.planning.revision import Revision
from jamsostek_budget.planning.versions import VersionComparison, VersionRow
from jamsostek_budget.render.revise.funding import source_overruns, source_versions
from jamsostek_budget.render.shared.figures import Live, live, sum_of
from jamsostek_budget.render.shared.sections import (
    Cell,
    Figure,
    Report,
    Section,
    Signed,
    count_figure,
    phrase,
    rupiah_figure,
)

ABSENT = "-"
GROUP_HEADERS = (
    N_("Group"),
    N_("Planned\na year (Rp)"),
    N_("Realized\nto date (Rp)"),
    N_("Need\nleft (Rp)"),
    N_("Covered\n(Rp)"),
    N_("Revised\na year (Rp)"),
    N_("Difference\n(Rp)"),
)
FIT_HEADERS = (
    "#",
    N_("Group"),
    N_("People"),
    N_("Covered"),
    N_("Not\ncovered"),
    N_("Per person\n(Rp)"),
    N_("APBD\n(Rp)"),
)
LOSS_HEADERS = (N_("Group"), N_("People"), N_("From"), N_("Keeping them\ncosts (Rp)"))
HEADCOUNT_HEADERS = (N_("Group"), N_("In the plan"), N_("On the\nlatest bill"), N_("Bill of"))


def revise_report(revision: Revision, versions: VersionComparison, *, from_bills: bool) -> Report:
    scenario = revision.original.scenario
    title = _("{name}: revision of fiscal year {year} from {month}").format(
        name=scenario.name, year=revision.fiscal_year, month=month_text(revision.effective)
    )
    sections = [_groups(revision)]
    if revision.headcounts:
        sections.append(_headcounts(revision))
    if revision.fit is not None:
        sections += [_fitted(revision), _losses(revision)]
    sections += [_versions(versions), *source_versions(versions)]
    notes = _notes(revision, from_bills)
    summary = (*_summary(revision, from_bills), *source_overruns(versions))
    return Report(title, summary, tuple(sections), notes)


def revise_budgets(revision: Revision) -> list[tuple[str, Budget]]:
    """The budgets behind the report, for provenance and the workbook's lines sheets: the plan
    (murni), then the revised plan when a variant gave one."""
    budgets = [(_("murni"), revision.original)]
    if revision.revised_plan is not revision.original:
        budgets.append((_("perubahan"), revision.revised_plan))
    return budgets


def _need(revision: Revision, group: str | None = None) -> Live:
    """The revised plan for the months left, on its lines sheet."""
    index = 0 if revision.revised_plan is revision.original else 1
    months = range(revision.effective[1], 13)
    return sum_of(live("month", index, group=group, month=month) for month in months)


def revise_totals(revision: Revision) -> list[tuple[str, int]]:
    """The revision's main amounts, for --words."""
    return [
        (_("Realized to date"), revision.realized_total),
        (_("Need for the months left"), revision.need),
        (_("Revised pagu"), revision.revised_pagu),
    ]


def _summary(revision: Revision, from_bills: bool) -> tuple[str, ...]:
    last = (revision.fiscal_year, revision.effective[1] - 1)
    realized = (
        _("Realized {first} to {last} (bills): {amount}")
        if from_bills
        else _("Realized {first} to {last} (as planned): {amount}")
    )
    lines: list[str] = [
        phrase(
            realized,
            first=month_text((revision.fiscal_year, 1)),
            last=month_text(last),
            amount=rupiah_figure(revision.realized_total),
        ),
        phrase(
            _(
                "Need for {first} to {last} at the latest billed headcounts: {need} "
                "(the original plan: {planned})"
            )
            if revision.headcounts
            else _("Need for {first} to {last}: {need} (the original plan: {planned})"),
            first=month_text(revision.effective),
            last=month_text((revision.fiscal_year, 12)),
            need=rupiah_figure(revision.need, _need(revision)),
            planned=rupiah_figure(revision.planned_left),
        ),
        _pagu_line(revision),
    ]
    if revision.cut is not None:
        lines += _cut_lines(revision)
    return tuple(lines)


def _pagu_line(revision: Revision) -> str:
    """The revised pagu and its difference to the original, said in words."""
    values = {
        "original": rupiah_figure(revision.original_pagu),
        "revised": rupiah_figure(revision.revised_pagu),
        "difference": rupiah_figure(abs(revision.difference)),
    }
    if revision.difference > 0:
        template = _("Pagu: {original} adopted, {revised} revised, {difference} more")
    elif revision.difference < 0:
        template = _("Pagu: {original} adopted, {revised} revised, {difference} less")
    else:
        return phrase(
            _("Pagu: {original} adopted and revised, unchanged"), original=values["original"]
        )
    return phrase(template, **values)


def _cut_lines(revision: Revision) -> list[str]:
    assert revision.cut is not None
    lines: list[str] = [
        phrase(
            _("Cut: {cut}; the pagu leaves {left} for the months left, which covers {covered}"),
            cut=rupiah_figure(revision.cut),
            left=rupiah_figure(revision.ceiling_left),
            covered=rupiah_figure(revision.covered),
        )
    ]
    losses = revision.losses
    if not losses:
        lines.append(_("Everyone keeps cover for the months left"))
        return lines
    first = min(loss.from_month for loss in losses)
    lines.append(
        phrase(
            _("{people} people lose cover from {month}; keeping them costs {cost}"),
            people=count_figure(sum(loss.people for loss in losses)),
            month=month_text(first),
            cost=rupiah_figure(sum(loss.cost for loss in losses)),
        )
    )
    return lines


def _optional(amount: int | None) -> Cell:
    return ABSENT if amount is None else amount


def _change(amount: int | None) -> Cell:
    return ABSENT if amount is None else Signed(amount)


def _groups(revision: Revision) -> Section:
    rows = tuple(
        (
            line.label,
            Figure(line.planned, live("annual", group=line.group_id)),
            _optional(line.realized),
            Figure(line.need, _need(revision, line.group_id)),
            line.covered,
            _optional(line.revised),
            _change(line.difference),
        )
        for line in revision.lines
    )
    footer: tuple[Cell, ...] = (
        _("Total"),
        Figure(revision.original.annual, live("annual")),
        revision.realized_total,
        Figure(revision.need, _need(revision)),
        revision.covered,
        revision.realized_total + revision.covered,
        Signed(revision.realized_total + revision.covered - revision.original.annual),
    )
    headers = tuple(_(header) for header in GROUP_HEADERS)
    return Section(_("Per group"), headers, rows, footer, frozenset(range(1, 7)))


def _fitted(revision: Revision) -> Section:
    """What the reduced ceiling covers for the months left, in funding order."""
    assert revision.fit is not None
    fit = revision.fit
    rows = tuple(
        (
            str(position),
            line.label,
            line.wanted,
            line.covered,
            line.not_covered,
            line.per_person_annual,
            line.cost,
        )
        for position, line in enumerate(fit.lines, 1)
    )
    footer: tuple[Cell, ...] = (
        "",
        _("Total"),
        fit.people_wanted,
        fit.people_covered,
        fit.people_not_covered,
        "",
        fit.cost,
    )
    title = _("What the reduced pagu covers from {month}, in funding order").format(
        month=month_text(revision.effective)
    )
    headers = tuple(_(header) for header in FIT_HEADERS)
    return Section(title, headers, rows, footer, frozenset({0, 2, 3, 4, 5, 6}))


def _headcounts(revision: Revision) -> Section:
    """The groups whose months left are priced at the people on their latest bill."""
    rows = tuple(
        (change.label, change.planned, change.billed.people, month_text(change.billed.month))
        for change in revision.headcounts
    )
    headers = tuple(_(header) for header in HEADCOUNT_HEADERS)
    title = _("Months left priced at the latest bill")
    return Section(title, headers, rows, None, frozenset({1, 2}))


def _losses(revision: Revision) -> Section:
    rows = tuple(
        (loss.label, loss.people, month_text(loss.from_month), loss.cost)
        for loss in revision.losses
    )
    headers = tuple(_(header) for header in LOSS_HEADERS)
    return Section(_("Who loses cover"), headers, rows, None, frozenset({1, 3}))


def _versions(comparison: VersionComparison) -> Section:
    """The versions side by side (murni, perubahan, efisiensi), each change to the next."""
    versions = comparison.versions
    headers = (
        "",
        *(f"{version.label} (Rp)" for version in versions),
        *(f"{later.kind} - {earlier.kind}" for earlier, later in pairwise(versions)),
    )
    rows = tuple(
        _version_row(row) for row in (comparison.pagu, *comparison.groups, *comparison.programs)
    )
    width = len(headers)
    return Section(_("Budget versions"), headers, rows, None, frozenset(range(1, width)))


def _version_row(row: VersionRow) -> tuple[Cell, ...]:
    return (
        row.label,
        *(_optional(amount) for amount in row.amounts),
        *(_change(change) for change in row.changes),
    )


def _notes(revision: Revision, from_bills: bool) -> tuple[str, ...]:
    notes = [
        _(
            "Realized: what was billed for each month before {month}, paid or not; need: the "
            "revised plan for {month} to December; revised a year: realized plus what the "
            "revised pagu covers."
        ).format(month=month_text(revision.effective))
        if from_bills
        else _(
            "Realized: the plan taken as realized exactly as planned before {month} (no bills "
            "given); need: the revised plan for {month} to December."
        ).format(month=month_text(revision.effective))
    ]
    if revision.need_at == "billed" and from_bills:
        notes.append(
            _(
                "The months left are priced at each group's people on its latest bill, as "
                "track projects the year, unless the revised plan sets the group's headcount "
                "itself."
            )
        )
    if revision.unbilled:
        notes.append(
            _("No bill for {months}: the realized amount counts nothing for them.").format(
                months=", ".join(month_text(month) for month in revision.unbilled)
            )
        )
    if revision.fit is not None:
        notes.append(
            _(
                "With a cut, what the pagu leaves after the realized months is fitted to the "
                "months left in funding order; a group not covered in full loses cover for its "
                "people not covered from {month}."
            ).format(month=month_text(revision.effective))
        )
    notes.append(
        _(
            "In a workbook the planned amounts and the need are formulas over the lines "
            "sheets; the realized amounts come from the bills, so they and the figures that "
            "follow from them are plain numbers."
        )
        if from_bills
        else _(
            "In a workbook the planned amounts and the need are formulas over the lines "
            "sheets; the realized amounts and the figures that follow from them are plain "
            "numbers."
        )
    )
    return tuple(notes)
