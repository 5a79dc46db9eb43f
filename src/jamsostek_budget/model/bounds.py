"""The largest value each kind of number in a data file may take, and why.

No real budget comes near these bounds; a value past one is a typing error (digits pasted twice,
a yearly figure where a monthly one belongs). They also keep every figure jbudget computes well
inside exact arithmetic: a Decimal holds 28 significant digits, and the largest premium these
bounds allow (300 million people x Rp1 trillion x 12 months) has 22.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jamsostek_budget.errors import UsageError
from jamsostek_budget.i18n import N_, _, grouped


@dataclass(frozen=True)
class Bound:
    name: str
    limit: int
    reason: str  # marked for translation, translated when shown
    hint: str

    def message(self, value: str) -> str:
        return _("must be at most {limit} ({reason}), got {value}").format(
            limit=grouped(self.limit), reason=_(self.reason), value=value
        )

    def outgrown(self, subject: str, field: str, year: int) -> UsageError:
        """A projection that grows `subject`'s `field` past this bound by `year`."""
        return UsageError(
            _("{group}: {field} grows past {limit} ({reason}) by {year}").format(
                group=subject,
                field=field,
                limit=grouped(self.limit),
                reason=_(self.reason),
                year=year,
            ),
            _("assume a lower growth a year, or project fewer years"),
        )


# Indonesia had about 281 million people in mid-2024 (BPS); no group, and no scenario's groups
# together, can cover more.
PEOPLE = Bound(
    "people",
    300_000_000,
    N_("about the population of Indonesia"),
    N_("a headcount counts people: check the digits"),
)
# One person's monthly wage, declared income or Rupiah rate. A regency's whole yearly budget
# (APBD) is Rp1 to 3 trillion; no one person's monthly pay, and no premium base, comes near it.
MONTHLY_RUPIAH = Bound(
    "monthly_rupiah",
    10**12,
    N_("Rp1 trillion, more than the yearly budget of most regencies"),
    N_("write one person's monthly amount in whole Rupiah: check the digits"),
)
# Deaths a year per 1,000 participants: at most every one of them.
DEATH_RATE = Bound(
    "death_rate",
    1000,
    N_("a rate per 1,000 people cannot pass 1,000"),
    N_("write deaths a year per 1,000 participants, like 3.19"),
)
BY_NAME = {bound.name: bound for bound in (PEOPLE, MONTHLY_RUPIAH, DEATH_RATE)}

# Decimal places of a rate in percent, and of a relief's payable percentage. Regulations give
# rates to two places at most (0.24 %, 1.74 %) and reliefs in whole percent (1 %, 50 %); a value
# with more digits is a typing error (0.3000000001). The bound also keeps the roster's exact
# integer costing on its 64-bit path: a rate of three places times a relief of two is a fraction
# whose numerator and denominator stay below 10^9 (a finer one is costed on Python integers).
RATE_DECIMALS = 3
RELIEF_DECIMALS = 2


def decimals(value: Decimal) -> int:
    """How many decimal places `value` is written with (0.30 has 1: trailing zeros do not count)."""
    exponent = value.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def too_precise(value: Decimal, places: int) -> str | None:
    """Why `value` has more than `places` decimal places, or None."""
    if decimals(value) <= places:
        return None
    return _("has at most {count} decimal places (regulations give no more), got {value}").format(
        count=places, value=value
    )
