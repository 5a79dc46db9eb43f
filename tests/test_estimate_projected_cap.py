"""A fiscal year past the last announced JP wage cap: `estimate` uses the cap projected by
PP 45/2015 Pasal 29 ayat (3) (previous cap x (1 + GDP growth), rounded down to Rp100), the same
cap `project` uses, and says so in every format.

Hand-worked figures (PP 45/2015 Pasal 28: JP 2 % employer + 1 % worker on the wage up to the cap;
2026 cap Rp11,086,300 from March 2026, BPJSTK letter B/1226/022026, rates/jp-wage-cap.yaml):
two staff at Rp12,000,000 a month, JKK, JKM and JP, fiscal year 2027. JKK (low risk, 0.54 %)
64,800 and JKM (0.30 %) 36,000 a month do not depend on the cap: 2 x 12 x 100,800 = 2,419,200
a year, added to each JP total below.
- January and February 2027: the 2026 cap 11,086,300: employer 221,726, worker 110,863.
- From March 2027, GDP growth 5 % (the default, scenario projection.gdp_growth_percent):
  11,086,300 x 1.05 = 11,640,615 -> 11,640,600: employer 232,812, worker 116,406.
  JP a year: 2 x (2 x 221,726 + 10 x 232,812) = 2 x 2,771,572 = 5,543,144
  (the stale 2026 cap all year gave 2 x 12 x 221,726 = 5,321,424);
  APBD a year 5,543,144 + 2,419,200 = 7,962,344.
- With 3 %: 11,086,300 x 1.03 = 11,418,889 -> 11,418,800: employer 228,376.
  JP a year: 2 x (2 x 221,726 + 10 x 228,376) = 2 x 2,727,212 = 5,454,424;
  APBD a year 5,454,424 + 2,419,200 = 7,873,624.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from jamsostek_budget.loading import bundled
from tests.cli_runner import run

STAFF = (
    "city: x\nname: X\nprovince: P\nfiscal_year: 2027\ngroups:\n"
    "  - {id: staff, label: Staff, segment: pu, headcount: 2, monthly_wage: 12000000,\n"
    "     risk_class: low, programs: [jkk, jkm, jp]}\n"
)


@pytest.fixture
def staff(tmp_path: Path) -> Path:
    path = tmp_path / "staff.yaml"
    path.write_text(STAFF, encoding="utf-8")
    return path


def _json(*args: str) -> dict[str, object]:
    result = run(*args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_estimate_uses_the_projected_cap_and_flags_it(staff: Path) -> None:
    data = _json("estimate", "--scenario", str(staff))
    assert data["totals"]["annual"] == 7_962_344  # type: ignore[index]
    assert data["lines"][0]["per_person_by_month"][:3] == [322_526, 322_526, 333_612]  # type: ignore[index]
    assert data["projected"] is True
    caps = [r for r in data["rates_used"] if r["name"] == "pu.jp_wage_cap"]  # type: ignore[attr-defined]
    assert [(c["value"], c["effective"], c["projected"]) for c in caps] == [
        (11_086_300, "2026-03-01", False),
        (11_640_600, "2027-03-01", True),
    ]
    assert caps[1]["assumed_growth_percent"] == "5"
    assert caps[1]["regulation"] == "pp-45-2015" and caps[1]["confidence"] == "low"


@pytest.mark.parametrize("flag", ["--jp-cap-growth", "--gdp-growth"])
def test_the_growth_is_settable(staff: Path, flag: str) -> None:
    data = _json("estimate", "--scenario", str(staff), flag, "3")
    assert data["totals"]["annual"] == 7_873_624  # type: ignore[index]
    cap = [r for r in data["rates_used"] if r["name"] == "pu.jp_wage_cap"][-1]  # type: ignore[attr-defined]
    assert (cap["value"], cap["assumed_growth_percent"]) == (11_418_800, "3")


def test_the_scenario_sets_the_default_growth(tmp_path: Path) -> None:
    path = tmp_path / "staff.yaml"
    path.write_text(STAFF + "projection: {gdp_growth_percent: 3}\n", encoding="utf-8")
    assert _json("estimate", "--scenario", str(path))["totals"]["annual"] == 7_873_624  # type: ignore[index]


@pytest.mark.parametrize("growth", [None, "3", "-2.07"])
def test_the_first_year_of_project_equals_estimate(staff: Path, growth: str | None) -> None:
    extra = [] if growth is None else ["--jp-cap-growth", growth]
    estimated = _json("estimate", "--scenario", str(staff), *extra)
    projected = _json("project", "--scenario", str(staff), "--years", "2027-2028", *extra)
    first = projected["years"][0]  # type: ignore[index]
    assert first["annual"] == estimated["totals"]["annual"]  # type: ignore[index]
    assert first["monthly"] == estimated["totals"]["monthly"]  # type: ignore[index]
    caps = [c["value"] for c in first["jp_wage_caps"]]
    used = [r["value"] for r in estimated["rates_used"] if r["name"] == "pu.jp_wage_cap"]  # type: ignore[attr-defined]
    assert caps == used


def test_the_warning_says_the_cap_is_projected(staff: Path) -> None:
    result = run("estimate", "--scenario", str(staff), "-f", "json")
    assert "staff.yaml:4:" in result.stderr and "fiscal_year" in result.stderr
    assert "past the latest announced JP wage cap (11,086,300 from 2026-03-01)" in result.stderr
    assert "11,640,600 from 2027-03-01, assuming GDP growth of 5 % a year" in result.stderr
    assert "--jp-cap-growth" in result.stderr
    assert "stale" not in result.stderr


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_every_text_format_marks_the_projection(staff: Path, fmt: str) -> None:
    result = run("estimate", "--scenario", str(staff), "-f", fmt)
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "Projected, not announced yet: JP wage cap IDR 11,640,600 from 2027-03-01" in text
    assert "assuming GDP growth of 5% a year" in text
    assert "IDR 11,640,600 (projected)" in text


def test_the_workbook_marks_the_projection(staff: Path, tmp_path: Path) -> None:
    out = tmp_path / "staff.xlsx"
    result = run("estimate", "--scenario", str(staff), "-f", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(out)
    cells = [str(c) for row in book["Summary"].iter_rows(values_only=True) for c in row if c]
    assert any(c.startswith("Projected, not announced yet: JP wage cap") for c in cells)
    rates = [row for row in book["Rates"].iter_rows(values_only=True) if row[0] == "JP wage cap"]
    assert [(row[1], row[8]) for row in rates] == [
        (11_086_300, None),
        (11_640_600, "projected, GDP growth 5% a year"),
    ]


def _rates_without_the_rule(tmp_path: Path, *, cited_as: str) -> Path:
    """The bundled rates without regulation pp-45-2015; what cited it cites `cited_as`."""
    rates = tmp_path / "rates"
    shutil.copytree(bundled.data_dir("rates"), rates)
    registry = rates / "regulations.yaml"
    text = registry.read_text(encoding="utf-8")
    start, end = text.index("  - id: pp-45-2015"), text.index("  - id: pp-46-2015")
    registry.write_text(text[:start] + text[end:], encoding="utf-8")
    for path in rates.glob("*.yaml"):
        cited = path.read_text(encoding="utf-8").replace("pp-45-2015", cited_as)
        path.write_text(cited, encoding="utf-8")
    return rates


def test_the_projected_cap_cites_what_the_rate_table_cites(staff: Path, tmp_path: Path) -> None:
    """The rule's regulation is data: a rates folder without pp-45-2015, whose caps worked out
    by Pasal 29 ayat (3) cite pp-44-2015, projects the 2027 cap (the same figures) citing
    pp-44-2015 (the 2026 cap cites BPJSTK's letter, as in the bundled rates)."""
    rates = _rates_without_the_rule(tmp_path, cited_as="pp-44-2015")
    estimated = _json("estimate", "--scenario", str(staff), "--rates", str(rates))
    assert estimated["totals"]["annual"] == 7_962_344  # type: ignore[index]
    caps = [r for r in estimated["rates_used"] if r["name"] == "pu.jp_wage_cap"]  # type: ignore[attr-defined]
    assert [(c["value"], c["regulation"], c["projected"]) for c in caps] == [
        (11_086_300, "bpjstk-b-1226-022026", False),
        (11_640_600, "pp-44-2015", True),
    ]
    projected = _json("project", "--scenario", str(staff), "--years", "2027", "--rates", str(rates))
    assert projected["years"][0]["annual"] == 7_962_344  # type: ignore[index]


def test_caps_citing_a_regulation_the_folder_lacks_are_a_located_problem(
    staff: Path, tmp_path: Path
) -> None:
    """Without pp-45-2015 in the folder, caps that still cite it are refused with the file and
    line of the citation (exit 1), by every command: never a KeyError."""
    rates = _rates_without_the_rule(tmp_path, cited_as="pp-45-2015")
    for args in (["estimate"], ["project", "--years", "2027-2028"]):
        result = run(*args, "--scenario", str(staff), "--rates", str(rates))
        assert result.exit_code == 1, result.stdout
        assert isinstance(result.exception, SystemExit)  # a message, not a KeyError
        assert "jp-wage-cap.yaml:15:21: parameters[0].values[0].regulation: " in result.stderr
        assert "cites regulation 'pp-45-2015', which no rate file defines" in result.stderr


def test_caps_that_never_cite_the_rule_cannot_be_projected(staff: Path, tmp_path: Path) -> None:
    """No cap cites Pasal 29 ayat (3): nothing says which regulation the projected cap rests
    on, so a JP payer past the last cap is refused with a message (exit 2), not a crash."""
    rates = _rates_without_the_rule(tmp_path, cited_as="pp-44-2015")
    caps = rates / "jp-wage-cap.yaml"
    caps.write_text(caps.read_text(encoding="utf-8").replace("ayat (3)", "ayat (4)"), "utf-8")
    for args in (["estimate"], ["project", "--years", "2027"]):
        result = run(*args, "--scenario", str(staff), "--rates", str(rates))
        assert result.exit_code == 2, result.stdout
        assert isinstance(result.exception, SystemExit)
        assert "no value of pu.jp_wage_cap cites the rule" in result.stderr
        assert "(its regulation, with article: Pasal 29 ayat (3))" in result.stderr


def test_bpu_only_needs_no_jp_cap(tmp_path: Path) -> None:
    """No premium of a BPU-only scenario depends on the JP cap: 100 x 16,800 x 12 = 20,160,000
    in 2027, a year past the last announced cap."""
    rates = _rates_without_the_rule(tmp_path, cited_as="pp-44-2015")
    scenario = tmp_path / "rt.yaml"
    scenario.write_text(
        "city: k\nname: K\nprovince: P\nfiscal_year: 2027\ngroups:\n"
        "  - {id: rt, label: RT, segment: bpu, headcount: 100, declared_income: 1000000,\n"
        "     programs: [jkk, jkm]}\n",
        encoding="utf-8",
    )
    data = _json("estimate", "--scenario", str(scenario), "--rates", str(rates))
    assert data["totals"]["annual"] == 20_160_000  # type: ignore[index]
    assert data["projected"] is False


def test_validate_says_what_estimate_will_use(staff: Path) -> None:
    result = run("validate", str(staff))
    assert result.exit_code == 0
    assert "past the latest announced JP wage cap (11,086,300 from 2026-03-01)" in result.output
    assert "11,640,600 from 2027-03-01" in result.output and "stale" not in result.output
