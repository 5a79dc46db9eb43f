"""--format xlsx and html from every command that reports a budget, --words, and the provenance
section, through the command line."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.cli_runner import run


def _sheets(path: Path) -> dict[str, list[tuple[object, ...]]]:
    workbook = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}


def test_estimate_workbook_names_its_inputs(tmp_path: Path) -> None:
    target = tmp_path / "metro.xlsx"
    result = run("estimate", "--city", "metro", "--format", "xlsx", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    sheets = _sheets(target)
    assert list(sheets) == ["Summary", "Lines", "Rates", "Inputs"]
    inputs = {row[0]: row[1] for row in sheets["Inputs"] if row[0]}
    assert inputs["Fiscal year"] == 2025  # a number, not text
    assert inputs["Command"] == f"jbudget estimate --city metro --format xlsx --output {target}"
    again = run("estimate", "--city", "metro", "--format", "xlsx", "--output", str(target))
    assert again.exit_code == 1
    assert "already exists" in again.stderr


def test_workbook_sheets_in_indonesian(tmp_path: Path) -> None:
    target = tmp_path / "metro.xlsx"
    args = ("estimate", "--city", "metro", "-f", "xlsx", "-o", str(target), "--lang", "id")
    assert run(*args).exit_code == 0
    sheets = _sheets(target)
    assert list(sheets) == ["Ringkasan", "Rincian", "Tarif", "Masukan"]
    rates = [row[0] for row in sheets["Tarif"]]
    assert "Rentang penghasilan BPU 1, penghasilan nominal" in rates  # named by the renderer


def test_compare_and_project_workbooks_have_a_lines_sheet_per_budget(tmp_path: Path) -> None:
    compared = tmp_path / "compare.xlsx"
    assert (
        run("compare", "metro", "metro-2026-expansion", "-f", "xlsx", "-o", str(compared)).exit_code
        == 0
    )
    assert [name for name in _sheets(compared) if name.startswith("Lines")] == [
        "Lines A",
        "Lines B",
    ]
    projected = tmp_path / "project.xlsx"
    args = (
        "project",
        "--city",
        "metro",
        "--years",
        "2025-2027",
        "-f",
        "xlsx",
        "-o",
        str(projected),
    )
    assert run(*args).exit_code == 0
    lines = [name for name in _sheets(projected) if name.startswith("Lines")]
    assert lines == ["Lines 2025", "Lines 2026", "Lines 2027"]


def test_html_to_stdout_is_one_page_in_the_language_asked_for() -> None:
    result = run("fit", "--city", "metro", "--budget", "1,5 miliar", "-f", "html", "--lang", "id")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert '<html lang="id">' in result.stdout
    assert "Rp1.499.904.000" in result.stdout
    assert "<script" not in result.stdout


def test_every_report_ends_with_its_provenance() -> None:
    for args in (
        ("estimate", "--city", "metro"),
        ("compare", "metro", "bandar-lampung"),
        ("fit", "--city", "metro", "--budget", "1000000000"),
        ("project", "--city", "metro", "--years", "2025-2026"),
    ):
        out = run(*args, "--format", "markdown").stdout
        provenance = out[out.index("## Provenance") :]
        assert "| Rate tables | bundled with jbudget" in provenance
        assert "| Regulations | pp-44-2015" in provenance
        assert "| Rates last checked |" in provenance


def test_words_in_english_and_in_indonesian() -> None:
    english = run("fit", "--city", "metro", "--budget", "1500000000", "--words").stdout
    assert (
        "APBD cost in words: IDR 1,499,904,000 (one billion, four hundred and ninety-nine "
        "million, nine hundred and four thousand rupiah)"
    ) in english
    indonesian = run(
        "project", "--city", "bandar-lampung", "--years", "2025", "--words", "--lang", "id"
    )
    assert "Jumlah APBD 2025 dengan huruf: Rp594.921.600 (lima ratus sembilan puluh empat juta" in (
        indonesian.stdout.replace("\n", " ")
    )
