"""Money: whole Rupiah as int, percentages as Decimal, and the one rounding function."""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

HUNDRED = Decimal(100)


def round_rupiah(amount: Decimal | Fraction) -> int:
    """Round an exact amount to whole Rupiah, half up (away from zero on a tie, as Decimal's
    ROUND_HALF_UP). The only place money is rounded."""
    if isinstance(amount, Fraction):
        whole = (2 * abs(amount.numerator) + amount.denominator) // (2 * amount.denominator)
        return whole if amount >= 0 else -whole
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
