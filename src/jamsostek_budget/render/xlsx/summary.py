"""The summary and inputs sheets of the workbook: the report every other format shows, as cells.

The report's sections keep their numbers numeric: an amount of Rupiah (Money) gets the Rupiah
format, a count the thousands format, and text stays text. A figure that says what it is
(render.shared.figures) is a formula over the lines and rates sheets, so the summary follows
an input changed there; so is a sentence with such figures in it. Amounts in words cannot be
formulas: they are marked as written when the workbook was produced.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from jamsostek_budget.i18n import N_, _
from jamsostek_budget.render.shared.figures import Live
from jamsostek_budget.render.shared.sections import (
    AsProduced,
    Cell,
    Chart,
    Figure,
    Money,
    Numeric,
    Report,
    Section,
    Signed,
    Verbatim,
)
from jamsostek_budget.render.xlsx.formulas import Places
from jamsostek_budget.render.xlsx.phrases import numeric_format, phrase_formula
from jamsostek_budget.render.xlsx.sheet import (
    BOLD,
    COUNT_FORMAT,
    RUPIAH_FORMAT,
    SIGNED_FORMAT,
    Number,
    Results,
    SheetWriter,
    column_letter,
)

RIGHT = Alignment(horizontal="right")
YEAR_FORMAT = "0"  # a year or a position: no thousands separator
LIVE_NOTE = N_(
    "The figures on this sheet are formulas over the lines and rates sheets: change a yellow "
    "cell there and they follow."
)
WORDS_NOTE = N_(
    "Amounts in words are as jbudget wrote them when it produced this workbook: words cannot "
    "be formulas, so they do not follow changes made in it."
)


def write_summary_sheet(sheet: Worksheet, report: Report, places: Places, results: Results) -> None:
    writer = SheetWriter(sheet, results)
    writer.title(1, report.title)
    row = 2
    for line in report.summary:
        cell = writer.paragraph(row, line)
        formula = phrase_formula(line, places)
        if formula is not None:
            writer.text_formula(cell, formula, str(line))
        row += 1
    if any(isinstance(line, AsProduced) for line in report.summary):
        writer.note(row, _(WORDS_NOTE))
        row += 1
    if places.budgets:
        writer.note(row, _(LIVE_NOTE))
        row += 1
    sections = (*report.sections, *(chart_section(chart) for chart in report.charts))
    for section in sections:
        row = _write_section(writer, section, row + 1, places)
    if report.notes:
        writer.text(row + 1, 1, _("Notes"), measure=False).font = BOLD
        for offset, note in enumerate(report.notes, row + 2):
            writer.note(offset, note)
    writer.finish(freeze="A2")


def write_table_sheet(sheet: Worksheet, section: Section, places: Places, results: Results) -> None:
    """A section on a sheet of its own: its title, then its table with a filter on it, the
    header row frozen."""
    writer = SheetWriter(sheet, results)
    writer.title(1, section.title)
    table = Section("", section.headers, section.rows, section.footer, section.right)
    last = _write_section(writer, table, 2, places) - 1
    corner = f"{column_letter(len(section.headers))}{max(last, 3)}"
    writer.finish(freeze="A4", table=f"A3:{corner}")


def chart_section(chart: Chart) -> Section:
    """A chart as the table of its bars: the numbers behind it, which a spreadsheet can chart."""
    rows = tuple((bar.label, Money(bar.amount, bar.live)) for bar in chart.bars)
    return Section(chart.title, (_("Item"), _("Amount (Rp)")), rows, right=frozenset({1}))


def _write_section(writer: SheetWriter, section: Section, row: int, places: Places) -> int:
    """The section from `row`: title, headers, rows, footer; returns the next free row."""
    writer.text(row, 1, section.title, measure=False).font = BOLD
    writer.headers(row + 1, section.headers)
    row += 2
    for cells in section.rows:
        _write_cells(writer, (row, places), cells, section.right)
        row += 1
    if section.footer is not None:
        _write_cells(writer, (row, places), section.footer, section.right)
        writer.bold_row(row, 1, len(section.footer))
        row += 1
    return row


def _write_cells(
    writer: SheetWriter,
    where: tuple[int, Places],
    cells: Sequence[Cell],
    right: frozenset[int],
) -> None:
    """Numbers as numbers or formulas; text in a numeric column ("varies*", "n/a") aligned
    with them; a year or a position written as digits is a number too."""
    row, places = where
    for column, cell in enumerate(cells, 1):
        shape = _shape(cell)
        if shape is not None:
            value, live, number_format = shape
            _figure(writer, (row, column, places), value, live, number_format)
        elif cell:
            text = writer.text(row, column, str(cell))
            if column - 1 in right:
                text.alignment = RIGHT


def _shape(cell: Cell) -> tuple[Number, Live | None, str] | None:
    """A numeric cell's value, what it is, and its number format; None for text."""
    if isinstance(cell, Money | Signed):
        number_format = RUPIAH_FORMAT if isinstance(cell, Money) else SIGNED_FORMAT
        return cell.amount, cell.live, number_format
    if isinstance(cell, int):
        return int(cell), cell.live if isinstance(cell, Figure) else None, COUNT_FORMAT
    if isinstance(cell, Numeric):
        return cell.value, cell.live, numeric_format(cell)
    if cell.isascii() and cell.isdigit() and not isinstance(cell, Verbatim):
        return int(cell), None, YEAR_FORMAT
    return None


def _figure(
    writer: SheetWriter,
    where: tuple[int, int, Places],
    value: Number,
    live: Live | None,
    number_format: str,
) -> None:
    row, column, places = where
    formula = None if live is None else places.formula(live)
    if formula is None:
        writer.number(row, column, value, number_format)
    else:
        writer.formula(row, column, formula, number_format, value)


def write_inputs_sheet(sheet: Worksheet, inputs: Sequence[tuple[str, str]]) -> None:
    """What produced the workbook (scenario, fiscal year, jbudget version, command), as given;
    a value that is a whole number (a fiscal year) is a number."""
    writer = SheetWriter(sheet)
    writer.title(1, _("Inputs"))
    writer.headers(3, (_("Input"), _("Value")))
    for row, (label, value) in enumerate(inputs, 4):
        writer.text(row, 1, label)
        if value.isascii() and value.isdigit():
            writer.number(row, 2, int(value), YEAR_FORMAT)
        else:
            writer.text(row, 2, value)
    last_row = max(3, 3 + len(inputs))
    writer.finish(freeze="A4", table=f"A3:{column_letter(2)}{last_row}")
