"""Cost a roster of accepted participants: a Budget of its groups and a per-person table.

Both evaluate the engine's own premium rules (`engine.rules.PremiumRule`, on columns: see
`roster.premiums`); a roster whose rows all carry their group's own income or wage and months
costs exactly what `engine.premiums.estimate` gives for the scenario with headcount = rows. How a
roster is summed into a Budget:

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

The queries are few whatever the number of groups: one `group_by` for the people alike, one for
what each group needs to know of its rows (`GroupStats`), then one batch for every group's sums
and bands, which polars runs side by side.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

import polars as pl

from jamsostek_budget.engine.budget import NO_MONTHS, Budget, GroupLine, ProgramLine
from jamsostek_budget.engine.premiums import (
    Snapshots,
    month_snapshots,
    rates_used,
    reliefs_applied,
)
from jamsostek_budget.model.fields import PROGRAMS, year_month
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Group, Scenario
from jamsostek_budget.roster.groups import PEOPLE, PERSON_FIELDS, GroupRows, split_groups
from jamsostek_budget.roster.premiums import person_amounts

IDENTITY = ("line", "nik", "name", "group")  # after a workbook row's "sheet"
MonthSums = dict[str, list[int]]  # "people", "apbd.<program>", "worker.<program>" -> 12 months
Bands = dict[int, list[int]]  # period index -> the band numbers of the people covered in it


def roster_budget(accepted: pl.DataFrame, scenario: Scenario, table: RateTable) -> Budget:
    """The Budget of the accepted rows, one line per scenario group (see the module docstring)."""
    snapshots = month_snapshots(table, scenario.fiscal_year)
    alike = people_alike(accepted)
    parts = split_groups(alike, scenario, snapshots)
    sums, bands = group_sums(parts.values())
    saved = reliefs_saved(alike, scenario, snapshots, sums)
    lines = tuple(
        group_line(group, parts[group.id], sums[group.id], bands[group.id], saved.get(group.id, 0))
        if group.id in parts
        else empty_line(group)
        for group in scenario.groups
    )
    costed = scenario.model_copy(update={"groups": [line.group for line in lines]})
    groups = probes(parts.values(), bands, scenario.fiscal_year)
    probe = scenario.model_copy(update={"groups": groups})
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
    frames = pl.collect_all([person_frame(part) for part in parts.values()])
    costs = pl.concat(frames, how="diagonal").sort("row") if frames else pl.DataFrame()
    missing = [pl.lit(None, pl.Int64).alias(name) for name in names if name not in costs.columns]
    costs = costs.with_columns(missing).select(pl.col(names).cast(pl.Int64))
    identity = ["sheet", *IDENTITY] if "sheet" in accepted.columns else list(IDENTITY)
    return pl.concat([accepted.select(identity), costs], how="horizontal")


def person_columns(scenario: Scenario) -> list[str]:
    programs = [p for p in PROGRAMS if any(p in group.programs for group in scenario.groups)]
    per_program = [f"{p}_{kind}" for p in programs for kind in ("monthly", "annual")]
    return [*per_program, "apbd_annual", "worker_annual"]


def people_alike(accepted: pl.DataFrame) -> pl.DataFrame:
    """The accepted rows counted (PEOPLE) per group and PERSON_FIELDS: people who pay the same."""
    alike = accepted.lazy().group_by("group", *PERSON_FIELDS).agg(pl.len().alias(PEOPLE))
    return alike.collect()


def group_sums(parts: Iterable[GroupRows]) -> tuple[dict[str, MonthSums], dict[str, Bands]]:
    """Per group id: its sums per calendar month and the bands of its people, in one batch."""
    parts = list(parts)
    results = pl.collect_all([plan for part in parts for plan in _plans(part)])
    sums, bands = {}, {}
    for part, by_span, numbers in zip(parts, results[::2], results[1::2], strict=True):
        sums[part.group.id] = month_sums(part, by_span)
        bands[part.group.id] = band_numbers(part, numbers)
    return sums, bands


def _plans(part: GroupRows) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """(the amounts per span of months, the band numbers per period) of one group's rows."""
    amounts = [
        (expr * pl.col(PEOPLE)).alias(f"{kind}.{program}.{period.index}")
        for period in part.periods
        for program, pair in person_amounts(part.group, period).items()
        for kind, expr in zip(("apbd", "worker"), pair, strict=True)
    ]
    by_span = (
        part.banded()
        .with_columns(amounts)
        .group_by("start_month", "end_month")
        .agg(pl.col(PEOPLE).cast(pl.Int64).sum(), pl.col(r"^(apbd|worker)\..*$").sum())
    )
    numbers = [
        (period.band_index() + 1)
        .filter(period.months() > 0)
        .unique()
        .sort()
        .implode()
        .alias(str(period.index))
        for period in part.periods
        if period.bands
    ]
    return by_span, part.banded().select(numbers or [pl.lit(None)])


