"""Who a Pemda may pay premiums for (`eligibility:` in a scenario), for `jbudget reconcile`.

A Pemda pays for its own residents within an age range: PPU covers ages 18-65 only, and Muna
Barat could not pay for 2,002 staff whose ID cards were from another regency (see
budget-cycle.md, section 7). A NIK carries both: digits 1-4 are the province and regency
(PP.RR, "18.72" is Kota Metro in Lampung) and digits 7-12 the birth date. The rules read them;
NIKs listed as exceptions (a decision of the Pemda, e.g. staff living across the border) pass.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Self

from pydantic import Field, model_validator

from jamsostek_budget.i18n import _
from jamsostek_budget.model.fields import Model, ViolationsError, no_items

REGION = r"^[0-9]{2}\.[0-9]{2}$"
NIK = r"^[0-9]{16}$"
Age = Annotated[int, Field(ge=0, le=120)]
Region = Annotated[
    str,
    Field(
        pattern=REGION,
        description="a province and regency code, NIK digits 1-4 written PP.RR: 18.72",
    ),
]
Nik = Annotated[str, Field(pattern=NIK, description="a NIK: 16 digits")]


class Eligibility(Model):
    """The rules a person must meet to be paid for; a rule not given is not checked."""

    age_on: date | None = Field(
        default=None,
        description="the day ages are reckoned on (default: 1 January of the fiscal year)",
    )
    min_age: Age | None = Field(default=None, description="the youngest age paid for, in years")
    max_age: Age | None = Field(default=None, description="the oldest age paid for, in years")
    nik_regions: list[Region] = Field(
        default_factory=no_items,
        description="the regions (NIK digits 1-4, PP.RR) whose residents may be paid for; "
        "empty: any",
    )
    exceptions: list[Nik] = Field(
        default_factory=no_items,
        description="NIKs exempt from these rules, by the Pemda's decision",
    )

    @model_validator(mode="after")
    def _check_ages(self) -> Self:
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ViolationsError(
                [
                    (
                        ("max_age",),
                        _("max_age {max} is below min_age {min}").format(
                            max=self.max_age, min=self.min_age
                        ),
                        _("give the oldest age paid for, at least min_age"),
                    )
                ]
            )
        return self

    def reckoned_on(self, fiscal_year: int) -> date:
        return self.age_on or date(fiscal_year, 1, 1)

    @property
    def region_numbers(self) -> tuple[int, ...]:
        """The regions as the first four digits of a NIK, as a number (18.72 -> 1872)."""
        return tuple(int(region.replace(".", "")) for region in self.nik_regions)
