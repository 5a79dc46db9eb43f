"""Markdown: the same Report as the terminal table, as GitHub-flavoured Markdown tables."""

from __future__ import annotations

from collections.abc import Iterable

from jamsostek_budget.render.shared.sections import Report, Section, cell_text


def render_markdown(report: Report) -> str:
    out = [f"# {report.title}", "", *[f"**{line}**  " for line in report.summary]]
    for section in report.sections:
        out += ["", *_section(section)]
    if report.notes:
        out += ["", *[f"- {_escaped(note)}" for note in report.notes]]
    return "\n".join(out) + "\n"


def _section(section: Section) -> list[str]:
    align = ["---:" if i in section.right else "---" for i in range(len(section.headers))]
    lines = [f"## {section.title}", "", _row(map(_escaped, section.headers)), _row(align)]
    lines += [_row(_escaped(cell_text(cell)) for cell in row) for row in section.rows]
    if section.footer:
        footer = (_escaped(cell_text(cell)) for cell in section.footer)
        lines.append(_row(f"**{text}**" if text else "" for text in footer))
    return lines


def _row(texts: Iterable[str]) -> str:
    cells = (text.replace("|", "\\|").replace("\n", " ") for text in texts)
    return "| " + " | ".join(cells) + " |"


def _escaped(text: str) -> str:
    """A footnote's asterisk as text: "- * note" would be a nested list, "**varies***" half bold."""
    return text.replace("*", "\\*")
