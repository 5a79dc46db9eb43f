"""The accepted rows of a roster split by scenario group, with what costing needs to know of each
group's rows before computing any premium: how many people, the months they are covered in
(which give the group's rate periods) and the largest wage (which bounds the sums)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from jamsostek_budget.i18n import _
from jamsostek_budget.model.scenario import Group, Scenario
from jamsostek_budget.roster.premiums import (
    INT64_MAX,
    Period,
    Snapshots,
    band_columns,
    month_bound,
    periods,
)

PERSON_FIELDS = ("start_month", "end_month", "declared_income", "monthly_wage")
PEOPLE = "people"  # how many people a row of GroupRows.rows stands for
MONTHS = range(1, 13)


@dataclass(frozen=True)
class GroupStats:
    """What costing needs to know of one group's rows before computing any premium."""

    headcount: int
    without_income: int  # people without a declared_income
    without_wage: int  # people without a monthly_wage
    max_wage: int
    start_month: int  # the earliest start
    end_month: int  # the latest end
    months: tuple[int, ...]  # the calendar months in which someone is covered


@dataclass(frozen=True)
class GroupRows:
    """The accepted rows of one scenario group and the rate periods they are covered in."""

    group: Group
    # PERSON_FIELDS and PEOPLE: people alike (budget) or one person each, then with `row`, the
    # position in the roster (per_person)
    rows: pl.DataFrame
    periods: tuple[Period, ...]
    stats: GroupStats

    def period_of(self, month: int) -> Period:
        return next(p for p in self.periods if p.first <= month <= p.last)

    def banded(self) -> pl.LazyFrame:
        """The rows with the band columns their periods' premiums read."""
        return self.rows.lazy().with_columns(band_columns(self.periods))


def split_groups(
    rows: pl.DataFrame, scenario: Scenario, snapshots: Snapshots
) -> dict[str, GroupRows]:
    """The rows of each scenario group that has any, in the scenario's order; `rows` holds
    `group`, PERSON_FIELDS and PEOPLE."""
    frames = rows.partition_by("group", as_dict=True, include_key=False, maintain_order=True)
    known = {group.id for group in scenario.groups}
    unknown = sorted(str(key[0]) for key in frames if key[0] not in known)
    if unknown:
        raise ValueError(f"rows of groups not in the scenario: {', '.join(unknown)}")
    stats = group_stats(rows)
    parts = {}
    for group in scenario.groups:
        if (group.id,) in frames:
            group_periods = periods(group, stats[group.id].months, snapshots)
            part = GroupRows(group, frames[(group.id,)], group_periods, stats[group.id])
            check_rows(part)
            parts[group.id] = part
    return parts


def group_stats(rows: pl.DataFrame) -> dict[str, GroupStats]:
    """The GroupStats of every group, in one query."""
    start, end, people = pl.col("start_month"), pl.col("end_month"), pl.col(PEOPLE)
    found = (
        rows.lazy()
        .group_by("group")
        .agg(
            people.sum().alias("headcount"),
            people.filter(pl.col("declared_income").is_null()).sum().alias("without_income"),
            people.filter(pl.col("monthly_wage").is_null()).sum().alias("without_wage"),
            pl.col("monthly_wage").max().fill_null(0).alias("max_wage"),
            start.min(),
            end.max(),
            *(((start <= month) & (end >= month)).any().alias(str(month)) for month in MONTHS),
        )
        .collect()
    )
    stats = {}
    for row in found.iter_rows(named=True):
        group, covered = row.pop("group"), tuple(m for m in MONTHS if row.pop(str(m)))
        stats[group] = GroupStats(**row, months=covered)
    return stats


def check_rows(part: GroupRows) -> None:
    """Refuse rows without the amount their premium is computed on, and sums that could overflow
    64-bit integers (the engine's exact fractions have no such limit)."""
    stats = part.stats
    base = "declared_income" if part.group.segment == "bpu" else "monthly_wage"
    missing = stats.without_income if part.group.segment == "bpu" else stats.without_wage
    if missing:
        raise ValueError(f"group {part.group.id}: {missing:,} rows have no {base}")
    bound = max(month_bound(period, stats.max_wage) for period in part.periods)
    if bound * 12 * stats.headcount > INT64_MAX:
        message = _(
            "group {group}: wages up to {wage} for {people} people are beyond what can be "
            "summed exactly in 64-bit integers"
        )
        wage, people = f"{stats.max_wage:,}", f"{stats.headcount:,}"
        raise OverflowError(message.format(group=part.group.id, wage=wage, people=people))
