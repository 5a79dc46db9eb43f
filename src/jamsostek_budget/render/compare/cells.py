"""The cells of a comparison's tables: scenarios lettered A (the baseline), B, ..., a figure
per scenario and each one's difference to the baseline in Rupiah and per cent, every figure live
over the lines sheets of its scenario."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from jamsostek_budget.i18n import _
from jamsostek_budget.model.fields import Program
from jamsostek_budget.planning.compare import Amounts, Comparison
from jamsostek_budget.render.shared.figures import Live, What, live
from jamsostek_budget.render.shared.labels import percent
from jamsostek_budget.render.shared.sections import Cell, Figure, Numeric, Signed

ABSENT = "-"


def letter(index: int) -> str:
    """Columns are lettered (A is the baseline) so that the tables stay narrow."""
    return chr(ord("A") + index) if index < 26 else f"#{index + 1}"


def value_headers(comparison: Comparison, what: str) -> list[str]:
    return [f"{letter(i)}\n{what}" for i in range(comparison.width)]


def delta_headers(comparison: Comparison) -> list[str]:
    headers = []
    for i in range(1, comparison.width):
        headers += [f"{letter(i)} - A\n(Rp)", f"{letter(i)} - A\n(%)"]  # no words to translate
    return headers


Of = Callable[[int], Live]  # the figure of the scenario with this index


def amount_cells(amounts: Amounts, of: Of) -> list[Cell]:
    return [
        ABSENT if value is None else Figure(value, of(index))
        for index, value in enumerate(amounts.values)
    ]


def delta_cells(amounts: Amounts, of: Of) -> list[Cell]:
    cells: list[Cell] = []
    for index, delta, pct in zip(
        range(1, len(amounts.values)), amounts.deltas, amounts.percents, strict=True
    ):
        figure = of(index) - of(0)
        cells += [Signed(delta, figure), percent_cell(pct, figure / of(0))]
    return cells


def of(what: What, *, group: str | None = None, program: Program | None = None) -> Of:
    return lambda index: live(what, index, group=group, program=program)


def percent_cell(value: Decimal | None, figure: Live) -> str:
    """+12,5 % in Indonesian, +12.5% in English; a workbook keeps the fraction."""
    if value is None:
        return _("n/a")
    sign = "+" if value > 0 else ""
    return Numeric(
        sign + percent(value, decimals=1), value / 100, "signed_percent", decimals=1, live=figure
    )
