"""Premiums of a roster, vectorized: each person's premium per program, payer and rate period.

The rules are the engine's own `engine.rules.PremiumRule` objects, evaluated on columns; this
module knows no parameter name and no tariff. A group's covered months fall into periods of
identical rules (the March JP wage cap, relief boundaries); within a period a person pays the same
every month, so each premium is computed once per period and multiplied by the person's months in
it. A premium is base x ratio, an exact fraction p/q, rounded once, half up, in integer arithmetic
on Int64 columns (never a float); a ratio too fine for 64 bits is computed on Python integers.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import partial

import polars as pl

from jamsostek_budget.engine.rules import Payer, PremiumRule, bands_in_force, premium_rule
from jamsostek_budget.model.bands import Band
from jamsostek_budget.model.fields import Program
from jamsostek_budget.model.ratetable import RateSnapshot
from jamsostek_budget.model.scenario import Group
from jamsostek_budget.money import round_rupiah

Snapshots = Mapping[int, RateSnapshot]  # calendar month (1-12) -> rates in force on its 1st
Rules = tuple[PremiumRule, ...]
INT64_MAX = 2**63 - 1


@dataclass(frozen=True)
class Period:
    """Consecutive covered months of one group in which every rate, band and relief is the same."""

    index: int
    first: int
    last: int
    rules: Rules  # one per program of the group, in the group's order
    bands: tuple[Band, ...]  # the BPU income bands in force (empty for pu)
    bands_effective: date | None  # when that band table took effect

    def months(self) -> pl.Expr:
        """How many of a person's months (start_month..end_month) fall in this period."""
        first = pl.max_horizontal(pl.col("start_month"), pl.lit(self.first))
        last = pl.min_horizontal(pl.col("end_month"), pl.lit(self.last))
        return (last - first + 1).clip(lower_bound=0)

    @property
    def band_column(self) -> str:
        """Name of the column of band indexes (one per band table version, see band_columns)."""
        return f"band.{self.bands_effective}"

    def band_index(self) -> pl.Expr:
        """0-based index of a person's band in `bands`."""
        return pl.col(self.band_column)

    def band_search(self) -> pl.Expr:
        """The band index: the last band whose lower bound <= the declared income."""
        lowers = pl.Series([band.lower for band in self.bands], dtype=pl.Int64)
        position = pl.lit(lowers).search_sorted(pl.col("declared_income"), side="right")
        return (position.cast(pl.Int64) - 1).alias(self.band_column)


def band_columns(group_periods: Iterable[Period]) -> list[pl.Expr]:
    """The band index columns the periods' premiums read: add them to the rows first."""
    searches = {p.band_column: p.band_search() for p in group_periods if p.bands}
    return list(searches.values())


def periods(group: Group, months: Collection[int], snapshots: Snapshots) -> tuple[Period, ...]:
    """The periods of identical rules over the months some person of `group` is covered."""
    runs: list[tuple[int, int, tuple[object, ...], Rules]] = []
    for month in sorted(months):
        rules = tuple(premium_rule(group, program, snapshots[month]) for program in group.programs)
        key = rate_key(group, rules, snapshots[month])
        if runs and runs[-1][1] == month - 1 and runs[-1][2] == key:
            runs[-1] = (runs[-1][0], month, key, runs[-1][3])
        else:
            runs.append((month, month, key, rules))
    return tuple(
        period(index, first, last, rules, snapshots[first], banded=group.segment == "bpu")
        for index, (first, last, _, rules) in enumerate(runs)
    )


def rate_key(group: Group, rules: Rules, snapshot: RateSnapshot) -> tuple[object, ...]:
    """What identifies the rates a group pays in a month: the dated values its rules were
    resolved from, their reliefs, and the band table (so every dated value starts a period)."""
    values = tuple(
        (name, snapshot.value(name).effective) for rule in rules for name in rule.parameters
    )
    reliefs = tuple(relief.id for rule in rules for relief in rule.reliefs)
    version = snapshot.band_version if group.segment == "bpu" else None
    return values, reliefs, version.effective if version else None


def period(
    index: int, first: int, last: int, rules: Rules, snapshot: RateSnapshot, *, banded: bool
) -> Period:
    """A period of the rules resolved in `snapshot`; `banded`: its people's premiums read the
    BPU income bands."""
    if not banded:
        return Period(index, first, last, rules, (), None)
    version = bands_in_force(snapshot)
    return Period(index, first, last, rules, tuple(version.bands), version.effective)


def times_ratio(base: pl.Expr, ratio: Fraction) -> pl.Expr:
    """base x ratio rounded half up, exact for every non-negative Int64 base.

    Splitting base = b1 x q + b0 keeps every intermediate below 2 x q x p + q or the result
    itself: base x p / q = b1 x p + b0 x p / q, and only the second term needs rounding. A ratio
    whose p and q are too large for that in 64 bits is computed on Python integers instead.
    """
    p, q = ratio.numerator, ratio.denominator
    if p == 0:
        return pl.lit(0, pl.Int64)
    if q == 1:
        return base * p
    if 2 * q * p + q > INT64_MAX:
        return base.map_batches(partial(exact_times, ratio=ratio), return_dtype=pl.Int64)
    return (base // q) * p + ((base % q) * (2 * p) + q) // (2 * q)


def exact_times(bases: pl.Series, ratio: Fraction) -> pl.Series:
    """base x ratio rounded half up for each base, on Python integers: slower, never short."""
    rounded = [None if base is None else round_rupiah(base * ratio) for base in bases.to_list()]
    return pl.Series(bases.name, rounded, dtype=pl.Int64)


def payer_amounts(
    rule: PremiumRule, period: Period, *, apbd_pays_worker: bool
) -> tuple[pl.Expr, pl.Expr]:
    """(paid from the APBD, deducted from wages) per person-month, like engine.split_payers."""
    employer = amount(rule, period, "employer")
    worker = amount(rule, period, "worker")
    if apbd_pays_worker:
        return employer + worker, pl.lit(0, pl.Int64)
    return employer, worker


def amount(rule: PremiumRule, period: Period, payer: Payer) -> pl.Expr:
    """One payer's part of one person's premium in a month of the period: the rule's scalar
    evaluation where the base is one of a few values, its ratio on the wage column otherwise."""
    if rule.ratio(payer) == 0:
        return pl.lit(0, pl.Int64)
    if rule.base == "flat":
        return pl.lit(rule.part(payer, 0), pl.Int64)
    if rule.base == "nominal":  # a few bands: round each band's premium once, then look it up
        per_band = [rule.part(payer, band.nominal) for band in period.bands]
        return pl.lit(pl.Series(per_band, dtype=pl.Int64)).gather(period.band_index())
    wage = pl.col("monthly_wage")
    base = pl.min_horizontal(wage, pl.lit(rule.amount)) if rule.base == "capped_wage" else wage
    return times_ratio(base, rule.ratio(payer))


def person_amounts(group: Group, period: Period) -> dict[Program, tuple[pl.Expr, pl.Expr]]:
    """Per program: (APBD, worker) amount of one person in each month of the period."""
    return {
        rule.program: payer_amounts(rule, period, apbd_pays_worker=group.apbd_pays_worker_share)
        for rule in period.rules
    }


def month_bound(period: Period, max_wage: int) -> int:
    """An upper bound of one person's APBD plus worker amount in one month of the period."""
    total = 0
    for rule in period.rules:
        if rule.base == "nominal":
            premium = rule.premium(max(band.nominal for band in period.bands))
        else:
            premium = rule.premium(max_wage)  # a flat or capped base ignores or caps it
        total += premium.employer + premium.worker
    return total
