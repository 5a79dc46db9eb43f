"""The format-neutral report: titled sections of cells, and charts, drawn by every renderer alike
(terminal table, Markdown, HTML, Excel).

A cell is text, a count (int), an amount of Rupiah (Money) or a difference (Signed). The
renderer formats numbers in the report's language; the Excel writer keeps them as numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jamsostek_budget.render.shared.labels import number, rupiah


@dataclass(frozen=True)
class Money:
    amount: int


@dataclass(frozen=True)
class Signed:
    """A difference: shown with its sign (+1,234), kept a number in a workbook."""

    amount: int


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
