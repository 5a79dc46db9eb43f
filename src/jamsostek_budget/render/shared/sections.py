"""The format-neutral report: titled sections of cells, and charts, drawn by every renderer alike
(terminal table, Markdown, HTML, Excel).

A cell is text, a count (int), an amount of Rupiah (Money) or a difference (Signed). The
renderer formats numbers in the report's language; the Excel writer keeps them as numbers. A
figure may say what it is (`live`, see figures): the workbook then computes it from its lines
sheet. Figure, Numeric and Phrase are an int and strings to every other renderer.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from jamsostek_budget.render.shared.figures import Live
from jamsostek_budget.render.shared.labels import number, rupiah


@dataclass(frozen=True)
class Money:
    amount: int
    live: Live | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Signed:
    """A difference: shown with its sign (+1,234), kept a number in a workbook."""

    amount: int
    live: Live | None = field(default=None, compare=False)


class Figure(int):
    """A count or an amount shown as a plain number, and what it is (`live`)."""

    live: Live | None

    def __new__(cls, value: int, live: Live | None = None) -> Figure:
        figure = super().__new__(cls, value)
        figure.live = live
        return figure


Style = Literal[
    "rupiah",
    "signed_rupiah",
    "count",
    "percent",
    "signed_percent",
    "rate_percent",  # a rate: as many decimals as it has (0.24%, 0.3%)
    "decimal",
]


class Numeric(str):
    """A number the report writes itself (12.5%, 0.3, Rp16,800*): text to a terminal, the
    number `value` in a workbook (a percentage as its fraction), with `mark` after it."""

    value: Decimal
    style: Style
    decimals: int
    live: Live | None
    mark: str

    def __new__(
        cls,
        shown: str,
        value: Decimal | int,
        style: Style,
        *,
        decimals: int = 0,
        live: Live | None = None,
        mark: str = "",
    ) -> Numeric:
        numeric = super().__new__(cls, shown)
        numeric.value, numeric.style, numeric.decimals = Decimal(value), style, decimals
        numeric.live, numeric.mark = live, mark
        return numeric


class Phrase(str):
    """A sentence with figures in it: text to a terminal; in a workbook, a formula that
    writes the sentence around the live figures."""

    parts: tuple[str, ...]  # plain text and Numeric figures, in order

    def __new__(cls, parts: tuple[str, ...]) -> Phrase:
        phrase = super().__new__(cls, "".join(parts))
        phrase.parts = parts
        return phrase


def phrase(template: str, **values: str) -> Phrase:
    """`template.format(**values)` as a Phrase: a translated sentence, its figures kept apart."""
    parts: list[str] = []
    for text, name, _spec, _conversion in string.Formatter().parse(template):
        parts += [text] if text else []
        if name is not None:
            parts.append(values[name])
    return Phrase(tuple(parts))


class Verbatim(str):
    """Text that is never a number, though it may be all digits: a NIK, which a workbook would
    cut to Excel's 15 significant digits if it stored it as a number."""


class AsProduced(str):
    """Text about a figure that no formula can write (an amount in words): a workbook marks it
    as written when the file was produced."""


Cell = str | int | Money | Signed


def cell_text(cell: Cell) -> str:
    if isinstance(cell, Money):
        return rupiah(cell.amount)
    if isinstance(cell, Signed):
        return f"+{number(cell.amount)}" if cell.amount > 0 else number(cell.amount)
    if isinstance(cell, int):
        return number(cell)
    return cell


@dataclass(frozen=True)
class Bar:
    label: str
    amount: int  # Rupiah; may be negative (a difference)
    live: Live | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Section:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    footer: tuple[Cell, ...] | None = None
    right: frozenset[int] = frozenset()  # indexes of right-aligned (numeric) columns


@dataclass(frozen=True)
class Report:
    title: str
    summary: tuple[str, ...]
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = field(default=())
    charts: tuple[Chart, ...] = field(default=())
    # tables a workbook puts on sheets of their own, one each, named by its title (a work
    # paper's listing of every person); the other formats show the sections only
    sheets: tuple[Section, ...] = field(default=())


def rupiah_figure(amount: int, live: Live | None = None) -> Numeric:
    """An amount written as Rupiah in a sentence: Rp1.721.000.000."""
    return Numeric(rupiah(amount), amount, "rupiah", live=live)


def count_figure(amount: int, live: Live | None = None) -> Numeric:
    """A count written in a sentence: 8,477."""
    return Numeric(number(amount), amount, "count", live=live)
