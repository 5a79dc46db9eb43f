"""The calculation engine: a scenario and the rate table in, a Budget of integer Rupiah out.

Each contribution month uses the rates in force on the 1st of that month. A premium is computed
exactly per person, per program, per month and per payer by the month's premium rule
(`engine.rules`), rounded once (half up), then multiplied by the headcount; every total is a sum
of those rounded parts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from jamsostek_budget.engine.budget import (
    NO_MONTHS,
    Budget,
    GroupLine,
    Months,
    ProgramLine,
    RateUse,
)
from jamsostek_budget.engine.rules import (
    Premium,
    group_reliefs,
    parameter_names,
    person_base,
    premium_rule,
    wage_floor,
)
from jamsostek_budget.model.expand import expanded
from jamsostek_budget.model.fields import Program
from jamsostek_budget.model.minimum_wage import WageFloor
from jamsostek_budget.model.rates import Relief
from jamsostek_budget.model.ratetable import RateSnapshot, RateTable
from jamsostek_budget.model.scenario import Group, Scenario

Snapshots = Mapping[int, RateSnapshot]  # calendar month (1-12) -> rates in force on its 1st


def estimate(scenario: Scenario, table: RateTable) -> Budget:
    """The budget of a scenario: one line per group as the engine costs it (model.expand: a
    change of type and a split between funding sources are lines of their own)."""
    scenario = with_account_codes(expanded(scenario), table)
    snapshots = month_snapshots(table, scenario.fiscal_year)
    lines = tuple(group_line(group, snapshots) for group in scenario.groups)
    used = rates_used(scenario, table, snapshots)
    reliefs = reliefs_applied(scenario, snapshots)
    cited = [use.regulation.id for use in used] + [relief.regulation for relief in reliefs]
    regulations = tuple(table.regulations[name] for name in dict.fromkeys(cited))
    return Budget(scenario, lines, used, reliefs, regulations)


def with_account_codes(scenario: Scenario, table: RateTable) -> Scenario:
    """A PPPK paruh waktu group that gives no budget code for a program pays it from its job
    title's code of the fiscal year, where the rate table lists one (rates/account-codes.yaml)."""
    groups = []
    for group in scenario.groups:
        codes = dict(group.budget_codes)
        if group.staff_type is not None and group.job_title is not None:
            for program in group.programs:
                found = table.account_code(
                    group.staff_type, group.job_title, program, scenario.fiscal_year
                )
                if found is not None:
                    codes.setdefault(program, found)
        changed = codes != group.budget_codes
        groups.append(group.model_copy(update={"budget_codes": codes}) if changed else group)
    if all(a is b for a, b in zip(groups, scenario.groups, strict=True)):
        return scenario
    return scenario.model_copy(update={"groups": groups})


def month_snapshots(table: RateTable, year: int) -> dict[int, RateSnapshot]:
    return {month: table.at(date(year, month, 1)) for month in range(1, 13)}


def group_line(group: Group, snapshots: Snapshots) -> GroupLine:
    programs = tuple(program_line(group, program, snapshots) for program in group.programs)
    band = None
    if group.segment == "bpu" and group.declared_income is not None:
        band = snapshots[group.start_month].band_for(group.declared_income)[0]
    relieved = [month for month in group.months if snapshots[month].reliefs]
    relief = 0
    if relieved:  # what the reliefs save: the same months at normal rates, less what is paid
        normal = {month: replace(snapshots[month], reliefs=()) for month in relieved}
        full = {**snapshots, **normal}
        relief = sum(program_line(group, p, full).annual for p in group.programs) - sum(
            line.annual for line in programs
        )
    return GroupLine(group, band, programs, relief)


def program_line(group: Group, program: Program, snapshots: Snapshots) -> ProgramLine:
    per_person, worker_per_person = list(NO_MONTHS), list(NO_MONTHS)
    for month in group.months:
        premium = person_premium(group, program, snapshots[month])
        apbd_part, worker_part = split_payers(group, premium)
        per_person[month - 1] = apbd_part
        worker_per_person[month - 1] = worker_part
    return ProgramLine(
        program,
        tuple(per_person),
        _times(per_person, group.headcount),
        _times(worker_per_person, group.headcount),
    )


def split_payers(group: Group, premium: Premium) -> tuple[int, int]:
    """(paid from the APBD, deducted from wages) for one person-month."""
    if group.apbd_pays_worker_share:
        return premium.employer + premium.worker, 0
    return premium.employer, premium.worker


