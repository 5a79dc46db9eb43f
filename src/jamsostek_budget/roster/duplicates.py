"""How a NIK on more than one line is judged.

Duplicates are judged by the NIK as a number (`nik_key`: 16 digits, spaces around them stripped)
among the rows that pass every other check: the first such row of a NIK is accepted, each later
one is rejected as its duplicate. A row rejected for another reason never makes another row a
duplicate, so a valid row is never dropped for the sake of an invalid one. Every rejected row
whose NIK is on other lines names them (the first few, and how many more), so that all the rows
of a NIK are seen together.
"""

from __future__ import annotations

import polars as pl

from jamsostek_budget.errors import Problem
from jamsostek_budget.i18n import _, grouped, ngettext
from jamsostek_budget.roster.amount_cells import shown_lines
from jamsostek_budget.roster.columns import DUPLICATE, FAILS, FIRST, KEY, LINE
from jamsostek_budget.roster.reasons import reason

__all__ = ["OTHERS", "duplicate_checks", "duplicates_note", "judge_duplicates"]

OTHERS = "_jbudget_other_lines"  # the other lines holding a row's NIK, as text
SHOWN = 5


def judge_duplicates(looked_at: pl.DataFrame, repeated: pl.Series) -> pl.DataFrame:
    """`looked_at` (second look, FAILS without duplicates) with DUPLICATE (otherwise valid, but
    not the first valid row of its NIK), FIRST (that first valid row's line) and OTHERS; FAILS
    then counts duplicates too. `repeated` holds the NIK keys on more than one line: every row
    holding one is in `looked_at`."""
    holds = pl.col(KEY).is_in(repeated.implode())
    valid = holds & ~pl.col(FAILS)
    first = pl.col(LINE).filter(valid).min().over(KEY)
    judged = looked_at.lazy().with_columns(
        pl.when(holds).then(first).alias(FIRST),
        pl.when(holds).then(pl.len().over(KEY)).alias("_jbudget_count"),
        pl.when(holds)
        .then(pl.col(LINE).sort().head(SHOWN + 1).over(KEY, mapping_strategy="join"))
        .alias("_jbudget_lines"),
    )
    duplicate = (valid & (pl.col(LINE) != pl.col(FIRST))).fill_null(False)
    judged = judged.with_columns(duplicate.alias(DUPLICATE))
    return (
        judged.with_columns((pl.col(FAILS) | pl.col(DUPLICATE)).alias(FAILS), _others())
        .drop("_jbudget_count", "_jbudget_lines")
        .collect()
    )


def _others() -> pl.Expr:
    """OTHERS: the other lines of a repeated NIK ('2, 5' or '2, 3, 4, 5, 6 and 95 more')."""
    shown = (
        pl.col("_jbudget_lines")
        .list.set_difference(pl.concat_list(pl.col(LINE)))
        .list.sort()
        .list.head(SHOWN)
    )
    more = pl.col("_jbudget_count") - 1 - shown.list.len()
    text = shown.list.eval(pl.element().cast(pl.String)).list.join(", ")
    and_more = reason(_("{lines} and {count} more"), lines=text, count=more)
    return pl.when(more > 0).then(and_more).otherwise(text).alias(OTHERS)


def duplicate_checks() -> list[tuple[pl.Expr, pl.Expr]]:
    """(fails, reason) of a duplicate, and of any rejected row whose NIK is on other lines."""
    first = reason(_("nik is already accepted on line {line}"), line=pl.col(FIRST))
    others = reason(_("the same nik is on line(s) {lines}"), lines=pl.col(OTHERS))
    return [(pl.col(DUPLICATE), first), (pl.col(OTHERS).is_not_null(), others)]


def duplicates_note(judged: pl.DataFrame, repeated: pl.Series, file: str) -> list[Problem]:
    """A note of how many NIKs are on more than one line, with the first few."""
    if repeated.is_empty():
        return []
    firsts = (
        judged.filter(pl.col(KEY).is_in(repeated.implode()))
        .group_by(KEY)
        .agg(pl.col(LINE).min())
        .sort(LINE)
        .get_column(LINE)
    )
    message = ngettext(
        "{count} NIK is on more than one line (first at line {lines}): its first valid row is "
        "accepted, the others are rejected and name every line of the NIK",
        "{count} NIKs are on more than one line (first at lines {lines}): the first valid row "
        "of each is accepted, the others are rejected and name every line of their NIK",
        repeated.len(),
    ).format(
        count=grouped(repeated.len()),
        lines=shown_lines(firsts.head(SHOWN).to_list(), firsts.len()),
    )
    return [Problem(file, int(firsts[0]), 1, "nik", message, "", "note")]
