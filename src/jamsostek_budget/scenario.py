"""Model of a scenario file (`examples/*.yaml`): a city, a fiscal year and its worker groups.

The field names are the user-facing contract. Rules that tie fields together (a BPU group has a
declared income and no JP; a PU group has a wage and a risk class) are checked here, each reported
at the field that breaks it.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from jamsostek_budget.fields import (
    Model,
    Program,
    RiskClass,
    Rupiah,
    Sector,
    Segment,
    Slug,
    ViolationList,
)

PU_ONLY_FIELDS = ("monthly_wage", "risk_class")


class Group(Model):
    id: Slug
    label: str = Field(min_length=1)
    segment: Segment = Field(description="bpu: informal (Bukan Penerima Upah); pu: wage earner")
    headcount: int = Field(ge=0)
    declared_income: Rupiah | None = Field(
        default=None, description="bpu: declared monthly income in Rupiah, looked up in the bands"
    )
    monthly_wage: Rupiah | None = Field(default=None, description="pu: monthly wage in Rupiah")
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
    sector: Sector = Field(
        default="other",
        description="bpu: transport for ojol, opang, "
        "drivers and couriers (PP 50/2025 periods differ by sector)",
    )
    note: str = ""

    @model_validator(mode="after")
    def _check_segment_fields(self) -> Group:
        found = ViolationList()
        if self.segment == "bpu":
            self._check_bpu(found)
        else:
            self._check_pu(found)
        if self.start_month > self.end_month:
            found.add(
                ("end_month",),
                f"end_month {self.end_month} is before start_month {self.start_month}",
                "a group is covered from start_month to end_month of one fiscal year",
            )
        for index, program in enumerate(self.programs):
            if program in self.programs[:index]:
                found.add(("programs", index), f"{program} is listed twice")
        found.raise_if_any()
        return self

    def _check_bpu(self, found: ViolationList) -> None:
        if self.declared_income is None:
            found.add(
                ("segment",),
                "a bpu group needs declared_income",
                "add declared_income: 1000000 for the lowest band (Rp16,800 a month with "
                "JKK and JKM)",
            )
        for name in PU_ONLY_FIELDS:
            if getattr(self, name) is not None:
                found.add(
                    (name,),
                    f"{name} is for pu groups only; bpu premiums come from the "
                    "declared income band",
                    f"remove {name}, or set segment: pu",
                )
        if "jp" in self.programs:
            found.add(
                ("programs", self.programs.index("jp")),
                "JP (pension) is not available "
                "to bpu participants (PP 45/2015 covers wage earners only)",
                "remove jp, or set segment: pu",
            )
        if self.apbd_pays_worker_share:
            found.add(
                ("apbd_pays_worker_share",),
                "bpu groups have no worker share: the Pemda pays the whole premium",
                "remove apbd_pays_worker_share",
            )

    def _check_pu(self, found: ViolationList) -> None:
        if self.monthly_wage is None:
            found.add(
                ("segment",),
                "a pu group needs monthly_wage",
                "add monthly_wage: the monthly wage in whole Rupiah",
            )
        if self.risk_class is None:
            found.add(
                ("segment",),
                "a pu group needs risk_class",
                "add risk_class: very_low (offices), low, medium, high or very_high",
            )
        if self.declared_income is not None:
            found.add(
                ("declared_income",),
                "declared_income is for bpu groups only",
                "use monthly_wage for a pu group",
            )
        if self.sector != "other":
            found.add(("sector",), "sector only matters for bpu groups", "remove sector")

    @property
    def months(self) -> tuple[int, ...]:
        return tuple(range(self.start_month, self.end_month + 1))


class Scenario(Model):
    city: Slug
    name: str = Field(min_length=1)
    province: str = Field(min_length=1)
    fiscal_year: int = Field(ge=2000, le=2100)
    sources: list[str] = Field(default_factory=list, description="where the headcounts come from")
    assumptions: str = Field(default="", description="what is assumed where sources are silent")
    groups: list[Group] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_unique_ids(self) -> Scenario:
        found = ViolationList()
        seen: dict[str, int] = {}
        for index, group in enumerate(self.groups):
            if group.id in seen:
                found.add(
                    ("groups", index, "id"),
                    f"group id '{group.id}' is used twice (first at groups[{seen[group.id]}])",
                    "give every group its own id",
                )
            seen.setdefault(group.id, index)
        found.raise_if_any()
        return self

    @property
    def headcount(self) -> int:
        return sum(group.headcount for group in self.groups)
