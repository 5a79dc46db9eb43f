"""The self-contained HTML report (render.html, render.svg_chart): its structure, figures,
language, escaping, that nothing is fetched when it is opened, and a real rendering by headless
Chromium.

The README's screenshot, docs/estimate-html.png, is this test's rendering of the Indonesian metro
report. The PNG carries the SHA-256 of the HTML it was drawn from (a tEXt chunk), and the test
fails when the report renders to any other HTML: the screenshot cannot drift from the report, and
a newer Chromium or font, which draws the same HTML a few pixels differently, does not make it
stale. After a deliberate change of the HTML report, `pytest tests/test_html.py --regen-golden`
rewrites it (and fails); look at it before committing it.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from jamsostek_budget.app import estimate as api
from jamsostek_budget.app.planning import project as project_years
from jamsostek_budget.i18n import current_language, set_language
from jamsostek_budget.loading import bundled
from jamsostek_budget.planning.compare import compare
from jamsostek_budget.render.compare.report import compare_chart, compare_report
from jamsostek_budget.render.estimate.report import estimate_chart, estimate_report
from jamsostek_budget.render.project.report import project_chart, project_report
from jamsostek_budget.render.shared.html import render_html
from jamsostek_budget.render.shared.sections import Bar, Chart, Money, Report, Section, cell_text
from tests.png import read_png, text_chunks, with_text

VOID = {"meta", "br", "link", "img", "input", "hr", "col", "source", "wbr", "area", "base"}
SCREENSHOT = Path(__file__).parent.parent / "docs" / "estimate-html.png"
SCREENSHOT_SOURCE = "jbudget-html-sha256"  # the tEXt keyword: the SHA-256 of the HTML drawn
POSITIVE_BAR = bytes((0x3B, 0x6E, 0xA5))  # the stylesheet's colour of a positive bar
WHITE = b"\xff\xff\xff"


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def all(self, tag: str) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                found += [child] if child.tag == tag else []
                found += child.all(tag)
        return found

    def one(self, tag: str) -> Node:
        (found,) = self.all(tag)
        return found

    def text(self) -> str:
        """The text as a reader sees it, a <br> as a line break."""
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            else:
                parts.append("\n" if child.tag == "br" else child.text())
        return "".join(parts)


class TreeBuilder(HTMLParser):
    """A strict little parser: every element must be closed, in order (well-formed HTML5)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.open = [self.root]
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(node)
        if tag not in VOID:
            self.open.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert self.open[-1].tag == tag, f"</{tag}> closes <{self.open[-1].tag}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parse(document: str) -> tuple[str, Node]:
    builder = TreeBuilder()
    builder.feed(document)
    builder.close()
    assert builder.open == [builder.root], "unclosed elements"
    return builder.doctype, builder.root.one("html")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """English unless a test asks for Indonesian: the CLI tests run in-process and leave behind
    the language of their last --lang."""
    previous = current_language()
    set_language("en")
    yield
    set_language(previous)


@pytest.fixture
def indonesian(english: None) -> None:
    """Indonesian for one test; the english fixture puts the previous language back."""
    set_language("id")


def metro_estimate() -> Report:
    budget = api.estimate(bundled.city_file("metro")).unwrap().budget
    return replace(estimate_report(budget), charts=(estimate_chart(budget),))


def metro_comparison() -> Report:
    metro = bundled.city_file("metro")
    comparison = compare(
        [
            api.estimate(metro, year=2020).unwrap().budget,
            api.estimate(metro).unwrap().budget,
            api.estimate(bundled.city_file("metro-2026-expansion")).unwrap().budget,
        ]
    )
    return replace(compare_report(comparison), charts=(compare_chart(comparison),))


def metro_projection() -> Report:
    projection = project_years(
        bundled.city_file("metro"), [2025, 2026], {"headcount": Decimal(2)}
    ).unwrap()
    return replace(project_report(projection), charts=(project_chart(projection),))


BUILDERS = {"estimate": metro_estimate, "compare": metro_comparison, "project": metro_projection}


