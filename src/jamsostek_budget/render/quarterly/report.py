"""The quarterly report as a Report (table, Markdown, HTML, Excel), in Indonesian unless another
language is asked: per category the people covered, the budget for the year and the quarter,
the realization when bills were given; then the obstacles, as written."""

from __future__ import annotations

from decimal import Decimal

from jamsostek_budget.i18n import _
from jamsostek_budget.planning.quarterly import CategoryRow, QuarterlyReport, Realization
from jamsostek_budget.render.shared.figures import Live, live, sum_of
from jamsostek_budget.render.shared.labels import percent, program_label
from jamsostek_budget.render.shared.sections import (
    Cell,
    Money,
    Numeric,
    Report,
    Section,
    count_figure,
    phrase,
    rupiah_figure,
)

__all__ = ["category_type", "quarterly_report", "quarterly_totals", "share"]


def quarterly_report(result: QuarterlyReport) -> Report:
    scenario = result.budget.scenario
    title = _("Quarterly report on workers' social security: {name}, {quarter}").format(
        name=scenario.name, quarter=result.quarter.label
    )
    sections = (_categories(result), _obstacles(result))
    return Report(title, _summary(result), sections, _notes(result))


def quarterly_totals(result: QuarterlyReport) -> list[tuple[str, int]]:
    """The budget for the year and the quarter, for --words."""
    return [
        (_("Budget for the year"), result.year_budget),
        (_("Budget for the quarter"), result.quarter_budget),
    ]


def category_type(row: CategoryRow) -> str:
    """The staff type a group gives, else its segment (BPU, PU)."""
    return row.staff_type or row.segment.upper()


def share(part: int, whole: int) -> Decimal | None:
    """part / whole in percent, None when whole is 0."""
    return None if whole == 0 else Decimal(part) * 100 / whole


def _percent_cell(part: int, whole: int) -> str:
    value = share(part, whole)
    if value is None:
        return _("n/a")
    return Numeric(percent(value, decimals=1), value / 100, "percent", decimals=1)


def _summary(result: QuarterlyReport) -> tuple[str, ...]:
    scenario = result.budget.scenario
    lines: list[str] = [
        _("{name}, {province}, fiscal year {year}, quarter {quarter}").format(
            name=scenario.name,
            province=scenario.province,
            year=scenario.fiscal_year,
            quarter=result.quarter.label,
        ),
        phrase(
            _(
                "{people} workers covered; budget {year_budget} for the year, {quarter_budget} "
                "for the quarter"
            ),
            people=count_figure(result.people),
            year_budget=rupiah_figure(result.year_budget),
            quarter_budget=rupiah_figure(result.quarter_budget),
        ),
    ]
    done = result.realization
    if done is not None:
        lines.append(
            phrase(
                _(
                    "Realization: {quarter} in the quarter ({share} of its budget), {to_date} "
                    "from January ({year_share} of the year's)"
                ),
                quarter=rupiah_figure(done.paid_quarter),
                share=_percent_cell(done.paid_quarter, result.quarter_budget),
                to_date=rupiah_figure(done.paid_to_date),
                year_share=_percent_cell(done.paid_to_date, result.year_budget),
            )
        )
    return tuple(lines)


def _notes(result: QuarterlyReport) -> tuple[str, ...]:
    notes = [
        _(
            "The shape follows what SE Mendagri 842.2/5193/SJ (11 November 2021) asks of a "
            "Pemda: workers registered per category, the premiums budgeted, and realized; the "
            "SE's official report form was not found, so the columns are jbudget's."
        )
    ]
    if result.tracked:
        notes.append(
            _(
                "Realization: the payments (SP2D) matched to the bills of each month, as "
                "`jbudget track` matches them as of the quarter's last day; billed people are "
                "those on the latest bill up to then."
            )
        )
    else:
        notes.append(_("No bills were given: the realization columns are left out."))
    return tuple(notes)


def _categories(result: QuarterlyReport) -> Section:
    headers: tuple[str, ...] = (
        _("Category"),
        _("Type"),
        _("Programs"),
        _("People covered"),
        _("Budget for the year"),
        _("Budget for the quarter"),
    )
    if result.tracked:
        headers += (
            _("People billed"),
            _("Billed in the quarter"),
            _("Realized in the quarter"),
            _("Realized from January"),
            _("% of the year"),
        )
    rows = tuple(_row(row, result) for row in result.rows)
    footer: tuple[Cell, ...] = (
        _("Total"),
        "",
        "",
        result.people,
        Money(result.year_budget, live("annual")),
        Money(result.quarter_budget, _quarter_figure(result, None)),
    )
    done = result.realization
    if done is not None:
        billed = [row.billed_people for row in result.rows if row.billed_people is not None]
        footer += (sum(billed), *_realized(done, result.year_budget))
    right = frozenset(range(3, len(headers)))
    return Section(_("People covered and budget per category"), headers, rows, footer, right)


def _quarter_figure(result: QuarterlyReport, group: str | None) -> Live:
    """The quarter's budget as the workbook computes it: its three months on the lines sheet."""
    return sum_of(live("month", group=group, month=month) for month in result.quarter.months)


def _row(row: CategoryRow, result: QuarterlyReport) -> tuple[Cell, ...]:
    cells: tuple[Cell, ...] = (
        row.label,
        category_type(row),
        ", ".join(program_label(p) for p in row.programs),
        row.people,
        Money(row.year_budget, live("annual", group=row.group_id)),
        Money(row.quarter_budget, _quarter_figure(result, row.group_id)),
    )
    if not result.tracked or row.realization is None:
        return cells
    people = "" if row.billed_people is None else row.billed_people
    return (*cells, people, *_realized(row.realization, row.year_budget))


def _realized(done: Realization, year_budget: int) -> tuple[Cell, ...]:
    return (
        Money(done.billed_quarter),
        Money(done.paid_quarter),
        Money(done.paid_to_date),
        _percent_cell(done.paid_to_date, year_budget),
    )


def _obstacles(result: QuarterlyReport) -> Section:
    lines = [line for line in result.obstacles.splitlines() if line.strip()]
    rows = tuple((line,) for line in lines) or ((_("(none given)"),),)
    return Section(_("Obstacles"), (_("Obstacles met, as the Pemda writes them"),), rows)
