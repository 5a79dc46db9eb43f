"""Commands asked for something that cannot be: each says what is the matter, with a hint and
exit 2 (bad usage), never an empty report with exit 0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jamsostek_budget.i18n import set_language
from tests.cli_runner import run

REPO = Path(__file__).resolve().parents[1]
SMALL_GROUPS = """\
city: uji
name: Kota Uji
province: Lampung
fiscal_year: 2025
sources: []
groups:
  - id: marbot
    label: Marbot
    segment: bpu
    headcount: 10
    declared_income: 1000000
    programs: [jkk, jkm]
  - id: guru-ngaji
    label: Guru ngaji
    segment: bpu
    headcount: 10
    declared_income: 1000000
    programs: [jkk, jkm]
"""


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def usage_error(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and not result.stdout
    return result.stderr


@pytest.mark.parametrize("day", ["2010-01-01", "2015-06-30", "0001-01-01"])
def test_rates_before_any_rate_is_refused(day: str) -> None:
    stderr = usage_error("rates", "--date", day)
    assert f"no rate is in force on {day}" in stderr
    assert "hint: give a date on or after 2015-07-01" in stderr


def test_rates_before_any_rate_is_refused_in_json_too() -> None:
    assert "2015-07-01" in usage_error("rates", "--date", "2015-06-30", "-f", "json")


def test_rates_on_the_first_day_are_shown() -> None:
    result = run("rates", "--date", "2015-07-01", "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)


def test_benefits_without_a_death_rate_are_refused() -> None:
    stderr = usage_error("estimate", "--city", "lubuklinggau", "--benefits")
    assert "lubuklinggau.yaml gives no death rate" in stderr
    assert "death_rate_per_1000" in stderr and "--benefits" in stderr


def test_benefits_with_a_death_rate_on_a_group_only(tmp_path: Path) -> None:
    scenario = tmp_path / "uji.yaml"
    scenario.write_text(SMALL_GROUPS + "    death_rate_per_1000: 3\n", encoding="utf-8")
    result = run("estimate", "-s", str(scenario), "--benefits", "-f", "json")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("mode", ["priority", "proportional"])
@pytest.mark.parametrize("budget", ["0", "1000", "201599"])
def test_a_ceiling_below_one_person_covers_nobody(mode: str, budget: str) -> None:
    """One person of band 1 costs Rp16,800 x 12 = Rp201,600 a year (JKK + JKM); the first
    group in funding order at that cost is named."""
    stderr = usage_error("fit", "--city", "metro", "--budget", budget, "--mode", mode)
    assert "covers nobody: one person of Tenaga non-ASN lainnya, the cheapest" in stderr
    assert "hint: give a ceiling of at least Rp201,600 a year" in stderr


def test_proportional_mode_that_covers_nobody_says_what_would(tmp_path: Path) -> None:
    """10 marbot and 10 guru ngaji at Rp201,600 a year each. Priority mode covers one person
    with Rp403,199; the same share of every group covers someone only from 10 % (one of
    each), which costs 2 x Rp201,600 = Rp403,200."""
    scenario = tmp_path / "uji.yaml"
    scenario.write_text(SMALL_GROUPS, encoding="utf-8")
    fit = ("fit", "-s", str(scenario), "--budget")
    assert run(*fit, "403200", "--mode", "proportional").exit_code == 0
    assert run(*fit, "403199", "--mode", "priority").exit_code == 0
    stderr = usage_error(*fit, "403199", "--mode", "proportional")
    assert "covers nobody when every group gets the same share" in stderr
    assert "the smallest share that covers anyone, 10 %, costs Rp403,200" in stderr
    assert "priority mode" in stderr and "at least Rp403,200" in stderr


def test_compare_takes_a_path_with_an_at_sign_as_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my@city.yaml").write_bytes((REPO / "examples" / "metro.yaml").read_bytes())
    for reference in ("./my@city.yaml", "my@city.yaml", f"{tmp_path}/my@city.yaml"):
        result = run("compare", reference, "metro", "-f", "json")
        assert result.exit_code == 0, result.stderr
        assert [s["fiscal_year"] for s in json.loads(result.stdout)["scenarios"]] == [2025, 2025]


def test_compare_takes_a_trailing_year_after_a_path_with_an_at_sign(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my@city.yaml").write_bytes((REPO / "examples" / "metro.yaml").read_bytes())
    result = run("compare", "my@city.yaml@2026", "metro", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert [s["fiscal_year"] for s in json.loads(result.stdout)["scenarios"]] == [2026, 2025]


def test_compare_references_that_name_nothing() -> None:
    """Only a trailing @ and digits after a city or an existing file is a year."""
    for reference, words in (
        ("no@such.yaml", "scenario file no@such.yaml does not exist"),
        ("metro@abc", "'abc' is not a fiscal year"),
        ("metro@1999", "'1999' is not a fiscal year"),
    ):
        assert words in usage_error("compare", reference, "metro")


@pytest.mark.parametrize("day", ["1999-12-31", "2100-01-01", "9999-12-31", "0001-01-01"])
def test_a_today_outside_the_years_a_nik_can_be_judged_is_refused(tmp_path: Path, day: str) -> None:
    """Birth dates in NIKs are DDMMYY, read as 19YY or 20YY from --today: on 9999-12-31 every
    NIK was rejected as born 'in the future'."""
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "nik,name,group,declared_income,monthly_wage,start_month,end_month\n"
        "1872010103850001,Ani,marbot,1000000,,,\n",
        encoding="utf-8",
    )
    stderr = usage_error("roster", str(roster), "--city", "metro", "--today", day)
    assert f"--today {day} is outside 2000-01-01 to 2099-12-31" in stderr
    assert "NIK" in stderr and "hint:" in stderr
    assert [path.name for path in tmp_path.iterdir()] == ["roster.csv"]


def test_the_first_and_last_days_a_nik_can_be_judged_on(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "nik,name,group,declared_income,monthly_wage,start_month,end_month\n"
        "1872010103850001,Ani,marbot,1000000,,,\n",
        encoding="utf-8",
    )
    for day in ("2000-01-01", "2084-12-31"):  # born 1 March 1985: 15 and 99 years old
        result = run("roster", str(roster), "--city", "metro", "--today", day, "-f", "json")
        assert result.exit_code == 0, result.stderr
        totals = json.loads(result.stdout)["totals"]
        assert (totals["headcount"], totals["annual"]) == (1, 12 * 16_800)  # band 1 JKK+JKM


def test_output_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("estimate", "--city", "metro", "-f", "json", "-o", "-")
    assert result.exit_code == 0 and json.loads(result.stdout)["city"] == "metro"
    assert list(tmp_path.iterdir()) == []


def test_validate_a_folder_without_yaml_files_says_so(tmp_path: Path) -> None:
    """It checked nothing and exited 0, as if every file were valid."""
    (tmp_path / "notes.txt").write_text("not a rate file", encoding="utf-8")
    stderr = usage_error("validate", str(tmp_path))
    assert f"{tmp_path} holds no .yaml or .yml file to check" in stderr


LIBRARY_WORDS = ("Input should be", "Value error", "valid integer", "greater than", "less than")


@pytest.mark.parametrize("year", ["1900", "2200", "0", "-1", "abc", "20 26", "9" * 5000, "2026.0"])
@pytest.mark.parametrize(
    "command",
    [
        ["estimate", "--city", "metro"],
        ["fit", "--city", "metro", "--budget", "1000000000"],
        ["roster", str(REPO / "examples" / "metro.yaml"), "--city", "metro"],
    ],
    ids=["estimate", "fit", "roster"],
)
def test_a_year_outside_2000_2100_is_refused_in_jbudget_words(
    command: list[str], year: str
) -> None:
    """typer checks a number's range in pydantic's words ("Input should be greater than or
    equal to 2000"); --year is read by jbudget, so the message names the option, the range
    and the value (cut, if pasted whole), with a hint."""
    result = run(*command, "--year", year)
    assert result.exit_code == 2
    assert "--year" in result.stderr and "from 2000 to 2100" in result.stderr
    assert "like 2026" in result.stderr
    assert not any(words in result.output for words in LIBRARY_WORDS)
    assert "9" * 61 not in result.output


@pytest.mark.parametrize("year", ["2016", "2026", " 2100"])
def test_a_fiscal_year_from_2000_to_2100_is_read(year: str) -> None:
    result = run("estimate", "--city", "metro", "--year", year, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["fiscal_year"] == int(year)


@pytest.mark.parametrize(
    "args",
    [
        ["estimate", "--city", "z" * 50_000],
        ["compare", "metro", "z" * 50_000],
        ["rates", "--date", "z" * 50_000],
        ["validate", "--today", "z" * 50_000],
    ],
    ids=["city", "compare", "date", "today"],
)
def test_a_pasted_page_is_not_echoed_whole(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "z" * 59 + "\u2026" in result.stderr
    assert "z" * 61 not in result.output


def test_extends_naming_a_pasted_page_is_not_echoed_whole(tmp_path: Path) -> None:
    variant = tmp_path / "v.yaml"
    variant.write_text(f"extends: {'y' * 50_000}\ncity: v\nname: V\n")
    result = run("validate", str(variant))
    assert result.exit_code == 1
    assert "v.yaml:1:10: extends: no bundled scenario named" in result.stdout
    assert "y" * 61 not in result.output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["estimate", "--city", "metro", "--format", "pdf"], "'pdf' is not one of table, json"),
        (["rates", "--format", "csv"], "'csv' is not one of table, json, markdown"),
        (["fit", "--city", "metro", "--budget", "1", "--mode", "xyz"], "'xyz' is not one of"),
        (["validate", "--format", "yaml"], "'yaml' is not one of text, json"),
        (["schema", "foo"], "'foo' is not one of rates, scenario"),
        (["estimate", "--city", "metro", "--lang", "xx"], "'xx' is not one of id, en"),
        (["estimate", "--city", "metro", "--format", "p" * 5000], "'" + "p" * 59 + "\u2026'"),
    ],
    ids=["format", "listing-format", "mode", "validate-format", "schema", "lang", "long"],
)
def test_a_value_outside_a_choice_is_refused_in_jbudget_words(args: list[str], words: str) -> None:
    """typer refuses a choice as pydantic words it ("Value error, 'pdf' is not one of ...")."""
    result = run(*args)
    assert result.exit_code == 2
    assert words in " ".join(result.stderr.replace("│", " ").split())
    assert not any(library in result.output for library in LIBRARY_WORDS)
    assert "p" * 61 not in result.output


PAGE = "7" * 5000  # digits too: Python's int() refuses more than 4,300 of them with a traceback


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "metro", f"metro@{PAGE}"],
        ["project", "--city", "metro", "--years", PAGE],
        ["project", "--city", "metro", "--years", "2026-2027", "--headcount-growth", PAGE],
        ["project", "--city", "metro", "--years", "2026-2027", "--wage-growth", f"x{PAGE}"],
        ["fit", "--city", "metro", "--budget", "1000000000", "--priority", PAGE],
        ["fit", "--city", "metro", "--budget", PAGE],
        ["estimate", "--city", "metro", "--year", PAGE],
    ],
    ids=["compare-at-year", "years", "growth", "growth-text", "priority", "budget", "year"],
)
def test_a_pasted_page_on_the_command_line_is_refused_and_cut(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "7" * 61 not in result.output
    assert "hint:" in result.stderr or "write" in result.stderr


def test_a_roster_header_of_thousands_of_cells_is_listed_in_part(tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    header = ["nama", "h" * 5000, *(f"kolom{i}" for i in range(100))]
    roster.write_text(",".join(header) + "\n" + ",".join("x" for _ in header) + "\n")
    result = run("roster", str(roster), "--city", "metro")
    assert result.exit_code == 1
    assert "required column 'nik' is missing" in result.output
    assert "and 82 more" in result.output and "h" * 61 not in result.output


def test_an_unknown_sheet_name_is_cut(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["nik", "group"])
    book.save(tmp_path / "w.xlsx")
    result = run("roster", str(tmp_path / "w.xlsx"), "--city", "metro", "--sheet", "s" * 5000)
    assert result.exit_code == 1
    assert "no sheet named 's" in result.output and "s" * 61 not in result.output


@pytest.mark.parametrize("growth", ["1e-999", "0.0000001", "-1E-50"])
@pytest.mark.parametrize("flag", ["--gdp-growth", "--headcount-growth", "--wage-growth"])
def test_a_growth_with_more_decimals_than_any_figure_is_refused(flag: str, growth: str) -> None:
    """--gdp-growth -1e-999 was accepted and its 1,000 digits printed in the report."""
    result = run("project", "--city", "metro", "--years", "2026-2027", f"{flag}={growth}")
    assert result.exit_code == 2
    assert "has more than 6 decimals" in result.stderr and f"write {flag} 3.5" in result.stderr
