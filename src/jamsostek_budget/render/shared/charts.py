"""Horizontal bar charts in the terminal, drawn with rich from a Chart.

Plain characters carry the whole picture, so a chart reads the same in a pipe, a log file or a
terminal without colour: full and eighth blocks give a bar's length, every row ends with its
amount, and negative amounts (differences) grow to the left of a zero axis. Colour only adds
emphasis. Lengths are computed with exact fractions and rounded half up, so the same chart at the
same width is always drawn character for character the same (golden tests rely on it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from jamsostek_budget.i18n import _
from jamsostek_budget.render.shared.labels import rupiah
from jamsostek_budget.render.shared.sections import Bar, Chart

FULL = "█"
EIGHTHS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")  # left-aligned: the ragged end is on the right
# A negative bar grows leftwards from the axis, so its ragged end is on the left, where Unicode
# only has a right-aligned half block: negative bars are drawn to half a cell.
RIGHT_HALF = "▐"
AXIS = "│"
MIN_LABEL_CELLS = 8  # a narrow terminal shortens the labels down to this, then the bars
MAX_LABEL_CELLS = 32  # a longer label ends in an ellipsis
MIN_BAR_CELLS = 10
MAX_BAR_CELLS = 60  # wider bars add nothing but distance between a label and its amount
POSITIVE_STYLE = "cyan"
NEGATIVE_STYLE = "red"


@dataclass(frozen=True)
class Layout:
    """Where each part of a row goes, in terminal cells, and how many cells a Rupiah is worth."""

    label_cells: int
    negative_cells: int  # left of the axis
    positive_cells: int  # right of the axis
    amount_cells: int
    scale: Fraction  # cells per Rupiah, the same on both sides of the axis

    @property
    def axis(self) -> bool:
        return self.negative_cells > 0


class BarChart:
    """A rich renderable: the chart's title, then one row per bar (label, bar, amount)."""

    def __init__(self, chart: Chart) -> None:
        self.chart = chart
        signed = any(bar.amount < 0 for bar in chart.bars)
        self.amounts = [amount_text(bar.amount, signed=signed) for bar in chart.bars]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text(self.chart.title, style="bold")
        if not self.chart.bars:
            yield Text(_("No figures to draw."), style="dim")
            return
        layout = self.layout(options.max_width)
        for bar, amount in zip(self.chart.bars, self.amounts, strict=True):
            yield self.row(bar, amount, layout)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        labels = self._label_cells()
        fixed = self._amount_cells() + 2  # a space after the label and before the amount
        narrowest = min(labels, MIN_LABEL_CELLS) + fixed + MIN_BAR_CELLS
        widest = min(labels, MAX_LABEL_CELLS) + fixed + MAX_BAR_CELLS
        return Measurement(narrowest, widest).clamp(max_width=options.max_width)

    def layout(self, width: int) -> Layout:
        """Labels take what they need (up to MAX_LABEL_CELLS), amounts their widest text; the bars
        get the rest, up to MAX_BAR_CELLS, and the labels give way when that is too little."""
        amount_cells = self._amount_cells()
        label_cells = min(self._label_cells(), MAX_LABEL_CELLS)
        room = width - amount_cells - 2
        if room - label_cells < MIN_BAR_CELLS:
            label_cells = min(label_cells, max(MIN_LABEL_CELLS, room - MIN_BAR_CELLS))
        bar_cells = min(max(room - label_cells, 2), MAX_BAR_CELLS)
        negative, positive = split_cells(self.chart.bars, bar_cells)
        scale = bar_scale(self.chart.bars, negative, positive)
        return Layout(label_cells, negative, positive, amount_cells, scale)

    def row(self, bar: Bar, amount: str, layout: Layout) -> Text:
        label = Text(bar.label.replace("\n", " "))  # one row per bar
        label.truncate(layout.label_cells, overflow="ellipsis", pad=True)
        row = Text.assemble(label, " ")
        if layout.axis:
            left = negative_bar(bar.amount, layout.scale) if bar.amount < 0 else ""
            row.append(" " * (layout.negative_cells - cell_len(left)))
            row.append(left, style=NEGATIVE_STYLE)
            row.append(AXIS, style="dim")
        right = positive_bar(bar.amount, layout.scale) if bar.amount > 0 else ""
        row.append(right, style=POSITIVE_STYLE)
        row.append(" " * (layout.positive_cells - cell_len(right)))
        row.append(" " + amount.rjust(layout.amount_cells))
        row.no_wrap = True
        return row

    def _label_cells(self) -> int:
        return max((cell_len(bar.label) for bar in self.chart.bars), default=0)

    def _amount_cells(self) -> int:
        return max((cell_len(text) for text in self.amounts), default=0)


def amount_text(amount: int, *, signed: bool) -> str:
    """Rupiah in the current language; in a chart of differences an increase shows its +."""
    return f"+{rupiah(amount)}" if signed and amount > 0 else rupiah(amount)


def split_cells(bars: tuple[Bar, ...], cells: int) -> tuple[int, int]:
    """Cells left and right of the axis, in proportion to the largest bar on each side. Without
    negative bars there is no axis and every cell is on the right; with both signs each side keeps
    at least one cell and the axis takes one."""
    most_negative = max((-bar.amount for bar in bars if bar.amount < 0), default=0)
    most_positive = max((bar.amount for bar in bars if bar.amount > 0), default=0)
    if most_negative == 0:
        return 0, cells
    cells -= 1  # the axis
    if most_positive == 0:
        return cells, 0
    negative = round_half_up(Fraction(cells * most_negative, most_negative + most_positive))
    negative = min(max(negative, 1), cells - 1)
    return negative, cells - negative


def bar_scale(bars: tuple[Bar, ...], negative_cells: int, positive_cells: int) -> Fraction:
    """Cells per Rupiah such that the largest bar on each side fits its side: one scale for all
    bars, so lengths compare across the axis. Zero when every bar is zero."""
    most_negative = max((-bar.amount for bar in bars if bar.amount < 0), default=0)
    most_positive = max((bar.amount for bar in bars if bar.amount > 0), default=0)
    scales = [
        Fraction(cells, most)
        for cells, most in ((negative_cells, most_negative), (positive_cells, most_positive))
        if most > 0
    ]
    return min(scales, default=Fraction(0))


def positive_bar(amount: int, scale: Fraction) -> str:
    """Full blocks and one eighth block; any amount above zero shows at least an eighth."""
    eighths = max(round_half_up(amount * scale * 8), 1)
    return FULL * (eighths // 8) + EIGHTHS[eighths % 8]


def negative_bar(amount: int, scale: Fraction) -> str:
    """Right-aligned half block, then full blocks up to the axis; at least half a cell."""
    halves = max(round_half_up(-amount * scale * 2), 1)
    return RIGHT_HALF * (halves % 2) + FULL * (halves // 2)


def round_half_up(value: Fraction) -> int:
    """Nearest whole number, halves up: exact, unlike round() on floats (and banker's rounding)."""
    return math.floor(value + Fraction(1, 2))
