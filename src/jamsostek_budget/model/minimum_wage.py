"""Minimum wages as dated, cited data (`minimum_wages:` in a rate file): the provincial minimum
wage (UMP) of a province and the regency/city minimum wage (UMK), each value in force from a day
(1 January) and citing the governor's decree and the national rule it applies.

A region is named by its Kemendagri code: `18` for Lampung, `18.72` for Kota Metro. A regency
or city that sets no UMK for a year records it with `value: null`: its workers' floor that year
is the province's UMP. A decree may give sen (Rp2,327,386.07); a wage paid at the minimum is
whole Rupiah at or above it, so `monthly_wage: umk` is the value rounded up to the Rupiah.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import Literal

from pydantic import Field, model_validator

from jamsostek_budget.i18n import _, grouped
from jamsostek_budget.model.bounds import MONTHLY_RUPIAH, too_precise
from jamsostek_budget.model.fields import Confidence, Model, Number, ViolationList, in_force
from jamsostek_budget.model.funding import JobTitle
from jamsostek_budget.model.regulation import Citation
from jamsostek_budget.model.yearly import check_yearly_change

MinimumWageKind = Literal["ump", "umk"]
REGION = r"^[1-9][0-9](\.[0-9]{2})?$"
SEN_DECIMALS = 2


def province_of(region: str) -> str:
    """The province code of a region code: `18.72` -> `18`."""
    return region.split(".", maxsplit=1)[0]


def kind_of(region: str) -> MinimumWageKind:
    """A province has a UMP, a regency or city a UMK."""
    return "umk" if "." in region else "ump"


class MinimumWageValue(Citation):
    effective: date = Field(description="in force from (1 January of the year, as a rule)")
    value: Number | None = Field(
        description="Rupiah a month as decreed (sen allowed); null: no UMK was set that year, "
        "the UMP applies"
    )
    decree: str | None = Field(
        default=None,
        min_length=10,
        description="the governor's decree that sets it: number and title as published "
        "(none for a year without a UMK)",
    )
    signed: date | None = Field(default=None, description="the decree's date, when known")
    projected: bool = Field(
        default=False,
        description="a projection (jbudget project, past the last decreed year), not a decree",
    )
    assumed_growth_percent: Number | None = Field(
        default=None, description="for a projected value: the wage growth a year it assumes"
    )


class MinimumWage(Model):
    region: str = Field(pattern=REGION, description="Kemendagri code: 18 (province), 18.72")
    kind: MinimumWageKind = Field(description="ump: a province's; umk: a regency's or city's")
    name: str = Field(min_length=3, description="Lampung, Kota Metro, Kabupaten Blitar")
    values: list[MinimumWageValue] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> MinimumWage:
        found = ViolationList()
        if kind_of(self.region) != self.kind:
            found.add(
                ("kind",),
                _("region {region} is a {right} region, not a {kind} one").format(
                    region=self.region, right=kind_of(self.region), kind=self.kind
                ),
                _("a province (two digits) has a ump, a regency or city (NN.NN) a umk"),
            )
        previous: MinimumWageValue | None = None
        for index, item in enumerate(self.values):
            where = ("values", index)
            if item.value is None and self.kind == "ump":
                found.add(
                    (*where, "value"),
                    _("every province sets a UMP"),
                    _("write the decreed value"),
                )
            if item.value is not None:
                _check_amount(found, (*where, "value"), item.value)
                if item.decree is None:
                    found.add(
                        (*where, "decree"),
                        _("a minimum wage cites the governor's decree that sets it"),
                        _("write its number and title, or the title with '(number not found)'"),
                    )
            if previous is not None and item.effective <= previous.effective:
                found.add(
                    (*where, "effective"),
                    _("{date} is not after the previous value's date {previous}").format(
                        date=item.effective, previous=previous.effective
                    ),
                    _("list values from the oldest to the newest, one per date"),
                )
            elif previous is not None and previous.value is not None and item.value is not None:
                check_yearly_change(found, (*where, "value"), previous.value, item.value, item.note)
            previous = item
        found.raise_if_any()
        return self

    def in_force(self, day: date) -> MinimumWageValue | None:
        return in_force(self.values, day)


def _check_amount(found: ViolationList, where: tuple[str | int, ...], value: Decimal) -> None:
    if value <= 0:
        found.add(where, _("must be more than 0, got {value}").format(value=value))
    precise = too_precise(value, SEN_DECIMALS)
    if precise is not None:
        found.add(where, precise, _("write Rupiah with at most two decimals (sen)"))
    if value > MONTHLY_RUPIAH.limit:
        found.add(where, MONTHLY_RUPIAH.message(grouped(value)), _(MONTHLY_RUPIAH.hint))


@dataclass(frozen=True)
class WageFloor:
    """The minimum wage a region's worker is paid at least in a month, and where it comes from:
    the region's UMK, or its province's UMP (asked for, or no UMK that year)."""

    entry: MinimumWage  # the UMP's or UMK's table
    value: MinimumWageValue  # the dated value in force
    asked: MinimumWageKind  # what the group asked for (a UMK may fall back to the UMP)
    stale: bool  # the value is from an earlier year: the table has none for the month's year

    @property
    def rupiah(self) -> int:
        """The wage paid at the minimum: the decreed value rounded up to the whole Rupiah."""
        assert self.value.value is not None
        return int(self.value.value.to_integral_value(rounding=ROUND_CEILING))


class AccountCode(Model):
    """A chart of accounts code (kode rekening) a staff type's premium is paid from, per job
    title: the 2026 codes of PPPK paruh waktu, one per job title, seen in SIPD account lists."""

    staff_type: Literal["pppk-paruh-waktu"]
    job_title: JobTitle
    program: Literal["jkk", "jkm", "jht", "jp"]
    code: str = Field(pattern=r"^[0-9]+(\.[0-9]+){1,7}$")
    label: str = Field(min_length=3, description="the account's name as listed")
    from_year: int = Field(ge=2000, le=2100, description="first fiscal year the code is listed")
    sources: list[str] = Field(min_length=1)
    last_checked: date
    confidence: Confidence
    note: str = ""