def _times(per_person: list[int], headcount: int) -> Months:
    return tuple(amount * headcount for amount in per_person)


def person_premium(group: Group, program: Program, snapshot: RateSnapshot) -> Premium:
    """One person's premium: the group's premium rule evaluated on its band nominal or wage."""
    base = person_base(group, snapshot)
    return premium_rule(group, program, snapshot).premium(base)


def _group_months(scenario: Scenario) -> Iterator[tuple[Group, int]]:
    for group in scenario.groups:
        for month in group.months:
            yield group, month


def rates_used(scenario: Scenario, table: RateTable, snapshots: Snapshots) -> tuple[RateUse, ...]:
    used: dict[tuple[str, date], RateUse] = {}
    for group, month in _group_months(scenario):
        snapshot = snapshots[month]
        for program in group.programs:
            for name in parameter_names(group, program):
                value = snapshot.value(name)
                parameter = table.parameters[name]
                used[(name, value.effective)] = RateUse(
                    name,
                    parameter.label,
                    parameter.unit,
                    value.value,
                    value.effective,
                    table.regulations[value.regulation],
                    value.article,
                    value.confidence,
                    value.last_checked,
                    value.projected,
                    value.assumed_growth_percent,
                    label_id=parameter.label_id,
                )
        if group.segment == "bpu" and group.declared_income is not None:
            band_use = _band_use(group.declared_income, snapshot, table)
            used[(band_use.name, band_use.effective)] = band_use
        floor = wage_floor(group, snapshot)
        if floor is not None:
            wage_use = _wage_use(floor, table)
            used[(wage_use.name, wage_use.effective)] = wage_use
    return tuple(used[key] for key in sorted(used))


def _band_use(declared_income: int, snapshot: RateSnapshot, table: RateTable) -> RateUse:
    """The income band a declared income falls in, cited like any other rate."""
    number, band = snapshot.band_for(declared_income)
    version = snapshot.band_version
    assert version is not None
    return RateUse(
        f"bpu.income_bands[{number:02d}]",
        None,  # the renderers name a band from its number, in the report's language
        "rupiah",
        Decimal(band.nominal),
        version.effective,
        table.regulations[version.regulation],
        version.article.split(" (")[0],
        band.confidence or version.confidence,
        version.last_checked,
        band=number,
    )


def _wage_use(floor: WageFloor, table: RateTable) -> RateUse:
    """The minimum wage a group's wage is, cited by its decree and the national rule."""
    value = floor.value
    assert value.value is not None
    kind = floor.entry.kind.upper()
    return RateUse(
        f"minimum_wage.{floor.entry.region}",
        f"{kind} {floor.entry.name}",
        "rupiah",
        value.value,
        value.effective,
        table.regulations[value.regulation],
        value.decree or "",
        value.confidence,
        value.last_checked,
        value.projected,
        value.assumed_growth_percent,
        label_id=f"{kind} {floor.entry.name}",
    )


def reliefs_applied(scenario: Scenario, snapshots: Snapshots) -> tuple[Relief, ...]:
    applied: dict[str, Relief] = {}
    for group, month in _group_months(scenario):
        for program in group.programs:
            for relief in group_reliefs(group, program, snapshots[month]):
                applied[relief.id] = relief
    return tuple(applied.values())


@dataclass(frozen=True)
class BandPremium:
    number: int
    lower: int
    upper: int | None
    nominal: int
    premiums: dict[Program, int]  # per person per month, paid from the APBD

    @property
    def basic(self) -> int:
        """The JKK + JKM package every Pemda pays (Rp16,800 in band 1)."""
        return self.premiums["jkk"] + self.premiums["jkm"]

    @property
    def with_jht(self) -> int:
        return self.basic + self.premiums["jht"]


def band_premiums(snapshot: RateSnapshot) -> list[BandPremium]:
    """The monthly BPU premium of every income band for an APBD-paid participant."""
    if snapshot.band_version is None:
        return []
    rows = []
    for number, band in enumerate(snapshot.band_version.bands, 1):
        probe = Group(
            id="band",
            label="band",
            segment="bpu",
            headcount=1,
            declared_income=band.nominal,  # in the band (rates check it); never 0
            programs=["jkk", "jkm", "jht"],
        )
        premiums = {p: person_premium(probe, p, snapshot).employer for p in probe.programs}
        rows.append(BandPremium(number, band.lower, band.upper, band.nominal, premiums))
    return rows
