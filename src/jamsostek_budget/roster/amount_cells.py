"""Money cells of a roster (declared_income, monthly_wage) written in Indonesian notation.

Plain digits are read by a cast, for every row at once (the fast path: a roster of a million
plain numbers never gets here). Any other cell ('1.500.000', 'Rp1.500.000', '1,5 juta') is read
by the scenario files' own parser, `amounts.parse_amount`, once per distinct value: it gives the
amount, or the parser's reason and hint ('1.500' is ambiguous). A cell read from notation is
noted, the notes counted per field rather than one per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from jamsostek_budget.errors import Problem, UsageError
from jamsostek_budget.i18n import _, grouped, ngettext
from jamsostek_budget.model.amounts import MINUS, parse_amount
from jamsostek_budget.roster.columns import LINE, PARSED, SEGMENT_OF, TEXT
from jamsostek_budget.roster.reasons import shown_lines
from jamsostek_budget.roster.sheets import place, row_labels

__all__ = ["AmountCells", "amount_cells", "notation_note", "notation_notes", "read_amount_cell"]

SHOWN_LINES = 5


@dataclass(frozen=True)
class AmountCells:
    """Per distinct money cell that is not plain digits: its amount, or why it is refused."""

    amounts: dict[str, int]
    reasons: dict[str, str]

    def parsed(self, field: str) -> pl.Expr:
        """PARSED of a money field: plain digits cast, other cells looked up (null if refused)."""
        cell = pl.col(TEXT[field])
        looked_up = cell.replace_strict(self.amounts, default=None, return_dtype=pl.Int64)
        return pl.coalesce(cell.cast(pl.Int64, strict=False), looked_up).alias(PARSED[field])

    def reason(self, field: str) -> pl.Expr:
        """The parser's reason for a refused cell (null for any other)."""
        return pl.col(TEXT[field]).replace_strict(
            self.reasons, default=None, return_dtype=pl.String
        )


def amount_cells(frame: pl.LazyFrame) -> AmountCells:
    """Read every distinct money cell of `frame` (its TEXT columns) that a cast cannot."""
    columns = [TEXT[field] for field in SEGMENT_OF]
    cells = frame.select(pl.concat_list(columns).explode().alias("cell")).unique()
    cast = pl.col("cell").cast(pl.Int64, strict=False)
    values = cells.filter(pl.col("cell").is_not_null() & cast.is_null()).collect()
    amounts, reasons = {}, {}
    for value in values.get_column("cell").to_list():
        read = read_amount_cell(value)
        if isinstance(read, int):
            amounts[value] = read
        else:
            reasons[value] = read
    return AmountCells(amounts, reasons)


def read_amount_cell(value: str) -> int | str:
    """The amount `value` is (negative after a minus sign, for the checks to refuse), or the
    parser's reason and hint."""
    sign, text = (-1, value[1:]) if value.startswith(MINUS) else (1, value)
    try:
        return sign * parse_amount(text)
    except UsageError as refused:
        why = _("{reason}: {hint}") if refused.hint else "{reason}"
        return why.format(reason=refused.message, hint=refused.hint)


def notation_notes(
    frame: pl.DataFrame, cells: AmountCells, file: str, sheets: Sequence[str] = ()
) -> list[Problem]:
    """One note per money field read from notation in some row of `frame`: how many cells, the
    first lines, an example."""
    notes = []
    for field in SEGMENT_OF:
        read = frame.filter(pl.col(TEXT[field]).is_in(list(cells.amounts)))
        if read.is_empty():
            continue
        example = str(read.get_column(TEXT[field])[0])
        lines = read.get_column(LINE).head(SHOWN_LINES).to_list()
        amount = cells.amounts[example]
        where, line = place(file, min(lines), sheets)
        shown = row_labels(lines, sheets)
        notes.append(
            notation_note(
                (where, line), field, count=read.height, lines=shown, example=(example, amount)
            )
        )
    return notes


def notation_note(
    at: tuple[str, int], field: str, *, count: int, lines: list[str], example: tuple[str, int]
) -> Problem:
    """The note that `count` cells of `field` (the first on `lines`, at `at`) were read from
    notation, with an example cell and its amount."""
    message = ngettext(
        "{count} {field} cell written with separators or a unit was read as whole Rupiah: "
        "'{example}' as {amount} (line {lines})",
        "{count} {field} cells written with separators or a unit were read as whole Rupiah, "
        "for example '{example}' as {amount} (lines {lines})",
        count,
    ).format(
        count=grouped(count),
        field=field,
        example=example[0],
        amount=example[1],
        lines=shown_lines(lines, count),
    )
    return Problem(at[0], at[1], 1, field, message, "", "note")
