"""What a budget ceiling covers (`jbudget fit`) as a Report: the same format-neutral Report the
estimate uses, so the table, Markdown, HTML and Excel renderers draw it unchanged."""

from __future__ import annotations

from decimal import Decimal

from jamsostek_budget.i18n import N_, _
from jamsostek_budget.planning.fit import FitResult
from jamsostek_budget.render.estimate.funding import opd_sheets
from jamsostek_budget.render.shared.figures import Live, Measure, constant, live
from jamsostek_budget.render.shared.labels import (
    month_abbr,
    number,
    percent,
    rupiah,
    segment_label,
)
from jamsostek_budget.render.shared.sections import (
    Cell,
    Figure,
    Money,
    Report,
    Section,
    count_figure,
    phrase,
    rupiah_figure,
)

GROUP_HEADERS = (
    "#",
    N_("Group"),
    N_("Segment"),
    N_("People"),
    N_("Covered"),
    N_("Not\ncovered"),
    N_("Per person\na year (Rp)"),
    N_("APBD\na year (Rp)"),
)


def fit_report(result: FitResult) -> Report:
    scenario = result.scenario
    title = _("{name}: what {ceiling} a year covers, fiscal year {year} ({mode})").format(
        name=scenario.name,
        ceiling=rupiah(result.ceiling),
        year=scenario.fiscal_year,
        mode=_mode_label(result),
    )
    summary = (
        phrase(
            _("APBD cost: {cost} a year for {covered} of {wanted} people"),
            cost=rupiah_figure(result.cost, live("annual")),
            covered=count_figure(result.people_covered, live("people")),
            wanted=number(result.people_wanted),
        ),
        phrase(
            _("Left of the ceiling: {left}"),
            left=rupiah_figure(result.left, constant(result.ceiling) - live("annual")),
        ),
        _not_covered_line(result),
        *_ran_out_line(result),
    )
    sections = (_groups(result), *([_sources(result)] if result.sources else []))
    return Report(title, summary, sections, _notes(result), sheets=opd_sheets(result.budget))


def _ran_out_line(result: FitResult) -> tuple[str, ...]:
    """Which limit ran out first, in funding order: a source's ceiling or the total."""
    if result.ran_out is None:
        return ()
    limit = result.ran_out.limit
    name = _("the ceiling given with the command") if limit is None else limit.label
    return (
        _("{limit} ran out first: {group} is the first group not covered in full").format(
            limit=name, group=result.ran_out.group
        ),
    )


def _sources(result: FitResult) -> Section:
    """What each funding source pays against its ceiling, and whom it leaves out."""
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            row.source.label + ("" if row.source.is_apbd else " " + _("(not APBD)")),
            f"{month_abbr(row.source.first_month)}-{month_abbr(row.source.last_month)}",
            row.wanted,
            row.covered,
            row.wanted - row.covered,
            Money(row.cost),
            Money(row.source.ceiling) if row.source.ceiling is not None else "",
            Money(row.left) if row.left is not None else "",
        )
        for row in result.sources
    )
    footer: tuple[Cell, ...] = (
        _("Total"),
        "",
        result.people_wanted,
        result.people_covered,
        result.people_not_covered,
        Money(result.cost),
        Money(result.ceiling),
        Money(result.left),
    )
    headers = (
        _("Funding source"),
        _("Months"),
        _("People"),
        _("Covered"),
        _("Not\ncovered"),
        _("Pays a year"),
        _("Ceiling"),
        _("Left"),
    )
    return Section(
        _("Per funding source (sumber dana)"),
        headers,
        rows,
        footer,
        frozenset({2, 3, 4, 5, 6, 7}),
    )


def _mode_label(result: FitResult) -> str:
    if result.share_percent is None:
        return _("priority order")
    return _("the same {share} of every group").format(share=percent(result.share_percent))


def _full_cost(result: FitResult) -> Live:
    """Everyone wanted, at each group's cost of one person a year on the lines sheet."""
    terms = tuple(
        (line.wanted, Measure("per_person_year", 0, line.group_id)) for line in result.lines
    )
    return Live(terms or ((0, None),))


def _not_covered_line(result: FitResult) -> str:
    full = rupiah_figure(result.full_cost, _full_cost(result))
    if not result.people_not_covered:
        return phrase(_("Everyone is covered: the full estimate is {cost} a year"), cost=full)
    return phrase(
        _(
            "Not covered: {people} people; covering everyone costs {cost} a year, "
            "{shortfall} more than the ceiling"
        ),
        people=count_figure(
            result.people_not_covered, constant(result.people_wanted) - live("people")
        ),
        cost=full,
        shortfall=rupiah_figure(result.shortfall, _full_cost(result) - constant(result.ceiling)),
    )


def _groups(result: FitResult) -> Section:
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            str(position),
            line.label,
            segment_label(result.budget_line(line.group_id)),
            line.wanted,
            Figure(line.covered, live("people", group=line.group_id)),
            Figure(line.not_covered, constant(line.wanted) - live("people", group=line.group_id)),
            Figure(line.per_person_annual, live("per_person_year", group=line.group_id)),
            Figure(line.cost, live("annual", group=line.group_id)),
        )
        for position, line in enumerate(result.lines, 1)
    )
    footer: tuple[Cell, ...] = (
        "",
        _("Total"),
        "",
        result.people_wanted,
        Figure(result.people_covered, live("people")),
        Figure(result.people_not_covered, constant(result.people_wanted) - live("people")),
        "",
        Figure(result.cost, live("annual")),
    )
    title = _("Per group, in funding order") if result.mode == "priority" else _("Per group")
    headers = tuple(_(header) for header in GROUP_HEADERS)
    return Section(title, headers, rows, footer, frozenset({0, 3, 4, 5, 6, 7}))


def _notes(result: FitResult) -> tuple[str, ...]:
    if result.share_percent is None:
        how = _(
            "Groups are funded in the order shown, each with as many whole people as the money "
            "left pays for; when a group cannot be covered in full, later groups whose people "
            "cost less can still be funded from what is left."
        )
    else:
        how = _(
            "Every group gets the same share of its people, {share}, rounded down to whole "
            "people: the largest share, in steps of {step}, that fits the ceiling."
        ).format(share=percent(result.share_percent), step=percent(Decimal("0.01")))
    return (
        how,
        _(
            "Per person a year: the APBD premium of one person for the group's months of "
            "{year}; the premium is rounded per person, so n people cost exactly n times as "
            "much."
        ).format(year=result.scenario.fiscal_year),
    )
