"""What `jbudget rates` lists: the rates in force on a day and what each BPU income band costs.

The band premiums are the engine's own (person_premium on a one-person probe group), computed
here once, so the listing's renderers only format what they are given.
"""

from __future__ import annotations

from dataclasses import dataclass

from jamsostek_budget.engine.premiums import BandPremium, band_premiums
from jamsostek_budget.model.minimum_wage import WageFloor
from jamsostek_budget.model.ratetable import RateSnapshot, RateTable


@dataclass(frozen=True)
class RateListing:
    table: RateTable  # the parameters' labels and units, and the regulations
    snapshot: RateSnapshot  # the values, band table and reliefs in force on the day
    bands: tuple[BandPremium, ...]  # every band's premium for an APBD-paid participant
    minimum_wages: tuple[WageFloor, ...] = ()  # a region's UMK and UMP in force, when asked


def rate_listing(
    table: RateTable, snapshot: RateSnapshot, region: str | None = None
) -> RateListing:
    """The rates in force on the snapshot's day; with `region`, its minimum wages too: the
    region's UMK (a regency or city; or the UMP where it set none) and its province's UMP."""
    floors: list[WageFloor] = []
    if region is not None:
        if "." in region:
            floors.append(snapshot.wage_floor(region, "umk"))
        ump = snapshot.wage_floor(region, "ump")
        if not floors or floors[0].entry is not ump.entry:
            floors.append(ump)
    return RateListing(table, snapshot, tuple(band_premiums(snapshot)), tuple(floors))
