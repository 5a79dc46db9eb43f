"""One worksheet of the Excel workbook: typed cells, their number formats, and column widths.

Every sheet of the workbook is written through SheetWriter, so they look alike: a bold title row,
a shaded header row, numbers kept numeric with a Rupiah or count format, text that can never turn
into a formula, and columns as wide as what they show.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

# The displayed thousands separator follows the spreadsheet's locale (1.720.963.200 in an
# Indonesian Excel, 1,720,963,200 in an English one); the cell holds the plain number.
RUPIAH_FORMAT = '"Rp"#,##0'
COUNT_FORMAT = "#,##0"
SIGNED_FORMAT = "+#,##0;-#,##0;0"
PERCENT_FORMAT = "0.00##%"
DATE_FORMAT = "yyyy-mm-dd"

TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
ITALIC = Font(italic=True)
LINK_FONT = Font(color="0563C1", underline="single")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # the usual colour of input cells
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
PARAGRAPH_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
DEFAULT_FONT_SIZE = 11
LINE_HEIGHT = 15  # points: one line of the default 11-point font
PARAGRAPH_SLACK = 1.15  # wrapped lines break at words, so they hold fewer characters than fit

MIN_WIDTH = 6
MAX_WIDTH = 60
# A4 portrait prints about 95 characters of the default font across; a wider sheet turns to
# landscape rather than shrink to an unreadable size on one page wide.
PORTRAIT_WIDTH = 95
SHOWN_DATE_WIDTH = len("2025-01-01")
SHOWN_PERCENT_WIDTH = len("0.0000%")

Number = int | Decimal
Results = dict[tuple[str, str], Number | str]  # (sheet, cell) -> what its formula computes


def column_letter(column: int) -> str:
    return get_column_letter(column)


def shown_width(value: object, number_format: str | None = None) -> int:
    """How many characters a value takes on screen, to size its column."""
    if isinstance(value, date):
        return SHOWN_DATE_WIDTH
    if number_format == PERCENT_FORMAT:
        return SHOWN_PERCENT_WIDTH
    if isinstance(value, int | Decimal):
        digits = f"{int(value):,}"
        return len(digits) + (2 if number_format == RUPIAH_FORMAT else 0)
    return max((len(part) for part in str(value).splitlines()), default=0)


class SheetWriter:
    """Writes the cells of one worksheet and remembers how wide each column must be."""

    def __init__(self, sheet: Worksheet, results: Results | None = None) -> None:
        self.sheet = sheet
        self.widths: dict[int, int] = {}
        self.paragraphs: list[Cell] = []
        self.results: Results = {} if results is None else results

    def text(self, row: int, column: int, text: str, *, measure: bool = True) -> Cell:
        """Text stays text: a label starting with '=' is not a formula (no formula injection
        from a scenario file), and characters a workbook cannot hold are dropped."""
        cell = self._cell(row, column, ILLEGAL_CHARACTERS_RE.sub("", text))
        cell.data_type = "s"
        if measure:
            self._measure(column, shown_width(text))
        return cell

    def number(self, row: int, column: int, value: Number, number_format: str) -> Cell:
        cell = self._cell(row, column, value)
        cell.number_format = number_format
        self._measure(column, shown_width(value, number_format))
        return cell

    def date_cell(self, row: int, column: int, value: date) -> Cell:
        cell = self._cell(row, column, value)
        cell.number_format = DATE_FORMAT
        self._measure(column, SHOWN_DATE_WIDTH)
        return cell

    def formula(
        self, row: int, column: int, formula: str, number_format: str, shown: Number
    ) -> Cell:
        """A live formula; `shown` is the value it computes to: the column's width, and the
        result stored with it (see results)."""
        cell = self._cell(row, column, f"={formula}")
        cell.number_format = number_format
        self._measure(column, shown_width(shown, number_format))
        self.results[(self.sheet.title, cell.coordinate)] = shown
        return cell

    def text_formula(self, cell: Cell, formula: str, shown: str) -> None:
        """Turn `cell` into a formula that writes the text `shown`."""
        cell.value = f"={formula}"
        self.results[(self.sheet.title, cell.coordinate)] = shown

    def link(self, row: int, column: int, url: str) -> Cell:
        cell = self.text(row, column, url)
        cell.hyperlink = url
        cell.font = LINK_FONT
        return cell

    def title(self, row: int, text: str) -> None:
        self.paragraph(row, text, TITLE_FONT)

    def note(self, row: int, text: str) -> None:
        self.paragraph(row, text, ITALIC)

    def paragraph(self, row: int, text: str, font: Font | None = None) -> Cell:
        """A sentence across the width of the sheet's tables, wrapped there (finish merges the
        cells and sizes the row), so it neither widens a column nor runs off the printed page."""
        cell = self.text(row, 1, text, measure=False)
        if font is not None:
            cell.font = font
        cell.alignment = PARAGRAPH_ALIGNMENT
        self.paragraphs.append(cell)
        return cell

    def headers(self, row: int, headers: Sequence[str], first_column: int = 1) -> None:
        """A shaded header row; a header's line breaks are kept (the column is as wide as its
        longest line) and the row is as tall as the header with the most lines."""
        for column, header in enumerate(headers, first_column):
            cell = self.text(row, column, header)
            cell.font = BOLD
            cell.fill = HEADER_FILL
            cell.alignment = HEADER_ALIGNMENT
        lines = max((header.count("\n") + 1 for header in headers), default=1)
        self.sheet.row_dimensions[row].height = LINE_HEIGHT * lines

    def bold_row(self, row: int, first_column: int, last_column: int) -> None:
        for column in range(first_column, last_column + 1):
            self.sheet.cell(row=row, column=column).font = BOLD

    def finish(self, *, freeze: str, table: str | None = None) -> None:
        """Set the column widths, freeze the rows and columns above and left of `freeze`, and
        put an auto-filter on the `table` range (header row included)."""
        sizes = {
            column: min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
            for column, width in self.widths.items()
        }
        for column, size in sizes.items():
            self.sheet.column_dimensions[column_letter(column)].width = size
        self._fit_paragraphs(sizes)
        self.sheet.freeze_panes = freeze
        if table is not None:
            self.sheet.auto_filter.ref = table
        self._print_one_page_wide(freeze, sum(sizes.values()))

    def _fit_paragraphs(self, sizes: dict[int, int]) -> None:
        last_column = max(sizes, default=1)
        width = sum(sizes.values()) or MIN_WIDTH
        for cell in self.paragraphs:
            if last_column > 1:
                self.sheet.merge_cells(
                    start_row=cell.row, start_column=1, end_row=cell.row, end_column=last_column
                )
            scale = (cell.font.size or DEFAULT_FONT_SIZE) / DEFAULT_FONT_SIZE
            lines = math.ceil(len(str(cell.value)) * scale * PARAGRAPH_SLACK / width)
            self.sheet.row_dimensions[cell.row].height = LINE_HEIGHT * scale * max(1, lines)

    def _print_one_page_wide(self, freeze: str, width: int) -> None:
        """Printed on A4 (the paper of every Indonesian office), every column fits the width
        of the page (as many pages down as needed), portrait when the columns fit it and
        landscape when they are wider; the frozen rows repeat at the top of every page."""
        setup = self.sheet.page_setup
        setup.paperSize = self.sheet.PAPERSIZE_A4
        setup.orientation = "portrait" if width <= PORTRAIT_WIDTH else "landscape"
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        self.sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        _, first_free_row = coordinate_from_string(freeze)
        if first_free_row > 1:
            self.sheet.print_title_rows = f"1:{first_free_row - 1}"

    def _cell(self, row: int, column: int, value: str | Number | date) -> Cell:
        cell = self.sheet.cell(row=row, column=column, value=value)
        assert isinstance(cell, Cell), "the workbook merges no cells"
        return cell

    def _measure(self, column: int, width: int) -> None:
        self.widths[column] = max(self.widths.get(column, 0), width)
