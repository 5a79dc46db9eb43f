"""Who budgets a premium and where its money comes from: the offices (OPD) of a Pemda and its
funding sources (sumber dana), each source with its ceiling and the months it can pay for.

Kab. Bangka paid 950 people from the general APBD (a Rp200 million ceiling) and 2,450 from
oil-palm revenue sharing (DBH Sawit, Rp500 million) in 2025; Kab. Blitar's tobacco excise money
(DBHCHT) paid April to December. Money that is not the APBD's (civil servants' donations, CSR)
is not APBD-paid: PP 50/2025's 2026 BPU relief applies to it, and not to APBD money (DBH and
Otsus money counts as APBD).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from jamsostek_budget.i18n import _
from jamsostek_budget.model.fields import (
    SUB_KEGIATAN_CODE,
    Model,
    People,
    ScenarioRupiah,
    Slug,
    ViolationList,
)

# The kinds of sumber dana a Pemda budgets premiums from (budget-cycle.md, section 5).
SourceKind = Literal["pad", "dbh", "dbhcht", "dbh-sawit", "otsus", "dau", "add", "donor", "csr"]
NOT_APBD_KINDS = frozenset({"donor", "csr"})

# A PPPK paruh waktu's job title, as the 2026 chart of accounts lists one code per title.
JobTitle = Literal[
    "pengelola-umum-operasional",
    "operator-layanan-operasional",
    "pengelola-layanan-operasional",
    "penata-layanan-operasional",
]
StaffType = Literal["honorer", "pekerja-rentan", "pppk-paruh-waktu", "pppk-penuh-waktu"]


class SubKegiatan(Model):
    """The sub kegiatan (sub-activity of the regional chart) an office budgets premiums under:
    the header of its RKA lines in SIPD."""

    code: str = Field(
        pattern=SUB_KEGIATAN_CODE,
        description="its code in the regional chart, e.g. 2.07.02.1.01.0001 (X.XX for the "
        "sub kegiatan every office shares)",
    )
    name: str = Field(min_length=1, description="its nomenclature, as SIPD names it")


class Opd(Model):
    """An office (Organisasi Perangkat Daerah) that budgets its groups' premiums in its DPA."""

    id: Slug
    label: str = Field(min_length=1, description="Dinas Sosial, Dinas Tenaga Kerja, ...")
    code: str | None = Field(
        default=None,
        pattern=r"^[0-9A-Za-z]+([.-][0-9A-Za-z]+)*$",
        description="the office's code in the regional chart (SIPD), if wanted on reports",
    )
    sub_kegiatan: SubKegiatan | None = Field(
        default=None,
        description="the sub kegiatan its groups' premiums are budgeted under, for the RKA "
        "lines (--format rka): {code: 2.07.02.1.01.0001, name: ...}",
    )


class FundingSource(Model):
    """A sumber dana: its ceiling for these premiums, the months it can pay for, and whether
    it is APBD money."""

    id: Slug
    label: str = Field(min_length=1, description="APBD (PAD), DBH Sawit, DBHCHT, donations ...")
    kind: SourceKind | None = Field(
        default=None,
        description="pad, dbh, dbhcht, dbh-sawit, otsus, dau, add (APBD money); donor, csr "
        "(not APBD money)",
    )
    ceiling: ScenarioRupiah | None = Field(
        default=None, description="what the source can pay for these premiums in the year"
    )
    first_month: int = Field(default=1, ge=1, le=12, description="first month it pays for")
    last_month: int = Field(default=12, ge=1, le=12, description="last month it pays for")
    apbd: bool | None = Field(
        default=None,
        description="whether it is APBD money (default: true, false for kind donor or csr). "
        "Premiums from non-APBD money get PP 50/2025's BPU relief in 2026",
    )

    @model_validator(mode="after")
    def _check(self) -> FundingSource:
        found = ViolationList()
        if self.last_month < self.first_month:
            found.add(
                ("last_month",),
                _("{last} is before first_month {first}").format(
                    last=self.last_month, first=self.first_month
                ),
            )
        if self.apbd is True and self.kind in NOT_APBD_KINDS:
            found.add(
                ("apbd",),
                _("a {kind} source is not APBD money").format(kind=self.kind),
                _("remove apbd: true, or give the source's real kind"),
            )
        found.raise_if_any()
        return self

    @property
    def is_apbd(self) -> bool:
        if self.apbd is not None:
            return self.apbd
        return self.kind not in NOT_APBD_KINDS

    @property
    def months(self) -> tuple[int, ...]:
        return tuple(range(self.first_month, self.last_month + 1))


FundingSplit = dict[Slug, People]
