"""A report section laid out for the width it is drawn at.

The wide table when it fits (measured with rich, as the terminal would draw it, every text column
at its natural width). Otherwise the columns are dealt into narrower tables that each repeat the
column naming the rows ("Per group", then "Per group (continued)"), and a column that fits in no
table (long text with a web address, or a terminal too narrow for it beside the row names) is
written as one block per row: the row's name, then `Heading: value` lines. A figure, a date or a
web address is never split across lines, and nothing the wide table shows is left out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from jamsostek_budget.i18n import _
from jamsostek_budget.render.shared.prose import fold, line_text
from jamsostek_budget.render.shared.sections import Section, cell_text
from jamsostek_budget.render.shared.table import TEXT_WIDTH, section_table

UNLIMITED = 10_000  # a width to measure what a table would take if it could have it all
# The wide table folds its text columns at these widths, the first that fits: a little folding
# beats dealing the columns into several tables.
WIDE_TEXT_WIDTHS = (TEXT_WIDTH, 32, 24)
INDENT = "  "  # a block's lines under the row's name


class FittedSection:
    """A rich renderable: the section in the layout its width allows."""

    def __init__(self, section: Section) -> None:
        self.section = section

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for text_width in WIDE_TEXT_WIDTHS:
            wide = section_table(self.section, text_width=text_width)
            if fits(console, options, wide):
                yield wide
                return
        groups, stacked = self._deal(console, options)
        names = name_columns(self.section)
        for number, columns in enumerate(groups):
            if number:
                yield Text("")
            title = self.section.title if number == 0 else continued(self.section.title)
            yield section_table(
                self.section, [*names, *columns], title=title, text_width=self._text_width(width)
            )
        if stacked:
            if groups:
                yield Text("")
            title = continued(self.section.title) if groups else self.section.title
            yield from (line_text(line, "bold") for line in fold(title, width))
            yield from block_lines(self.section, stacked, width)

    def _deal(self, console: Console, options: ConsoleOptions) -> tuple[list[list[int]], list[int]]:
        """Columns into tables beside the row names, in order, as many to a table as fit; the
        columns that fit in none are written as blocks."""
        text_width = self._text_width(options.max_width)
        names = name_columns(self.section)

        def fit(columns: list[int]) -> bool:
            table = section_table(self.section, [*names, *columns], text_width=text_width)
            return fits(console, options, table)

        groups: list[list[int]] = []
        stacked: list[int] = []
        current: list[int] = []
        for index in range(len(names), len(self.section.headers)):
            if fit([*current, index]):
                current.append(index)
            elif current and fit([index]):
                groups.append(current)
                current = [index]
            else:
                stacked.append(index)
        return [*groups, current] if current else groups, stacked

    def _text_width(self, width: int) -> int:
        """Text columns in the narrow tables take about a third of the width (a longer word
        widens its column), so that figures find room beside them."""
        return min(TEXT_WIDTH, width // 3)


def fits(console: Console, options: ConsoleOptions, table: Table) -> bool:
    """Whether the table, every column at its natural width (text folded at its column's width,
    never inside a word), fits in the width: then rich squeezes nothing."""
    needed = Measurement.get(console, options.update_width(UNLIMITED), table)
    return needed.maximum <= options.max_width


def name_columns(section: Section) -> list[int]:
    """The columns that name a row, repeated in every narrower table: the first, and in a
    numbered list (a figure first, `#`) also the one after the number."""
    numbered = 0 in section.right and 1 not in section.right and len(section.headers) > 2
    return [0, 1] if numbered else [0]


def continued(title: str) -> str:
    return _("{title} (continued)").format(title=title)


def block_lines(section: Section, columns: Sequence[int], width: int) -> Iterator[Text]:
    """One block per row (and one for the footer): the row's name, then each column's heading
    and value, folded at word boundaries under the name."""
    rows = list(section.rows)
    if section.footer is not None and any(cell_text(section.footer[i]) for i in columns):
        rows.append(section.footer)
    names = name_columns(section)
    for row in rows:
        name = " ".join(text for text in (cell_text(row[i]) for i in names) if text)
        for line in fold(name, width, INDENT):
            yield line_text(line, "bold")
        for index in columns:
            value = cell_text(row[index])
            if not value:
                continue
            heading = " ".join(section.headers[index].split())
            entry = f"{INDENT}{heading}: {value}" if heading else INDENT + value
            for line in fold(entry, width, INDENT * 2):
                yield line_text(line)
