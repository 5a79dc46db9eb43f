"""`jbudget coverage`: the people a coverage target needs, their cost and the gap to the pagu,
worked by hand.

The scenario: pekerja rentan, BPU band 1 (declared income Rp1,000,000) with JKK Rp10,000 and JKM
Rp6,800 = Rp16,800 a person a month, Rp201,600 a year (paid from the APBD, so no PP 50/2025
discount). Fiscal year 2025: 3,000 covered of 10,000 eligible = 30 %.

Linear, target 50 % by 2028 (years 2026-2028, three steps from 2025):
- 2026: 30 + 20 x 1/3 = 36.667 % of 10,000 = 3,666.7 -> 3,667 people (rounded up); new 667;
  667 x 201,600 = Rp134,467,200; APBD 3,667 x 201,600 = Rp739,267,200.
- 2027: 30 + 20 x 2/3 = 43.333 % -> 4,333.3 -> 4,334; new 1,334 x 201,600 = Rp268,934,400;
  APBD 4,334 x 201,600 = Rp873,734,400.
- 2028: 50 % -> 5,000; new 2,000 x 201,600 = Rp403,200,000; APBD Rp1,008,000,000.
With pagu Rp800,000,000: gaps +60,732,800, -73,734,400, -208,000,000.

Growth 20 % a year from 3,000: 2026 3,600 (new 600, Rp120,960,000), 2027 4,320 (new 1,320,
Rp266,112,000), 2028 5,184 (new 2,184, Rp440,294,400).
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from jamsostek_budget.errors import UsageError
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Group
from jamsostek_budget.planning.coverage import Target, coverage
from tests.cli_runner import run
from tests.helpers import make_group, make_scenario

PER_YEAR = 16_800 * 12  # Rp201,600


def _rentan(**fields: object) -> Group:
    base = {
        "id": "rentan",
        "label": "Pekerja rentan",
        "segment": "bpu",
        "headcount": 3_000,
        "eligible": 10_000,
        "declared_income": 1_000_000,
        "programs": ["jkk", "jkm"],
    }
    return make_group(**{**base, **fields})


def test_linear_target_people_and_rupiah_per_year(table: RateTable) -> None:
    scenario = make_scenario(2025, _rentan())
    found = coverage(
        scenario, table, [2026, 2027, 2028], Target("linear", Decimal(50)), 800_000_000
    )
    assert [y.people for y in found.years] == [3_667, 4_334, 5_000]
    assert [y.new for y in found.years] == [667, 1_334, 2_000]
    assert [y.new_annual for y in found.years] == [134_467_200, 268_934_400, 403_200_000]
    assert [y.annual for y in found.years] == [739_267_200, 873_734_400, 1_008_000_000]
    assert [y.gap for y in found.years] == [60_732_800, -73_734_400, -208_000_000]
    # the cost of the new people is the engine's per-person cost times the people
    for year in found.years:
        assert year.new_annual == year.new * PER_YEAR
        assert year.annual == (3_000 + year.new) * PER_YEAR


def test_growth_reading_compounds_the_people_covered(table: RateTable) -> None:
    scenario = make_scenario(2025, _rentan())
    found = coverage(scenario, table, [2026, 2027, 2028], Target("growth", Decimal(20)))
    assert [y.people for y in found.years] == [3_600, 4_320, 5_184]
    assert [y.new_annual for y in found.years] == [120_960_000, 266_112_000, 440_294_400]
    assert all(y.gap is None for y in found.years) and found.pagu is None


def test_growth_stops_at_the_eligible_population(table: RateTable) -> None:
    # 3,000 x 1.5^3 = 10,125 > 10,000 eligible: 2028 is held at 10,000 (new 7,000)
    scenario = make_scenario(2025, _rentan())
    found = coverage(scenario, table, [2026, 2027, 2028], Target("growth", Decimal(50)))
    assert [y.people for y in found.years] == [4_500, 6_750, 10_000]
    assert found.capped


def test_new_people_shared_by_eligible_largest_remainder(table: RateTable) -> None:
    """Group a 2,000 of 6,000, group b 1,000 of 4,000 (30 % together), group c no eligible:.
    2026 new 667: a 667 x 0.6 = 400.2 -> 400, b 266.8 -> 266 + 1 (the larger remainder) = 267.
    2027 new 1,334: a 800.4 -> 800, b 533.6 -> 534. 2028 new 2,000: a 1,200, b 800.
    c (100 people) is left out of the target and still costed: APBD 2028 = (5,000 + 100) x
    201,600 = Rp1,028,160,000."""
    a = _rentan(id="a", label="A", headcount=2_000, eligible=6_000)
    b = _rentan(id="b", label="B", headcount=1_000, eligible=4_000)
    c = _rentan(id="c", label="C", headcount=100, eligible=None)
    scenario = make_scenario(2025, a, b, c)
    found = coverage(scenario, table, [2026, 2027, 2028], Target("linear", Decimal(50)))
    assert [g.id for g in found.left_out] == ["c"]
    assert [[s.new for s in y.shares] for y in found.years] == [
        [400, 267],
        [800, 534],
        [1_200, 800],
    ]
    assert [s.new_annual for s in found.years[0].shares] == [
        400 * PER_YEAR,
        267 * PER_YEAR,
    ]
    assert found.years[-1].annual == 1_028_160_000


def test_a_target_already_met_needs_nobody(table: RateTable) -> None:
    found = coverage(make_scenario(2025, _rentan()), table, [2026], Target("linear", Decimal(20)))
    assert (found.years[0].new, found.years[0].new_annual) == (0, 0)
    assert found.years[0].people == 2_000


def test_no_eligible_population_is_refused(table: RateTable) -> None:
    scenario = make_scenario(2025, _rentan(eligible=None))
    with pytest.raises(UsageError, match="eligible"):
        coverage(scenario, table, [2026], Target("linear", Decimal(50)))


def _file(tmp_path: Path, *, eligible: bool = True, pagu: str = "") -> Path:
    path = tmp_path / "kota.yaml"
    line = "eligible: 10000, " if eligible else ""
    path.write_text(
        f"city: k\nname: Kota K\nprovince: P\nfiscal_year: 2025\n{pagu}groups:\n"
        "  - {id: rentan, label: Pekerja rentan, segment: bpu, headcount: 3000, "
        f"{line}declared_income: 1000000, programs: [jkk, jkm]}}\n",
        encoding="utf-8",
    )
    return path


def test_cli_json_csv_and_the_scenario_pagu(tmp_path: Path) -> None:
    path = _file(tmp_path, pagu="pagu: 800000000\n")
    args = ("coverage", "--scenario", str(path), "--target", "50%", "--years", "2026-2028")
    result = run(*args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["pagu_from"] == "scenario" and data["coverage_percent"] == "30.0000"
    assert [y["target_percent"] for y in data["years"]] == ["36.6667", "43.3333", "50.0000"]
    assert [y["gap"] for y in data["years"]] == [60_732_800, -73_734_400, -208_000_000]
    assert data["totals"]["new_annual"] == 806_601_600  # 134,467,200 + 268,934,400 + 403,200,000
    rows = list(csv.DictReader(io.StringIO(run(*args, "-f", "csv").stdout)))
    per_group = [int(r["new_annual"]) for r in rows if r["group"] == "rentan"]
    assert sum(per_group) == int(rows[-1]["new_annual"]) == 806_601_600


def test_cli_pagu_option_wins_and_every_format_draws(tmp_path: Path) -> None:
    path = _file(tmp_path, pagu="pagu: 800000000\n")
    args = ("coverage", "--scenario", str(path), "--growth", "20", "--years", "2026-2028")
    data = json.loads(run(*args, "--pagu", "1 miliar", "-f", "json").stdout)
    assert (
        data["pagu_from"] == "option"
        and data["years"][0]["gap"] == 1_000_000_000 - 3_600 * PER_YEAR
    )
    for fmt in ("table", "markdown", "html"):
        result = run("--lang", "en", *args, "-f", fmt)
        assert result.exit_code == 0, result.stderr
        assert "120,960,000" in result.stdout
    table = run(*args, "--pagu", "800000000", "--lang", "id").stdout
    assert "Biaya peserta baru per tahun" in table and "█" in table  # the terminal chart
    assert "bukan 20 poin persen" in table  # which reading of "+20 %" is used
    html = run("--lang", "en", *args, "-f", "html").stdout
    assert "<svg" in html and "Gap to the pagu" in html
    out = tmp_path / "c.xlsx"
    assert run(*args, "-f", "xlsx", "-o", str(out)).exit_code == 0 and out.stat().st_size > 0


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ((), "eligible"),
        (("--target", "50", "--growth", "20"), "--growth"),
        (("--target", "150"), "--target"),
    ],
)
def test_cli_refusals_name_the_field_or_option(
    tmp_path: Path, extra: tuple[str, ...], words: str
) -> None:
    path = _file(tmp_path, eligible=bool(extra))
    flags = extra or ("--target", "50")
    result = run(
        "--lang", "en", "coverage", "--scenario", str(path), *flags, "--years", "2026-2028"
    )
    assert result.exit_code != 0
    assert words in result.stderr and "Traceback" not in result.stderr


def test_cli_years_before_the_fiscal_year_are_refused(tmp_path: Path) -> None:
    path = _file(tmp_path)
    result = run(
        "--lang",
        "en",
        "coverage",
        "--scenario",
        str(path),
        "--target",
        "50",
        "--years",
        "2024-2026",
    )
    assert result.exit_code != 0 and "--years" in result.stderr
