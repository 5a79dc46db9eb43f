"""Premium rules as data: the one place that knows a tariff.

For a group and a program, `tariff` names the rate parameters the premium is computed from and
on what base; for a contribution month, `premium_rule` resolves those names in the month's rate
snapshot, with the group's reliefs, into a frozen `PremiumRule` of exact fractions. The scalar
estimate (`engine.premiums`) evaluates a rule on one person's base with `PremiumRule.premium`;
the roster (`roster.premiums`) evaluates the same rule objects on columns. Neither knows a
parameter name.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from jamsostek_budget.errors import UsageError
from jamsostek_budget.i18n import _
from jamsostek_budget.model.bands import BandVersion
from jamsostek_budget.model.fields import Program
from jamsostek_budget.model.minimum_wage import WageFloor
from jamsostek_budget.model.rates import Relief
from jamsostek_budget.model.ratetable import RateSnapshot, RatesNotInForceError
from jamsostek_budget.model.scenario import Group
from jamsostek_budget.money import round_rupiah

# band nominal (bpu), a flat amount (bpu JKM), the wage, or the wage up to a cap (JP)
BaseKind = Literal["nominal", "flat", "wage", "capped_wage"]
Payer = Literal["employer", "worker"]
HUNDRED = Fraction(100)


@dataclass(frozen=True)
class Premium:
    """One person's premium for one program in one month, split by who pays it."""

    employer: int  # for bpu: the whole premium, paid by the Pemda
    worker: int


@dataclass(frozen=True)
class Tariff:
    """What a program's premium is computed from, by parameter name, before any date."""

    base: BaseKind
    employer: str | None = None  # the employer's rate (percent); None: the whole flat amount
    worker: str | None = None  # the worker's rate (percent); None: the worker pays nothing
    amount: str | None = None  # the flat amount, or the wage cap (Rupiah)

    @property
    def names(self) -> tuple[str, ...]:
        """The parameters in the order rates are cited: employer, worker, amount."""
        return tuple(name for name in (self.employer, self.worker, self.amount) if name)


def tariff(group: Group, program: Program) -> Tariff:
    """The tariff of a group's premium for a program: the only function naming rate parameters.

    BPU: JKK and JHT are percentages of the band's nominal income, JKM is flat. PU: percentages
    of the monthly wage (JKK by risk class), JHT and JP split between employer and worker, JP on
    the wage capped at the JP wage cap.
    """
    if group.segment == "bpu":
        if program == "jkm":
            return Tariff("flat", amount="bpu.jkm_flat")
        return Tariff("nominal", employer=f"bpu.{program}_percent")
    if program == "jkk":
        return Tariff("wage", employer=f"pu.jkk_percent.{group.risk_class}")
    if program == "jkm":
        return Tariff("wage", employer="pu.jkm_percent")
    employer, worker = f"pu.{program}_employer_percent", f"pu.{program}_worker_percent"
    if program == "jp":
        return Tariff("capped_wage", employer, worker, amount="pu.jp_wage_cap")
    return Tariff("wage", employer, worker)


def parameter_names(group: Group, program: Program) -> tuple[str, ...]:
    """The rate parameters one group's premium for one program is computed from."""
    return tariff(group, program).names


@dataclass(frozen=True)
class PremiumRule:
    """One program's monthly premium for a group in a month: base x ratio per payer, rounded
    once, half up. A ratio is rate / 100 x the payable share of the reliefs, exact."""

    program: Program
    base: BaseKind
    amount: int  # the flat amount, or the wage cap; 0 otherwise
    employer: Fraction  # for bpu: the whole premium, paid by the Pemda
    worker: Fraction
    parameters: tuple[str, ...]  # the rate parameters the ratios and amount come from
    reliefs: tuple[Relief, ...]  # the reliefs whose payable shares the ratios include

    def ratio(self, payer: Payer) -> Fraction:
        return self.employer if payer == "employer" else self.worker

    def base_of(self, amount: int) -> int:
        """What the rates apply to, for a person whose band nominal (bpu) or wage is `amount`."""
        if self.base == "flat":
            return self.amount
        if self.base == "capped_wage":
            return min(amount, self.amount)
        return amount

    def part(self, payer: Payer, amount: int) -> int:
        """One payer's Rupiah for a person whose band nominal or wage is `amount`."""
        return round_rupiah(self.base_of(amount) * self.ratio(payer))

    def premium(self, amount: int) -> Premium:
        """The premium of a person whose band nominal (bpu) or wage (pu) is `amount`."""
        return Premium(self.part("employer", amount), self.part("worker", amount))


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


def payable_share(reliefs: tuple[Relief, ...]) -> Fraction:
    """The fraction of the normal premium still payable: the reliefs' percentages multiplied."""
    share = Fraction(1)
    for relief in reliefs:
        share *= Fraction(relief.payable_percent) / HUNDRED
    return share


def premium_rule(group: Group, program: Program, snapshot: RateSnapshot) -> PremiumRule:
    """The rule of a group's premium for a program in the snapshot's month."""
    rated = tariff(group, program)
    reliefs = group_reliefs(group, program, snapshot)
    share = payable_share(reliefs)
    amount = snapshot.rupiah(rated.amount) if rated.amount else 0
    employer = share if rated.base == "flat" else _ratio(snapshot, rated.employer) * share
    worker = _ratio(snapshot, rated.worker) * share
    return PremiumRule(program, rated.base, amount, employer, worker, rated.names, reliefs)


def _ratio(snapshot: RateSnapshot, name: str | None) -> Fraction:
    return Fraction(snapshot.percent(name)) / HUNDRED if name else Fraction(0)


def person_base(group: Group, snapshot: RateSnapshot) -> int:
    """A group's person's base amount: the nominal of the band of the declared income (bpu),
    or the monthly wage (pu)."""
    if group.segment == "bpu":
        assert group.declared_income is not None
        return snapshot.band_for(group.declared_income)[1].nominal
    floor = wage_floor(group, snapshot)
    if floor is not None:
        return floor.rupiah
    assert isinstance(group.monthly_wage, int)
    return group.monthly_wage


def wage_floor(group: Group, snapshot: RateSnapshot) -> WageFloor | None:
    """The minimum wage in force that a pu group's wage is (monthly_wage umk or ump), else
    None. The region is the group's (model.expand gives it the scenario's)."""
    if group.monthly_wage not in ("umk", "ump"):
        return None
    if group.wage_region is None:
        raise UsageError(
            _("group {group}: a minimum wage needs a region").format(group=group.id),
            _("add region: the Pemda's Kemendagri code (18.72) to the scenario"),
        )
    return snapshot.wage_floor(group.wage_region, "umk" if group.monthly_wage == "umk" else "ump")


def bands_in_force(snapshot: RateSnapshot) -> BandVersion:
    """The BPU income band table a person's band nominal is looked up in that month."""
    if snapshot.band_version is None:
        raise RatesNotInForceError("bpu.income_bands", snapshot.day)
    return snapshot.band_version
