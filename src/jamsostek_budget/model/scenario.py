"""Model of a scenario file (`examples/*.yaml`): a city, a fiscal year and its worker groups.

The field names are the user-facing contract. Rules that tie fields together (a BPU group has a
declared income and no JP; a PU group has a wage and a risk class) live in `scenario_rules` and
run here, each reported at the field that breaks it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Discriminator, Field, Tag, model_validator

from jamsostek_budget.i18n import _
from jamsostek_budget.model.eligibility import Eligibility
from jamsostek_budget.model.fields import (
    AMOUNT,
    PER_CODE,
    DeathRate,
    GrowthPercent,
    Model,
    People,
    Program,
    RiskClass,
    ScenarioRupiah,
    Sector,
    Segment,
    Slug,
    ViolationsError,
    YearMonth,
    month_number,
    no_entries,
    no_items,
)
from jamsostek_budget.model.funding import FundingSource, JobTitle, Opd, StaffType
from jamsostek_budget.model.funding_rules import becomes_rules, funding_rules, staff_rules
from jamsostek_budget.model.group_types import Becomes, BudgetCode, Funding, Region, Wage
from jamsostek_budget.model.ledger import Pagu
from jamsostek_budget.model.scenario_rules import group_rules, scenario_rules

PaguPerCode = Annotated[dict[BudgetCode, ScenarioRupiah], Field(min_length=1)]


def _pagu_form(value: object) -> str:
    """Which form a pagu is written in, so that a wrong one is told what that form needs (and
    not what the other form would)."""
    return PER_CODE if isinstance(value, dict) else AMOUNT


# A pagu is one amount or one per budget code; the tags are dropped from an error's place
# (loading.problems), so an error names `pagu` or `pagu.<code>`.
AdoptedPagu = Annotated[
    Annotated[ScenarioRupiah, Tag(AMOUNT)] | Annotated[PaguPerCode, Tag(PER_CODE)],
    Discriminator(_pagu_form),
]


class YearHeadcount(Model):
    year: int = Field(ge=2000, le=2100)
    headcount: People


class Projection(Model):
    """Assumptions for `jbudget project`; each can also be given as a flag."""

    headcount_growth_percent: GrowthPercent = Field(
        default=Decimal(0), description="headcount growth a year, every group"
    )
    wage_growth_percent: GrowthPercent = Field(
        default=Decimal(0), description="monthly wage growth a year, every pu group"
    )
    gdp_growth_percent: GrowthPercent = Field(
        default=Decimal(5),
        description="GDP growth assumed for JP wage caps not yet announced "
        "(PP 45/2015 Pasal 29: previous cap x (1 + growth), rounded down to Rp100)",
    )


class Group(Model):
    id: Slug
    label: str = Field(min_length=1)
    segment: Segment = Field(description="bpu: informal (Bukan Penerima Upah); pu: wage earner")
    headcount: People
    declared_income: ScenarioRupiah | None = Field(
        default=None, description="bpu: declared monthly income in Rupiah, looked up in the bands"
    )
    monthly_wage: Wage | None = Field(
        default=None,
        description="pu: monthly wage in Rupiah; or umk / ump: the regency's or city's / the "
        "province's minimum wage in force each month (rates/minimum-wages.yaml), rounded up "
        "to the Rupiah",
    )
    wage_region: Region | None = Field(
        default=None,
        description="pu with monthly_wage umk or ump: the Kemendagri code of the region whose "
        "minimum wage applies (35.05), when it is not the scenario's region",
    )
    staff_type: StaffType | None = Field(
        default=None,
        description="honorer, pekerja-rentan, pppk-paruh-waktu (pu, paid at least the UMK, "
        "KepmenPANRB 16/2025); pppk-penuh-waktu is refused: their JKK and JKM run through Taspen",
    )
    job_title: JobTitle | None = Field(
        default=None,
        description="pppk-paruh-waktu: the job title, which picks the 2026 budget codes when "
        "the group gives none",
    )
    opd: Slug | None = Field(
        default=None, description="id of the office (in opds:) that budgets the group"
    )
    funding: Funding | None = Field(
        default=None,
        description="id of the funding source (in funding_sources:) that pays, or the people "
        "split between sources: {apbd: 950, dbh-sawit: 2450}",
    )
    risk_class: RiskClass | None = Field(default=None, description="pu: JKK risk class")
    programs: list[Program] = Field(min_length=1)
    start_month: int = Field(default=1, ge=1, le=12)
    end_month: int = Field(default=12, ge=1, le=12)
    apbd_pays_worker_share: bool = Field(
        default=False, description="pu: the APBD also pays the worker share of JHT and JP"
    )
    apbd_paid: bool = Field(
        default=True,
        description="false only for a group whose premiums are not paid from "
        "APBN/APBD (then PP 50/2025's BPU discount can apply)",
    )
    enrolled: YearMonth | None = Field(
        default=None,
        description="YYYY-MM the group's participants were registered with BPJS "
        "Ketenagakerjaan (their first month of membership); default: the start_month of the "
        "fiscal year when it is after January, else before the fiscal year. PP 49/2020 Pasal 13: "
        "participants registered after July 2020 paid their first two months in full",
    )
    sector: Sector = Field(
        default="other",
        description="bpu: transport for ojol, opang, "
        "drivers and couriers (PP 50/2025 periods differ by sector)",
    )
    note: str = ""
    eligible: People | None = Field(
        default=None,
        description="people who could be covered: coverage is headcount / "
        "eligible (Universal Coverage Jamsostek)",
    )
    death_rate_per_1000: DeathRate | None = Field(
        default=None,
        description="assumed deaths a year per 1,000 participants (estimate --benefits)",
    )
    headcount_growth_percent: GrowthPercent | None = Field(
        default=None,
        description="projection: headcount growth a year (overrides the "
        "scenario's projection.headcount_growth_percent)",
    )
    headcount_by_year: list[YearHeadcount] = Field(
        default_factory=no_items, description="projection: explicit headcounts for some years"
    )
    wage_growth_percent: GrowthPercent | None = Field(
        default=None,
        description="projection, pu: wage growth a year (overrides the "
        "scenario's projection.wage_growth_percent)",
    )
    budget_codes: dict[Program, BudgetCode] = Field(
        default_factory=no_entries,
        description="the regional chart of accounts code each program's premium is paid from "
        "(RKA), e.g. jkk: 5.1.02.02.02.0006 (Iuran JKK bagi Non ASN)",
    )

    becomes: Becomes | None = Field(
        default=None,
        description="a change of type mid-year: from from_month on, the group's people are "
        "the group written here (its own id and label, the fields that change); two lines "
        "that add up",
    )

    @model_validator(mode="after")
    def _check_segment_fields(self) -> Group:
        found = group_rules(dict(self)) + staff_rules(dict(self))
        if found:
            raise ViolationsError(found)
        return self

    @property
    def months(self) -> tuple[int, ...]:
        return tuple(range(self.start_month, self.end_month + 1))

    def enrolment(self, fiscal_year: int) -> int:
        """The month_number the participants were registered in: `enrolled`, else a start after
        January (a mid-year start is a new enrolment), else January of the year before (a group
        covered from January continues an earlier membership; for any relief of the fiscal
        year that is the same as long before, since new members pay at most 12 months in full)."""
        if self.enrolled is not None:
            return month_number(self.enrolled)
        return (
            fiscal_year * 12 + self.start_month - 1
            if self.start_month > 1
            else (fiscal_year - 1) * 12
        )


class Scenario(Model):
    city: Slug
    name: str = Field(min_length=1)
    province: str = Field(min_length=1)
    fiscal_year: int = Field(ge=2000, le=2100)
    sources: list[str] = Field(
        default_factory=no_items, description="where the headcounts come from"
    )
    assumptions: str = Field(default="", description="what is assumed where sources are silent")
    sources_id: list[str] | None = Field(
        default=None,
        description="the sources in Bahasa Indonesia, one per source in the same order, for "
        "Indonesian reports (without it they show `sources`)",
    )
    assumptions_id: str | None = Field(
        default=None,
        description="the assumptions in Bahasa Indonesia, for Indonesian reports (without it "
        "they show `assumptions`)",
    )
    pagu: AdoptedPagu | None = Field(
        default=None,
        description="the ceiling (pagu) the APBD adopted for these premiums, a year: one "
        "amount, or one per budget code of the groups (every code its pagu); what "
        "`jbudget track` and `jbudget revise` hold the year against (their --pagu overrides it)",
    )
    groups: list[Group] = Field(min_length=1)
    priority: list[Slug] = Field(
        default_factory=no_items,
        description="group ids in funding order for `jbudget fit`; groups "
        "not listed follow in file order",
    )
    projection: Projection = Field(default_factory=Projection)
    region: Region | None = Field(
        default=None,
        description="the Pemda's Kemendagri code (18.72 for Kota Metro): whose minimum wage a "
        "pu group's monthly_wage umk or ump is",
    )
    opds: list[Opd] = Field(
        default_factory=no_items,
        description="the offices (OPD) that budget the premiums; each group names its opd",
    )
    funding_sources: list[FundingSource] = Field(
        default_factory=no_items,
        description="the funding sources (sumber dana), each with its ceiling and months; each "
        "group names its funding",
    )
    eligibility: Eligibility | None = Field(
        default=None,
        description="who may be paid for (ages from the NIK, the regions of the NIK, "
        "exceptions): the rules `jbudget reconcile` checks both lists against",
    )
    death_rate_per_1000: DeathRate | None = Field(
        default=None,
        description="assumed deaths a year per 1,000 participants, for every group "
        "that does not give its own (estimate --benefits)",
    )

    @model_validator(mode="after")
    def _check_unique_ids(self) -> Scenario:
        groups = [dict(group) for group in self.groups]
        found = scenario_rules(groups, list(self.priority), self.pagu)
        found += funding_rules(
            groups,
            [dict(opd) for opd in self.opds],
            [dict(source) for source in self.funding_sources],
            self.region,
        )
        found += becomes_rules(groups)
        if self.sources_id is not None and len(self.sources_id) != len(self.sources):
            found.append(
                (
                    ("sources_id",),
                    _("gives {count} sources in Bahasa Indonesia for {sources} sources").format(
                        count=len(self.sources_id), sources=len(self.sources)
                    ),
                    _("write one entry of sources_id per entry of sources, in the same order"),
                )
            )
        if found:
            raise ViolationsError(found)
        return self

    @property
    def headcount(self) -> int:
        return sum(group.headcount for group in self.groups)

    @property
    def adopted_pagu(self) -> Pagu | None:
        """The file's pagu: one amount, or the sum of one per budget code."""
        if self.pagu is None:
            return None
        if isinstance(self.pagu, int):
            return Pagu(self.pagu)
        return Pagu.per_code(self.pagu)
