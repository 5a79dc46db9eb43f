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

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from jamsostek_budget.i18n import _
from jamsostek_budget.model.eligibility import Eligibility
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Group, Scenario
from jamsostek_budget.roster.bpjs_list import KEY, PROGRAM_SETS, ListRows
from jamsostek_budget.roster.checks import RosterRows
from jamsostek_budget.roster.columns import LINE, group_ids
from jamsostek_budget.roster.costing import per_person
from jamsostek_budget.roster.nik import nik_age, nik_key, nik_number, nik_region
from jamsostek_budget.roster.reasons import grouped_number, reason

__all__ = ["CATEGORIES", "Reconciliation", "reconcile"]

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
    ours = _roster_people(roster, scenario, table)
    theirs = bpjs.accepted.select(
        LINE,
        _sheet(bpjs.accepted).alias("bpjs_sheet"),
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
    priced, unpriced = _bpjs_premiums(paired, scenario, table)
    del paired
    entries = _categorised(priced, other_keys, [other.file for other in others], scenario, today)
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


def _sheet(frame: pl.DataFrame) -> pl.Expr:
    """The sheet of each row of a workbook list (`sheets.located`); null for a CSV."""
    return pl.col("sheet") if "sheet" in frame.columns else pl.lit(None, dtype=pl.String)


def _roster_people(roster: RosterRows, scenario: Scenario, table: RateTable) -> pl.DataFrame:
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
        _sheet(accepted).alias("roster_sheet"),
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


def _bpjs_premiums(
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


Check = tuple[pl.Expr, pl.Expr]  # (whether a row fails it, why), as the roster's checks


def _categorised(
    frame: pl.DataFrame,
    other_keys: Sequence[pl.Series],
    other_files: Sequence[str],
    scenario: Scenario,
    today: date,
) -> pl.DataFrame:
    """One entry per person of either list (see the module for the order of the categories).
    The categories come from cheap tests on every row; the reasons are written only for the
    rows not simply matched, in a clean pair of lists a small share."""
    on_roster = pl.col("roster_line").is_not_null()
    on_list = pl.col(LINE).is_not_null()
    others = _other_checks(other_keys, other_files)
    eligibility = _eligibility_checks(scenario.eligibility, scenario.fiscal_year, today)
    differences = _difference_checks()
    category = (
        pl.when(_fails(others))
        .then(pl.lit("duplicate"))
        .when(_fails(eligibility))
        .then(pl.lit("ineligible"))
        .when(on_roster & on_list & _fails(differences))
        .then(pl.lit("mismatched"))
        .when(on_roster & on_list)
        .then(pl.lit("matched"))
        .when(on_list)
        .then(pl.lit("billed_not_listed"))
        .otherwise(pl.lit("listed_not_billed"))
        .cast(CATEGORY)
    )
    frame = frame.with_columns(category.alias("category"))
    matched = pl.col("category") == "matched"
    own = pl.when(on_list).then(pl.lit(_("not on the Pemda's list")))
    unbilled = pl.when(~on_list).then(pl.lit(_("not on BPJS's list")))
    reasons = pl.concat_str(
        [
            _why(others),
            _why(eligibility),
            _why(differences),
            pl.when(~on_roster).then(own),
            unbilled,
        ],
        separator="; ",
        ignore_nulls=True,
    )
    rest = frame.filter(~matched).select(ROW, reasons.alias("reasons"))
    said = pl.col(ROW).replace_strict(
        rest.get_column(ROW), rest.get_column("reasons"), default=None, return_dtype=pl.String
    )
    return _entries(frame.with_columns(said.alias("reasons")))


def _entries(frame: pl.DataFrame) -> pl.DataFrame:
    """The ENTRY columns of categorised rows, with each category's Rupiah."""
    pemda = [pl.col("pemda_monthly").fill_null(0), pl.col("pemda_annual").fill_null(0)]
    bpjs = [pl.col("bpjs_monthly").fill_null(0), pl.col("bpjs_annual").fill_null(0)]
    money = [
        pl.when(pl.col("category") == "matched")
        .then(pemda[i])
        .when(pl.col("category") == "mismatched")
        .then(bpjs[i] - pemda[i])
        .when(pl.col("category") == "listed_not_billed")
        .then(pemda[i])
        .otherwise(bpjs[i])
        for i in (0, 1)
    ]
    return frame.select(
        pl.col(KEY),
        pl.coalesce("group", "group_roster").alias("group"),
        pl.col("roster_line"),
        pl.col("roster_sheet"),
        pl.col(LINE).alias("bpjs_line"),
        pl.col("bpjs_sheet"),
        pl.col("month").alias("bpjs_month"),
        pl.col("category"),
        pl.col("reasons"),
        pl.col("pemda_monthly"),
        pl.col("pemda_annual"),
        pl.col("bpjs_monthly"),
        pl.col("bpjs_annual"),
        money[0].alias("monthly"),
        money[1].alias("annual"),
        pl.lit(True).alias("counted"),
    ).cast(ENTRY)


def _fails(checks: Sequence[Check]) -> pl.Expr:
    """Whether a row fails any of `checks`."""
    if not checks:
        return pl.lit(False)
    return pl.any_horizontal(fails.fill_null(False) for fails, _why in checks)


def _why(checks: Sequence[Check]) -> pl.Expr:
    """The reasons of the checks a row fails, joined (null: none)."""
    if not checks:
        return pl.lit(None, dtype=pl.String)
    found = [pl.when(fails.fill_null(False)).then(why) for fails, why in checks]
    return pl.concat_str(found, separator="; ", ignore_nulls=True).replace("", None)


def _other_checks(other_keys: Sequence[pl.Series], files: Sequence[str]) -> list[Check]:
    """A person counts as paid for twice when another payer's list holds their NIK."""
    return [
        (
            pl.col(KEY).is_in(keys.implode()),
            pl.lit(_("also on another payer's list, {file}").format(file=file)),
        )
        for keys, file in zip(other_keys, files, strict=True)
    ]


def _eligibility_checks(rules: Eligibility | None, fiscal_year: int, today: date) -> list[Check]:
    """The eligibility rules as checks of the NIK; an exception passes them all."""
    if rules is None:
        return []
    on = rules.reckoned_on(fiscal_year)
    key = pl.col(KEY)
    age = nik_age(key, on, today)
    region = nik_region(key)
    counted = ~key.is_in([int(nik) for nik in rules.exceptions])
    found: list[Check] = []
    if rules.nik_regions:
        shown = (
            (region // 100).cast(pl.String).str.zfill(2)
            + "."
            + (region % 100).cast(pl.String).str.zfill(2)
        )
        why = reason(
            _("NIK of region {region}, not of {allowed}"),
            region=shown,
            allowed=", ".join(rules.nik_regions),
        )
        found.append((counted & ~region.is_in(list(rules.region_numbers)), why))
    if rules.min_age is not None:
        why = reason(
            _("aged {age} on {date}, below min_age {min}"),
            age=age,
            date=on.isoformat(),
            min=str(rules.min_age),
        )
        found.append((counted & (age < rules.min_age), why))
    if rules.max_age is not None:
        why = reason(
            _("aged {age} on {date}, above max_age {max}"),
            age=age,
            date=on.isoformat(),
            max=str(rules.max_age),
        )
        found.append((counted & (age > rules.max_age), why))
    return found


def _difference_checks() -> list[Check]:
    """What BPJS's row says otherwise than the Pemda's: a group, programs, a wage, or a premium
    (a declared income in another band; an income in the same band bills the same, and is no
    mismatch)."""
    bpjs_group = pl.col("group").cast(pl.String)
    premium = (pl.col("bpjs_monthly") != pl.col("pemda_monthly")) | (
        pl.col("bpjs_annual") != pl.col("pemda_annual")
    )
    return [
        (
            bpjs_group.is_not_null() & (pl.col("group") != pl.col("group_roster")),
            reason(
                _("group {bpjs} at BPJS, {pemda} on the Pemda's list"),
                bpjs=bpjs_group,
                pemda=pl.col("group_roster").cast(pl.String),
            ),
        ),
        (
            pl.col("programs").is_not_null() & (pl.col("programs") != pl.col("_group_programs")),
            reason(_("programs {bpjs} at BPJS"), bpjs=pl.col("programs")),
        ),
        (
            pl.col("monthly_wage") != pl.col("wage_roster"),
            reason(
                _("wage Rp{bpjs} at BPJS, Rp{pemda} on the Pemda's list"),
                bpjs=grouped_number(pl.col("monthly_wage")),
                pemda=grouped_number(pl.col("wage_roster")),
            ),
        ),
        (
            premium & (pl.col("declared_income") != pl.col("income_roster")),
            reason(
                _("declared income Rp{bpjs} at BPJS, Rp{pemda} on the Pemda's list"),
                bpjs=grouped_number(pl.col("declared_income")),
                pemda=grouped_number(pl.col("income_roster")),
            ),
        ),
        (
            premium,
            reason(
                _("BPJS bills Rp{bpjs} a month, the Pemda's list gives Rp{pemda}"),
                bpjs=grouped_number(pl.col("bpjs_monthly")),
                pemda=grouped_number(pl.col("pemda_monthly")),
            ),
        ),
    ]


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
        priced, _unpriced = _bpjs_premiums(paired, scenario, table)
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
                _sheet(duplicates).alias("roster_sheet"),
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
