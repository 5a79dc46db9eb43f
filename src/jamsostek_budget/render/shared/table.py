"""Terminal tables (and the report's bar charts) drawn with rich, from the same Report the Markdown
renderer uses."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from jamsostek_budget.render.shared.charts import BarChart
from jamsostek_budget.render.shared.sections import Report, Section, cell_text

TEXT_WIDTH = 48  # longer text (titles, web addresses) folds onto more lines


def report_renderable(report: Report) -> RenderableType:
    parts: list[RenderableType] = [Text(report.title, style="bold")]
    parts += [Text(line, style="bold green") for line in report.summary]
    for chart in report.charts:
        parts += [Text(""), BarChart(chart)]
    for section in report.sections:
        parts += [Text(""), section_table(section)]
    if report.notes:
        parts.append(Text(""))
        parts += [Text(note, style="dim") for note in report.notes]
    return Group(*parts)


def section_table(section: Section) -> Table:
    table = Table(
        title=section.title,
        title_justify="left",
        title_style="bold",
        show_footer=section.footer is not None,
        box=box.SIMPLE_HEAVY,
        padding=(0, 1),
        pad_edge=False,
    )
    footer: Sequence[str] = [cell_text(cell) for cell in section.footer or ()]
    for index, header in enumerate(section.headers):
        numeric = index in section.right
        table.add_column(
            header,
            justify="right" if numeric else "left",
            no_wrap=numeric,
            max_width=None if numeric else TEXT_WIDTH,
            footer=footer[index] if footer else "",
            overflow="fold",
        )
    for row in section.rows:
        table.add_row(*(cell_text(cell) for cell in row))
    return table