@pytest.mark.parametrize("kind", BUILDERS)
def test_the_document_shows_every_part_of_the_report(kind: str) -> None:
    report = BUILDERS[kind]()
    doctype, html = parse(render_html(report))
    assert doctype == "DOCTYPE html"
    assert html.attrs["lang"] == "en"
    assert html.all("meta")[0].attrs == {"charset": "utf-8"}
    assert html.one("head").one("title").text() == report.title
    assert html.one("h1").text() == report.title
    summary = [p.text() for p in html.one("main").all("div")[0].all("p")]
    assert summary == list(report.summary)
    figures = html.all("figure")
    assert [figure.one("figcaption").text() for figure in figures] == [
        c.title for c in report.charts
    ]
    tables = [section for section in html.all("section") if section.all("table")]
    assert len(tables) == len(report.sections)
    for section, node in zip(report.sections, tables, strict=True):
        check_table(section, node)
    notes = html.all("section")[-1]
    assert notes.one("h2").text() == "Notes"
    assert [li.text() for li in notes.all("li")] == list(report.notes)


def check_table(section: Section, node: Node) -> None:
    """Every header, cell and footer as the report has it; numbers right-aligned."""
    assert node.one("h2").text() == section.title
    headers = node.one("thead").all("th")
    assert [th.text() for th in headers] == list(section.headers)
    rows = node.one("tbody").all("tr")
    assert [[td.text() for td in tr.all("td")] for tr in rows] == [
        [cell_text(cell) for cell in row] for row in section.rows
    ]
    for tr in [*rows, *node.all("tfoot")]:
        for index, td in enumerate(tr.all("td")):
            assert (td.attrs.get("class") == "num") == (index in section.right)
    if section.footer:
        footer = node.one("tfoot").all("td")
        assert [td.text() for td in footer] == [cell_text(cell) for cell in section.footer]
    else:
        assert not node.all("tfoot")


def test_indonesian_report_has_lang_id_and_indonesian_figures(indonesian: None) -> None:
    report = metro_estimate()
    document = render_html(report)
    _, html = parse(document)
    assert html.attrs["lang"] == "id"
    per_group = html.all("section")[0]
    assert per_group.one("tfoot").all("td")[7].text() == "1.720.963.200"
    assert "Rp745.718.400" in html.one("svg").text()  # the chart's amounts too


def test_money_and_counts_are_formatted_in_the_language(indonesian: None) -> None:
    section = Section("S", ("a", "b"), ((Money(1_720_963_200), 8477),), right=frozenset({0, 1}))
    _, html = parse(render_html(Report("T", (), (section,))))
    assert [td.text() for td in html.all("td")] == ["Rp1.720.963.200", "8.477"]


def test_nothing_is_fetched_when_the_page_is_opened() -> None:
    """No stylesheet, script, image, font or frame from anywhere: the only addresses are the
    hyperlinks to the regulations, which a reader follows only by clicking."""
    report = metro_estimate()
    document = render_html(report)
    _, html = parse(document)
    for node in _every_node(html):
        assert node.tag not in {"script", "link", "img", "iframe", "object", "embed", "base"}
        assert "src" not in node.attrs
        assert "srcset" not in node.attrs
        if "href" in node.attrs or "xlink:href" in node.attrs:
            assert node.tag == "a"
            assert node.attrs["href"].startswith("https://")
    style = html.one("style").text()
    assert "url(" not in style
    assert "@import" not in style
    assert "http" not in style
    links = [a.attrs["href"] for a in html.all("a")]
    assert links and all(re.match(r"^https://", link) for link in links)
    assert {
        reg.url for reg in api.estimate(bundled.city_file("metro")).unwrap().budget.regulations
    } <= {*links}


def _every_node(node: Node) -> list[Node]:
    found = []
    for child in node.children:
        if isinstance(child, Node):
            found += [child, *_every_node(child)]
    return found


def test_all_text_is_escaped() -> None:
    evil = '<script>alert("x")</script> & <b>'
    report = Report(
        evil,
        (evil,),
        (Section(evil, (evil, "n"), ((evil, 1),), (evil, 2), frozenset({1})),),
        (evil,),
        (Chart(evil, (Bar(evil, 5), Bar("b", -5))),),
    )
    _, html = parse(render_html(report))
    nodes = _every_node(html)
    assert not [node for node in nodes if node.tag in {"script", "b"}]
    assert html.one("head").one("title").text() == evil
    assert html.one("h1").text() == evil
    assert html.one("figcaption").text() == evil
    assert html.one("svg").attrs["aria-label"] == evil
    assert html.one("svg").all("title")[0].text() == f"{evil}: +IDR 5"  # the bar's tooltip
    assert [td.text() for td in html.all("td")] == [evil, "1", evil, "2"]
    assert html.all("li")[0].text() == evil


