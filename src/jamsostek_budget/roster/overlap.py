"""NIKs counted in two places: people on the rosters of two scenarios of a rollup (two
regencies, or the province and a regency), and what their premiums cost a year more than once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

PLACE = "_jbudget_place"


@dataclass(frozen=True)
class Counted:
    """One NIK on more than one roster: its name (from the first roster), the places, and the
    APBD a year each place pays for it."""

    nik: str
    name: str
    places: tuple[str, ...]
    amounts: tuple[int, ...]

    @property
    def paid_twice(self) -> int:
        """What is paid beyond the one place that pays the most: what keeping that one saves."""
        return sum(self.amounts) - max(self.amounts)


@dataclass(frozen=True)
class Overlap:
    places: tuple[str, ...]  # the places whose rosters were compared
    people: tuple[Counted, ...]  # by NIK

    @property
    def paid_twice(self) -> int:
        return sum(person.paid_twice for person in self.people)


def overlap(rosters: Sequence[tuple[str, pl.DataFrame]]) -> Overlap:
    """The NIKs on the per-person costs (`roster.costing.per_person`: nik, name, apbd_annual)
    of more than one place, in NIK order; a NIK's rows within one place are added up."""
    frames = [
        people.select(
            pl.col("nik"), pl.col("name"), pl.col("apbd_annual").fill_null(0)
        ).with_columns(pl.lit(index, pl.Int64).alias(PLACE))
        for index, (_place, people) in enumerate(rosters)
    ]
    if not frames:
        return Overlap((), ())
    per_place = (
        pl.concat(frames)
        .group_by("nik", PLACE, maintain_order=True)
        .agg(pl.col("name").first(), pl.col("apbd_annual").sum())
        .sort("nik", PLACE)
    )
    found = per_place.group_by("nik", maintain_order=True).agg(
        pl.col("name").first(), pl.col(PLACE), pl.col("apbd_annual")
    )
    names = [place for place, _people in rosters]
    people = tuple(
        Counted(
            row["nik"],
            row["name"] or "",
            tuple(names[i] for i in row[PLACE]),
            tuple(int(a) for a in row["apbd_annual"]),
        )
        for row in found.filter(pl.col(PLACE).list.len() > 1).iter_rows(named=True)
    )
    return Overlap(tuple(names), people)
