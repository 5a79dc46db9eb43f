"""Models of a rate file (`rates/*.yaml`): regulations, dated parameters, income bands (see
bands), reliefs.

Every value is dated (effective from) and cites a regulation by id; the regulation registry
(`regulation.Regulation`) gives its title, URL and dates. Rules that involve several fields
(order of dates, contiguous bands, a nominal inside its band) live in validators here, so the
engine can trust what it is given.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, get_args

from pydantic import Field, model_validator

from jamsostek_budget.i18n import _, grouped
from jamsostek_budget.model.bands import BandTable
from jamsostek_budget.model.bounds import (
    MONTHLY_RUPIAH,
    RATE_DECIMALS,
    RELIEF_DECIMALS,
    too_precise,
)
from jamsostek_budget.model.chart import ChartCode
from jamsostek_budget.model.fields import (
    IndonesianLabel,
    Model,
    Number,
    Program,
    Sector,
    Segment,
    Slug,
    ViolationList,
    YearMonth,
    in_force,
    month_number,
    no_items,
)
from jamsostek_budget.model.minimum_wage import AccountCode, MinimumWage
from jamsostek_budget.model.regulation import Citation, Regulation
from jamsostek_budget.model.yearly import check_yearly_change

ParameterName = Literal[
    "bpu.jkk_percent",
    "bpu.jkm_flat",
    "bpu.jht_percent",
    "pu.jkk_percent.very_low",
    "pu.jkk_percent.low",
    "pu.jkk_percent.medium",
    "pu.jkk_percent.high",
    "pu.jkk_percent.very_high",
    "pu.jkm_percent",
    "pu.jht_employer_percent",
    "pu.jht_worker_percent",
    "pu.jp_employer_percent",
    "pu.jp_worker_percent",
    "pu.jp_wage_cap",
    "pu.jkp_employer_percent",
    "benefit.jkm_death",
]
PARAMETER_NAMES: tuple[str, ...] = get_args(ParameterName)
Unit = Literal["percent", "rupiah"]
RUPIAH_PARAMETERS = frozenset({"bpu.jkm_flat", "pu.jp_wage_cap", "benefit.jkm_death"})


def expected_unit(name: str) -> Unit:
    return "rupiah" if name in RUPIAH_PARAMETERS else "percent"


class DatedValue(Citation):
    effective: date
    value: Number
    projected: bool = Field(
        default=False,
        description="a forecast (for example by the PP 45/2015 rule), not a value "
        "announced by BPJS Ketenagakerjaan or set by a regulation",
    )
    assumed_growth_percent: Number | None = Field(
        default=None,
        description="for a projected value: the growth a year it assumes (for the JP wage cap, "
        "the GDP growth of PP 45/2015 Pasal 29 ayat (3))",
    )


class Parameter(Model):
    name: ParameterName
    label: str = Field(min_length=3)
    label_id: IndonesianLabel = None
    unit: Unit
    changes_yearly: bool = Field(
        default=False, description="a new value is expected every year (warn when it runs out)"
    )
    values: list[DatedValue] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_values(self) -> Parameter:
        found = ViolationList()
        if self.unit != expected_unit(self.name):
            found.add(
                ("unit",),
                _("{name} is measured in {unit}, not {given}").format(
                    name=self.name, unit=expected_unit(self.name), given=self.unit
                ),
                _("write unit: {unit}").format(unit=expected_unit(self.name)),
            )
        for index, item in enumerate(self.values):
            _check_value(found, index, item, expected_unit(self.name))
        for index, (before, item) in enumerate(zip(self.values, self.values[1:], strict=False), 1):
            _check_order(found, index, before, item, yearly=self.changes_yearly)
        found.raise_if_any()
        return self

    def in_force(self, day: date) -> DatedValue | None:
        return in_force(self.values, day)


def _check_value(found: ViolationList, index: int, item: DatedValue, unit: Unit) -> None:
    where = ("values", index, "value")
    if unit == "percent" and item.value > 100:
        found.add(
            where,
            _("a rate must be between 0 and 100 percent, got {value}").format(value=item.value),
            _("write percentages as numbers of percent: 0.24 means 0.24 %"),
        )
    precise = too_precise(item.value, RATE_DECIMALS) if unit == "percent" else None
    if precise is not None:
        found.add(where, precise, _("check the digits: write the rate as the regulation does"))
    if unit == "rupiah" and item.value != item.value.to_integral_value():
        found.add(where, _("must be whole Rupiah, got {value}").format(value=item.value))
    if unit == "rupiah" and item.value > MONTHLY_RUPIAH.limit:
        found.add(where, MONTHLY_RUPIAH.message(grouped(item.value)), _(MONTHLY_RUPIAH.hint))


def _check_order(
    found: ViolationList, index: int, before: DatedValue, item: DatedValue, *, yearly: bool
) -> None:
    where = ("values", index, "effective")
    if item.effective == before.effective:
        found.add(
            where,
            _("two values take effect on the same date {date}").format(date=item.effective),
            _("keep one value per date; a correction replaces the old value"),
        )
    elif item.effective < before.effective:
        found.add(
            where,
            _("{date} comes before the previous value's date {previous}").format(
                date=item.effective, previous=before.effective
            ),
            _("list values from the oldest to the newest"),
        )
    elif yearly:
        check_yearly_change(found, ("values", index, "value"), before.value, item.value, item.note)


class Relief(Citation):
    """A temporary discount on some programs for some contribution months, with a scope."""

    id: Slug
    label: str = Field(min_length=3)
    label_id: IndonesianLabel = None
    first_month: YearMonth
    last_month: YearMonth
    segments: list[Segment] = Field(min_length=1)
    programs: list[Program] = Field(min_length=1)
    sectors: list[Sector] | None = Field(default=None, description="omit for every sector")
    applies_to_apbd_paid: bool = Field(
        description="false when the regulation excludes premiums paid from APBN/APBD"
    )
    payable_percent: Number = Field(description="share of the normal premium still payable")
    new_members_full_months: int = Field(
        default=0,
        ge=0,
        le=12,
        description="participants registered from first_month on pay this many first months of "
        "membership in full and get the relief from the next one (PP 49/2020 Pasal 13: 2)",
    )

    @model_validator(mode="after")
    def _check_period(self) -> Relief:
        found = ViolationList()
        if month_number(self.last_month) < month_number(self.first_month):
            found.add(
                ("last_month",),
                _("{last} is before first_month {first}").format(
                    last=self.last_month, first=self.first_month
                ),
            )
        if self.payable_percent > 100:
            found.add(
                ("payable_percent",),
                _("must be 0 to 100, got {value}").format(value=self.payable_percent),
            )
        precise = too_precise(self.payable_percent, RELIEF_DECIMALS)
        if precise is not None:
            found.add(("payable_percent",), precise)
        found.raise_if_any()
        return self

    def covers(self, day: date) -> bool:
        month = day.year * 12 + day.month - 1
        return month_number(self.first_month) <= month <= month_number(self.last_month)

    def grants(self, day: date, enrolled: int | None) -> bool:
        """Whether a participant first registered in month `enrolled` (a month_number; None:
        long before) gets this relief in the month of `day`, which it covers: one registered
        from first_month on pays its first new_members_full_months in full."""
        if enrolled is None or enrolled < month_number(self.first_month):
            return True
        return day.year * 12 + day.month - 1 >= enrolled + self.new_members_full_months


class RatesFile(Model):
    """One file under rates/: any of its sections; the rate table is all files merged."""

    description: str = ""
    regulations: list[Regulation] = Field(default_factory=no_items)
    parameters: list[Parameter] = Field(default_factory=no_items)
    band_tables: list[BandTable] = Field(default_factory=no_items)
    reliefs: list[Relief] = Field(default_factory=no_items)
    minimum_wages: list[MinimumWage] = Field(
        default_factory=no_items,
        description="provincial (UMP) and regency/city (UMK) minimum wages, dated and cited",
    )
    account_codes: list[AccountCode] = Field(
        default_factory=no_items,
        description="chart of accounts codes a staff type's premiums are paid from by default",
    )
    chart_of_accounts: list[ChartCode] = Field(
        default_factory=no_items,
        description="the regional chart of accounts codes premiums are budgeted under, each "
        "with the fiscal years it is listed for",
    )
