"""A report section as one rich table (or some of its columns): the wide layout of the terminal
report, and the pieces render.shared.fitted lays out when the wide one does not fit."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.table import Table

from jamsostek_budget.render.shared.prose import words
from jamsostek_budget.render.shared.sections import Section, cell_text

TEXT_WIDTH = 48  # longer text (titles, sources) folds onto more lines


def section_table(
    section: Section,
    columns: Sequence[int] | None = None,
    *,
    title: str | None = None,
    text_width: int = TEXT_WIDTH,
) -> Table:
    """The section as one table, or only the given `columns` of it (the first is the one that
    names each row). Text columns fold at `text_width` cells, or at their longest word (a web
    address): a word is never cut."""
    shown = range(len(section.headers)) if columns is None else columns
    table = Table(
        title=section.title if title is None else title,
        title_justify="left",
        title_style="bold",
        show_footer=section.footer is not None,
        box=box.SIMPLE_HEAVY,
        padding=(0, 1),
        pad_edge=False,
    )
    footer: Sequence[str] = [cell_text(cell) for cell in section.footer or ()]
    for index in shown:
        numeric = index in section.right
        table.add_column(
            section.headers[index],
            justify="right" if numeric else "left",
            no_wrap=numeric,
            max_width=None if numeric else max(text_width, longest_word(section, index)),
            footer=footer[index] if footer else "",
            overflow="fold",
        )
    for row in section.rows:
        table.add_row(*(cell_text(row[index]) for index in shown))
    return table


def longest_word(section: Section, index: int) -> int:
    """Cells of the column's widest word: a narrower text column would cut it."""
    cells = [cell_text(row[index]) for row in section.rows]
    cells += [section.headers[index]]
    cells += [cell_text(section.footer[index])] if section.footer else []
    return max((len(word.rstrip()) for cell in cells for word in words(cell)), default=0)
