"""Rules for a value that changes every year (the JP wage cap): how far it may move from the
previous year's value, and when it may fall."""

from __future__ import annotations

import re
from decimal import Decimal

from jamsostek_budget.i18n import _, grouped
from jamsostek_budget.model.fields import ViolationList

# A yearly value follows a rule: the JP wage cap is last year's cap x (1 + last year's GDP
# growth) (PP 45/2015 Pasal 29 ayat 3). It falls only after a contraction: the one fall since
# JP began was 2.07 % (2021, after the pandemic year). A fall of more than 5 % would need a
# contraction more than twice that deep; a rise to more than twice the previous value would need
# the economy to double in a year. Either is a dropped or an extra digit, refused even with a
# note; should the economy ever do it, raise the bound with its source.
MAX_YEARLY_FALL_PERCENT = Decimal(5)
MAX_YEARLY_RISE_FACTOR = 2
# A note says why a value fell when it names the fall or the negative growth behind it.
SAYS_IT_FELL = re.compile(
    r"(?<![\w.])[-\u2212]\s?\d|\b(fell|fall|falls|decrease[sd]?|lower|drop(ped)?|negative|contraction|"
    r"turun|menurun|negatif|kontraksi|minus)\b",
    re.IGNORECASE,
)


def check_yearly_change(
    found: ViolationList,
    where: tuple[str | int, ...],
    previous: Decimal,
    value: Decimal,
    note: str,
) -> None:
    """A yearly value compared with the one before it: no extra or dropped digit, and a fall
    only with a note on this value that says why."""
    shown = {"value": grouped(value), "previous": grouped(previous)}
    if value > previous * MAX_YEARLY_RISE_FACTOR:
        found.add(
            where,
            _(
                "{value} is more than twice the previous value {previous}; a value that "
                "changes yearly grows by a few percent"
            ).format(**shown),
            _("check the digits: is there one too many?"),
        )
    elif value < previous * (1 - MAX_YEARLY_FALL_PERCENT / 100):
        found.add(
            where,
            _(
                "{value} is more than {percent} % lower than the previous value {previous}; "
                "a value that changes yearly falls by a few percent at most, even with a note"
            ).format(percent=MAX_YEARLY_FALL_PERCENT, **shown),
            _("check the digits: is one missing? (the JP cap fell 2.07 % in 2021)"),
        )
    elif value < previous and not SAYS_IT_FELL.search(note):
        found.add(
            where,
            _("{value} is lower than the previous value {previous}").format(
                value=value, previous=previous
            ),
            _(
                "a value that changes yearly should not decrease; if it really did, say why "
                "in `note:` on this value (the JP cap fell in 2021 after GDP growth of -2.07 %)"
            ),
        )
