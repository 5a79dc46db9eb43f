"""The regional chart of accounts (kode rekening) for the premiums a Pemda budgets: each code
with its name, the first and last fiscal year a dated public copy lists it, the decree (Permendagri
90/2019 and each Kepmendagri that updates it), the sources and a confidence.

The first year is the earliest dated copy found, a lower bound: a code may be older than its
first year says (rates/chart-of-accounts.yaml notes where)."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from jamsostek_budget.model.fields import BUDGET_CODE, Confidence, Model


class ChartCode(Model):
    code: str = Field(pattern=BUDGET_CODE)
    name: str | None = Field(default=None, description="its name as listed; null: not found")
    first_year: int | None = Field(
        default=None,
        ge=2000,
        le=2100,
        description="the earliest fiscal year a dated copy lists it; null: no dated copy found",
    )
    last_year: int | None = Field(
        default=None, ge=2000, le=2100, description="the last fiscal year it is listed; null: still"
    )
    decree: str | None = Field(default=None, description="the decree that sets it, if known")
    sources: list[str] = Field(min_length=1)
    last_checked: date
    confidence: Confidence
    note: str = ""

    def listed_in(self, year: int) -> bool:
        """Whether the chart for a fiscal year lists the code (no first year: any year)."""
        after_first = self.first_year is None or self.first_year <= year
        return after_first and (self.last_year is None or year <= self.last_year)
