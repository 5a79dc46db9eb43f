"""An efficiency order (*efisiensi*): a cut of the pagu by a percentage or an amount, as the
2025 and 2026 orders (Inpres 1/2025, the cuts to regional transfers) reach a Pemda's premium
budget. What the cut ceiling still covers is planning.revision's to work out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jamsostek_budget.errors import UsageError
from jamsostek_budget.i18n import _, grouped
from jamsostek_budget.money import HUNDRED, round_rupiah


@dataclass(frozen=True)
class Cut:
    """An efficiency order: a percentage of the pagu (10 for 10 %) or an amount of Rupiah;
    exactly one of the two."""

    percent: Decimal | None = None
    amount: int | None = None

    def rupiah(self, pagu: int) -> int:
        """The Rupiah the order takes off `pagu` (a percentage rounded half up, once)."""
        if self.percent is not None:
            return round_rupiah(Decimal(pagu) * self.percent / HUNDRED)
        assert self.amount is not None
        return self.amount


def check_cut(cut: Cut, pagu: int, realized: int) -> int:
    """The Rupiah `cut` takes off `pagu`, refused when it is not one positive percentage or
    amount, or when it would take back money already realized."""
    if (cut.percent is None) == (cut.amount is None):
        raise UsageError(
            _("a cut is a percentage of the pagu or an amount, one of the two"),
            _("give a cut such as 10% or 150000000"),
        )
    if cut.percent is not None and not 0 < cut.percent <= HUNDRED:
        raise UsageError(
            _("a cut of {percent} % is not a share of the pagu").format(percent=cut.percent),
            _("give a percentage above 0 and at most 100"),
        )
    taken = cut.rupiah(pagu)
    if taken <= 0 or pagu - taken < realized:
        raise UsageError(
            _(
                "a cut of Rp{cut} leaves Rp{left} of the pagu of Rp{pagu}, less than the "
                "Rp{realized} already realized"
            ).format(
                cut=grouped(taken),
                left=grouped(pagu - taken),
                pagu=grouped(pagu),
                realized=grouped(realized),
            )
            if taken > 0
            else _("a cut of Rp{cut} takes nothing off the pagu").format(cut=grouped(taken)),
            _("give a cut above 0 and at most Rp{most}").format(most=grouped(pagu - realized)),
        )
    return taken
