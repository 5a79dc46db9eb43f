"""Premiums of a roster, vectorized: each person's premium per program, payer and rate period.

The rules are exactly those of `engine.premiums`. A group's covered months fall into
periods of identical rates (the March JP wage cap, relief boundaries); within a period a person
pays the same every month, so each premium is computed once per period and multiplied by the
person's months in it. A premium is base x rate x payable share, an exact fraction p/q, rounded
once, half up, in integer arithmetic on Int64 columns: never a float.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Literal

import polars as pl

from jamsostek_budget.engine.premiums import group_reliefs, group_share, parameter_names
from jamsostek_budget.model.fields import Program
from jamsostek_budget.model.rates import Band
from jamsostek_budget.model.ratetable import RateSnapshot, RatesNotInForceError
from jamsostek_budget.model.scenario import Group

Snapshots = Mapping[int, RateSnapshot]  # calendar month (1-12) -> rates in force on its 1st
Base = Literal["nominal", "flat", "wage", "capped_wage"]
INT64_MAX = 2**63 - 1
HUNDRED = Fraction(100)


@dataclass(frozen=True)
class Rule:
    """One program's monthly premium in a period: base x rate, per payer, rounded half up."""

    program: Program
    base: Base  # band nominal (bpu), flat amount (bpu JKM), wage, or wage up to `amount` (JP)
    amount: int  # the flat amount, or the JP wage cap; 0 otherwise
    employer: Fraction  # rate x payable share (for bpu: the whole premium, paid by the Pemda)
    worker: Fraction


@dataclass(frozen=True)
class Period:
    """Consecutive covered months of one group in which every rate, band and relief is the same."""

    index: int
    first: int
    last: int
    rules: tuple[Rule, ...]
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
    """The periods of identical rates over the months some person of `group` is covered."""
    runs: list[tuple[int, int, tuple[object, ...]]] = []
    for month in sorted(months):
        key = rate_key(group, snapshots[month])
        if runs and runs[-1][1] == month - 1 and runs[-1][2] == key:
            runs[-1] = (runs[-1][0], month, key)
        else:
            runs.append((month, month, key))
    return tuple(
        period(index, group, first, last, snapshots[first])
        for index, (first, last, _) in enumerate(runs)
    )


def rate_key(group: Group, snapshot: RateSnapshot) -> tuple[object, ...]:
    """What identifies the rates a group pays in a month: dated values, bands and reliefs."""
    values = tuple(
        (name, snapshot.value(name).effective)
        for program in group.programs
        for name in parameter_names(group, program)
    )
    reliefs = tuple(
        relief.id
        for program in group.programs
        for relief in group_reliefs(group, program, snapshot)
    )
    version = snapshot.band_version if group.segment == "bpu" else None
    return values, reliefs, version.effective if version else None


def period(index: int, group: Group, first: int, last: int, snapshot: RateSnapshot) -> Period:
    rules = tuple(rule(group, program, snapshot) for program in group.programs)
    if group.segment == "pu":
        return Period(index, first, last, rules, (), None)
    version = snapshot.band_version
    if version is None:
        raise RatesNotInForceError("bpu.income_bands", snapshot.day)
    return Period(index, first, last, rules, tuple(version.bands), version.effective)


def rule(group: Group, program: Program, snapshot: RateSnapshot) -> Rule:
    """The engine's `person_premium` as a rule (see engine.bpu_exact and engine.pu_exact)."""
    share = Fraction(group_share(group, program, snapshot))
    none = Fraction(0)
    if group.segment == "bpu":
        if program == "jkm":
            return Rule(program, "flat", snapshot.rupiah("bpu.jkm_flat"), share, none)
        return Rule(program, "nominal", 0, _rate(snapshot, f"bpu.{program}_percent", share), none)
    if program in ("jkk", "jkm"):
        name = f"pu.jkk_percent.{group.risk_class}" if program == "jkk" else "pu.jkm_percent"
        return Rule(program, "wage", 0, _rate(snapshot, name, share), none)
    employer = _rate(snapshot, f"pu.{program}_employer_percent", share)
    worker = _rate(snapshot, f"pu.{program}_worker_percent", share)
    if program == "jp":
        return Rule(program, "capped_wage", snapshot.rupiah("pu.jp_wage_cap"), employer, worker)
    return Rule(program, "wage", 0, employer, worker)


def _rate(snapshot: RateSnapshot, name: str, share: Fraction) -> Fraction:
    return Fraction(snapshot.percent(name)) / HUNDRED * share


def half_up(base: int, ratio: Fraction) -> int:
    """base x ratio rounded half up to whole Rupiah (money.round_rupiah on the exact value)."""
    return (2 * base * ratio.numerator + ratio.denominator) // (2 * ratio.denominator)


def times_ratio(base: pl.Expr, ratio: Fraction) -> pl.Expr:
    """base x ratio rounded half up, exact for every non-negative Int64 base.

    Splitting base = b1 x q + b0 keeps every intermediate below q x p or the result itself:
    base x p / q = b1 x p + b0 x p / q, and only the second term needs rounding.
    """
    p, q = ratio.numerator, ratio.denominator
    if p == 0:
        return pl.lit(0, pl.Int64)
    if q == 1:
        return base * p
    if 2 * q * p + q > INT64_MAX:
        raise OverflowError(f"the rate {ratio} has too many digits to compute in 64 bits")
    return (base // q) * p + ((base % q) * (2 * p) + q) // (2 * q)


def payer_amounts(rule: Rule, period: Period, *, apbd_pays_worker: bool) -> tuple[pl.Expr, pl.Expr]:
    """(paid from the APBD, deducted from wages) per person-month, like engine.split_payers."""
    employer = amount(rule, period, rule.employer)
    worker = amount(rule, period, rule.worker)
    if apbd_pays_worker:
        return employer + worker, pl.lit(0, pl.Int64)
    return employer, worker


def amount(rule: Rule, period: Period, ratio: Fraction) -> pl.Expr:
    """One payer's part of one person's premium in a month of the period."""
    if ratio == 0:
        return pl.lit(0, pl.Int64)
    if rule.base == "flat":
        return pl.lit(half_up(rule.amount, ratio), pl.Int64)
    if rule.base == "nominal":  # a few bands: round each band's premium once, then look it up
        per_band = [half_up(band.nominal, ratio) for band in period.bands]
        return pl.lit(pl.Series(per_band, dtype=pl.Int64)).gather(period.band_index())
    wage = pl.col("monthly_wage")
    base = pl.min_horizontal(wage, pl.lit(rule.amount)) if rule.base == "capped_wage" else wage
    return times_ratio(base, ratio)


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
        if rule.base == "flat":
            base = rule.amount
        elif rule.base == "nominal":
            base = max(band.nominal for band in period.bands)
        else:
            base = min(max_wage, rule.amount) if rule.base == "capped_wage" else max_wage
        total += half_up(base, rule.employer) + half_up(base, rule.worker)
    return total
