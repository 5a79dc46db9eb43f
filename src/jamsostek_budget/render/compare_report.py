"""A comparison of scenarios as a Report (table and Markdown), a JSON dict and CSV text.

Money is a plain integer of Rupiah in JSON and CSV; a percentage is a string with one decimal in
JSON ("12.5") and is left out of the CSV, whose cells are all plain numbers.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from jamsostek_budget import __version__
from jamsostek_budget.i18n import N_, _
from jamsostek_budget.planning.compare import Amounts, Column, Comparison, GroupRow, ProgramRow
from jamsostek_budget.render.chart_data import compare_chart
from jamsostek_budget.render.labels import number, percent, program_label, rupiah
from jamsostek_budget.render.sections import Cell, Report, Section, Signed

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
    lines = [
        _(
            "{letter} = {name}: {scenario}, {province}, fiscal year {year}: "
            "APBD {amount} a year for {people} people"
        ).format(
            letter=letter(index),
            name=column.name,
            scenario=column.scenario_name,
            province=column.province,
            year=column.fiscal_year,
            amount=rupiah(annual.values[index] or 0),
            people=number(people.values[index] or 0),
        )
        for index, column in enumerate(comparison.columns)
    ]
    lines += [
        _("{letter} - A: {amount} a year").format(
            letter=letter(index), amount=_signed_rupiah(delta)
        )
        + _percent_suffix(pct)
        for index, delta, pct in zip(
            range(1, comparison.width), annual.deltas, annual.percents, strict=True
        )
    ]
    return tuple(lines)


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


def _amount_cells(amounts: Amounts) -> list[Cell]:
    return [ABSENT if value is None else value for value in amounts.values]


def _delta_cells(amounts: Amounts) -> list[Cell]:
    cells: list[Cell] = []
    for delta, pct in zip(amounts.deltas, amounts.percents, strict=True):
        cells += [_signed(delta), _percent(pct)]
    return cells


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
    footer = (
        _("Total"),
        *_amount_cells(comparison.headcount),
        *_amount_cells(comparison.annual),
        *_delta_cells(comparison.annual),
        *[""] * (width - 1),
    )
    numeric = frozenset(range(1, 1 + 2 * width + 2 * (width - 1)))
    return Section(_("Per group, APBD a year"), headers, rows, footer, numeric)


def _group_cells(row: GroupRow) -> tuple[Cell, ...]:
    return (
        row.label,
        *_amount_cells(row.headcount),
        *_amount_cells(row.annual),
        *_delta_cells(row.annual),
        *[_(SHOWN_STATUSES[status]) if status in SHOWN_STATUSES else "" for status in row.statuses],
    )


def _programs(comparison: Comparison) -> Section:
    headers = (
        _("Program"),
        *_value_headers(comparison, _("a year (Rp)")),
        *_delta_headers(comparison),
    )
    rows = tuple(
        (program_label(row.program), *_amount_cells(row.annual), *_delta_cells(row.annual))
        for row in comparison.by_program
    )
    footer = (_("Total"), *_amount_cells(comparison.annual), *_delta_cells(comparison.annual))
    numeric = frozenset(range(1, len(headers)))
    return Section(_("Per program, APBD a year"), headers, rows, footer, numeric)


def _totals(comparison: Comparison) -> Section:
    headers = ("", *[letter(i) for i in range(comparison.width)], *_delta_headers(comparison))
    rows: tuple[tuple[Cell, ...], ...] = (
        (_("Fiscal year"), *[str(c.fiscal_year) for c in comparison.columns], *_blank(comparison)),
        (_("People"), *_amount_cells(comparison.headcount), *_delta_cells(comparison.headcount)),
        (
            _("APBD a year (Rp)"),
            *_amount_cells(comparison.annual),
            *_delta_cells(comparison.annual),
        ),
        (
            _("Worker share a year (Rp)"),
            *_amount_cells(comparison.worker),
            *_delta_cells(comparison.worker),
        ),
    )
    return Section(_("Totals"), headers, rows, right=frozenset(range(1, len(headers))))


def _blank(comparison: Comparison) -> list[str]:
    return [""] * (2 * (comparison.width - 1))


def _signed(amount: int) -> Signed:
    return Signed(amount)


def _signed_rupiah(amount: int) -> str:
    return f"+{rupiah(amount)}" if amount > 0 else rupiah(amount)


def _percent(value: Decimal | None) -> str:
    """+12,5 % in Indonesian, +12.5% in English."""
    if value is None:
        return _("n/a")
    sign = "+" if value > 0 else ""
    return sign + percent(value, decimals=1)


def _percent_suffix(value: Decimal | None) -> str:
    return "" if value is None else f" ({_percent(value)})"


def compare_dict(comparison: Comparison) -> dict[str, Any]:
    """JSON: figures keyed by column name; differences only for the non-baseline columns."""
    return {
        "baseline": comparison.baseline.name,
        "scenarios": [_column_dict(column) for column in comparison.columns],
        "groups": [_group_dict(comparison, row) for row in comparison.groups],
        "by_program": [_program_dict(comparison, row) for row in comparison.by_program],
        "totals": {
            "headcount": _amounts_dict(comparison, comparison.headcount),
            "annual": _amounts_dict(comparison, comparison.annual),
            "worker_annual": _amounts_dict(comparison, comparison.worker),
        },
        "jbudget_version": __version__,
    }


def _column_dict(column: Column) -> dict[str, Any]:
    return {
        "name": column.name,
        "city": column.city,
        "scenario_name": column.scenario_name,
        "province": column.province,
        "fiscal_year": column.fiscal_year,
    }


def _amounts_dict(comparison: Comparison, amounts: Amounts) -> dict[str, Any]:
    names = [column.name for column in comparison.columns]
    others = names[1:]
    return {
        "values": dict(zip(names, amounts.values, strict=True)),
        "delta": dict(zip(others, amounts.deltas, strict=True)),
        "delta_percent": {
            name: None if pct is None else f"{pct:f}"
            for name, pct in zip(others, amounts.percents, strict=True)
        },
    }


def _group_dict(comparison: Comparison, row: GroupRow) -> dict[str, Any]:
    return {
        "group": row.group,
        "label": row.label,
        "status": dict(zip([c.name for c in comparison.others], row.statuses, strict=True)),
        "headcount": _amounts_dict(comparison, row.headcount),
        "annual": _amounts_dict(comparison, row.annual),
        "programs": [_program_dict(comparison, program) for program in row.programs],
    }


def _program_dict(comparison: Comparison, row: ProgramRow) -> dict[str, Any]:
    return {"program": row.program, "annual": _amounts_dict(comparison, row.annual)}


def compare_csv(comparison: Comparison) -> str:
    """One row per group per program, a total row per program and a grand total row: a column of
    APBD a year per scenario, then a difference column per non-baseline scenario."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_csv_header(comparison))
    for group in comparison.groups:
        for row in group.programs:
            writer.writerow([group.group, group.label, row.program, *_csv_cells(row.annual)])
    for row in comparison.by_program:
        writer.writerow(["TOTAL", "Total", row.program, *_csv_cells(row.annual)])
    writer.writerow(["TOTAL", "Total", "all", *_csv_cells(comparison.annual)])
    return out.getvalue()


def _csv_header(comparison: Comparison) -> list[str]:
    values = [f"apbd_annual {column.name}" for column in comparison.columns]
    deltas = [f"delta {column.name}" for column in comparison.others]
    return ["group", "label", "program", *values, *deltas]


def _csv_cells(amounts: Amounts) -> list[object]:
    values = ["" if value is None else value for value in amounts.values]
    return [*values, *amounts.deltas]
