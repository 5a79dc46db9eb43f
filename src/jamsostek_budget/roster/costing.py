"""Cost a roster of accepted participants: a Budget of its groups and a per-person table.

Both use exactly the engine's rules (see `roster.premiums`); a roster whose rows all carry their
group's own income or wage and months costs exactly what `engine.estimate` gives for the scenario
with headcount = rows. How a roster is summed into a Budget:

- Every scenario group gets a line, in file order, so the JSON has the shape of the scenario's
  estimate; a group without accepted rows has headcount 0, costs nothing, keeps its own months
  and has no band.
- A line's group is the scenario group with headcount = its rows and start_month / end_month = the
  earliest start and latest end of its rows; declared_income and monthly_wage stay the group's own.
- `band` is the band number when every covered person-month of the group falls in one band.
- `per_person` is, per calendar month, the APBD amount divided by the people covered that month,
  rounded half up: the amount itself when everyone pays the same, else the average (0 in a month
  nobody is covered).
- People of one group with the same months, income and wage pay the same premium, so the budget
  counts them first (one `group_by` over the roster) and computes each premium once per such
  count: a million people are a few thousand premiums.
- Rates, bands and reliefs listed are those that entered some person's premium (engine.rates_used
  over one probe group per rate period and band used).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import polars as pl

from jamsostek_budget.budget import NO_MONTHS, Budget, GroupLine, ProgramLine
from jamsostek_budget.engine import month_snapshots, rates_used, reliefs_applied
from jamsostek_budget.fields import PROGRAMS
from jamsostek_budget.i18n import _
from jamsostek_budget.ratetable import RateTable
from jamsostek_budget.roster.premiums import (
    INT64_MAX,
    Period,
    Snapshots,
    band_columns,
    month_bound,
    periods,
    person_amounts,
)
from jamsostek_budget.scenario import Group, Scenario

PERSON_FIELDS = ("start_month", "end_month", "declared_income", "monthly_wage")
PEOPLE = "people"  # how many people a row of GroupRows.rows stands for
IDENTITY = ("line", "nik", "name", "group")
MonthSums = dict[str, list[int]]  # "people", "apbd.<program>", "worker.<program>" -> 12 months


@dataclass(frozen=True)
class GroupRows:
    """The accepted rows of one scenario group and the rate periods they are covered in."""

    group: Group
    # PERSON_FIELDS and PEOPLE: people alike (budget) or one person each, then with `row`, the
    # position in the roster (per_person); plus the band columns of the periods
    rows: pl.DataFrame
    periods: tuple[Period, ...]

    @cached_property
    def headcount(self) -> int:
        return int(self.rows.get_column(PEOPLE).sum())

    def period_of(self, month: int) -> Period:
        return next(p for p in self.periods if p.first <= month <= p.last)

    @cached_property
    def bands(self) -> dict[int, list[int]]:
        """Per period index: the band numbers of the people covered in it (bpu only)."""
        found: dict[int, list[int]] = {}
        for period in self.periods:
            if period.bands:
                covered = self.rows.lazy().filter(period.months() > 0)
                numbers = covered.select((period.band_index() + 1).unique().sort()).collect()
                found[period.index] = numbers.to_series().to_list()
        return found


def roster_budget(accepted: pl.DataFrame, scenario: Scenario, table: RateTable) -> Budget:
    """The Budget of the accepted rows, one line per scenario group (see the module docstring)."""
    snapshots = month_snapshots(table, scenario.fiscal_year)
    parts = split_groups(people_alike(accepted), scenario, snapshots)
    lines = tuple(group_line(group, parts.get(group.id)) for group in scenario.groups)
    costed = scenario.model_copy(update={"groups": [line.group for line in lines]})
    probe = scenario.model_copy(update={"groups": [g for p in parts.values() for g in probes(p)]})
    used = rates_used(probe, table, snapshots)
    reliefs = reliefs_applied(probe, snapshots)
    cited = [use.regulation.id for use in used] + [relief.regulation for relief in reliefs]
    regulations = tuple(table.regulations[name] for name in dict.fromkeys(cited))
    return Budget(costed, lines, used, reliefs, regulations)


def per_person(accepted: pl.DataFrame, scenario: Scenario, table: RateTable) -> pl.DataFrame:
    """One row per accepted person, in roster order: who, then Int64 Rupiah paid from the APBD.

    Per program of the scenario's groups: `{program}_monthly` (in the person's first covered
    month) and `{program}_annual`, null where the person's group has no such program; then
    `apbd_annual` and `worker_annual`.
    """
    people = accepted.select("group", *PERSON_FIELDS).with_row_index("row")
    people = people.with_columns(pl.lit(1, pl.UInt32).alias(PEOPLE))
    parts = split_groups(people, scenario, month_snapshots(table, scenario.fiscal_year))
    names = person_columns(scenario)
    frames = [person_frame(part) for part in parts.values()]
    costs = pl.concat(frames, how="diagonal").sort("row") if frames else pl.DataFrame()
    missing = [pl.lit(None, pl.Int64).alias(name) for name in names if name not in costs.columns]
    costs = costs.with_columns(missing).select(pl.col(names).cast(pl.Int64))
    return pl.concat([accepted.select(IDENTITY), costs], how="horizontal")


def person_columns(scenario: Scenario) -> list[str]:
    programs = [p for p in PROGRAMS if any(p in group.programs for group in scenario.groups)]
    per_program = [f"{p}_{kind}" for p in programs for kind in ("monthly", "annual")]
    return [*per_program, "apbd_annual", "worker_annual"]


def people_alike(accepted: pl.DataFrame) -> pl.DataFrame:
    """The accepted rows counted (PEOPLE) per group and PERSON_FIELDS: people who pay the same."""
    alike = accepted.lazy().group_by("group", *PERSON_FIELDS).agg(pl.len().alias(PEOPLE))
    return alike.collect()


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
    return {
        group.id: group_rows(group, frames[(group.id,)], snapshots)
        for group in scenario.groups
        if (group.id,) in frames
    }


def group_rows(group: Group, rows: pl.DataFrame, snapshots: Snapshots) -> GroupRows:
    group_periods = periods(group, covered_months(rows), snapshots)
    part = GroupRows(group, rows.with_columns(band_columns(group_periods)), group_periods)
    check_rows(part)
    return part


def covered_months(rows: pl.DataFrame) -> list[int]:
    """The calendar months in which at least one of the rows is covered."""
    start, end = pl.col("start_month"), pl.col("end_month")
    covered = rows.select(((start <= m) & (end >= m)).any().alias(str(m)) for m in range(1, 13))
    return [m for m, any_row in enumerate(covered.row(0), 1) if any_row]


def check_rows(part: GroupRows) -> None:
    """Refuse rows without the amount their premium is computed on, and sums that could overflow
    64-bit integers (the engine's Decimal arithmetic has no such limit)."""
    base = "declared_income" if part.group.segment == "bpu" else "monthly_wage"
    missing = part.rows.filter(pl.col(base).is_null()).get_column(PEOPLE).sum()
    if missing:
        raise ValueError(f"group {part.group.id}: {missing:,} rows have no {base}")
    max_wage = int(part.rows.select(pl.col("monthly_wage").max()).item() or 0)
    bound = max(month_bound(period, max_wage) for period in part.periods)
    if bound * 12 * part.headcount > INT64_MAX:
        message = _(
            "group {group}: wages up to {wage} for {people} people are beyond what can be "
            "summed exactly in 64-bit integers"
        )
        wage, people = f"{max_wage:,}", f"{part.headcount:,}"
        raise OverflowError(message.format(group=part.group.id, wage=wage, people=people))


def group_line(group: Group, part: GroupRows | None) -> GroupLine:
    if part is None:
        empty = tuple(ProgramLine(p, NO_MONTHS, NO_MONTHS, NO_MONTHS) for p in group.programs)
        return GroupLine(group.model_copy(update={"headcount": 0}), None, empty)
    sums = month_sums(part)
    people = sums["people"]
    lines = tuple(
        ProgramLine(
            program,
            tuple(map(_average, sums[f"apbd.{program}"], people)),
            tuple(sums[f"apbd.{program}"]),
            tuple(sums[f"worker.{program}"]),
        )
        for program in group.programs
    )
    start, end = part.rows.select(pl.col("start_month").min(), pl.col("end_month").max()).row(0)
    update = {"headcount": part.headcount, "start_month": start, "end_month": end}
    band_numbers = {number for numbers in part.bands.values() for number in numbers}
    band = band_numbers.pop() if len(band_numbers) == 1 else None
    return GroupLine(group.model_copy(update=update), band, lines)


def _average(amount: int, people: int) -> int:
    """amount / people rounded half up; 0 when nobody is covered."""
    return (2 * amount + people) // (2 * people) if people else 0


def month_sums(part: GroupRows) -> MonthSums:
    """People covered, APBD and worker amounts per calendar month, exact sums over the rows."""
    amounts = [
        (expr * pl.col(PEOPLE)).alias(f"{kind}.{program}.{period.index}")
        for period in part.periods
        for program, pair in person_amounts(part.group, period).items()
        for kind, expr in zip(("apbd", "worker"), pair, strict=True)
    ]
    by_span = (
        part.rows.lazy()
        .with_columns(amounts)
        .group_by("start_month", "end_month")
        .agg(pl.col(PEOPLE).cast(pl.Int64).sum(), pl.col(r"^(apbd|worker)\..*$").sum())
        .collect()
    )
    sums: MonthSums = {"people": list(NO_MONTHS)}
    for program in part.group.programs:
        sums[f"apbd.{program}"], sums[f"worker.{program}"] = list(NO_MONTHS), list(NO_MONTHS)
    for span in by_span.iter_rows(named=True):
        for month in range(span["start_month"], span["end_month"] + 1):
            _add_month(sums, span, month, part.period_of(month).index)
    return sums


def _add_month(sums: MonthSums, span: dict[str, int], month: int, index: int) -> None:
    sums["people"][month - 1] += span["people"]
    for name, months in sums.items():
        if name != "people":
            months[month - 1] += span[f"{name}.{index}"]


def probes(part: GroupRows) -> Iterator[Group]:
    """One copy of the group per rate period (and per band used in it) for engine.rates_used,
    covering the period's first month only: every month of a period has the same rates."""
    for period in part.periods:
        span = {"start_month": period.first, "end_month": period.first}
        if not period.bands:
            yield part.group.model_copy(update=span)
        for number in part.bands.get(period.index, []):
            income = period.bands[number - 1].lower  # the lowest income in band `number`
            yield part.group.model_copy(update={**span, "declared_income": income})


def person_frame(part: GroupRows) -> pl.DataFrame:
    """The per-person columns of one group's rows, with their position in the roster."""
    amounts = {period.index: person_amounts(part.group, period) for period in part.periods}
    columns: list[pl.Expr] = []
    worker: list[pl.Expr] = []
    for program in part.group.programs:
        monthly, annual = [], []
        for period in part.periods:
            apbd, worker_part = amounts[period.index][program]
            in_period = pl.col("start_month").is_between(period.first, period.last)
            monthly.append(pl.when(in_period).then(apbd))
            annual.append(period.months() * apbd)
            worker.append(period.months() * worker_part)
        columns.append(pl.coalesce(monthly).alias(f"{program}_monthly"))
        columns.append(pl.sum_horizontal(annual).alias(f"{program}_annual"))
    apbd_annual = pl.sum_horizontal(f"{p}_annual" for p in part.group.programs)
    lazy = part.rows.lazy().select(
        "row", *columns, pl.sum_horizontal(worker).alias("worker_annual")
    )
    return lazy.with_columns(apbd_annual.alias("apbd_annual")).collect()
