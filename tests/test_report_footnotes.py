"""What a report's labels and marks say: a roster group nobody was accepted into says so (not
"several bands"), and every asterisk a report prints has its footnote, in every format that prints
it and in both languages."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from markdown_it import MarkdownIt

from tests.cli_runner import run

HEADER = "nik,name,group,declared_income,monthly_wage,start_month,end_month\n"
# what the footnote of "varies*" starts with, in each language
VARIES = {"en": ("varies*", "* varies: "), "id": ("berubah*", "* berubah: ")}
TEXT_FORMATS = ("table", "markdown", "html")


def nik(serial: int) -> str:
    return f"187201010385{serial:04d}"


def roster_lines(folder: Path, rows: str) -> Path:
    path = folder / "kota.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def table_row(markdown: str, label: str) -> list[str]:
    """The cells of the first Markdown table row whose first cell is `label`."""
    rows = (line.strip("|").split("|") for line in markdown.splitlines() if line.startswith("|"))
    return next([cell.strip() for cell in row] for row in rows if row[0].strip() == label)


@pytest.mark.parametrize(
    ("lang", "nobody", "several"),
    [
        ("en", "BPU, no one accepted", "BPU, several bands"),
        ("id", "BPU, tidak ada yang diterima", "BPU, beberapa rentang"),
    ],
)
def test_a_roster_group_is_labelled_by_who_was_accepted_into_it(
    tmp_path: Path, lang: str, nobody: str, several: str
) -> None:
    # marbot: Ani in band 1 (declared 1,000,000) and Budi in band 2 (1,200,000); guru ngaji: no one
    path = roster_lines(
        tmp_path, f"{nik(1)},Ani,marbot,1000000,,,\n{nik(2)},Budi,marbot,1200000,,,\n"
    )
    result = run(
        "roster", str(path), "--city", "metro", "--lang", lang, "-f", "markdown",
        "--today", "2026-11-22",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert table_row(result.stdout, "Marbot masjid")[1:3] == [several, "2"]
    assert table_row(result.stdout, "Guru ngaji")[1:3] == [nobody, "0"]


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_varies_has_its_footnote_in_every_format(lang: str, fmt: str) -> None:
    # Lubuklinggau covers its BPU group from July only: 47,250,000 a month, then 64,050,000
    mark, footnote = VARIES[lang]
    result = run("estimate", "--city", "lubuklinggau", "-f", fmt, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    text = result.stdout.replace("\\*", "*")  # Markdown escapes the asterisk
    assert mark in text
    assert footnote in text


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_a_steady_budget_has_neither_mark_nor_footnote(fmt: str) -> None:
    result = run("estimate", "--city", "metro", "-f", fmt, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "varies" not in result.stdout


def test_the_footnotes_asterisk_shows_in_rendered_markdown() -> None:
    """Unescaped, "- * varies" is a list inside a list and the asterisk disappears."""
    result = run("estimate", "--city", "lubuklinggau", "-f", "markdown", "--lang", "en")
    html = MarkdownIt("commonmark").enable("table").render(result.stdout)
    assert "<li>* varies: the APBD a month" in html
    assert "<strong>varies*</strong>" in html


def test_a_roster_with_every_row_rejected_costs_0_a_month_not_varies(tmp_path: Path) -> None:
    path = roster_lines(tmp_path, "123,Budi,marbot,1000000,,,\n")
    result = run(
        "roster", str(path), "--city", "metro", "--lang", "en", "-f", "markdown",
        "--today", "2026-11-22",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "varies" not in result.stdout
    total = table_row(result.stdout, "**Total**")
    assert [total[2], *total[6:8]] == ["**0**", "**0**", "**0**"]  # people, a month, a year


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_workbook_that_says_varies_has_its_footnote(lang: str) -> None:
    _mark, footnote = VARIES[lang]
    result = run("estimate", "--city", "lubuklinggau", "-f", "xlsx", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))
    texts = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]
    # the Summary's notes; its figures may be formulas (so no "varies*" text) or not
    assert any(text.startswith(footnote) for text in texts)