def test_web_addresses_become_links_without_the_sentence_punctuation() -> None:
    url = "https://peraturan.bpk.go.id/Details/5588/pp-no-44-tahun-2015?a=1&b=2"
    report = Report("T", (), (Section("S", ("URL",), ((url,),)),), (f"Source: see {url}.",))
    _, html = parse(render_html(report))
    cell_link, note_link = html.all("a")
    assert cell_link.attrs["href"] == cell_link.text() == url
    assert note_link.attrs["href"] == url
    assert html.one("li").text() == f"Source: see {url}."


def bar_rects(svg: Node) -> list[Node]:
    return svg.all("rect")


def test_svg_bars_are_proportional_and_negative_ones_left_of_zero() -> None:
    chart = Chart("Change", (Bar("up", 300), Bar("down", -150), Bar("same", 0), Bar("more", 100)))
    _, html = parse(render_html(Report("T", (), (), charts=(chart,))))
    svg = html.one("svg")
    axis = float(svg.one("line").attrs["x1"])
    up, down, more = bar_rects(svg)  # no rectangle for a zero amount
    assert [rect.attrs["class"] for rect in (up, down, more)] == [
        "bar-positive",
        "bar-negative",
        "bar-positive",
    ]
    width = {name: float(rect.attrs["width"]) for name, rect in (("up", up), ("down", down))}
    width["more"] = float(more.attrs["width"])
    assert width["up"] / width["down"] == pytest.approx(2, rel=0.01)
    assert width["up"] / width["more"] == pytest.approx(3, rel=0.01)
    assert float(up.attrs["x"]) == pytest.approx(axis)
    assert float(down.attrs["x"]) + width["down"] == pytest.approx(axis)
    labels = [text.text() for text in svg.all("text")]
    assert labels == ["up", "+IDR 300", "down", "-IDR 150", "same", "IDR 0", "more", "+IDR 100"]


def test_charts_without_bars_or_with_only_zeros_render() -> None:
    charts = (Chart("Empty", ()), Chart("Zeros", (Bar("a", 0), Bar("b", 0))))
    _, html = parse(render_html(Report("T", (), (), charts=charts)))
    empty, zeros = html.all("figure")
    assert not empty.all("svg")
    assert empty.one("p").text() == "No figures to draw."
    assert not zeros.one("svg").all("rect")
    assert [t.text() for t in zeros.all("text")] == ["a", "IDR 0", "b", "IDR 0"]


def test_the_print_stylesheet_makes_an_a4_briefing() -> None:
    style = parse(render_html(metro_estimate()))[1].one("style").text()
    print_rules = style[style.index("@media print") :]
    assert "size: A4" in style
    assert re.search(r"tr, figure \{ break-inside: avoid;", print_rules)
    assert "background: none" in print_rules  # no shaded boxes or rows on paper
    assert "thead { display: table-header-group; }" in print_rules  # headers on every page


def test_the_same_report_gives_the_same_bytes() -> None:
    assert render_html(metro_estimate()) == render_html(metro_estimate())


