"""The report as one self-contained HTML document, for a briefing to print or to mail.

Everything is inside the file: the stylesheet (with print rules for an A4 page) and the charts as
inline SVG. Nothing is fetched when the page is opened, so it looks the same offline, in a mail
attachment and in ten years; the only links are to the regulations, as ordinary hyperlinks. No
script: the page is plain HTML5 that any browser (or a screen reader) reads. All text is escaped.
The output depends only on the report and the language, so the same report always gives the same
bytes.
"""

from __future__ import annotations

import re
from html import escape

from jamsostek_budget.i18n import _, current_language
from jamsostek_budget.render.shared.sections import Cell, Chart, Report, Section, cell_text
from jamsostek_budget.render.shared.svg_chart import chart_svg

URL = re.compile(r"https?://[^\s<>\"']+")
SENTENCE_END = ".,;:!?"  # trailing punctuation after an address belongs to the sentence
MAX_WORD = 20  # longer texts without spaces (web addresses) may wrap

STYLESHEET = """
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1d232a;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
    "Liberation Sans", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 20px 40px; }
h1 { font-size: 1.45em; line-height: 1.25; margin: 0 0 .6em; }
h2 { font-size: 1.12em; margin: 1.8em 0 .5em; }
.summary { border-left: 4px solid #3b6ea5; background: #f2f6fa; padding: .45em .9em; }
.summary p { margin: .15em 0; font-weight: 600; }
figure { margin: 1.4em 0; }
figcaption { font-weight: 600; margin-bottom: .35em; }
svg.chart { display: block; width: 100%; max-width: 760px; height: auto; overflow: visible; }
svg.chart text { fill: #1d232a; font-size: 13px; }
svg.chart .amount { font-variant-numeric: tabular-nums; }
svg.chart .bar-positive { fill: #3b6ea5; }
svg.chart .bar-negative { fill: #c0392b; }
svg.chart .axis { stroke: #5f6b77; stroke-width: 1; }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: .9em; }
th, td { padding: .3em .65em; text-align: left; vertical-align: top;
  border-bottom: 1px solid #d9dee4; }
thead th { vertical-align: bottom; font-weight: 600; border-bottom: 2px solid #1d232a; }
tbody tr:nth-child(even) { background: #f6f8fa; }
tfoot td { font-weight: 700; border-top: 2px solid #1d232a; border-bottom: none; }
.word { white-space: nowrap; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
a { color: #1f5a94; overflow-wrap: anywhere; }
.notes li { margin: .25em 0; }
.empty { color: #5f6b77; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 9.5pt; color: #000; background: #fff; }
  main { max-width: none; padding: 0; }
  .summary, tbody tr:nth-child(even) { background: none; }
  .table-scroll { overflow: visible; }
  table { font-size: 8.5pt; }
  th, td { padding: .25em .4em; }
  section { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; }
  tr, figure { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, figcaption { break-after: avoid; page-break-after: avoid; }
  a { color: #000; text-decoration: none; }
}
""".strip()


def render_html(report: Report) -> str:
    """The whole document: title, summary, charts, sections and notes, in the current language."""
    body = [
        f"<h1>{text_html(report.title)}</h1>",
        *_summary(report.summary),
        *[_figure(chart) for chart in report.charts],
        *[_section(section) for section in report.sections],
        *_notes(report.notes),
    ]
    document = [
        "<!DOCTYPE html>",
        f'<html lang="{current_language()}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(report.title)}</title>",
        f"<style>\n{STYLESHEET}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        *body,
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(document) + "\n"


def _summary(lines: tuple[str, ...]) -> list[str]:
    if not lines:
        return []
    return ['<div class="summary">', *[f"<p>{text_html(line)}</p>" for line in lines], "</div>"]


def _figure(chart: Chart) -> str:
    drawing = (
        chart_svg(chart)
        if chart.bars
        else f'<p class="empty">{escape(_("No figures to draw."))}</p>'
    )
    return f"<figure>\n<figcaption>{text_html(chart.title)}</figcaption>\n{drawing}\n</figure>"


def _section(section: Section) -> str:
    right = section.right
    head = "".join(
        _cell("th", header, index in right, ' scope="col"')
        for index, header in enumerate(section.headers)
    )
    rows = [_table_row(row, right) for row in section.rows]
    parts = [
        "<section>",
        f"<h2>{text_html(section.title)}</h2>",
        '<div class="table-scroll">',
        "<table>",
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
        *rows,
        "</tbody>",
    ]
    if section.footer:
        parts.append(f"<tfoot>{_table_row(section.footer, right)}</tfoot>")
    parts += ["</table>", "</div>", "</section>"]
    return "\n".join(parts)


def _table_row(cells: tuple[Cell, ...], right: frozenset[int]) -> str:
    return "<tr>" + "".join(_cell("td", cell, i in right) for i, cell in enumerate(cells)) + "</tr>"


def _cell(tag: str, cell: Cell, numeric: bool, attributes: str = "") -> str:
    text = cell_text(cell)
    css = ' class="num"' if numeric else ' class="word"' if _is_word(text) else ""
    return f"<{tag}{attributes}{css}>{text_html(text)}</{tag}>"


def _is_word(text: str) -> bool:
    """A short text without spaces (a date, an id like pp-44-2015) that a browser would otherwise
    break at its hyphens in a narrow column."""
    return 0 < len(text) <= MAX_WORD and not any(character.isspace() for character in text)


def _notes(notes: tuple[str, ...]) -> list[str]:
    if not notes:
        return []
    return [
        '<section class="notes">',
        f"<h2>{escape(_('Notes'))}</h2>",
        "<ul>",
        *[f"<li>{text_html(note)}</li>" for note in notes],
        "</ul>",
        "</section>",
    ]


def text_html(text: str) -> str:
    """Escaped text; a line break becomes <br>, a web address a hyperlink."""
    out = []
    position = 0
    for match in URL.finditer(text):
        address = _trim(match.group(0))
        out.append(escape(text[position : match.start()]))
        out.append(f'<a href="{escape(address)}">{escape(address)}</a>')
        position = match.start() + len(address)
    out.append(escape(text[position:]))
    return "".join(out).replace("\n", "<br>")


def _trim(address: str) -> str:
    """Leave off a sentence's full stop or comma, and a closing bracket the address did not
    open, as in "(see https://example.org/a)."."""
    while address and (
        address[-1] in SENTENCE_END
        or (address[-1] == ")" and address.count(")") > address.count("("))
    ):
        address = address[:-1]
    return address
