"""The categories of a reconciliation as a report names them."""

from __future__ import annotations

from jamsostek_budget.i18n import N_, _

CATEGORY_LABELS = {
    "matched": N_("Matched"),
    "mismatched": N_("Mismatched (another band, wage, group or programs)"),
    "billed_not_listed": N_("Billed by BPJS, not on the Pemda's list"),
    "listed_not_billed": N_("On the Pemda's list, not billed (unprotected)"),
    "ineligible": N_("Ineligible (region or age)"),
    "duplicate": N_("Duplicate (twice on a list, or paid by another payer)"),
}
SHORT_LABELS = {
    "matched": N_("Matched"),
    "mismatched": N_("Mismatched"),
    "billed_not_listed": N_("Billed, not listed"),
    "listed_not_billed": N_("Listed, not billed"),
    "ineligible": N_("Ineligible"),
    "duplicate": N_("Duplicate"),
}


def category_label(category: str) -> str:
    return _(CATEGORY_LABELS[category])


def short_label(category: str) -> str:
    return _(SHORT_LABELS[category])