def chromium() -> str:
    found = [shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")]
    path = next((path for path in found if path), None)
    assert path, "Chromium is not installed: run `bash scripts/test-tools`"
    return path


def run_chromium(page: Path, tmp_path: Path, *arguments: str) -> None:
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        *arguments,
        page.as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


def screenshot(document: str, tmp_path: Path) -> Path:
    """Chromium's picture of a page, 1200 x 1600 pixels."""
    page = tmp_path / "page.html"
    page.write_text(document, encoding="utf-8")
    png = tmp_path / "page.png"
    run_chromium(page, tmp_path, f"--screenshot={png}", "--window-size=1200,1600")
    return png


def drawn_from(document: str, png: bytes) -> bool:
    """Whether a screenshot was drawn from this HTML: its tEXt mark is the HTML's SHA-256."""
    source = hashlib.sha256(document.encode("utf-8")).hexdigest()
    return bool(png) and text_chunks(png).get(SCREENSHOT_SOURCE) == source


def test_screenshot_of_the_metro_estimate(
    tmp_path: Path, indonesian: None, request: pytest.FixtureRequest
) -> None:
    """Chromium draws the page: the tables' text and the chart's bars are there, on white; and
    the README's screenshot was drawn from this very HTML, so it shows the report as it is."""
    document = render_html(metro_estimate())
    png = screenshot(document, tmp_path)
    image = read_png(png.read_bytes())
    assert (image.width, image.height) == (1200, 1600)
    assert image.pixel(2, 2) == WHITE
    colours = image.colours()
    assert len(colours) > 100  # antialiased text, not a blank or one-colour page
    assert colours[POSITIVE_BAR] > 5000  # the SVG chart's bars are drawn
    assert 0.5 < colours[WHITE] / (image.width * image.height) < 0.97  # and much else
    committed = SCREENSHOT.read_bytes() if SCREENSHOT.exists() else b""
    if not drawn_from(document, committed) and request.config.getoption("--regen-golden"):
        source = hashlib.sha256(document.encode("utf-8")).hexdigest()
        SCREENSHOT.write_bytes(with_text(png.read_bytes(), SCREENSHOT_SOURCE, source))
        pytest.fail("rewrote docs/estimate-html.png: look at it, then run again without the option")
    assert drawn_from(document, committed), (
        "docs/estimate-html.png shows another report: --regen-golden"
    )
    assert (read_png(committed).width, read_png(committed).height) == (1200, 1600)


def test_one_changed_figure_makes_the_screenshot_stale(indonesian: None) -> None:
    """The mark survives being written and leaves the picture as it was; one digit of one figure
    in the HTML, and the README's screenshot no longer counts as drawn from it."""
    document = render_html(metro_estimate())
    marked = with_text(SCREENSHOT.read_bytes(), SCREENSHOT_SOURCE, "x" * 64)
    assert text_chunks(marked)[SCREENSHOT_SOURCE] == "x" * 64
    assert read_png(marked).rows == read_png(SCREENSHOT.read_bytes()).rows
    assert drawn_from(document, SCREENSHOT.read_bytes())
    assert document.count("Rp745.718.400") >= 1
    changed = document.replace("Rp745.718.400", "Rp745.718.409")
    assert not drawn_from(changed, SCREENSHOT.read_bytes())
    assert not drawn_from(document, marked)


def test_printed_on_a4_pages(tmp_path: Path) -> None:
    page = tmp_path / "metro.html"
    page.write_text(render_html(metro_estimate()), encoding="utf-8")
    pdf = tmp_path / "metro.pdf"
    run_chromium(page, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert len(boxes) >= 2  # a long report goes on over more pages
    for width, height in boxes:  # A4 is 595.3 x 841.9 points
        assert float(width) == pytest.approx(595.3, abs=1)
        assert float(height) == pytest.approx(841.9, abs=1)


def encode_png(rows: list[bytes], filters: list[int]) -> bytes:
    """A PNG (8-bit RGB) whose rows use the given filter types, for testing the reader."""

    def predictor(kind: int, left: int, up: int, up_left: int) -> int:
        if kind == 1:
            return left
        if kind == 2:
            return up
        if kind == 3:
            return (left + up) // 2
        if kind == 4:
            p = left + up - up_left
            best = min(
                (abs(p - left), 0, left), (abs(p - up), 1, up), (abs(p - up_left), 2, up_left)
            )
            return best[2]
        return 0

    raw = b""
    previous = bytes(len(rows[0]))
    for row, kind in zip(rows, filters, strict=True):
        filtered = bytes(
            (
                row[i]
                - predictor(
                    kind,
                    row[i - 3] if i >= 3 else 0,
                    previous[i],
                    previous[i - 3] if i >= 3 else 0,
                )
            )
            & 0xFF
            for i in range(len(row))
        )
        raw += bytes((kind,)) + filtered
        previous = row

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", len(rows[0]) // 3, len(rows), 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_the_png_reader_undoes_every_filter() -> None:
    rows = [
        bytes((x * 37 + y * 91 + c * 13) % 256 for x in range(4) for c in range(3))
        for y in range(6)
    ]
    image = read_png(encode_png(rows, [0, 1, 2, 3, 4, 4]))
    assert (image.width, image.height) == (4, 6)
    assert list(image.rows) == rows
    assert image.pixel(1, 2) == rows[2][3:6]


def test_chromium_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never skipped: without Chromium the rendering tests fail, naming the fix."""
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(AssertionError, match="scripts/test-tools"):
        chromium()
