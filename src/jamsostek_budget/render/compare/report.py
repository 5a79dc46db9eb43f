"""A comparison of scenarios as a Report (table, Markdown, HTML, Excel): the scenarios side by
side, lettered A (the baseline), B, ..., and each one's difference to the baseline."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from jamsostek_budget.i18n import N_, _
from jamsostek_budget.model.fields import Program
from jamsostek_budget.planning.compare import Amounts, Comparison, GroupRow
from jamsostek_budget.render.shared.figures import Live, What, live
from jamsostek_budget.render.shared.labels import percent, program_label, rupiah
from jamsostek_budget.render.shared.sections import (
    Bar,
    Cell,
    Chart,
    Figure,
    Numeric,
    Phrase,
    Report,
    Section,
    Signed,
    count_figure,
    phrase,
    rupiah_figure,
)

ABSENT = "-"
# "changed" and "same" are visible in the differences
SHOWN_STATUSES = {"added": N_("added"), "removed": N_("removed")}


def compare_report(comparison: Comparison) -> Report:
    others = ", ".join(column.name for column in comparison.others)
    title = _("Comparison: {baseline} vs {others}").format(
        baseline=comparison.baseline.name, others=others
    )
    sections = (_groups(comparison), _programs(comparison), _totals(comparison))
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
    change = _percent(pct, figure / live("annual", 0))
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


def letter(index: int) -> str:
    """Columns are lettered (A is the baseline) so that the tables stay narrow."""
    return chr(ord("A") + index) if index < 26 else f"#{index + 1}"


def _value_headers(comparison: Comparison, what: str) -> list[str]:
    return [f"{letter(i)}\n{what}" for i in range(comparison.width)]


def _delta_headers(comparison: Comparison) -> list[str]:
    headers = []
    for i in range(1, comparison.width):
        headers += [f"{letter(i)} - A\n(Rp)", f"{letter(i)} - A\n(%)"]  # no words to translate
    return headers


Of = Callable[[int], Live]  # the figure of the scenario with this index


def _amount_cells(amounts: Amounts, of: Of) -> list[Cell]:
    return [
        ABSENT if value is None else Figure(value, of(index))
        for index, value in enumerate(amounts.values)
    ]


def _delta_cells(amounts: Amounts, of: Of) -> list[Cell]:
    cells: list[Cell] = []
    for index, delta, pct in zip(
        range(1, len(amounts.values)), amounts.deltas, amounts.percents, strict=True
    ):
        figure = of(index) - of(0)
        cells += [Signed(delta, figure), _percent(pct, figure / of(0))]
    return cells


def _of(what: What, *, group: str | None = None, program: Program | None = None) -> Of:
    return lambda index: live(what, index, group=group, program=program)


def _groups(comparison: Comparison) -> Section:
    width = comparison.width
    headers = (
        _("Group"),
        *_value_headers(comparison, _("people")),
        *_value_headers(comparison, _("a year (Rp)")),
        *_delta_headers(comparison),
        *[f"{letter(i)}\n{_('status')}" for i in range(1, comparison.width)],
    )
    rows = tuple(_group_cells(row) for row in comparison.groups)
    annual = _of("annual")
    footer = (
        _("Total"),
        *_amount_cells(comparison.headcount, _of("people")),
        *_amount_cells(comparison.annual, annual),
        *_delta_cells(comparison.annual, annual),
        *[""] * (width - 1),
    )
    numeric = frozenset(range(1, 1 + 2 * width + 2 * (width - 1)))
    return Section(_("Per group, APBD a year"), headers, rows, footer, numeric)


def _group_cells(row: GroupRow) -> tuple[Cell, ...]:
    annual = _of("annual", group=row.group)
    return (
        row.label,
        *_amount_cells(row.headcount, _of("people", group=row.group)),
        *_amount_cells(row.annual, annual),
        *_delta_cells(row.annual, annual),
        *[_(SHOWN_STATUSES[status]) if status in SHOWN_STATUSES else "" for status in row.statuses],
    )


def _programs(comparison: Comparison) -> Section:
    headers = (
        _("Program"),
        *_value_headers(comparison, _("a year (Rp)")),
        *_delta_headers(comparison),
    )
    rows = tuple(
        (
            program_label(row.program),
            *_amount_cells(row.annual, _of("annual", program=row.program)),
            *_delta_cells(row.annual, _of("annual", program=row.program)),
        )
        for row in comparison.by_program
    )
    annual = _of("annual")
    footer = (
        _("Total"),
        *_amount_cells(comparison.annual, annual),
        *_delta_cells(comparison.annual, annual),
    )
    numeric = frozenset(range(1, len(headers)))
    return Section(_("Per program, APBD a year"), headers, rows, footer, numeric)


def _totals(comparison: Comparison) -> Section:
    headers = ("", *[letter(i) for i in range(comparison.width)], *_delta_headers(comparison))
    rows: tuple[tuple[Cell, ...], ...] = (
        (_("Fiscal year"), *[str(c.fiscal_year) for c in comparison.columns], *_blank(comparison)),
        (_("People"), *_figures(comparison.headcount, _of("people"))),
        (_("APBD a year (Rp)"), *_figures(comparison.annual, _of("annual"))),
        (_("Worker share a year (Rp)"), *_figures(comparison.worker, _of("worker_annual"))),
    )
    return Section(_("Totals"), headers, rows, right=frozenset(range(1, len(headers))))


def _figures(amounts: Amounts, of: Of) -> list[Cell]:
    return [*_amount_cells(amounts, of), *_delta_cells(amounts, of)]


def _blank(comparison: Comparison) -> list[str]:
    return [""] * (2 * (comparison.width - 1))


def _percent(value: Decimal | None, figure: Live) -> str:
    """+12,5 % in Indonesian, +12.5% in English; a workbook keeps the fraction."""
    if value is None:
        return _("n/a")
    sign = "+" if value > 0 else ""
    return Numeric(
        sign + percent(value, decimals=1), value / 100, "signed_percent", decimals=1, live=figure
    )


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
