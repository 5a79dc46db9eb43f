"""A report section as one rich table (or some of its columns): the wide layout of the terminal
report, and the pieces render.shared.fitted lays out when the wide one does not fit."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.table import Table

from jamsostek_budget.render.shared.prose import fold, words
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
    widths = {i: max(text_width, longest_word(section, i)) for i in shown if i not in section.right}
    for index in shown:
        table.add_column(
            section.headers[index],
            justify="left" if index in widths else "right",
            no_wrap=index not in widths,
            min_width=min(widths[index], widest(section, index)) if index in widths else None,
            max_width=widths.get(index),
            footer=footer[index] if footer else "",
            overflow="fold",
        )
    for row in section.rows:
        table.add_row(*(folded(cell_text(row[i]), widths.get(i)) for i in shown))
    return table


def folded(text: str, width: int | None) -> str:
    """A text cell folded here rather than by rich, which could break a figure from its currency
    code (`IDR` / `745,718,400`); a figure column (`width` None) is never folded."""
    if width is None:
        return text
    return "\n".join(line.rstrip() for line in fold(text, width))


def widest(section: Section, index: int) -> int:
    """Cells of the column's widest text unfolded: a folded column is as wide as rich would make
    it, so the tables that fit are drawn as before."""
    lines = [line for text in column_texts(section, index) for line in text.splitlines()]
    return max((len(line) for line in lines), default=0)


def longest_word(section: Section, index: int) -> int:
    """Cells of the column's widest word: a narrower text column would cut it."""
    texts = column_texts(section, index)
    return max((len(word.rstrip()) for text in texts for word in words(text)), default=0)


def column_texts(section: Section, index: int) -> list[str]:
    """The column's heading, cells and footer, as drawn."""
    texts = [section.headers[index]] + [cell_text(row[index]) for row in section.rows]
    return texts + ([cell_text(section.footer[index])] if section.footer else [])
