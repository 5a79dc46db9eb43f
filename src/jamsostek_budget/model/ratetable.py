"""The rate table (all rate files merged) and the snapshot of what is in force on one day.

The engine only ever sees a RateSnapshot: it never walks dated history itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from jamsostek_budget.errors import JbudgetError, UsageError
from jamsostek_budget.i18n import _
from jamsostek_budget.model.bands import Band, BandTable, BandVersion
from jamsostek_budget.model.chart import ChartCode
from jamsostek_budget.model.fields import Program, Sector, Segment
from jamsostek_budget.model.minimum_wage import (
    AccountCode,
    MinimumWage,
    MinimumWageKind,
    WageFloor,
    province_of,
)
from jamsostek_budget.model.rates import DatedValue, Parameter, Relief
from jamsostek_budget.model.regulation import Regulation


class RatesNotInForceError(JbudgetError):
    """A rate was asked for on a day before its first dated value."""

    def __init__(self, name: str, day: date) -> None:
        self.name = name
        self.day = day
        super().__init__(
            _("no value of {name} is in force on {date}").format(name=name, date=day.isoformat())
        )


@dataclass(frozen=True)
class RateTable:
    regulations: Mapping[str, Regulation]
    parameters: Mapping[str, Parameter]
    bands: BandTable
    reliefs: tuple[Relief, ...]
    minimum_wages: Mapping[str, MinimumWage] = field(default_factory=dict)  # by region code
    account_codes: tuple[AccountCode, ...] = ()
    chart: tuple[ChartCode, ...] = ()  # the chart of accounts, every year's codes

    def at(self, day: date) -> RateSnapshot:
        values = {name: v for name, p in self.parameters.items() if (v := p.in_force(day))}
        in_force = [v for v in self.bands.versions if v.effective <= day]
        reliefs = tuple(r for r in self.reliefs if r.covers(day))
        return RateSnapshot(
            day, values, in_force[-1] if in_force else None, reliefs, self.minimum_wages
        )

    def account_code(self, staff_type: str, job_title: str, program: str, year: int) -> str | None:
        """The code a staff type's job title pays a program from in a fiscal year, if listed."""
        for code in self.account_codes:
            wanted = (code.staff_type, code.job_title, code.program) == (
                staff_type,
                job_title,
                program,
            )
            if wanted and code.from_year <= year:
                return code.code
        return None

    def job_titles(self, staff_type: str) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(c.job_title for c in self.account_codes if c.staff_type == staff_type)
        )

    def first_day(self) -> date | None:
        """The first day any rate is in force (None for a table without any)."""
        days = [p.values[0].effective for p in self.parameters.values() if p.values]
        days += [version.effective for version in self.bands.versions[:1]]
        return min(days, default=None)

    def first_effective(self, name: str) -> date:
        return self.parameters[name].values[0].effective


@dataclass(frozen=True)
class RateSnapshot:
    """Every rate in force on one day (the 1st of a contribution month)."""

    day: date
    values: Mapping[str, DatedValue]
    band_version: BandVersion | None
    reliefs: tuple[Relief, ...]
    minimum_wages: Mapping[str, MinimumWage] = field(default_factory=dict)

    def value(self, name: str) -> DatedValue:
        try:
            return self.values[name]
        except KeyError:
            raise RatesNotInForceError(name, self.day) from None

    def percent(self, name: str) -> Decimal:
        return self.value(name).value

    def rupiah(self, name: str) -> int:
        return int(self.value(name).value)

    def band_for(self, declared_income: int) -> tuple[int, Band]:
        """The 1-based band number and band of a declared income; above the top, the top band."""
        if self.band_version is None:
            raise RatesNotInForceError("bpu.income_bands", self.day)
        bands = self.band_version.bands
        number = max(i for i, band in enumerate(bands, 1) if band.lower <= declared_income)
        return number, bands[number - 1]

    def reliefs_for(
        self,
        segment: Segment,
        program: Program,
        sector: Sector,
        *,
        apbd_paid: bool,
        enrolled: int | None = None,
    ) -> tuple[Relief, ...]:
        """The reliefs this month for a scope; `enrolled`: the month_number the participants
        were registered in (None: before any relief), see Relief.grants."""
        return tuple(
            r
            for r in self.reliefs
            if segment in r.segments
            and program in r.programs
            and (r.sectors is None or sector in r.sectors)
            and (r.applies_to_apbd_paid or not apbd_paid)
            and r.grants(self.day, enrolled)
        )

    def wage_floor(self, region: str, kind: MinimumWageKind) -> WageFloor:
        """The minimum wage in force: the region's UMK (or, when none was set that year, its
        province's UMP), or the province's UMP. A value from an earlier year is used, marked
        stale, when the table has none yet for this year."""
        if kind == "umk":
            entry = self.minimum_wages.get(region)
            if entry is None or "." not in region:
                raise MinimumWageMissingError(region, kind, self.day)
            value = entry.in_force(self.day)
            if value is not None and value.value is not None:
                return WageFloor(entry, value, kind, value.effective.year < self.day.year)
            if value is None:
                raise MinimumWageMissingError(region, kind, self.day)
        province = self.minimum_wages.get(province_of(region))
        found = province.in_force(self.day) if province else None
        if province is None or found is None or found.value is None:
            raise MinimumWageMissingError(province_of(region), "ump", self.day)
        return WageFloor(province, found, kind, found.effective.year < self.day.year)


class MinimumWageMissingError(UsageError):
    """No minimum wage of a region is in force on a day."""

    def __init__(self, region: str, kind: MinimumWageKind, day: date) -> None:
        self.region = region
        super().__init__(
            _("no {kind} of region {region} is in force on {date}").format(
                kind=kind.upper(), region=region, date=day.isoformat()
            ),
            _(
                "add its dated value, with the decree, to minimum_wages: in a rate file "
                "(rates/minimum-wages.yaml), or write the wage in Rupiah"
            ),
        )
