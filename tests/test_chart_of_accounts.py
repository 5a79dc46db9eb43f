"""The chart of accounts (rates/chart-of-accounts.yaml, issue 18) and validate's warning for a
budget code it does not list for the fiscal year, naming the nearest code it lists.

Codes and years from the file: 5.1.02.02.02.0006 (Iuran JKK bagi Non ASN) listed from 2021;
0007 (Iuran JKM bagi Non ASN) from 2024, the earliest dated copy; 0008 (Asuransi Barang Milik
Daerah, not a premium) from 2021."""

from __future__ import annotations

from pathlib import Path

from jamsostek_budget.app import estimate as api
from jamsostek_budget.engine.chartcheck import nearest_code
from tests.cli_runner import run

TABLE = api.load_rate_table()


def plan(tmp_path: Path, year: int, jkk: str, jkm: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(
        f"city: x\nname: X\nprovince: P\nfiscal_year: {year}\ngroups:\n"
        "  - {id: a, label: A, segment: bpu, headcount: 1, declared_income: 1000000,\n"
        f"     programs: [jkk, jkm], budget_codes: {{jkk: {jkk}, jkm: {jkm}}}}}\n",
        encoding="utf-8",
    )
    return path


def test_the_chart_is_loaded_with_its_years() -> None:
    chart = {code.code: code for code in TABLE.chart}
    jkk = chart["5.1.02.02.02.0006"]
    assert jkk.name == "Belanja Iuran Jaminan Kecelakaan Kerja bagi Non ASN"
    assert (jkk.first_year, jkk.confidence) == (2021, "high")
    assert chart["5.1.02.02.02.0007"].listed_in(2024)
    assert not chart["5.1.02.02.02.0007"].listed_in(2023)
    assert "5.1.02.02.02.0001" not in chart  # no copy showed it: not listed


def test_codes_in_the_chart_for_the_year_pass(tmp_path: Path) -> None:
    result = run("validate", str(plan(tmp_path, 2025, "5.1.02.02.02.0006", "5.1.02.02.02.0007")))
    assert result.exit_code == 0, result.stderr
    assert "budget_codes" not in result.stdout + result.stderr


def test_a_code_not_in_the_chart_names_the_nearest_for_its_program(tmp_path: Path) -> None:
    """0060 is as near 0006 as 0008 by the digits (16 of 17 characters in common); 0006 is the
    one named for JKK (Kecelakaan Kerja). 0007 in 2023 is before its first listed year, 2024."""
    result = run(
        "validate",
        str(plan(tmp_path, 2023, "5.1.02.02.02.0060", "5.1.02.02.02.0007")),
        "--lang",
        "en",
    )
    assert result.exit_code == 0  # a warning, not an error
    out = result.stdout + result.stderr
    assert "groups[0].budget_codes.jkk: warning: budget code 5.1.02.02.02.0060 is not" in out
    assert "nearest code listed is 5.1.02.02.02.0006 (Belanja Iuran Jaminan Kecelakaan" in out
    assert "0007 is not in the chart of accounts for 2023: the earliest dated copy" in out


def test_the_nearest_code_prefers_the_program() -> None:
    listed = {code.code: code for code in TABLE.chart if code.listed_in(2025)}
    found = nearest_code("5.1.02.02.02.0070", "jkm", listed)
    assert found is not None and found.code == "5.1.02.02.02.0007"
    assert nearest_code("5.1.02.02.02.0007", "jkm", {}) is None
