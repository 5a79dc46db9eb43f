"""Markdown: the same Report as the terminal table, as GitHub-flavoured Markdown tables."""

from __future__ import annotations

from jamsostek_budget.render.shared.sections import Cell, Report, Section, cell_text


def render_markdown(report: Report) -> str:
    out = [f"# {report.title}", "", *[f"**{line}**  " for line in report.summary]]
    for section in report.sections:
        out += ["", *_section(section)]
    if report.notes:
        out += ["", *[f"- {note}" for note in report.notes]]
    return "\n".join(out) + "\n"


def _section(section: Section) -> list[str]:
    align = ["---:" if i in section.right else "---" for i in range(len(section.headers))]
    lines = [f"## {section.title}", "", _row(section.headers), _row(align)]
    lines += [_row(row) for row in section.rows]
    if section.footer:
        footer = (cell_text(cell) for cell in section.footer)
        lines.append(_row(tuple(f"**{text}**" if text else "" for text in footer)))
    return lines


def _row(cells: tuple[Cell, ...] | list[str]) -> str:
    texts = (cell_text(cell).replace("|", "\\|").replace("\n", " ") for cell in cells)
    return "| " + " | ".join(texts) + " |"
