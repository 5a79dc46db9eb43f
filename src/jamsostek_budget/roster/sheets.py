"""The sheets of a workbook roster: what became of each one (read, or skipped and why), and
where a row of a workbook is.

While a workbook's rows are checked, each row's LINE is a number of its own across the
sheets read, `sheet index * STRIDE + sheet row`, so that the checks (the duplicate check
above all) tell rows apart as they do a CSV's lines. `located` turns it back into the row's
sheet (SHEET) and sheet row (LINE) for every output; `row_label` writes it for a reason that
points at another row. A CSV's LINE is its line, which both leave as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import polars as pl

from jamsostek_budget.i18n import _
from jamsostek_budget.roster.columns import LINE
from jamsostek_budget.roster.reasons import reason

__all__ = [
    "SHEET",
    "STRIDE",
    "SheetRead",
    "Skipped",
    "counted",
    "located",
    "place",
    "row_label",
    "row_labels",
]

SHEET = "sheet"  # the column of a workbook row's sheet, in the accepted and rejected rows
STRIDE = 10**7  # more than the rows of any sheet (Excel: 1,048,576)

# why a sheet was not read: hidden or very hidden (by Excel's "Hide" or by a program), no
# value in any cell, no row naming the roster's required columns, not among those chosen, or
# a chart sheet (no cells)
Skipped = Literal["hidden", "very_hidden", "empty", "no_roster_header", "not_chosen", "chart"]


@dataclass(frozen=True)
class SheetRead:
    """A sheet of a workbook roster, in the workbook's order."""

    name: str
    skipped: Skipped | None  # None: read
    header_row: int | None = None  # the sheet row of the roster's header, when read
    rows_read: int = 0  # accepted + rejected + blank rows


def located(frame: pl.DataFrame, sheets: Sequence[str]) -> pl.DataFrame:
    """`frame` (LINE first) with each row's SHEET before its LINE, the sheet row, when its rows
    come from the workbook sheets `sheets` (in the order read); as it is for a CSV (none)."""
    if not sheets:
        return frame
    names = pl.lit(pl.Series(list(sheets), dtype=pl.String))
    where = [names.gather(pl.col(LINE) // STRIDE).alias(SHEET), pl.col(LINE) % STRIDE]
    return frame.select(*where, pl.exclude(LINE))


def row_label(line: pl.Expr, sheets: Sequence[str]) -> pl.Expr:
    """A row's LINE as a reason names it: its line in a CSV, its row and sheet in a workbook
    (text either way; usable inside `list.eval`)."""
    if not sheets:
        return line.cast(pl.String)
    names = (line // STRIDE).replace_strict(dict(enumerate(sheets)), return_dtype=pl.String)
    message = _("{line} of sheet '{sheet}'")
    return reason(message, line=line % STRIDE, sheet=names)


def row_labels(lines: Sequence[int], sheets: Sequence[str]) -> list[str]:
    """`row_label` for a few lines, in a note."""
    if not sheets:
        return [str(line) for line in lines]
    message = _("{line} of sheet '{sheet}'")
    return [message.format(line=line % STRIDE, sheet=sheets[line // STRIDE]) for line in lines]


def place(file: str, line: int, sheets: Sequence[str]) -> tuple[str, int]:
    """Where a note about `line` points: the file and line of a CSV, `file[sheet]` and the
    sheet row of a workbook (as every other location of a workbook is written)."""
    if not sheets:
        return file, line
    return f"{file}[{sheets[line // STRIDE]}]", line % STRIDE


def counted(
    sheets: Sequence[SheetRead],
    accepted: pl.DataFrame,
    rejected: pl.DataFrame,
    blank_lines: pl.Series,
) -> tuple[SheetRead, ...]:
    """The sheets with the rows read from each (`accepted` and `rejected` are `located`;
    `blank_lines`, the LINE of the blank rows skipped, is not), so that the sheets' rows add up
    to the roster's: rows read = accepted + rejected + blank."""
    if not sheets:
        return ()
    names = [sheet.name for sheet in sheets if sheet.skipped is None]
    blanks = pl.DataFrame({LINE: blank_lines})
    rows = pl.concat(
        [
            accepted.select(SHEET),
            rejected.select(SHEET),
            located(blanks.cast({LINE: pl.Int64}), names).select(SHEET),
        ]
    )
    counts = dict(rows.group_by(SHEET).len().iter_rows())
    return tuple(replace(sheet, rows_read=counts.get(sheet.name, 0)) for sheet in sheets)
