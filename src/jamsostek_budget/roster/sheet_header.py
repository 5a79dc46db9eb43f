"""The header row of a workbook sheet: offices put a title above it, so it is looked for among
the sheet's first rows that hold a value (HEADER_SEARCH): the first that names the required
columns (nik and group, or their aliases), else the first that names two or more roster columns,
a header that cannot be a roster's (`header_problems` says why).
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from jamsostek_budget.errors import DataError
from jamsostek_budget.roster.headers import REQUIRED, column_names, map_columns, roster_columns
from jamsostek_budget.roster.sheet_cells import LoadedSheet

__all__ = ["HEADER_SEARCH", "Row", "find_header", "header_problems", "rows_with_values"]

HEADER_SEARCH = 10  # the header is among a sheet's first rows holding a value
Row = tuple[int, tuple[str | None, ...]]  # a row's position in the sheet (from 0), its cells


def rows_with_values(cells: pl.DataFrame) -> list[Row]:
    """The first rows that hold a value (position in the sheet from 0, cells), up to
    HEADER_SEARCH."""
    found = []
    for position, row in enumerate(cells.iter_rows()):
        if any(cell is not None for cell in row):
            found.append((position, row))
            if len(found) == HEADER_SEARCH:
                break
    return found


def find_header(
    rows: Iterable[Row],
) -> tuple[Row, bool] | None:
    """The header row and whether it names every required column: the first row that does,
    else the first that names two or more roster columns; None when no row does either."""
    attempt = None
    for row in rows:
        named = roster_columns(row[1])
        if named >= set(REQUIRED):
            return row, True
        if attempt is None and len(named) >= 2:
            attempt = row
    return None if attempt is None else (attempt, False)


def header_problems(sheet: LoadedSheet, row: Row) -> DataError:
    """The problems of a row taken as the roster's header, which cannot be one."""
    names = column_names(row[1], sheet.first_column)
    try:
        map_columns(names, row[1], sheet.where, row[0] + 1, sheet.first_column)
    except DataError as problems:
        return problems
    raise AssertionError  # pragma: no cover - only called for a row lacking a column
