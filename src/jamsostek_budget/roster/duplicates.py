"""How a NIK on more than one line is judged.

Duplicates are judged by the NIK as a number (`nik_key`: 16 digits, spaces around them stripped)
among the rows that pass every other check: the first such row of a NIK is accepted, each later
one is rejected as its duplicate. A row rejected for another reason never makes another row a
duplicate, so a valid row is never dropped for the sake of an invalid one. Every rejected row
whose NIK is on other lines names them (the first few, and how many more), so that all the rows
of a NIK are seen together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from jamsostek_budget.errors import Problem
from jamsostek_budget.i18n import _, grouped, ngettext
from jamsostek_budget.roster.columns import DUPLICATE, FAILS, FIRST, KEY, LINE
from jamsostek_budget.roster.reasons import reason, shown_lines
from jamsostek_budget.roster.sheets import place, row_label, row_labels

__all__ = ["Repeats", "duplicate_checks", "duplicates_note", "judge_duplicates", "repeats"]

OTHERS = "_jbudget_other_lines"  # the other lines holding a row's NIK, as text
COUNT, LINES = "_jbudget_nik_lines", "_jbudget_first_nik_lines"
FIRST_LINE, FIRST_ACCEPTED = "_jbudget_nik_first_line", "_jbudget_nik_first_accepted"
SHOWN = 5
SCHEMA = pl.Schema(
    [
        (KEY, pl.Int64()),
        (COUNT, pl.UInt32()),
        (LINES, pl.List(pl.Int64())),
        (FIRST_LINE, pl.Int64()),
    ]
)


@dataclass(frozen=True)
class Repeats:
    """The NIK keys on more than one line: per KEY, how many lines (COUNT), the first SHOWN + 1
    of them (LINES) and the first (FIRST_LINE)."""

    table: pl.DataFrame

    def holds(self) -> pl.Expr:
        """Whether a row's KEY is repeated."""
        return pl.col(KEY).is_in(self.table.get_column(KEY).implode()).fill_null(False)

    def is_first(self) -> pl.Expr:
        """Whether a row is the first line of a repeated KEY (no row of its NIK comes before
        it, so if it passes the first look it is the first valid row of its NIK)."""
        return pl.col(LINE).is_in(self.table.get_column(FIRST_LINE).implode())


def repeats(frame: pl.DataFrame) -> Repeats:
    """The Repeats of a roster's rows (LINE, KEY): sorting the keys finds the repeated ones, and
    only the rows holding one are looked at again."""
    keys = frame.lazy().select(pl.col(KEY).drop_nulls().sort()).collect().get_column(KEY)
    repeated = keys.filter(keys == keys.shift(1)).unique()
    if repeated.is_empty():
        return Repeats(pl.DataFrame(schema=SCHEMA))
    found = (
        frame.lazy()
        .filter(pl.col(KEY).is_in(repeated.implode()))
        .group_by(KEY)
        .agg(
            pl.len().alias(COUNT),
            pl.col(LINE).sort().head(SHOWN + 1).alias(LINES),
            pl.col(LINE).min().alias(FIRST_LINE),
        )
    )
    return Repeats(found.collect().cast(SCHEMA))


def judge_duplicates(
    looked_at: pl.DataFrame, found: Repeats, sheets: Sequence[str] = ()
) -> pl.DataFrame:
    """`looked_at` (second look, FAILS without duplicates) with DUPLICATE (otherwise valid, but
    not the first valid row of its NIK), FIRST (that first valid row's line) and OTHERS; FAILS
    then counts duplicates too. Every row holding a repeated NIK is in `looked_at`, but for the
    first line of a NIK that the first look accepted. OTHERS names the rows as `row_label`
    writes them (a workbook's rows with their sheet, from `sheets`)."""
    looked = looked_at.get_column(LINE).implode()
    accepted = ~pl.col(FIRST_LINE).is_in(looked)
    table = found.table.lazy().with_columns(accepted.alias(FIRST_ACCEPTED))
    judged = looked_at.lazy().join(table, on=KEY, how="left", maintain_order="left")
    holds = pl.col(COUNT).is_not_null()
    valid = holds & ~pl.col(FAILS)
    first = (
        pl.when(pl.col(FIRST_ACCEPTED))
        .then(pl.col(FIRST_LINE))
        .otherwise(pl.col(LINE).filter(valid).min().over(KEY))
    )
    judged = judged.with_columns(pl.when(holds).then(first).alias(FIRST))
    duplicate = (valid & (pl.col(LINE) != pl.col(FIRST))).fill_null(False)
    judged = judged.with_columns(duplicate.alias(DUPLICATE))
    return (
        judged.with_columns((pl.col(FAILS) | pl.col(DUPLICATE)).alias(FAILS), _others(sheets))
        .drop(COUNT, LINES, FIRST_LINE, FIRST_ACCEPTED)
        .collect()
    )


def _others(sheets: Sequence[str]) -> pl.Expr:
    """OTHERS: the other lines of a repeated NIK ('2, 5' or '2, 3, 4, 5, 6 and 95 more')."""
    shown = (
        pl.col(LINES).list.set_difference(pl.concat_list(pl.col(LINE))).list.sort().list.head(SHOWN)
    )
    more = pl.col(COUNT).cast(pl.Int64) - 1 - shown.list.len()
    text = shown.list.eval(row_label(pl.element(), sheets)).list.join(", ")
    and_more = reason(_("{lines} and {count} more"), lines=text, count=more)
    return pl.when(more > 0).then(and_more).otherwise(text).alias(OTHERS)


def duplicate_checks(sheets: Sequence[str] = ()) -> list[tuple[pl.Expr, pl.Expr]]:
    """(fails, reason) of a duplicate, and of any rejected row whose NIK is on other lines."""
    first_line = row_label(pl.col(FIRST), sheets)
    first = reason(_("nik is already accepted on line {line}"), line=first_line)
    others = reason(_("the same nik is on line(s) {lines}"), lines=pl.col(OTHERS))
    return [(pl.col(DUPLICATE), first), (pl.col(OTHERS).is_not_null(), others)]


def duplicates_note(found: Repeats, file: str, sheets: Sequence[str] = ()) -> list[Problem]:
    """A note of how many NIKs are on more than one line, with the first few."""
    if found.table.is_empty():
        return []
    firsts = found.table.get_column(FIRST_LINE).sort()
    count = firsts.len()
    message = ngettext(
        "{count} NIK is on more than one line (first at line {lines}): its first valid row is "
        "accepted, the others are rejected and name every line of the NIK",
        "{count} NIKs are on more than one line (first at lines {lines}): the first valid row "
        "of each is accepted, the others are rejected and name every line of their NIK",
        count,
    ).format(
        count=grouped(count),
        lines=shown_lines(row_labels(firsts.head(SHOWN).to_list(), sheets), count),
    )
    where, line = place(file, int(firsts[0]), sheets)
    return [Problem(where, line, 1, "nik", message, "", "note")]
