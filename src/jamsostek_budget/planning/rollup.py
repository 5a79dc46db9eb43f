"""A province's scenarios added up: per regency or city, per group type and program, and per
payer (the scenario's own Pemda or the province). Every total is a sum of the estimates' own
lines, so the rollup adds up to the sum of the estimates to the Rupiah."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from jamsostek_budget.engine.budget import Budget, GroupLine
from jamsostek_budget.errors import UsageError
from jamsostek_budget.i18n import _
from jamsostek_budget.model.fields import PROGRAMS, Program
from jamsostek_budget.model.province import Payer


@dataclass(frozen=True)
class Place:
    """One scenario of the rollup and who pays its groups."""

    budget: Budget
    paid_by: Payer = "pemda"
    province_pays: frozenset[str] = field(default_factory=frozenset)  # group ids

    @property
    def name(self) -> str:
        return self.budget.scenario.name

    def payer_of(self, line: GroupLine) -> Payer:
        return (
            "province"
            if self.paid_by == "province" or line.group.id in self.province_pays
            else "pemda"
        )


@dataclass(frozen=True)
class Amounts:
    """People and APBD a year, per program, of some groups' lines."""

    people: int
    by_program: dict[Program, int]

    @property
    def annual(self) -> int:
        return sum(self.by_program.values())


def amounts_of(lines: Iterable[GroupLine]) -> Amounts:
    lines = list(lines)
    by_program = {p: sum(line.by_program.get(p, 0) for line in lines) for p in PROGRAMS}
    return Amounts(sum(line.group.headcount for line in lines), by_program)


@dataclass(frozen=True)
class PlaceTotal:
    place: Place
    all: Amounts
    pemda: int  # what the scenario's own Pemda pays a year
    province: int  # what the province pays a year for the scenario's groups


@dataclass(frozen=True)
class TypeTotal:
    """The lines of one group type: a staff type, or a segment and label when none is given."""

    staff_type: str | None
    segment: str | None  # None when staff_type is given
    label: str | None
    amounts: Amounts


@dataclass(frozen=True)
class Rollup:
    province: str | None  # None: scenarios given one by one, each paid by its own Pemda
    fiscal_year: int
    places: tuple[PlaceTotal, ...]
    types: tuple[TypeTotal, ...]
    total: Amounts

    @property
    def province_pays(self) -> int:
        return sum(place.province for place in self.places)


def rollup(places: list[Place], province: str | None = None) -> Rollup:
    """The places added up. All must be for the same fiscal year (refused otherwise)."""
    years = {place.budget.fiscal_year for place in places}
    if len(years) > 1:
        each = ", ".join(f"{place.name} {place.budget.fiscal_year}" for place in places)
        raise UsageError(
            _(
                "the scenarios are for different fiscal years ({each}): a rollup adds one year"
            ).format(each=each),
            _("give scenarios of one fiscal year, or one with @YEAR (metro@2026)"),
        )
    totals = tuple(_place_total(place) for place in places)
    every_line = [line for place in places for line in place.budget.lines]
    return Rollup(province, years.pop(), totals, _types(every_line), amounts_of(every_line))


def _place_total(place: Place) -> PlaceTotal:
    lines = place.budget.lines
    province = sum(line.annual for line in lines if place.payer_of(line) == "province")
    return PlaceTotal(place, amounts_of(lines), place.budget.annual - province, province)


def _types(lines: list[GroupLine]) -> tuple[TypeTotal, ...]:
    """Staff types first, in the order met; then segment and label, in the order met."""
    keyed: dict[tuple[str | None, str | None, str | None], list[GroupLine]] = {}
    for line in lines:
        group = line.group
        key = (
            (group.staff_type, None, None)
            if group.staff_type
            else (None, group.segment, group.label)
        )
        keyed.setdefault(key, []).append(line)
    ordered = sorted(keyed.items(), key=lambda item: item[0][0] is None)
    return tuple(TypeTotal(*key, amounts_of(found)) for key, found in ordered)
