"""The Pemda's list against BPJS's (`jbudget reconcile`): every accepted row of both lands in
exactly one category, with the Rupiah a month and a year it stands for.

The unit is an entry: a person on both lists (their first rows), on one list only, or a later
row of a NIK already on the same list (a repeat). An entry's category is the first that applies:

1. duplicate: a repeat, or a person whose NIK is also on another payer's list;
2. ineligible: the NIK fails the scenario's eligibility rules (region, age) and is no exception;
3. matched or mismatched: on both lists; mismatched when BPJS has another group, other
   programs, another wage (PU) or bills another premium (a BPU income in another band);
4. billed_not_listed (BPJS only) or listed_not_billed (the Pemda's only).

Premiums come from the one premium rule (`roster.costing.per_person`): the Pemda's for its row
(the person's first covered month, and the covered months), BPJS's for its row (its `amount`
a month when given, else priced with its own group, income or wage and programs, falling back
to the Pemda's row and then to the group). An entry's money: matched, the Pemda's premium;
mismatched, BPJS's minus the Pemda's; billed_not_listed, ineligible and duplicate, what BPJS
bills for it (nothing for a row only on the Pemda's list); listed_not_billed, the Pemda's
premium, what protecting them would cost. Everything is vectorised: two lists of ten million
rows are joined on the NIK as a number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from jamsostek_budget.i18n import _
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.roster.bpjs_list import KEY, ListRows
from jamsostek_budget.roster.checks import RosterRows
from jamsostek_budget.roster.columns import LINE
from jamsostek_budget.roster.reconcile_checks import categorised
from jamsostek_budget.roster.reconcile_columns import (
    CATEGORIES,
    CATEGORY,
    ENTRY,
    KEY_OF_NIK,
    PAID_NOT_OWED,
    PREMIUMS,
    SIDES,
    sheet_of,
)
from jamsostek_budget.roster.reconcile_pricing import bpjs_premiums, roster_people

__all__ = ["CATEGORIES", "Reconciliation", "reconcile"]


@dataclass(frozen=True)
class Reconciliation:
    """Every entry (ENTRY's columns, in no particular order: `in_order` orders them), the BPJS
    rows that could not be priced (rejected here: LINE, reasons) and the other lists' NIKs
    found on ours."""

    entries: pl.DataFrame
    unpriced: pl.DataFrame
    shared_with_others: tuple[int, ...]  # per --other list: NIKs of ours it holds
    # the roster's accepted rows (nik, name) and BPJS's (KEY, name): names are attached to the
    # entries shown (`named`), not carried through the reconciliation of millions of rows
    names: tuple[pl.DataFrame, pl.DataFrame] = (
        pl.DataFrame(schema={KEY: pl.Int64, "name": pl.String}),
        pl.DataFrame(schema={KEY: pl.Int64, "name": pl.String}),
    )

    def named(self, entries: pl.DataFrame) -> pl.DataFrame:
        """`entries` with each person's name after the NIK: BPJS's, else the roster's."""
        roster, bpjs = (
            frame.lazy()
            .select(KEY_OF_NIK if "nik" in frame.columns else pl.col(KEY), "name")
            .filter(pl.col(KEY).is_in(entries.get_column(KEY).implode()))
            .unique(KEY, keep="first", maintain_order=True)
            .collect()
            .rename({"name": f"_name_{side}"})
            for frame, side in zip(self.names, SIDES, strict=True)
        )
        joined = entries.join(bpjs, on=KEY, how="left", maintain_order="left").join(
            roster, on=KEY, how="left", maintain_order="left"
        )
        nik = pl.col(KEY).cast(pl.String).alias("nik")  # 16 digits, the first never 0
        name = pl.coalesce("_name_bpjs", "_name_roster").alias("name")
        return joined.select(nik, name, *entries.columns).with_columns(
            pl.col("group").cast(pl.String)
        )

    def counts(self) -> dict[str, int]:
        """People per category (a duplicate row counts as one; another month of a person, as
        none)."""
        return self._per_category(pl.col("counted").sum())

    def money(self, column: str) -> dict[str, int]:
        return self._per_category(pl.col(column).sum())

    def _per_category(self, total: pl.Expr) -> dict[str, int]:
        """`total` of each category's entries (summed in place: no copy of millions of rows)."""
        found = self.entries.group_by("category").agg(total.alias("total"))
        by = dict(zip(found.get_column("category"), found.get_column("total"), strict=True))
        return {category: int(by.get(category, 0)) for category in CATEGORIES}

    def details(self) -> pl.DataFrame:
        """One row per entry, for `--details`: who, where, which category and why, and the
        Rupiah on each side and of the category, a month and a year."""
        return (
            self.named(in_order(self.entries))
            .drop(KEY, "counted")
            .select("category", pl.exclude("category"))
            .with_columns(pl.col("category").cast(pl.String))
        )

    def totals(self, column: str) -> dict[str, int]:
        """What the Pemda pays for people it should not (paid_not_owed: billed but not listed,
        ineligible, duplicates, and what BPJS bills above the list), what protecting the
        unprotected would cost (to_protect) and the net, for `column` (monthly or annual)."""
        money = self.money(column)
        paid_not_owed = sum(money[category] for category in PAID_NOT_OWED)
        to_protect = money["listed_not_billed"]
        return {
            "paid_not_owed": paid_not_owed,
            "to_protect": to_protect,
            "net": paid_not_owed - to_protect,
        }

    def by(self, keys: Mapping[str, str]) -> dict[str, dict[str, tuple[int, int, int]]]:
        """Per key of the entries' groups (`keys`: group id -> an office or a funding source;
        "" for an entry whose group has none, or that has no group): (people, Rupiah a month,
        Rupiah a year) per category. Adds up to counts() and money()."""
        key = (
            pl.col("group")
            .cast(pl.String)
            .replace_strict(dict(keys), default="", return_dtype=pl.String)
            .fill_null("")
        )
        found = self.entries.group_by(key.alias("key"), "category").agg(
            pl.col("counted").sum(), pl.col("monthly").sum(), pl.col("annual").sum()
        )
        result: dict[str, dict[str, tuple[int, int, int]]] = {}
        for row in found.iter_rows(named=True):
            totals = (int(row["counted"]), int(row["monthly"]), int(row["annual"]))
            result.setdefault(row["key"], {})[str(row["category"])] = totals
        return result

    def rows(self, side: str) -> dict[str, int]:
        """Rows of one list (roster or bpjs) per category."""
        return self._per_category(pl.col(f"{side}_line").is_not_null().sum())


def in_order(entries: pl.DataFrame, first: int | None = None) -> pl.DataFrame:
    """Entries in the order reports list them: by category, then NIK, then BPJS's line (the
    first `first` of them only, without sorting the rest)."""
    order = [pl.col("category").to_physical(), pl.col(KEY), pl.col("bpjs_line")]
    if first is not None and entries.height > first:
        entries = entries.bottom_k(first, by=order)
    return entries.sort(order, nulls_last=True)


def reconcile(
    roster: RosterRows,
    bpjs: ListRows,
    others: Sequence[ListRows],
    *,
    scenario: Scenario,
    table: RateTable,
    today: date,
) -> Reconciliation:
    """The entries of the two lists (see the module), against the scenario's eligibility."""
    ours = roster_people(roster, scenario, table)
    theirs = bpjs.accepted.select(
        LINE,
        sheet_of(bpjs.accepted).alias("bpjs_sheet"),
        KEY,
        "group",
        "declared_income",
        "monthly_wage",
        "amount",
        "programs",
        "month",
    )
    theirs = theirs.with_columns(pl.col(KEY).is_first_distinct().alias("_first"))
    if theirs.get_column("month").null_count() < theirs.height:  # a list of several months
        new_month = pl.struct(KEY, "month").is_first_distinct()
    else:
        new_month = pl.col("_first")
    theirs = theirs.with_columns(new_month.alias("_new_month"))
    first = theirs.filter(pl.col("_first"))
    repeats = theirs.filter(~pl.col("_new_month"))  # the same NIK and month again
    months = theirs.filter(~pl.col("_first") & pl.col("_new_month"))
    del theirs  # each frame of ten million rows is let go as soon as it is used
    other_keys = [other.accepted.get_column(KEY).unique() for other in others]
    shared: tuple[int, ...] = ()
    if other_keys:
        ours_and_theirs = pl.concat([ours.get_column(KEY), first.get_column(KEY)]).implode()
        shared = tuple(int(keys.is_in(ours_and_theirs).sum()) for keys in other_keys)
    repeat_entries = _repeats(
        repeats, roster=roster, bpjs_file=bpjs.file, scenario=scenario, table=table, ours=ours
    )
    paired = first.join(ours, on=KEY, how="full", coalesce=True, suffix="_roster")
    del first, ours
    priced, unpriced = bpjs_premiums(paired, scenario, table)
    del paired
    entries = categorised(priced, other_keys, [other.file for other in others], scenario, today)
    del priced
    month_entries, orphans = _other_months(months, entries)
    entries = pl.concat([entries, repeat_entries, month_entries])
    unpriced = pl.concat([unpriced, orphans]).sort(LINE) if orphans.height else unpriced
    names = (roster.accepted, bpjs.accepted)  # the lists as read: names looked up when shown
    return Reconciliation(entries, unpriced, shared, names)


def _other_months(months: pl.DataFrame, entries: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The rows of BPJS's list for another month of a person already on it: in that person's
    category, counting no person and no Rupiah (the person's are on their first row). Rows of a
    person whose first row could not be priced are rejected with it."""
    person = entries.filter(pl.col("bpjs_line").is_not_null()).select(KEY, "category", "group")
    found = months.join(person, on=KEY, how="left")
    orphans = found.filter(pl.col("category").is_null()).select(
        pl.col("bpjs_sheet").alias("sheet"),
        LINE,
        pl.lit(_("the first row of this NIK cannot be priced")).alias("reasons"),
    )
    rows = found.filter(pl.col("category").is_not_null()).select(
        pl.col(KEY),
        pl.col("group_right").alias("group") if "group_right" in found.columns else pl.col("group"),
        pl.lit(None, pl.Int64).alias("roster_line"),
        pl.lit(None, pl.String).alias("roster_sheet"),
        pl.col(LINE).alias("bpjs_line"),
        pl.col("bpjs_sheet"),
        pl.col("month").alias("bpjs_month"),
        pl.col("category"),
        pl.lit(_("another month of a person on an earlier line")).alias("reasons"),
        *(pl.lit(None, pl.Int64).alias(name) for name in PREMIUMS),
        pl.lit(0, pl.Int64).alias("monthly"),
        pl.lit(0, pl.Int64).alias("annual"),
        pl.lit(False).alias("counted"),
    )
    return rows.cast(ENTRY), orphans


def _repeats(
    repeats: pl.DataFrame,
    *,
    roster: RosterRows,
    bpjs_file: str,
    scenario: Scenario,
    table: RateTable,
    ours: pl.DataFrame,
) -> pl.DataFrame:
    """The later rows of a NIK already on the same list: duplicates. A repeat on BPJS's list is
    billed again (its premium priced as any BPJS row); one on the Pemda's list costs nothing
    (the roster rejected it)."""
    parts = []
    if not repeats.is_empty():
        paired = repeats.join(ours, on=KEY, how="left", suffix="_roster")
        priced, _unpriced = bpjs_premiums(paired, scenario, table)
        parts.append(
            priced.select(
                pl.col(KEY),
                pl.coalesce("group", "group_roster").alias("group"),
                pl.lit(None, pl.Int64).alias("roster_line"),
                pl.lit(None, pl.String).alias("roster_sheet"),
                pl.col(LINE).alias("bpjs_line"),
                pl.col("bpjs_sheet"),
                pl.col("month").alias("bpjs_month"),
                pl.lit("duplicate").cast(CATEGORY).alias("category"),
                pl.lit(_("the NIK is on an earlier line of {file}").format(file=bpjs_file)).alias(
                    "reasons"
                ),
                pl.lit(None, pl.Int64).alias("pemda_monthly"),
                pl.lit(None, pl.Int64).alias("pemda_annual"),
                pl.col("bpjs_monthly"),
                pl.col("bpjs_annual"),
                pl.col("bpjs_monthly").fill_null(0).alias("monthly"),
                pl.col("bpjs_annual").fill_null(0).alias("annual"),
                pl.lit(True).alias("counted"),
            ).cast(ENTRY)
        )
    duplicates = roster.duplicates
    if not duplicates.is_empty():
        parts.append(
            duplicates.select(
                pl.col("key").alias(KEY),
                pl.lit(None, pl.String).alias("group"),
                pl.col(LINE).alias("roster_line"),
                sheet_of(duplicates).alias("roster_sheet"),
                pl.lit(None, pl.Int64).alias("bpjs_line"),
                pl.lit(None, pl.String).alias("bpjs_sheet"),
                pl.lit(None, pl.String).alias("bpjs_month"),
                pl.lit("duplicate").cast(CATEGORY).alias("category"),
                pl.lit(_("the NIK is on an earlier line of the Pemda's list")).alias("reasons"),
                *(pl.lit(None, pl.Int64).alias(name) for name in PREMIUMS),
                pl.lit(0, pl.Int64).alias("monthly"),
                pl.lit(0, pl.Int64).alias("annual"),
                pl.lit(True).alias("counted"),
            ).cast(ENTRY)
        )
    if not parts:
        return pl.DataFrame(schema=ENTRY)
    return pl.concat(parts)
