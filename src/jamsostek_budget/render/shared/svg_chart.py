"""A Chart as an inline SVG drawing, for the HTML report: horizontal bars with their labels and
amounts, negative bars (differences) to the left of a zero axis and in another colour.

Nothing is measured at view time: text widths are estimated from the number of characters, so the
drawing is the same for the same chart (deterministic output) and needs no script. Colours and
fonts come from the document's stylesheet (classes `bar-positive`, `bar-negative`, `axis`,
`amount`).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from jamsostek_budget.render.shared.charts import amount_text
from jamsostek_budget.render.shared.sections import Bar, Chart

WIDTH = 760  # user units; the stylesheet scales the drawing down on narrow screens
ROW_HEIGHT = 24
BAR_HEIGHT = 16
MARGIN = 6  # above the first and below the last row
GAP = 10  # between the labels, the bars and the amounts
CHAR_WIDTH = 8.0  # a wide character at the 13px of the stylesheet (DejaVu Sans averages 7.5)
MAX_LABEL_CHARS = 30  # a longer label ends in an ellipsis; its full text is in the tooltip


@dataclass(frozen=True)
class Frame:
    """Horizontal positions shared by every row."""

    label_right: float  # labels end here (right-aligned)
    axis: float  # x of zero
    scale: float  # user units per Rupiah


def chart_svg(chart: Chart) -> str:
    """The `<svg>` element; the caller gives it a caption. A chart without bars has no drawing."""
    signed = any(bar.amount < 0 for bar in chart.bars)
    amounts = [amount_text(bar.amount, signed=signed) for bar in chart.bars]
    frame = _frame(chart.bars, amounts)
    height = 2 * MARGIN + ROW_HEIGHT * len(chart.bars)
    rows = [
        _row(index, bar, amount, frame)
        for index, (bar, amount) in enumerate(zip(chart.bars, amounts, strict=True))
    ]
    axis = (
        f'<line class="axis" x1="{_n(frame.axis)}" y1="{MARGIN - 2}" '
        f'x2="{_n(frame.axis)}" y2="{height - MARGIN + 2}"/>'
    )
    return "\n".join(
        [
            f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
            f'aria-label="{escape(chart.title)}" viewBox="0 0 {WIDTH} {height}" '
            f'width="{WIDTH}" height="{height}">',
            *rows,
            axis,
            "</svg>",
        ]
    )


def _frame(bars: tuple[Bar, ...], amounts: list[str]) -> Frame:
    """Labels on the left, amounts right-aligned on the right, bars between them split at zero in
    proportion to the largest bar on each side (one scale for both sides)."""
    label_chars = min(max((len(bar.label) for bar in bars), default=0), MAX_LABEL_CHARS)
    amount_chars = max((len(text) for text in amounts), default=0)
    label_right = label_chars * CHAR_WIDTH
    left = label_right + GAP
    right = WIDTH - amount_chars * CHAR_WIDTH - GAP
    most_negative = max((-bar.amount for bar in bars if bar.amount < 0), default=0)
    most_positive = max((bar.amount for bar in bars if bar.amount > 0), default=0)
    span = most_negative + most_positive
    scale = (right - left) / span if span else 0.0
    return Frame(label_right, left + most_negative * scale, scale)


def _row(index: int, bar: Bar, amount: str, frame: Frame) -> str:
    top = MARGIN + index * ROW_HEIGHT
    baseline = _n(top + ROW_HEIGHT / 2 + 4.5)  # 13px text centred on the bar
    label = bar.label
    if len(label) > MAX_LABEL_CHARS:
        label = label[: MAX_LABEL_CHARS - 1] + "…"
    parts = [
        "<g>",
        f"<title>{escape(bar.label)}: {escape(amount)}</title>",
        f'<text x="{_n(frame.label_right)}" y="{baseline}" text-anchor="end">'
        f"{escape(label)}</text>",
    ]
    if bar.amount:
        length = max(abs(bar.amount) * frame.scale, 1.0)  # any amount but zero stays visible
        x = frame.axis if bar.amount > 0 else frame.axis - length
        kind = "positive" if bar.amount > 0 else "negative"
        parts.append(
            f'<rect class="bar-{kind}" x="{_n(x)}" y="{_n(top + (ROW_HEIGHT - BAR_HEIGHT) / 2)}" '
            f'width="{_n(length)}" height="{BAR_HEIGHT}"/>'
        )
    parts += [
        f'<text class="amount" x="{WIDTH}" y="{baseline}" text-anchor="end">'
        f"{escape(amount)}</text>",
        "</g>",
    ]
    return "".join(parts)


def _n(value: float) -> str:
    """A coordinate with one decimal, without a trailing .0: short and always the same text."""
    text = f"{value:.1f}"
    return text.removesuffix(".0")
