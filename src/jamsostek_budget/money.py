"""Money: whole Rupiah as int, percentages as Decimal, and the one rounding function."""

from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)


def round_rupiah(amount: Decimal) -> int:
    """Round an exact amount to whole Rupiah, half up. The only place money is rounded."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent_of(base: int, percent: Decimal) -> Decimal:
    """`percent` % of `base` Rupiah, exact (not rounded)."""
    return Decimal(base) * percent / HUNDRED
