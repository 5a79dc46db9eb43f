"""The premiums of a reconciliation (`roster.reconcile`), by the one premium rule
(`roster.costing.per_person`): the Pemda's for each roster row, priced once per kind of person,
and BPJS's for each of its rows, from its own `amount`, or priced with its own group, income or
wage and programs (falling back to the roster's row and to the group), or, when it says what the
roster says, the roster's premium without pricing it again."""

from __future__ import annotations

import polars as pl

from jamsostek_budget.i18n import _
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Group, Scenario
from jamsostek_budget.roster.bpjs_list import KEY, PROGRAM_SETS
from jamsostek_budget.roster.checks import RosterRows
from jamsostek_budget.roster.columns import LINE, group_ids
from jamsostek_budget.roster.costing import per_person
from jamsostek_budget.roster.reconcile_columns import (
    ALIKE,
    KEY_OF_NIK,
    KIND,
    PRICING_ONLY,
    ROW,
    sheet_of,
)

__all__ = ["bpjs_premiums", "roster_people"]


def roster_people(roster: RosterRows, scenario: Scenario, table: RateTable) -> pl.DataFrame:
    """The Pemda's accepted rows with their NIK key and premiums (`pemda_monthly`, `_annual`).
    People with the same group, income, wage and months pay the same: each such kind is priced
    once (`per_person`), and its premiums are looked up by a number that packs the kind
    (`_kind`), which costs far less memory than joining ten million rows on five columns."""
    accepted = roster.accepted.with_columns(_kind().alias(KIND))
    alike = accepted.select(KIND, *ALIKE).unique(KIND).with_row_index(ROW)
    costs = per_person(
        alike.select(
            pl.col(ROW).cast(pl.Int64).alias(LINE),
            pl.lit(None, pl.String).alias("nik"),
            pl.lit(None, pl.String).alias("name"),
            *ALIKE,
        ),
        scenario,
        table,
    )
    monthly = [name for name in costs.columns if name.endswith("_monthly")]
    by_month = costs.select(pl.sum_horizontal(pl.col(monthly).fill_null(0))).to_series()
    kinds = alike.get_column(KIND)

    def premium(values: pl.Series) -> pl.Expr:
        return pl.col(KIND).replace_strict(kinds, values, default=0, return_dtype=pl.Int64)

    return accepted.select(
        pl.col(LINE).alias("roster_line"),
        sheet_of(accepted).alias("roster_sheet"),
        pl.col(KEY) if KEY in accepted.columns else KEY_OF_NIK,
        pl.col("group").alias("group_roster"),  # the scenario's group ids (an Enum)
        pl.col("declared_income").alias("income_roster"),
        pl.col("monthly_wage").alias("wage_roster"),
        "start_month",
        "end_month",
        premium(by_month).alias("pemda_monthly"),
        premium(costs.get_column("apbd_annual")).alias("pemda_annual"),
    )


def _kind() -> pl.Expr:
    """One number per kind of person: group, months, and the income or the wage (a person has
    one of them), packed as group x 13 x 13 + start x 13 + end above 40 bits of Rupiah (a
    roster refuses amounts above model.bounds.MONTHLY_RUPIAH, 10^12, under 2^40)."""
    months = (pl.col("group").to_physical().cast(pl.Int64) * 13 + pl.col("start_month")) * 13
    amount = pl.coalesce("declared_income", "monthly_wage", pl.lit(0))
    return (months + pl.col("end_month")) * 2**40 + amount


