"""The summary's figures as formulas over the lines and rates sheets (see render.shared.figures):
a group's APBD a year is its subtotal cell, a month is the people x per person of the lines
paying that month, a difference between scenarios subtracts their sheets' cells.

A figure the workbook has no cells for (a budget with no lines sheet, a per-person amount of a
group whose rate changes) has no formula: the summary keeps its number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jamsostek_budget.engine.budget import RateUse
from jamsostek_budget.render.shared.figures import Live, Measure
from jamsostek_budget.render.xlsx.lines import (
    ANNUAL,
    FIRST,
    FIRST_LINE_ROW,
    LAST,
    MONTHS,
    PEOPLE,
    RATE,
    WORKER_ANNUAL,
    WORKER_RATE,
    LinesIndex,
    PlacedLine,
    sum_of_cells,
)
from jamsostek_budget.render.xlsx.sheet import column_letter

RATE_VALUE_COLUMN = "B"
MAX_FORMULA = 8192  # Excel's longest formula, in characters


def sheet_ref(sheet: str) -> str:
    """'Lines A'! : always quoted, a quote in the name doubled."""
    return "'" + sheet.replace("'", "''") + "'!"


@dataclass(frozen=True)
class Places:
    """Where the figures are: the lines sheet of each budget, the row of each rate."""

    budgets: Sequence[LinesIndex]
    rates: Sequence[tuple[RateUse, int]]
    rates_sheet: str

    def formula(self, figure: Live) -> str | None:
        """The formula (without '=') that computes `figure`, or None (also when it would be
        longer than a spreadsheet takes: a fit over a hundred groups)."""
        found = self._formula(figure)
        return None if found is None or len(found) >= MAX_FORMULA else found

    def _formula(self, figure: Live) -> str | None:
        terms = [self._term(coefficient, measure) for coefficient, measure in figure.terms]
        if any(term is None for term in terms):
            return None
        text = "".join(term for term in terms if term).lstrip("+") or "0"
        if figure.over is None:
            return text
        over = self._formula(figure.over)
        return None if over is None else f"{atom(text)}/{atom(over)}"

    def _term(self, coefficient: int, measure: Measure | None) -> str | None:
        if measure is None:
            return f"{coefficient:+d}"
        found = self._measure(measure)
        if found is None:
            return None
        factor = {1: "+", -1: "-"}.get(coefficient, f"{coefficient:+d}*")
        return factor + (found if factor == "+" else atom(found))

    def _measure(self, measure: Measure) -> str | None:
        if measure.what == "rate":
            row = next((row for use, row in self.rates if use == measure.rate), None)
            return None if row is None else f"{sheet_ref(self.rates_sheet)}{RATE_VALUE_COLUMN}{row}"
        if measure.budget is None:
            indexes = list(self.budgets)
        elif measure.budget < len(self.budgets):
            indexes = [self.budgets[measure.budget]]
        else:
            return None
        found = [in_sheet(index, measure) for index in indexes]
        if not found or any(part is None for part in found):
            return None
        return "+".join(atom(part) for part in found if part) if len(found) > 1 else found[0]


def atom(formula: str) -> str:
    """The formula in parentheses when an operator outside any function would bind wrongly."""
    depth, quoted = 0, False
    for char in formula:
        if char == "'":
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")":
            depth -= 1
        elif not quoted and depth == 0 and char in "+-*/&":
            return f"({formula})"
    return formula


def in_sheet(index: LinesIndex, measure: Measure) -> str | None:
    """The measure on one budget's lines sheet; 0 for a group the budget does not have."""
    if measure.group is not None and measure.group not in index.groups:
        return "0"
    worker = measure.what in ("worker_annual", "worker_month")
    if worker and not index.columns.worker:
        return "0"
    ref = sheet_ref(index.sheet)
    if measure.what == "people":
        row = index.total_row if measure.group is None else index.groups[measure.group][0]
        return f"{ref}{column_letter(PEOPLE)}{row}"
    if measure.what in ("annual", "worker_annual"):
        return _annual(index, measure, WORKER_ANNUAL if worker else ANNUAL)
    if measure.what in ("month", "worker_month"):
        return _month(index, measure, worker)
    return _per_person(index, measure)


def _annual(index: LinesIndex, measure: Measure, column: int) -> str:
    ref, letter = sheet_ref(index.sheet), column_letter(column)
    if measure.program is None:
        row = index.total_row if measure.group is None else index.groups[measure.group][1]
        return f"{ref}{letter}{row}"
    rows = [line.row for line in _lines(index, measure)]
    return sum_of_cells(f"{ref}{letter}", rows)


def _lines(index: LinesIndex, measure: Measure) -> list[PlacedLine]:
    return [
        line
        for line in index.lines
        if measure.group in (None, line.group) and measure.program in (None, line.program)
    ]


def _span(index: LinesIndex, measure: Measure) -> tuple[int, int]:
    """The rows of the group's lines, or of every line."""
    if measure.group is None:
        return FIRST_LINE_ROW, index.total_row - 1
    first, subtotal = index.groups[measure.group]
    return first, subtotal - 1


def _month(index: LinesIndex, measure: Measure, worker: bool) -> str | None:
    """People x per person of every line paying in the month (subtotal rows have no rate, so
    they add nothing), plus the roster lines' own amount for the month."""
    if measure.program is not None or measure.month is None:
        return None
    ref, month = sheet_ref(index.sheet), measure.month
    first, last = _span(index, measure)

    def cells(column: int) -> str:
        letter = column_letter(column)
        return f"{ref}{letter}{first}:{letter}{last}"

    rate = cells(WORKER_RATE if worker else RATE)
    paying = f"({cells(FIRST)}<={month})*({cells(LAST)}>={month})"
    formula = f"SUMPRODUCT({paying}*{cells(PEOPLE)}*{rate})"
    if index.columns.monthly:
        start = index.columns.worker_months if worker else index.columns.apbd_months
        formula += f"+SUM({cells(start + month - 1)})"
    return formula


def _per_person(index: LinesIndex, measure: Measure) -> str | None:
    """One person's APBD a month (each program one rate all year) or over the group's months."""
    lines = _lines(index, measure)
    if measure.group is None or not lines or any(line.monthly for line in lines):
        return None
    ref = sheet_ref(index.sheet)
    first, last = _span(index, measure)
    rates = f"{ref}{column_letter(RATE)}{first}:{column_letter(RATE)}{last}"
    if measure.what == "per_person_year":
        months = f"{ref}{column_letter(MONTHS)}{first}:{column_letter(MONTHS)}{last}"
        return f"SUMPRODUCT({rates},{months})"
    programs = [line.program for line in lines]
    return f"SUM({rates})" if len(set(programs)) == len(programs) else None
