"""Field types of a group that take more than one form (a wage in Rupiah or a minimum wage;
one funding source or a split), and `Becomes`: what a group becomes from a month on."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Discriminator, Field, Tag

from jamsostek_budget.model.fields import (
    AMOUNT,
    BUDGET_CODE,
    MINIMUM_WAGE,
    ONE_SOURCE,
    SPLIT,
    Model,
    People,
    Program,
    RiskClass,
    ScenarioRupiah,
    Segment,
    Slug,
)
from jamsostek_budget.model.funding import FundingSplit, JobTitle, StaffType
from jamsostek_budget.model.minimum_wage import REGION

BudgetCode = Annotated[str, Field(pattern=BUDGET_CODE)]


def _funding_form(value: object) -> str:
    return SPLIT if isinstance(value, dict) else ONE_SOURCE


def _wage_form(value: object) -> str:
    """A word without digits is meant as a minimum wage (told "umk or ump"), anything else
    as an amount."""
    named = isinstance(value, str) and value.strip() and not any(c.isdigit() for c in value)
    return MINIMUM_WAGE if named else AMOUNT


# A group's funding: one source's id, or its people split between sources ({apbd: 950, ...}).
Funding = Annotated[
    Annotated[Slug, Tag(ONE_SOURCE)]
    | Annotated[Annotated[FundingSplit, Field(min_length=2)], Tag(SPLIT)],
    Discriminator(_funding_form),
]
MinimumWageName = Literal["umk", "ump"]
# A pu wage: whole Rupiah, or the minimum wage in force each month (umk: the regency's or
# city's, ump: the province's), rounded up to the Rupiah.
Wage = Annotated[
    Annotated[ScenarioRupiah, Tag(AMOUNT)] | Annotated[MinimumWageName, Tag(MINIMUM_WAGE)],
    Discriminator(_wage_form),
]
Region = Annotated[str, Field(pattern=REGION)]


class Becomes(Model):
    """What a group becomes from a month on (honorer until June, PPPK paruh waktu from July)."""

    from_month: int = Field(ge=2, le=12, description="the first month of the new type")
    id: Slug = Field(description="the id of the group from that month")
    label: str = Field(min_length=1)
    staff_type: StaffType | None = None
    job_title: JobTitle | None = None
    segment: Segment | None = None
    declared_income: ScenarioRupiah | None = None
    monthly_wage: Wage | None = None
    wage_region: Region | None = None
    risk_class: RiskClass | None = None
    programs: list[Program] | None = Field(default=None, min_length=1)
    apbd_pays_worker_share: bool | None = None
    budget_codes: dict[Program, BudgetCode] | None = None
    opd: Slug | None = None
    funding: Funding | None = None
    headcount: People | None = Field(default=None, description="when it changes too")