def bpjs_premiums(
    paired: pl.DataFrame, scenario: Scenario, table: RateTable
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`paired` with BPJS's premiums for the rows on its list (`bpjs_monthly`, `bpjs_annual`;
    null off it), and the BPJS rows that cannot be priced (no amount, and no group of their own
    nor of the Pemda's row)."""
    groups = {group.id: group for group in scenario.groups}
    on_list = pl.col(LINE).is_not_null()
    group = pl.coalesce(pl.col("group"), pl.col("group_roster"))  # both of group_ids
    own = ["+".join(group.programs) for group in scenario.groups]
    programs = pl.lit(pl.Series(own, dtype=PROGRAM_SETS))
    frame = paired.with_row_index(ROW).with_columns(
        group.alias("_priced_group"),
        programs.gather(pl.col("group_roster").to_physical()).alias("_group_programs"),
    )
    cannot = on_list & pl.col("amount").is_null() & pl.col("_priced_group").is_null()
    unpriced = frame.filter(cannot).select(
        pl.col("bpjs_sheet").alias("sheet"),
        LINE,
        pl.lit(
            _("no amount, and no group to price it with (neither its own nor the Pemda's)")
        ).alias("reasons"),
    )
    if unpriced.height:
        frame = frame.filter(~cannot)
    months = _months(frame, groups)
    frame = frame.with_columns(months)
    as_listed = on_list & pl.col("amount").is_null() & _as_listed()
    to_price = frame.filter(on_list & pl.col("amount").is_null() & ~as_listed)
    priced = _priced(to_price, scenario, table, groups)
    count = pl.col("_end") - pl.col("_start") + 1
    rows = priced.get_column(ROW)
    rule = {
        name: pl.col(ROW).replace_strict(
            rows, priced.get_column(name), default=None, return_dtype=pl.Int64
        )
        for name in ("_rule_monthly", "_rule_annual")
    }
    bpjs_monthly = (
        pl.when(as_listed)
        .then(pl.col("pemda_monthly"))
        .when(on_list)
        .then(pl.coalesce(pl.col("amount"), rule["_rule_monthly"]))
    )
    bpjs_annual = (
        pl.when(as_listed)
        .then(pl.col("pemda_annual"))
        .when(on_list)
        .then(pl.coalesce(pl.col("amount") * count, rule["_rule_annual"]))
    )
    # only what the categories, reasons and entries read: the rest of ten million rows goes
    kept = [name for name in frame.columns if name not in PRICING_ONLY]
    return (
        frame.select(*kept, bpjs_monthly.alias("bpjs_monthly"), bpjs_annual.alias("bpjs_annual")),
        unpriced,
    )


def _as_listed() -> pl.Expr:
    """Whether a BPJS row on the roster too says nothing the roster does not: the same group,
    income and wage, and the group's programs (or nothing of them). Its premium is then the
    roster's, by the same rule on the same inputs, and is not computed again."""

    def agrees(bpjs: str, roster: str) -> pl.Expr:
        return pl.col(bpjs).is_null() | (pl.col(bpjs) == pl.col(roster)).fill_null(False)

    return (
        pl.col("roster_line").is_not_null()
        & (pl.col("group").is_null() | (pl.col("group") == pl.col("group_roster")).fill_null(False))
        & (
            pl.col("programs").is_null()
            | (pl.col("programs") == pl.col("_group_programs")).fill_null(False)
        )
        & agrees("declared_income", "income_roster")
        & agrees("monthly_wage", "wage_roster")
    )


def _months(frame: pl.DataFrame, groups: dict[str, Group]) -> list[pl.Expr]:
    """The months a BPJS row is reckoned over: the Pemda's row's, else its group's, else the
    whole year."""
    ids = list(groups)
    starts = pl.Series([groups[i].start_month for i in ids], dtype=pl.Int64)
    ends = pl.Series([groups[i].end_month for i in ids], dtype=pl.Int64)
    index = pl.col("_priced_group").to_physical()
    group_start = pl.lit(starts).gather(index)
    group_end = pl.lit(ends).gather(index)
    return [
        pl.coalesce(pl.col("start_month"), group_start, pl.lit(1)).alias("_start"),
        pl.coalesce(pl.col("end_month"), group_end, pl.lit(12)).alias("_end"),
    ]


def _priced(
    rows: pl.DataFrame, scenario: Scenario, table: RateTable, groups: dict[str, Group]
) -> pl.DataFrame:
    """BPJS's premium of each row without an amount, by the one premium rule: its group with its
    programs (a variant of the group when they differ), its income or wage (else the Pemda's,
    else the group's)."""
    empty = pl.DataFrame(
        schema={ROW: pl.UInt32, "_rule_monthly": pl.Int64, "_rule_annual": pl.Int64}
    )
    if rows.is_empty():
        return empty
    rows = rows.with_columns(pl.col("_priced_group").cast(pl.String))
    programs = pl.coalesce(
        pl.col("programs").cast(pl.String),
        pl.col("_priced_group").replace_strict(
            {gid: "+".join(g.programs) for gid, g in groups.items()}, return_dtype=pl.String
        ),
    )
    rows = rows.with_columns(programs.alias("_programs"))
    variants = rows.select("_priced_group", "_programs").unique().sort("_priced_group", "_programs")
    probe_groups: list[Group] = []
    names: dict[tuple[str, str], str] = {}
    for gid, wanted in variants.iter_rows():
        name = f"{gid}~{wanted}"
        names[(gid, wanted)] = name
        probe_groups.append(
            groups[gid].model_copy(update={"id": name, "programs": wanted.split("+")})
        )
    probe = scenario.model_copy(update={"groups": probe_groups})
    label = pl.concat_str(pl.col("_priced_group"), pl.lit("~"), pl.col("_programs"))
    is_bpu = pl.col("_priced_group").replace_strict(
        {gid: g.segment == "bpu" for gid, g in groups.items()}, return_dtype=pl.Boolean
    )
    default_income = pl.col("_priced_group").replace_strict(
        {gid: g.declared_income for gid, g in groups.items()}, return_dtype=pl.Int64
    )
    default_wage = pl.col("_priced_group").replace_strict(
        {gid: g.monthly_wage for gid, g in groups.items()}, return_dtype=pl.Int64
    )
    people = rows.select(
        pl.col(ROW).cast(pl.Int64).alias("line"),  # per_person's own name for a row
        pl.lit(None, pl.String).alias("nik"),
        pl.lit(None, pl.String).alias("name"),
        label.cast(group_ids(probe_groups)).alias("group"),
        pl.when(is_bpu)
        .then(pl.coalesce("declared_income", "income_roster", default_income))
        .alias("declared_income"),
        pl.when(~is_bpu)
        .then(pl.coalesce("monthly_wage", "wage_roster", default_wage))
        .alias("monthly_wage"),
        pl.col("_start").alias("start_month"),
        pl.col("_end").alias("end_month"),
    )
    costs = per_person(people, probe, table)
    monthly = [name for name in costs.columns if name.endswith("_monthly")]
    return costs.select(
        pl.col("line").cast(pl.UInt32).alias(ROW),
        pl.sum_horizontal(pl.col(monthly).fill_null(0)).alias("_rule_monthly"),
        pl.col("apbd_annual").alias("_rule_annual"),
    )
