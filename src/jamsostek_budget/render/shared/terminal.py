"""The terminal report: title, summary, bar charts, sections and notes, drawn with rich from the
same Report the Markdown renderer uses. Every part fits the width rich gives it: the CLI's console
says how wide the terminal (or the file) is.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from jamsostek_budget.render.shared.charts import BarChart
from jamsostek_budget.render.shared.fitted import FittedSection
from jamsostek_budget.render.shared.prose import Prose
from jamsostek_budget.render.shared.sections import Report


def report_renderable(report: Report) -> RenderableType:
    """The whole report; rich gives each part the console's width, and each part fits in it."""
    parts: list[RenderableType] = [Prose(report.title, style="bold")]
    parts += [Prose(line, style="bold green") for line in report.summary]
    for chart in report.charts:
        parts += [Text(""), BarChart(chart)]
    for section in report.sections:
        parts += [Text(""), FittedSection(section)]
    if report.notes:
        parts.append(Text(""))
        parts += [Prose(note, style="dim") for note in report.notes]
    return Group(*parts)
