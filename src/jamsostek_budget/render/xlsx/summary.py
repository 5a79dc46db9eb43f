"""The summary and inputs sheets of the workbook: the report every other format shows, as cells.

The report's sections keep their numbers numeric: an amount of Rupiah (Money) gets the Rupiah
format, a count the thousands format, and text stays text.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from jamsostek_budget.i18n import _
from jamsostek_budget.render.shared.sections import Cell, Chart, Money, Report, Section, Signed
from jamsostek_budget.render.xlsx.sheet import (
    BOLD,
    COUNT_FORMAT,
    RUPIAH_FORMAT,
    SIGNED_FORMAT,
    SheetWriter,
    column_letter,
)

RIGHT = Alignment(horizontal="right")


def write_summary_sheet(sheet: Worksheet, report: Report) -> None:
    writer = SheetWriter(sheet)
    writer.title(1, report.title)
    row = 2
    for line in report.summary:
        writer.paragraph(row, line)
        row += 1
    sections = (*report.sections, *(chart_section(chart) for chart in report.charts))
    for section in sections:
        row = _write_section(writer, section, row + 1)
    if report.notes:
        writer.text(row + 1, 1, _("Notes"), measure=False).font = BOLD
        for offset, note in enumerate(report.notes, row + 2):
            writer.note(offset, note)
    writer.finish(freeze="A2")


def chart_section(chart: Chart) -> Section:
    """A chart as the table of its bars: the numbers behind it, which a spreadsheet can chart."""
    rows = tuple((bar.label, Money(bar.amount)) for bar in chart.bars)
    return Section(chart.title, (_("Item"), _("Amount (Rp)")), rows, right=frozenset({1}))


def _write_section(writer: SheetWriter, section: Section, row: int) -> int:
    """The section from `row`: title, headers, rows, footer; returns the next free row."""
    writer.text(row, 1, section.title, measure=False).font = BOLD
    writer.headers(row + 1, section.headers)
    row += 2
    for cells in section.rows:
        _write_cells(writer, row, cells, section.right)
        row += 1
    if section.footer is not None:
        _write_cells(writer, row, section.footer, section.right)
        writer.bold_row(row, 1, len(section.footer))
        row += 1
    return row


def _write_cells(
    writer: SheetWriter, row: int, cells: Sequence[Cell], right: frozenset[int]
) -> None:
    """Numbers as numbers; text in a numeric column ("varies*", "n/a") aligned with them."""
    for index, cell in enumerate(cells):
        column = index + 1
        if isinstance(cell, Money):
            writer.number(row, column, cell.amount, RUPIAH_FORMAT)
        elif isinstance(cell, Signed):
            writer.number(row, column, cell.amount, SIGNED_FORMAT)
        elif isinstance(cell, int):
            writer.number(row, column, cell, COUNT_FORMAT)
        elif cell:
            text = writer.text(row, column, cell)
            if index in right:
                text.alignment = RIGHT


def write_inputs_sheet(sheet: Worksheet, inputs: Sequence[tuple[str, str]]) -> None:
    """What produced the workbook (scenario, fiscal year, jbudget version, command), as given."""
    writer = SheetWriter(sheet)
    writer.title(1, _("Inputs"))
    writer.headers(3, (_("Input"), _("Value")))
    for row, (label, value) in enumerate(inputs, 4):
        writer.text(row, 1, label)
        writer.text(row, 2, value)
    last_row = max(3, 3 + len(inputs))
    writer.finish(freeze="A4", table=f"A3:{column_letter(2)}{last_row}")
