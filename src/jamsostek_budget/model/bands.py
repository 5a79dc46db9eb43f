"""The BPU income bands of a rate file: each version a list of contiguous bands from 0, each with
the nominal income its premium is computed on (Permenaker 5/2021 Lampiran III)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from jamsostek_budget.i18n import _, grouped
from jamsostek_budget.model.fields import (
    Confidence,
    IndonesianLabel,
    Model,
    Rupiah,
    ViolationList,
)
from jamsostek_budget.model.regulation import Citation


class Band(Model):
    lower: Rupiah
    upper: Rupiah | None = Field(
        default=None, description="published upper bound; omit for the top band"
    )
    nominal: Rupiah
    confidence: Confidence | None = Field(
        default=None, description="where a band's confidence differs from its version's"
    )


class BandVersion(Citation):
    effective: date
    bands: list[Band] = Field(min_length=1)


class BandTable(Model):
    name: Literal["bpu.income_bands"]
    label: str = Field(min_length=3)
    label_id: IndonesianLabel = None
    bound_step: Rupiah = Field(
        gt=0,
        description="granularity of the published bounds: a band ends one step before the "
        "next band starts (1000: band 1 ends at 1,099,000, band 2 starts at 1,100,000)",
    )
    versions: list[BandVersion] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_bands(self) -> BandTable:
        found = ViolationList()
        for index, version in enumerate(self.versions):
            _check_band_list(found, ("versions", index, "bands"), version.bands, self.bound_step)
            if index and version.effective <= self.versions[index - 1].effective:
                found.add(
                    ("versions", index, "effective"),
                    _("versions must be listed from the oldest to the newest, one per date"),
                )
        found.raise_if_any()
        return self


def _check_band_list(
    found: ViolationList, at: tuple[str | int, ...], bands: list[Band], step: int
) -> None:
    if bands[0].lower != 0:
        found.add(
            (*at, 0, "lower"),
            _("the first band must start at 0, got {lower}").format(lower=grouped(bands[0].lower)),
        )
    for index, band in enumerate(bands):
        last = index == len(bands) - 1
        _check_band(found, (*at, index), band, last=last)
        if index and bands[index - 1].upper is not None:
            _check_contiguous(found, (*at, index), bands[index - 1], band, step)


def _check_band(found: ViolationList, at: tuple[str | int, ...], band: Band, *, last: bool) -> None:
    if band.upper is None and not last:
        found.add(
            (*at, "upper"),
            _("only the top band may be open-ended"),
            _("give this band its published upper bound"),
        )
    if band.upper is not None and band.upper < band.lower:
        found.add(
            (*at, "upper"),
            _("ends at {upper}, before it starts at {lower}").format(
                upper=grouped(band.upper), lower=grouped(band.lower)
            ),
        )
    top = band.upper if band.upper is not None else band.nominal
    if not band.lower <= band.nominal <= top:
        found.add(
            (*at, "nominal"),
            _("nominal {nominal} is outside its band {lower} to {upper}").format(
                nominal=grouped(band.nominal), lower=grouped(band.lower), upper=grouped(top)
            ),
            _("the nominal is the income the premium is computed on and lies inside the band"),
        )


def _check_contiguous(
    found: ViolationList, at: tuple[str | int, ...], before: Band, band: Band, step: int
) -> None:
    assert before.upper is not None
    expected = before.upper + step
    if band.lower == expected:
        return
    message = (
        _(
            "starts at {lower} but the previous band ends at {previous}: "
            "it overlaps the previous band"
        )
        if band.lower < expected
        else _(
            "starts at {lower} but the previous band ends at {previous}: "
            "it leaves a gap after the previous band"
        )
    )
    found.add(
        (*at, "lower"),
        message.format(lower=grouped(band.lower), previous=grouped(before.upper)),
        _("the bands must be contiguous (did you mean {expected}?)").format(
            expected=grouped(expected)
        ),
    )
