"""The lines sheet of the workbook: one row per group, program and rate period, as live formulas.

A row's APBD a year is `=people x per person a month x months`; a group's subtotal and the total
are SUM formulas, and every line of a group takes its people from the group's first row (a yellow
input cell), so an analyst who changes a headcount sees the group and the total move. The
formulas compute exactly the budget's own figures (see GroupLine.rate_periods). Lines costed
from a roster are not people x rate: they carry their twelve monthly amounts and sum them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet

from jamsostek_budget.engine.budget import Budget, GroupLine, Period, ProgramLine
from jamsostek_budget.i18n import N_, _
from jamsostek_budget.render.shared.labels import month_abbr, program_label
from jamsostek_budget.render.xlsx.sheet import (
    COUNT_FORMAT,
    INPUT_FILL,
    RUPIAH_FORMAT,
    Results,
    SheetWriter,
    column_letter,
)

HEADER_ROW = 3
FIRST_LINE_ROW = HEADER_ROW + 1
GROUP, PROGRAM, PEOPLE, RATE, FIRST, LAST, MONTHS, ANNUAL = range(1, 9)
WORKER_RATE, WORKER_ANNUAL = ANNUAL + 1, ANNUAL + 2
MONTH_FORMAT = "0"
MAX_SUM_ARGUMENTS = 255  # Excel's limit of arguments to one function

INPUT_NOTE = N_(
    "Yellow cells are inputs: change a group's people and its lines, its subtotal and the "
    "total follow. A line's year is people x per person a month x months."
)
ROSTER_NOTE = N_(
    "Lines with amounts per month are costed from a roster: the people covered change from "
    "month to month, so their year is the sum of their months, not people x per person x "
    "months, and does not follow the people cell."
)


@dataclass(frozen=True)
class Columns:
    """Which optional columns the sheet has, and where they are."""

    worker: bool  # the budget has PU groups: worker share per person and a year
    monthly: bool  # some line is costed from a roster: amounts per calendar month

    @property
    def apbd_months(self) -> int:
        """The column of the APBD in January (monthly sheets only)."""
        return (WORKER_ANNUAL if self.worker else ANNUAL) + 1

    @property
    def worker_months(self) -> int:
        return self.apbd_months + 12

    @property
    def last(self) -> int:
        if self.monthly:
            return self.worker_months + 11 if self.worker else self.apbd_months + 11
        return WORKER_ANNUAL if self.worker else ANNUAL

    def headers(self) -> list[str]:
        headers = [
            _("Group"),
            _("Program"),
            _("People"),
            _("Per person\na month (Rp)"),
            _("First\nmonth"),
            _("Last\nmonth"),
            _("Months"),
            _("APBD\na year (Rp)"),
        ]
        if self.worker:
            headers += [_("Worker share per\nperson a month (Rp)"), _("Worker share\na year (Rp)")]
        if self.monthly:
            headers += [_("APBD\n{month} (Rp)").format(month=month_abbr(m)) for m in range(1, 13)]
        if self.monthly and self.worker:
            headers += [
                _("Worker share\n{month} (Rp)").format(month=month_abbr(m)) for m in range(1, 13)
            ]
        return headers


@dataclass(frozen=True)
class PlacedLine:
    """A row of the lines sheet that costs one program of one group (a rate period, or a
    roster line with its months)."""

    row: int
    group: str  # the group's id
    program: str
    monthly: bool  # a roster line: its amounts per month, no rate


@dataclass(frozen=True)
class LinesIndex:
    """Where a budget's figures are on its lines sheet, for the formulas of the summary."""

    sheet: str
    columns: Columns
    lines: tuple[PlacedLine, ...]
    groups: dict[str, tuple[int, int]]  # group id -> (its first row, its subtotal row)
    total_row: int


@dataclass(frozen=True)
class LineRow:
    """Where one row of a group goes: the sheet row and the row holding the group's people."""

    line: GroupLine
    program: ProgramLine
    row: int
    people_row: int


def write_lines_sheet(sheet: Worksheet, budget: Budget, results: Results) -> LinesIndex:
    roster = any(line.rate_periods(p) is None for line in budget.lines for p in line.programs)
    columns = Columns(worker=budget.has_worker_share, monthly=roster)
    writer = SheetWriter(sheet, results)
    scenario = budget.scenario
    writer.title(
        1,
        _("{city}, {province}: APBD per group, program and rate period, fiscal year {year}").format(
            city=scenario.name, province=scenario.province, year=budget.fiscal_year
        ),
    )
    writer.note(2, _(INPUT_NOTE))
    writer.headers(HEADER_ROW, columns.headers())
    row, first_rows, subtotal_rows = FIRST_LINE_ROW, [], []
    placed: list[PlacedLine] = []
    for line in budget.lines:
        first_rows.append(row)
        row = _write_group(writer, columns, line, row)
        subtotal_rows.append(row - 1)
        placed += _placed(line, first_rows[-1])
    _total_row(writer, columns, budget, (first_rows, subtotal_rows), row)
    if roster:
        writer.note(row + 2, _(ROSTER_NOTE))
    last = column_letter(columns.last)
    writer.finish(freeze=f"A{FIRST_LINE_ROW}", table=f"A{HEADER_ROW}:{last}{row - 1}")
    groups = {
        line.group.id: (first, subtotal)
        for line, first, subtotal in zip(budget.lines, first_rows, subtotal_rows, strict=True)
    }
    return LinesIndex(sheet.title, columns, tuple(placed), groups, row)


