"""The dated, cited rules `jbudget track` applies to bills and payments: when a contribution month
falls due, how a payment is allocated, and when a BPU participant in arrears loses cover.

They are kept here as constants rather than as `rates/*.yaml` parameters: a rate file holds
percentages and Rupiah amounts cited to a regulation in its registry, while these are a day of
the month, a count of months and an allocation order, taken from a BPJS Ketenagakerjaan manual
and from news reports (no regulation with a title, URL and dates to register). Each rule carries
its source, the date it was recorded and a confidence, so a report can cite it as it cites a rate.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from jamsostek_budget.i18n import N_
from jamsostek_budget.model.fields import Confidence, Segment
from jamsostek_budget.model.ledger import YearMonth

SOURCES_RECORDED = date(2026, 12, 3)  # taken from shared/reference/budget-cycle.md, §2


@dataclass(frozen=True)
class TrackingRule:
    """One rule with its citation. `text` is English, marked with N_(): translate it where it
    is shown."""

    id: str
    text: str
    sources: tuple[str, ...]
    confidence: Confidence
    recorded: date  # when the rule was taken from its sources


@dataclass(frozen=True)
class DueRule:
    """A segment's contribution for month M falls due on `day` of month M + `months_after`."""

    segment: Segment
    day: int
    months_after: int
    rule: TrackingRule


_DUE_SOURCES = (
    "BPJS Ketenagakerjaan, manual '908 PROBIS KEPESERTAAN', p. 19",
    "Kompas, quoted by Kontan",
)
DUE_RULES: dict[Segment, DueRule] = {
    "bpu": DueRule(
        "bpu",
        15,
        0,
        TrackingRule(
            "due.bpu",
            N_("BPU premiums for a month are due by the 15th of the same month"),
            _DUE_SOURCES,
            "high",
            SOURCES_RECORDED,
        ),
    ),
    "pu": DueRule(
        "pu",
        15,
        1,
        TrackingRule(
            "due.pu",
            N_("PU premiums for a month are due by the 15th of the following month"),
            _DUE_SOURCES,
            "high",
            SOURCES_RECORDED,
        ),
    ),
}

ALLOCATION_RULE = TrackingRule(
    "allocation",
    N_(
        "a payment settles the oldest month owed first; a payment that names its month settles "
        "that month and carries any excess to the following months, never back (BPJS carries "
        "an overpayment forward); within a month, bill lines are settled in the order of the "
        "bill file; what is left is a credit"
    ),
    _DUE_SOURCES,
    "high",
    SOURCES_RECORDED,
)

DEACTIVATION_MONTHS = 3
DEACTIVATION_RULE = TrackingRule(
    "deactivation.bpu",
    N_(
        "a BPU participant three months in arrears is deactivated and must register again; a "
        "month without a bill neither counts nor breaks the run"
    ),
    ("BPJS Ketenagakerjaan Sulawesi Tengah, media.alkhairaat.id, 23 July 2025",),
    "medium",
    SOURCES_RECORDED,
)

RULES: tuple[TrackingRule, ...] = (
    DUE_RULES["bpu"].rule,
    DUE_RULES["pu"].rule,
    ALLOCATION_RULE,
    DEACTIVATION_RULE,
)


def due_date(segment: Segment, month: YearMonth) -> date:
    """The day a segment's contribution for `month` is due (DUE_RULES)."""
    rule = DUE_RULES[segment]
    index = month[0] * 12 + month[1] - 1 + rule.months_after
    year, month_number = divmod(index, 12)
    day = min(rule.day, calendar.monthrange(year, month_number + 1)[1])
    return date(year, month_number + 1, day)
