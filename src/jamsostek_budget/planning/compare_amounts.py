"""One figure in every compared scenario (the baseline first), its differences against the
baseline, and the sum of such figures; absent figures count as 0 in the differences."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

Values = tuple[int | None, ...]  # one figure per scenario, baseline first; None where absent

ONE_DECIMAL = Decimal("0.1")


def percent_change(delta: int, base: int) -> Decimal | None:
    """`delta` as a percentage of `base`, rounded half up to one decimal; None when `base` is 0.

    Only for display: no amount of money is ever computed from it.
    """
    if base == 0:
        return None
    return (Decimal(delta) * 100 / Decimal(base)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Amounts:
    """One figure in every scenario. An absent figure counts as 0 in the differences."""

    values: Values

    @property
    def baseline(self) -> int:
        return self.values[0] or 0

    @property
    def deltas(self) -> tuple[int, ...]:
        """Each non-baseline scenario minus the baseline, in Rupiah (or people)."""
        return tuple((value or 0) - self.baseline for value in self.values[1:])

    @property
    def percents(self) -> tuple[Decimal | None, ...]:
        return tuple(percent_change(delta, self.baseline) for delta in self.deltas)


def add_up(rows: Iterable[Amounts], width: int) -> Amounts:
    """The sum of `rows` in each scenario; None where every row is absent."""
    totals: list[int | None] = [None] * width
    for row in rows:
        for index, value in enumerate(row.values):
            if value is not None:
                totals[index] = (totals[index] or 0) + value
    return Amounts(tuple(totals))