def month_sums(part: GroupRows, by_span: pl.DataFrame) -> MonthSums:
    """People covered, APBD and worker amounts per calendar month, exact sums over the rows."""
    names = [f"{kind}.{p}" for p in part.group.programs for kind in ("apbd", "worker")]
    sums: MonthSums = {name: list(NO_MONTHS) for name in ["people", *names]}
    period = {month: part.period_of(month).index for month in part.stats.months}
    for span in by_span.iter_rows(named=True):
        for month in range(span["start_month"], span["end_month"] + 1):
            sums["people"][month - 1] += span["people"]
            for name in names:
                sums[name][month - 1] += span[f"{name}.{period[month]}"]
    return sums


def band_numbers(part: GroupRows, found: pl.DataFrame) -> Bands:
    """Per period index: the band numbers of the people covered in it (bpu only)."""
    banded = [period.index for period in part.periods if period.bands]
    return {index: list(numbers) for index, numbers in zip(banded, found.row(0), strict=False)}


def empty_line(group: Group) -> GroupLine:
    """The line of a group without accepted rows: nobody, nothing to pay, no band."""
    empty = tuple(ProgramLine(p, NO_MONTHS, NO_MONTHS, NO_MONTHS) for p in group.programs)
    return GroupLine(group.model_copy(update={"headcount": 0}), None, empty)


def reliefs_saved(
    alike: pl.DataFrame, scenario: Scenario, snapshots: Snapshots, sums: dict[str, MonthSums]
) -> dict[str, int]:
    """Per group: the APBD a year the reliefs save against normal rates (as the engine's
    GroupLine.relief): the same rows costed once more without reliefs, only in a year that has
    any."""
    if not any(snapshot.reliefs for snapshot in snapshots.values()):
        return {}
    normal = {month: replace(snapshot, reliefs=()) for month, snapshot in snapshots.items()}
    full, _ = group_sums(split_groups(alike, scenario, normal).values())
    return {
        group_id: sum(
            sum(full[group_id][name]) - sum(sums[group_id][name])
            for name in sums[group_id]
            if name.startswith("apbd.")
        )
        for group_id in sums
    }


def group_line(
    group: Group, part: GroupRows, sums: MonthSums, bands: Bands, relief: int = 0
) -> GroupLine:
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
    stats = part.stats
    update = {
        "headcount": stats.headcount,
        "start_month": stats.start_month,
        "end_month": stats.end_month,
    }
    numbers = {number for period_numbers in bands.values() for number in period_numbers}
    band = numbers.pop() if len(numbers) == 1 else None
    return GroupLine(group.model_copy(update=update), band, lines, relief)


def _average(amount: int, people: int) -> int:
    """amount / people rounded half up; 0 when nobody is covered."""
    return (2 * amount + people) // (2 * people) if people else 0


def probes(parts: Iterable[GroupRows], bands: Mapping[str, Bands], year: int) -> list[Group]:
    """For engine.rates_used: one copy of a group per rate period (and per band used in it),
    covering the period's first month only, as every month of a period has the same rates; one
    copy for all the groups that pay the same rates (same segment, programs, risk class, sector,
    payer and enrolment, which a copy keeps though its start_month moves)."""
    found: dict[tuple[object, ...], Group] = {}
    for part in parts:
        group = part.group
        enrolled = year_month(group.enrolment(year))
        alike = (group.segment, *group.programs, group.risk_class, group.sector, group.apbd_paid)
        for span in _probe_updates(part, bands[group.id]):
            update = span | {"enrolled": enrolled}
            key = (*alike, *update.values())
            if key not in found:
                found[key] = group.model_copy(update=update)
    return list(found.values())


def _probe_updates(part: GroupRows, bands: Bands) -> Iterator[dict[str, int | str | None]]:
    for period in part.periods:
        span: dict[str, int | str | None] = {"start_month": period.first, "end_month": period.first}
        if not period.bands:
            yield span | {"declared_income": part.group.declared_income}
        for number in bands.get(period.index, []):
            income = period.bands[number - 1].lower  # the lowest income in band `number`
            yield span | {"declared_income": income}


def person_frame(part: GroupRows) -> pl.LazyFrame:
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
    lazy = part.banded().select("row", *columns, pl.sum_horizontal(worker).alias("worker_annual"))
    return lazy.with_columns(apbd_annual.alias("apbd_annual"))
