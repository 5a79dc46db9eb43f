"""What `jbudget rates` lists: the rates in force on a day and what each BPU income band costs.

The band premiums are the engine's own (person_premium on a one-person probe group), computed
here once, so the listing's renderers only format what they are given.
"""

from __future__ import annotations

from dataclasses import dataclass

from jamsostek_budget.engine.premiums import BandPremium, band_premiums
from jamsostek_budget.model.ratetable import RateSnapshot, RateTable


@dataclass(frozen=True)
class RateListing:
    table: RateTable  # the parameters' labels and units, and the regulations
    snapshot: RateSnapshot  # the values, band table and reliefs in force on the day
    bands: tuple[BandPremium, ...]  # every band's premium for an APBD-paid participant


def rate_listing(table: RateTable, snapshot: RateSnapshot) -> RateListing:
    return RateListing(table, snapshot, tuple(band_premiums(snapshot)))
