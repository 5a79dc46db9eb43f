"""A comparison of scenarios as a Report (table, Markdown, HTML, Excel): the scenarios side by
side, lettered A (the baseline), B, ..., and each one's difference to the baseline."""

from __future__ import annotations

from decimal import Decimal

from jamsostek_budget.i18n import N_, _
from jamsostek_budget.planning.compare import Amounts, Comparison, GroupRow
from jamsostek_budget.render.compare.cells import (
    Of,
    amount_cells,
    delta_cells,
    delta_headers,
    letter,
    of,
    percent_cell,
    value_headers,
)
from jamsostek_budget.render.compare.funding import opd_section, source_section
from jamsostek_budget.render.shared.figures import live
from jamsostek_budget.render.shared.labels import program_label, rupiah
from jamsostek_budget.render.shared.sections import (
    Bar,
    Cell,
    Chart,
    Numeric,
    Phrase,
    Report,
    Section,
    count_figure,
    phrase,
    rupiah_figure,
)

__all__ = ["compare_chart", "compare_report", "compare_totals", "letter"]  # letter: for cli

# "changed" and "same" are visible in the differences
SHOWN_STATUSES = {"added": N_("added"), "removed": N_("removed")}


def compare_report(comparison: Comparison) -> Report:
    others = ", ".join(column.name for column in comparison.others)
    title = _("Comparison: {baseline} vs {others}").format(
        baseline=comparison.baseline.name, others=others
    )
    funding = (opd_section(comparison), source_section(comparison))
    sections = (
        _groups(comparison),
        *(section for section in funding if section is not None),
        _programs(comparison),
        _totals(comparison),
    )
    charts = (compare_chart(comparison),)
    return Report(title, _summary(comparison), sections, _notes(comparison), charts)


def compare_totals(comparison: Comparison) -> list[tuple[str, int]]:
    """Each scenario's annual APBD, for --words."""
    return [
        (f"{letter(index)} ({column.name})", comparison.annual.values[index] or 0)
        for index, column in enumerate(comparison.columns)
    ]


def _summary(comparison: Comparison) -> tuple[str, ...]:
    annual, people = comparison.annual, comparison.headcount
    lines: list[str] = [
        phrase(
            _(
                "{letter} = {name}: {scenario}, {province}, fiscal year {year}: "
                "APBD {amount} a year for {people} people"
            ),
            letter=letter(index),
            name=column.name,
            scenario=column.scenario_name,
            province=column.province,
            year=str(column.fiscal_year),
            amount=rupiah_figure(annual.values[index] or 0, live("annual", index)),
            people=count_figure(people.values[index] or 0, live("people", index)),
        )
        for index, column in enumerate(comparison.columns)
    ]
    lines += [
        _delta_line(index, delta, pct)
        for index, delta, pct in zip(
            range(1, comparison.width), annual.deltas, annual.percents, strict=True
        )
    ]
    return tuple(lines)


def _delta_line(index: int, delta: int, pct: Decimal | None) -> Phrase:
    """'B - A: +Rp12.000 a year (+5,0 %)', its figures computed from the lines sheets."""
    figure = live("annual", index) - live("annual", 0)
    shown = f"+{rupiah(delta)}" if delta > 0 else rupiah(delta)
    amount = Numeric(shown, delta, "signed_rupiah", live=figure)
    line = phrase(_("{letter} - A: {amount} a year"), letter=letter(index), amount=amount)
    if pct is None:
        return line
    change = percent_cell(pct, figure / live("annual", 0))
    return Phrase((*line.parts, " (", change, ")"))


def _notes(comparison: Comparison) -> tuple[str, ...]:
    notes = [
        _(
            "Groups are matched by id; a group missing from a scenario counts as Rp0 in the "
            "differences. A percentage is n/a where the baseline is Rp0."
        )
    ]
    if len({column.fiscal_year for column in comparison.columns}) > 1:
        notes.append(
            _(
                "The scenarios are for different fiscal years: each is costed with the rates in "
                "force in its own year."
            )
        )
    return tuple(notes)


def _groups(comparison: Comparison) -> Section:
    width = comparison.width
    headers = (
        _("Group"),
        *value_headers(comparison, _("people")),
        *value_headers(comparison, _("a year (Rp)")),
        *delta_headers(comparison),
        *[f"{letter(i)}\n{_('status')}" for i in range(1, comparison.width)],
    )
    rows = tuple(_group_cells(row) for row in comparison.groups)
    annual = of("annual")
    footer = (
        _("Total"),
        *amount_cells(comparison.headcount, of("people")),
        *amount_cells(comparison.annual, annual),
        *delta_cells(comparison.annual, annual),
        *[""] * (width - 1),
    )
    numeric = frozenset(range(1, 1 + 2 * width + 2 * (width - 1)))
    return Section(_("Per group, APBD a year"), headers, rows, footer, numeric)


def _group_cells(row: GroupRow) -> tuple[Cell, ...]:
    annual = of("annual", group=row.group)
    return (
        row.label,
        *amount_cells(row.headcount, of("people", group=row.group)),
        *amount_cells(row.annual, annual),
        *delta_cells(row.annual, annual),
        *[_(SHOWN_STATUSES[status]) if status in SHOWN_STATUSES else "" for status in row.statuses],
    )


def _programs(comparison: Comparison) -> Section:
    headers = (
        _("Program"),
        *value_headers(comparison, _("a year (Rp)")),
        *delta_headers(comparison),
    )
    rows = tuple(
        (
            program_label(row.program),
            *amount_cells(row.annual, of("annual", program=row.program)),
            *delta_cells(row.annual, of("annual", program=row.program)),
        )
        for row in comparison.by_program
    )
    annual = of("annual")
    footer = (
        _("Total"),
        *amount_cells(comparison.annual, annual),
        *delta_cells(comparison.annual, annual),
    )
    numeric = frozenset(range(1, len(headers)))
    return Section(_("Per program, APBD a year"), headers, rows, footer, numeric)


def _totals(comparison: Comparison) -> Section:
    headers = ("", *[letter(i) for i in range(comparison.width)], *delta_headers(comparison))
    rows: tuple[tuple[Cell, ...], ...] = (
        (_("Fiscal year"), *[str(c.fiscal_year) for c in comparison.columns], *_blank(comparison)),
        (_("People"), *_figures(comparison.headcount, of("people"))),
        (_("APBD a year (Rp)"), *_figures(comparison.annual, of("annual"))),
        (_("Worker share a year (Rp)"), *_figures(comparison.worker, of("worker_annual"))),
    )
    return Section(_("Totals"), headers, rows, right=frozenset(range(1, len(headers))))


def _figures(amounts: Amounts, of: Of) -> list[Cell]:
    return [*amount_cells(amounts, of), *delta_cells(amounts, of)]


def _blank(comparison: Comparison) -> list[str]:
    return [""] * (2 * (comparison.width - 1))


def compare_chart(comparison: Comparison) -> Chart:
    """What changes per group between the baseline and the last scenario compared: negative bars
    are groups that cost less (or were removed), positive ones cost more (or were added)."""
    last = comparison.width - 1
    bars = tuple(
        Bar(
            row.label,
            row.annual.deltas[-1],
            live("annual", last, group=row.group) - live("annual", 0, group=row.group),
        )
        for row in comparison.groups
    )
    title = _("Difference in APBD a year per group: {last} minus {first}").format(
        last=comparison.columns[-1].name, first=comparison.baseline.name
    )
    return Chart(title, bars)
