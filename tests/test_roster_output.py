"""What `jbudget roster` writes about its input: a rejects file no spreadsheet runs as formulas,
and the JSON report's `input` object, which says what happened to every row."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import polars as pl
import pytest

from jamsostek_budget.render.roster import spreadsheet_safe
from tests.cli_runner import run

HEADER = "nik,name,group,declared_income,Catatan\n"


def nik(serial: int) -> str:
    """A valid NIK: Lampung (18), Kota Metro (72), district 01, born 1 March 1985, serial."""
    return f"187201010385{serial:04d}"


def roster(folder: Path, text: str) -> Path:
    path = folder / "kota.csv"
    path.write_text(text, encoding="utf-8")
    return path


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("start", FORMULA_STARTS[:-1])  # a CR in a CSV cell: see the next test
def test_no_cell_of_the_rejects_file_runs_as_a_formula(tmp_path: Path, start: str) -> None:
    """OWASP's CSV injection rule: a text cell starting with = + - @ tab or CR gets a leading
    single quote, in every column: the original cells, the header and the reasons."""
    formula = f"{start}cmd|' /C calc'!A0"
    header = f'nik,name,group,declared_income,"{start}Catatan"\n'
    text = header + f'{nik(1)},"{formula}",nope,,"{formula}"\n' + f'"{formula}",Budi,marbot,,\n'
    path = roster(tmp_path, text)
    people = tmp_path / "people.csv"
    result = run(
        "roster", str(path), "--city", "metro", "--today", "2026-11-22",
        "--per-person", str(people),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    header_row, *rejected = rows_of(tmp_path / "kota-rejects.csv")
    assert header_row[-2] == f"'{start}Catatan"
    assert [row[2] for row in rejected] == [f"'{formula}", "Budi"]
    assert [row[1] for row in rejected] == [nik(1), f"'{formula}"]
    assert rejected[0][5] == f"'{formula}"
    for row in rejected:
        assert all(not cell.startswith(FORMULA_STARTS) for cell in row)


def test_every_formula_start_is_quoted_in_every_text_column() -> None:
    table = pl.DataFrame(
        {"line": [2, 3], "\rkolom": ["\r=1", "ok"], "reasons": ["@x", "-1"], "group": ["+a", "b"]}
    ).with_columns(pl.col("group").cast(pl.Enum(["+a", "b"])))
    safe = spreadsheet_safe(table)
    assert safe.columns == ["line", "'\rkolom", "reasons", "group"]
    assert safe.rows() == [(2, "'\r=1", "'@x", "'+a"), (3, "ok", "'-1", "b")]


def test_the_per_person_file_is_safe_too(tmp_path: Path) -> None:
    path = roster(tmp_path, HEADER + f"{nik(1)},=1+2,marbot,,\n")
    people = tmp_path / "people.csv"
    result = run(
        "roster", str(path), "--city", "metro", "--today", "2026-11-22",
        "--per-person", str(people),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert rows_of(people)[1][2] == "'=1+2"


def test_the_json_report_says_what_happened_to_the_input(tmp_path: Path) -> None:
    text = (
        HEADER
        + f"{nik(1)},Ani,marbot,Rp1.000.000,\n"
        + " , ,,,\n"
        + f"{nik(1)},Ani lagi,marbot,,\n"
        + "123,Budi,marbot,,\n"
        + f"{nik(2)},Citra,guru-honorer,1500000,catatan\n"
    )
    path = roster(tmp_path, text)
    result = run("roster", str(path), "--city", "metro", "-f", "json", "--today", "2026-11-22")
    assert result.exit_code == 0, result.stderr
    assert "5 rows read = 2 accepted + 2 rejected + 1 blank (skipped)" in result.stderr
    report = json.loads(result.stdout)
    found = report["input"]
    notes = found.pop("notes")
    assert found == {
        "file": str(path),
        "rows_read": 5,
        "accepted": 2,
        "rejected": 2,
        "blank_rows": 1,
        "rejects_file": str(tmp_path / "kota-rejects.csv"),
        "ignored_columns": ["Catatan"],
        "sheets": [],
    }
    assert [(note["line"], note["field"]) for note in notes] == [
        (3, ""),
        (2, "declared_income"),
        (2, "nik"),
    ]
    assert report["totals"]["headcount"] == 2  # the estimate's own keys are all still there
    assert {"lines", "rates_used", "jbudget_version"} <= set(report)


def test_a_roster_without_rejects_names_no_rejects_file(tmp_path: Path) -> None:
    path = roster(tmp_path, HEADER + f"{nik(1)},Ani,marbot,,\n")
    result = run("roster", str(path), "--city", "metro", "-f", "json", "--today", "2026-11-22")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)["input"]
    assert (found["rows_read"], found["rejects_file"], found["blank_rows"]) == (1, None, 0)
    assert not (tmp_path / "kota-rejects.csv").exists()
