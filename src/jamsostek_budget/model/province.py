"""A province file: the province's name and the scenarios of its regencies and cities (and of
the province's own groups), for `jbudget rollup`; and who pays each scenario's groups.

A scenario's groups are paid by its own Pemda (the regency or city) unless the entry says the
province pays them all (`paid_by: province`) or some of them (`province_pays`: group ids).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from jamsostek_budget.i18n import _
from jamsostek_budget.model.fields import Model, Slug, ViolationList

Payer = Literal["pemda", "province"]


class ProvinceEntry(Model):
    """One scenario of the province: a regency's or city's, or the province's own."""

    scenario: str = Field(
        min_length=1,
        description="a scenario file (relative to this file) or a bundled city (metro), "
        "either with @YEAR for another fiscal year (metro@2026)",
    )
    paid_by: Payer = Field(
        default="pemda",
        description="pemda: the scenario's own Pemda pays its groups; province: the province does",
    )
    province_pays: list[Slug] = Field(
        default_factory=list,
        description="ids of the scenario's groups the province pays (the others: its Pemda)",
    )

    @model_validator(mode="after")
    def _check_payers(self) -> ProvinceEntry:
        found = ViolationList()
        if self.paid_by == "province" and self.province_pays:
            found.add(
                ("province_pays",),
                _("province_pays names groups of a scenario the province already pays in full"),
                _("remove province_pays, or paid_by: province to name the groups one by one"),
            )
        found.raise_if_any()
        return self


class ProvinceFile(Model):
    """The province's name and its scenarios, each costed and added up by `jbudget rollup`."""

    province: str = Field(min_length=1, description="the province's name (Provinsi Lampung)")
    scenarios: list[ProvinceEntry] = Field(min_length=1)
