"""A workbook sheet's cells that cannot be read as text as they stand: why a row's cells
cannot be used (`cell_reasons`, the CELLS column), and merged ranges read as the sheet shows
them (`fill_merges`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from jamsostek_budget.errors import DataError, Problem
from jamsostek_budget.i18n import _
from jamsostek_budget.roster.cells import (
    FlaggedCell,
    Merge,
    cell_name,
    flagged_cells,
    merged_ranges,
)
from jamsostek_budget.roster.columns import CELLS, LINE
from jamsostek_budget.roster.nik import SPREADSHEET_NUMBER
from jamsostek_budget.roster.sheets import STRIDE

if TYPE_CHECKING:
    from fastexcel import ExcelReader

__all__ = ["LoadedSheet", "cell_reasons", "fill_merges", "merge_note", "unreadable"]

MERGES_SHOWN = 5


@dataclass(frozen=True)
class LoadedSheet:
    """A sheet as loaded: its cells as text from row 1, the sheet column of its first column
    (that of the sheet's first cell with a value), and its XML."""

    name: str
    where: str  # 'file[name]', the file of its problems
    book: ExcelReader
    cells: pl.DataFrame
    first_column: int
    xml: bytes


@contextmanager
def unreadable(where: str) -> Iterator[None]:
    """A sheet `where` that fastexcel cannot read is a DataError (not in fastexcel's words)."""
    import fastexcel  # noqa: PLC0415  # CSV rosters do without it

    try:
        yield
    except fastexcel.FastExcelError as error:
        message = _("cannot read this sheet: it is damaged, or was written wrongly")
        hint = _("open it in Excel or LibreOffice and save it again as .xlsx")
        raise DataError([Problem(where, 1, 1, "", message, hint)]) from error


def cell_reasons(
    sheet: LoadedSheet,
    columns: Mapping[str, str],
    names: Sequence[str],
    header_row: int,
    index: int,
) -> pl.DataFrame:
    """LINE and CELLS of each row below the header that has a roster column's cell holding a
    formula without a computed value or an error, or a NIK stored as a number."""
    position = {
        sheet.first_column + names.index(header): field for field, header in columns.items()
    }
    found = [
        (cell.row, cell.column, _flag_reason(cell, position[cell.column]))
        for cell in flagged_cells(sheet.xml)
        if cell.row > header_row and cell.column in position
    ]
    if "nik" in columns:  # a roster's (a bills or payments file has none)
        nik = sheet.first_column + names.index(columns["nik"])
        found += _number_niks(sheet, nik, header_row)
    rows: dict[int, list[str]] = {}
    for row, _column, why in sorted(found):
        rows.setdefault(index * STRIDE + row, []).append(why)
    return pl.DataFrame(
        {LINE: list(rows), CELLS: ["; ".join(reasons) for reasons in rows.values()]},
        schema={LINE: pl.Int64, CELLS: pl.String},
    )


def _flag_reason(cell: FlaggedCell, field: str) -> str:
    where = cell_name(cell.row, cell.column)
    if cell.kind == "error":
        message = _(
            "cell {cell}: {field} holds the error {error}: correct its formula or type the value"
        )
        return message.format(cell=where, field=field, error=cell.value)
    message = _(
        "cell {cell}: {field} is a formula without a computed value (the program that wrote "
        "the workbook does not calculate): open and save it in Excel or LibreOffice, or type "
        "the value"
    )
    return message.format(cell=where, field=field)


def _number_niks(sheet: LoadedSheet, column: int, header_row: int) -> list[tuple[int, int, str]]:
    """The NIK cells below the header that hold a number, not text: Excel keeps 15 digits of a
    number, so the NIK's 16th is lost, whatever the cell shows. (fastexcel reads a number or a
    TRUE/FALSE as a boolean, text as null.)"""
    with unreadable(sheet.where):
        loaded = sheet.book.load_sheet(
            sheet.name, header_row=None, skip_rows=0, use_columns=[column - 1], dtypes="boolean"
        )
        numbers = pl.DataFrame(loaded).to_series(0).slice(header_row).is_not_null()
    if not numbers.any():
        return []
    texts = sheet.cells.to_series(column - sheet.first_column).slice(header_row)
    found = []
    for offset in numbers.arg_true().to_list():
        if texts[offset] in ("true", "false"):  # a TRUE/FALSE cell: refused as not digits
            continue
        row = header_row + 1 + offset
        why = _("cell {cell}: {reason}").format(
            cell=cell_name(row, column), reason=_(SPREADSHEET_NUMBER).format(nik=texts[offset])
        )
        found.append((row, column, why))
    return found


def fill_merges(
    cells: pl.DataFrame, xml: bytes, header_row: int, first_column: int
) -> tuple[pl.DataFrame, list[Merge]]:
    """`cells` with every row of each merged range below the header holding, in the range's
    first column, the value of its first cell (the others in the range stay blank, as the
    sheet shows them); and the ranges filled."""
    filled: list[Merge] = []
    series = {name: cells.get_column(name) for name in cells.columns}
    for merge in sorted(merged_ranges(xml), key=lambda merge: (merge.top, merge.left)):
        offset = merge.left - first_column
        if merge.top <= header_row or merge.bottom == merge.top or not 0 <= offset < cells.width:
            continue
        column = cells.columns[offset]
        value = series[column][merge.top - 1] if merge.top <= cells.height else None
        rows = range(merge.top, min(merge.bottom, cells.height))
        if value is None or not rows:
            continue
        series[column] = series[column].scatter(list(rows), value)
        filled.append(merge)
    return (cells.with_columns(*series.values()) if filled else cells), filled


def merge_note(where: str, merges: Sequence[Merge]) -> Problem:
    shown = ", ".join(merge.name for merge in merges[:MERGES_SHOWN])
    if len(merges) > MERGES_SHOWN:
        shown = _("{ranges} and {count} more").format(
            ranges=shown, count=len(merges) - MERGES_SHOWN
        )
    message = _(
        "merged cells read as the sheet shows them, the first cell's value on every row of the "
        "range: {ranges}"
    ).format(ranges=shown)
    return Problem(where, merges[0].top, merges[0].left, "cells", message, "", "note")
