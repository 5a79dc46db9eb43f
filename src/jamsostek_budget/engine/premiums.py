"""The calculation engine: a scenario and the rate table in, a Budget of integer Rupiah out.

Each contribution month uses the rates in force on the 1st of that month. A premium is computed
exactly per person, per program, per month and per payer, rounded once (half up), then multiplied
by the headcount; every total is a sum of those rounded parts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
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
from jamsostek_budget.model.fields import Program
from jamsostek_budget.model.rates import Relief
from jamsostek_budget.model.ratetable import RateSnapshot, RateTable
from jamsostek_budget.model.scenario import Group, Scenario
from jamsostek_budget.money import HUNDRED, percent_of, round_rupiah

Snapshots = Mapping[int, RateSnapshot]  # calendar month (1-12) -> rates in force on its 1st


@dataclass(frozen=True)
class Premium:
    """One person's premium for one program in one month, split by who pays it."""

    employer: int  # for bpu: the whole premium, paid by the Pemda
    worker: int


def estimate(scenario: Scenario, table: RateTable) -> Budget:
    snapshots = month_snapshots(table, scenario.fiscal_year)
    lines = tuple(group_line(group, snapshots) for group in scenario.groups)
    used = rates_used(scenario, table, snapshots)
    reliefs = reliefs_applied(scenario, snapshots)
    cited = [use.regulation.id for use in used] + [relief.regulation for relief in reliefs]
    regulations = tuple(table.regulations[name] for name in dict.fromkeys(cited))
    return Budget(scenario, lines, used, reliefs, regulations)


def month_snapshots(table: RateTable, year: int) -> dict[int, RateSnapshot]:
    return {month: table.at(date(year, month, 1)) for month in range(1, 13)}


def group_line(group: Group, snapshots: Snapshots) -> GroupLine:
    programs = tuple(program_line(group, program, snapshots) for program in group.programs)
    band = None
    if group.segment == "bpu" and group.declared_income is not None:
        band = snapshots[group.start_month].band_for(group.declared_income)[0]
    return GroupLine(group, band, programs)


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


def group_reliefs(group: Group, program: Program, snapshot: RateSnapshot) -> tuple[Relief, ...]:
    """The reliefs a group's premium for a program gets in the snapshot's month: its scope,
    and when its participants were registered (PP 49/2020 Pasal 13)."""
    return snapshot.reliefs_for(
        group.segment,
        program,
        group.sector,
        apbd_paid=group.apbd_paid,
        enrolled=group.enrolment(snapshot.day.year),
    )


def group_share(group: Group, program: Program, snapshot: RateSnapshot) -> Decimal:
    """The fraction of the normal premium the group pays for a program that month (1 unless a
    relief applies: the reliefs' payable percentages multiplied)."""
    share = Decimal(1)
    for relief in group_reliefs(group, program, snapshot):
        share = share * relief.payable_percent / HUNDRED
    return share


def person_premium(group: Group, program: Program, snapshot: RateSnapshot) -> Premium:
    share = group_share(group, program, snapshot)
    employer, worker = (bpu_exact if group.segment == "bpu" else pu_exact)(group, program, snapshot)
    return Premium(round_rupiah(employer * share), round_rupiah(worker * share))


def bpu_exact(group: Group, program: Program, snapshot: RateSnapshot) -> tuple[Decimal, Decimal]:
    """BPU: JKK and JHT are percentages of the band's nominal income; JKM is flat."""
    assert group.declared_income is not None
    band = snapshot.band_for(group.declared_income)[1]
    if program == "jkm":
        return Decimal(snapshot.rupiah("bpu.jkm_flat")), Decimal(0)
    return percent_of(band.nominal, snapshot.percent(f"bpu.{program}_percent")), Decimal(0)


def pu_exact(group: Group, program: Program, snapshot: RateSnapshot) -> tuple[Decimal, Decimal]:
    """PU: percentages of the monthly wage; JP on the wage capped at the JP wage cap."""
    assert group.monthly_wage is not None
    wage = group.monthly_wage
    if program == "jkk":
        return percent_of(wage, snapshot.percent(f"pu.jkk_percent.{group.risk_class}")), Decimal(0)
    if program == "jkm":
        return percent_of(wage, snapshot.percent("pu.jkm_percent")), Decimal(0)
    if program == "jp":
        wage = min(wage, snapshot.rupiah("pu.jp_wage_cap"))
    return (
        percent_of(wage, snapshot.percent(f"pu.{program}_employer_percent")),
        percent_of(wage, snapshot.percent(f"pu.{program}_worker_percent")),
    )


def parameter_names(group: Group, program: Program) -> tuple[str, ...]:
    """The rate parameters one group's premium for one program is computed from."""
    if group.segment == "bpu":
        return ("bpu.jkm_flat",) if program == "jkm" else (f"bpu.{program}_percent",)
    if program == "jkk":
        return (f"pu.jkk_percent.{group.risk_class}",)
    if program == "jkm":
        return ("pu.jkm_percent",)
    names = (f"pu.{program}_employer_percent", f"pu.{program}_worker_percent")
    return (*names, "pu.jp_wage_cap") if program == "jp" else names


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
                )
        if group.segment == "bpu" and group.declared_income is not None:
            band_use = _band_use(group.declared_income, snapshot, table)
            used[(band_use.name, band_use.effective)] = band_use
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