def _placed(line: GroupLine, first_row: int) -> list[PlacedLine]:
    """The rows _write_group gives the group's programs, in the same order."""
    placed, row = [], first_row
    for program in line.programs:
        periods = line.rate_periods(program)
        for _period in periods or (None,):
            placed.append(PlacedLine(row, line.group.id, program.program, periods is None))
            row += 1
    return placed


def _write_group(writer: SheetWriter, columns: Columns, line: GroupLine, first_row: int) -> int:
    """The group's rows and its subtotal, from `first_row`; returns the next free row."""
    row = first_row
    for program in line.programs:
        periods = line.rate_periods(program)
        if periods is None:
            _monthly_row(writer, columns, LineRow(line, program, row, first_row))
            row += 1
            continue
        for period in periods:
            _period_row(writer, columns, LineRow(line, program, row, first_row), period)
            row += 1
    _subtotal_row(writer, columns, line, first_row, row)
    return row + 1


def _row_start(writer: SheetWriter, place: LineRow, first: int, last: int, months: int) -> None:
    """Group, program, people (the input on the group's first row), first and last month."""
    row, headcount = place.row, place.line.group.headcount
    writer.text(row, GROUP, place.line.group.label)
    writer.text(row, PROGRAM, program_label(place.program.program))
    if row == place.people_row:
        writer.number(row, PEOPLE, headcount, COUNT_FORMAT).fill = INPUT_FILL
    else:
        writer.formula(row, PEOPLE, f"C{place.people_row}", COUNT_FORMAT, headcount)
    writer.number(row, FIRST, first, MONTH_FORMAT)
    writer.number(row, LAST, last, MONTH_FORMAT)
    writer.formula(row, MONTHS, f"F{row}-E{row}+1", MONTH_FORMAT, months)


def _period_row(writer: SheetWriter, columns: Columns, place: LineRow, period: Period) -> None:
    row = place.row
    _row_start(writer, place, period.first, period.last, period.months)
    writer.number(row, RATE, period.per_person, RUPIAH_FORMAT)
    writer.formula(row, ANNUAL, f"C{row}*D{row}*G{row}", RUPIAH_FORMAT, period.annual)
    if columns.worker:
        writer.number(row, WORKER_RATE, period.worker, RUPIAH_FORMAT)
        shown = period.worker_annual
        writer.formula(row, WORKER_ANNUAL, f"C{row}*I{row}*G{row}", RUPIAH_FORMAT, shown)


def _monthly_row(writer: SheetWriter, columns: Columns, place: LineRow) -> None:
    """A roster line: its twelve monthly amounts as numbers, its year as their sum."""
    row, program, months = place.row, place.program, place.line.months
    _row_start(writer, place, months[0], months[-1], len(months))
    _month_cells(writer, row, columns.apbd_months, program.apbd, (ANNUAL, program.annual))
    if columns.worker:
        total = (WORKER_ANNUAL, program.worker_annual)
        _month_cells(writer, row, columns.worker_months, program.worker, total)


def _month_cells(
    writer: SheetWriter,
    row: int,
    first_column: int,
    amounts: Sequence[int],
    total: tuple[int, int],
) -> None:
    """The twelve amounts from `first_column`; their SUM in `total` (column, amount)."""
    for offset, amount in enumerate(amounts):
        writer.number(row, first_column + offset, amount, RUPIAH_FORMAT)
    span = f"{column_letter(first_column)}{row}:{column_letter(first_column + 11)}{row}"
    column, amount = total
    writer.formula(row, column, f"SUM({span})", RUPIAH_FORMAT, amount)


def _subtotal_row(
    writer: SheetWriter, columns: Columns, line: GroupLine, first_row: int, row: int
) -> None:
    writer.text(row, GROUP, line.group.label)
    writer.text(row, PROGRAM, _("Subtotal"))
    writer.formula(row, PEOPLE, f"C{first_row}", COUNT_FORMAT, line.group.headcount)
    annual = f"SUM(H{first_row}:H{row - 1})"
    writer.formula(row, ANNUAL, annual, RUPIAH_FORMAT, line.annual)
    if columns.worker:
        worker = f"SUM(J{first_row}:J{row - 1})"
        writer.formula(row, WORKER_ANNUAL, worker, RUPIAH_FORMAT, line.worker_annual)
    writer.bold_row(row, GROUP, columns.last)


def _total_row(
    writer: SheetWriter,
    columns: Columns,
    budget: Budget,
    rows: tuple[Sequence[int], Sequence[int]],
    row: int,
) -> None:
    """The total: the people of every group and the sum of the group subtotals."""
    first_rows, subtotal_rows = rows
    writer.text(row, GROUP, _("Total"))
    writer.formula(row, PEOPLE, sum_of_cells("C", first_rows), COUNT_FORMAT, budget.headcount)
    annual = sum_of_cells("H", subtotal_rows)
    writer.formula(row, ANNUAL, annual, RUPIAH_FORMAT, budget.annual)
    if columns.worker:
        worker = sum_of_cells("J", subtotal_rows)
        writer.formula(row, WORKER_ANNUAL, worker, RUPIAH_FORMAT, budget.worker_annual)
    writer.bold_row(row, GROUP, columns.last)


def sum_of_cells(column: str, rows: Sequence[int]) -> str:
    """SUM(H9,H14,...) over scattered cells, nested when there are more than a function takes."""
    terms = [f"{column}{row}" for row in rows]
    if not terms:
        return "0"
    while len(terms) > MAX_SUM_ARGUMENTS:
        chunks = range(0, len(terms), MAX_SUM_ARGUMENTS)
        terms = [f"SUM({','.join(terms[i : i + MAX_SUM_ARGUMENTS])})" for i in chunks]
    return f"SUM({','.join(terms)})"
