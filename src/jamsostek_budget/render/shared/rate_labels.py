"""How a rate used is named: the label its rate file gives it (in Bahasa Indonesia, `label_id`,
under Indonesian), or, for a BPU income band, a label built from the band's number. Without
babel, so the JSON renderer can use it too."""

from __future__ import annotations

from jamsostek_budget.engine.budget import RateUse
from jamsostek_budget.i18n import N_, _, in_language

BAND_LABEL = N_("BPU income band {band}, nominal income")


def rate_label(use: RateUse) -> str:
    """In the report's language; a rate file's label is data, shown as written."""
    if use.label is not None:
        return in_language(use.label, use.label_id)
    return _(BAND_LABEL).format(band=use.band)


def rate_data_label(use: RateUse) -> str:
    """For JSON, which is the same in every language: a band's label in English."""
    if use.label is not None:
        return use.label
    return BAND_LABEL.format(band=use.band)
