"""A regulation in the registry (`regulations:` in a rate file): what every dated value cites,
with its title, URL and dates (signed, promulgated, in force) and the sources of those dates.
A date no source gives is listed in `dates_not_found`, never guessed; `validate` holds each entry
to that (ratecheck.registry_problems)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from jamsostek_budget.model.fields import Confidence, Model, Slug, no_items

RegulationDate = Literal["signed", "promulgated", "effective"]


class Regulation(Model):
    id: Slug
    title: str = Field(min_length=3)
    url: str = Field(pattern=r"^https?://\S+$")
    kind: Literal["regulation", "letter"] = Field(
        default="regulation",
        description="regulation: a PP or Permenaker, signed (ditetapkan), promulgated "
        "(diundangkan) and in force; letter: a BPJS Ketenagakerjaan letter, signed and in force",
    )
    signed: date | None = Field(default=None, description="ditetapkan")
    promulgated: date | None = Field(default=None, description="diundangkan (regulations only)")
    effective: date | None = Field(default=None, description="in force from")
    dates_not_found: list[RegulationDate] = Field(
        default_factory=no_items,
        description="dates no source gives: listed, never guessed (say what is known in note)",
    )
    sources: list[str] = Field(
        default_factory=no_items, description="where the dates come from (outlet, title, date, URL)"
    )
    note: str = ""
    note_id: str | None = Field(
        default=None,
        description="the note in Bahasa Indonesia, for Indonesian workbooks (without it they "
        "show `note`)",
    )

    def dates_due(self) -> tuple[RegulationDate, ...]:
        """The dates this kind of document has: a letter is not promulgated."""
        if self.kind == "letter":
            return ("signed", "effective")
        return ("signed", "promulgated", "effective")


class Citation(Model):
    """Where a value comes from and how sure we are of it."""

    regulation: Slug = Field(description="id of an entry in a `regulations:` list")
    article: str = ""
    sources: list[str] = Field(default_factory=no_items, description="secondary sources (URLs)")
    last_checked: date
    confidence: Confidence
    note: str = ""
