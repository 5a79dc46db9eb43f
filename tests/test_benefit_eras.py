"""`estimate --benefits` for every fiscal year since JKM began: the JKM death benefit in force in
each contribution month, from the rate tables.

Figures: PP 44/2015 (JKM from 1 July 2015): Rp24,000,000 = santunan sekaligus 16,200,000 +
santunan berkala 24 x 200,000 = 4,800,000 + burial 3,000,000 (BPJAMSOSTEK poster of PP 82/2019,
"sebelumnya Rp24 juta"). PP 82/2019 (in force 2 December 2019): Rp42,000,000 = 20 M + 12 M + 10 M
(rates-research.md section 4). Each month uses the value in force on its 1st, so December 2019
(1 December, before the 2nd) still uses Rp24,000,000.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from jamsostek_budget.engine.premiums import estimate
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.planning.benefits import expected_benefits
from tests.cli_runner import run
from tests.helpers import make_group, make_scenario


@pytest.mark.parametrize(
    ("year", "benefit", "value"),
    [
        # 1,200 people at 5 per 1,000 a year: 6 claims a year
        (2016, 24_000_000, 6 * 24_000_000),  # 144,000,000
        (2019, 24_000_000, 6 * 24_000_000),  # December 2019 starts before 2 December
    ],
)
# the PP 82/2019 era (Rp42,000,000) is held by test_outcomes' Kota Metro 2025 figures
def test_death_benefit_before_pp_82_2019(
    table: RateTable, year: int, benefit: int, value: int
) -> None:
    group = make_group(headcount=1_200, death_rate_per_1000=5)
    benefits = expected_benefits(estimate(make_scenario(year, group), table), table)
    assert benefits.death_benefit == benefit
    assert benefits.expected_claims == Decimal(6)
    assert benefits.expected_value == value


def test_the_first_year_of_jkm_counts_from_july_2015(table: RateTable) -> None:
    # JKM began 1 July 2015: 1,200 people from July at 5 per 1,000 a year = 1,200 x 5 / 1,000 x
    # 6/12 = 3 claims x Rp24,000,000 = 72,000,000 (no rate is asked for January to June)
    group = make_group(headcount=1_200, death_rate_per_1000=5, start_month=7)
    benefits = expected_benefits(estimate(make_scenario(2015, group), table), table)
    assert (benefits.death_benefit, benefits.expected_claims) == (24_000_000, Decimal(3))
    assert benefits.expected_value == 72_000_000


@pytest.mark.parametrize(("year", "value"), [(2017, 1_200 * 24_000), (2019, 1_200 * 24_000)])
def test_benefits_flag_for_an_old_fiscal_year(tmp_path: Path, year: int, value: int) -> None:
    # 1,000 people at 1.2 per 1,000: 1.2 claims x Rp24,000,000 (PP 44/2015), in 2017 and 2019
    path = tmp_path / "kota.yaml"
    path.write_text(
        f"city: k\nname: K\nprovince: P\nfiscal_year: {year}\ndeath_rate_per_1000: 1.2\n"
        "groups:\n  - {id: a, label: A, segment: bpu, headcount: 1000, declared_income: 1000000,\n"
        "     programs: [jkk, jkm]}\n",
        encoding="utf-8",
    )
    result = run("estimate", "--scenario", str(path), "--benefits", "-f", "json")
    assert result.exit_code == 0, result.stderr
    benefits = json.loads(result.stdout)["benefits"]
    assert (benefits["expected_claims"], benefits["expected_value"]) == ("1.20", value)


def test_the_benefit_values_cite_their_regulations(table: RateTable) -> None:
    values = table.parameters["benefit.jkm_death"].values
    assert [(v.effective.isoformat(), int(v.value), v.regulation) for v in values] == [
        ("2015-07-01", 24_000_000, "pp-44-2015"),
        ("2019-12-02", 42_000_000, "pp-82-2019"),
    ]
    assert all(v.sources for v in values)
