"""The columns of a reconciliation (`roster.reconcile`): its categories, the entry each person
or repeated row becomes, and the helper columns the pricing and the checks share."""

from __future__ import annotations

import polars as pl

from jamsostek_budget.roster.bpjs_list import KEY
from jamsostek_budget.roster.nik import nik_key, nik_number

CATEGORIES = (
    "matched",
    "mismatched",
    "billed_not_listed",
    "listed_not_billed",
    "ineligible",
    "duplicate",
)
CATEGORY = pl.Enum(CATEGORIES)
PAID_NOT_OWED = ("billed_not_listed", "ineligible", "duplicate", "mismatched")
ROW = "_row"  # a row's place in the joined lists
# columns the pricing reads and nothing after it
PRICING_ONLY = frozenset(
    {
        "amount",
        "_priced_group",
        "_start",
        "_end",
        "start_month",
        "end_month",
        "_first",
        "_new_month",
    }
)
KIND = "_kind"  # see _kind
ALIKE = ("group", "declared_income", "monthly_wage", "start_month", "end_month")
PREMIUMS = ("pemda_monthly", "pemda_annual", "bpjs_monthly", "bpjs_annual")
SIDES = ("roster", "bpjs")
KEY_OF_NIK = nik_key(nik_number(pl.col("nik"))).alias(KEY)
# an entry: the NIK, the line of its row on each list (null: not there), its category, its
# reasons and the premiums a month and a year on each side
ENTRY = pl.Schema(
    {
        KEY: pl.Int64(),
        "group": pl.Categorical(),
        "roster_line": pl.Int64(),
        "roster_sheet": pl.String(),  # of a workbook: the sheet of the line (null for a CSV)
        "bpjs_line": pl.Int64(),
        "bpjs_sheet": pl.String(),
        "bpjs_month": pl.String(),  # the row's month, when BPJS's list gives months
        "category": CATEGORY,
        "reasons": pl.String(),
        "pemda_monthly": pl.Int64(),
        "pemda_annual": pl.Int64(),
        "bpjs_monthly": pl.Int64(),
        "bpjs_annual": pl.Int64(),
        "monthly": pl.Int64(),
        "annual": pl.Int64(),
        "counted": pl.Boolean(),  # a person (or a duplicate row); false: another month of one
    }
)


def sheet_of(frame: pl.DataFrame) -> pl.Expr:
    """The sheet of each row of a workbook list (`sheets.located`); null for a CSV."""
    return pl.col("sheet") if "sheet" in frame.columns else pl.lit(None, dtype=pl.String)
