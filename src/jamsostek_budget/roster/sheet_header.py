"""The header row of a workbook sheet: offices put a title above it, so it is looked for among
the sheet's first rows that hold a value (HEADER_SEARCH), as `headers.find_header` says (the
same rule as a CSV's); a header that cannot be a roster's is refused (`header_problems` says
why).
"""

from __future__ import annotations

import polars as pl

from jamsostek_budget.errors import DataError
from jamsostek_budget.roster.headers import (
    HEADER_SEARCH,
    ROSTER,
    Row,
    TableColumns,
    column_names,
    find_header,
    map_columns,
)
from jamsostek_budget.roster.sheet_cells import LoadedSheet

__all__ = ["HEADER_SEARCH", "Row", "find_header", "header_problems", "rows_with_values"]


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


def header_problems(sheet: LoadedSheet, row: Row, table: TableColumns = ROSTER) -> DataError:
    """The problems of a row taken as the roster's header, which cannot be one."""
    names = column_names(row[1], sheet.first_column)
    try:
        map_columns(names, row[1], sheet.where, row[0] + 1, sheet.first_column, table=table)
    except DataError as problems:
        return problems
    raise AssertionError  # pragma: no cover - only called for a row lacking a column
