"""The categories of a reconciliation (`roster.reconcile`) and the reasons for them: cheap
tests on every row decide the category; the reasons are written only for the rows not simply
matched, in a clean pair of lists a small share."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl

from jamsostek_budget.i18n import _
from jamsostek_budget.model.eligibility import Eligibility
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.roster.bpjs_list import KEY
from jamsostek_budget.roster.columns import LINE
from jamsostek_budget.roster.nik import nik_age, nik_region
from jamsostek_budget.roster.reasons import grouped_number, reason
from jamsostek_budget.roster.reconcile_columns import CATEGORY, ENTRY, ROW

__all__ = ["categorised"]

Check = tuple[pl.Expr, pl.Expr]  # (whether a row fails it, why), as the roster's checks


def categorised(
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
