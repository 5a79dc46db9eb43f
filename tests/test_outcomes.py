"""Coverage against the eligible population, and the expected JKM death benefits."""

from __future__ import annotations

import json
from decimal import Decimal

from jamsostek_budget.app import estimate as api
from jamsostek_budget.engine.premiums import estimate
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.planning.benefits import expected_benefits
from tests.cli_runner import run
from tests.helpers import make_group, make_scenario


def test_metro_2025_benefits_match_the_reported_27_claims() -> None:
    # Kota Metro 2025: 27 death claims (Rp1.102 billion paid) among 8,477 participants; the
    # scenario's 3.19 per 1,000 gives 8,477 x 3.19 / 1,000 = 27.04 claims x Rp42,000,000.
    result = api.estimate(api.scenario_path("metro", None), with_benefits=True).unwrap()
    benefits = result.benefits
    assert benefits is not None
    assert benefits.death_benefit == 42_000_000
    assert round(benefits.expected_claims, 2) == Decimal("27.04")
    assert benefits.expected_value == sum(line.expected_value for line in benefits.lines)
    assert abs(benefits.expected_value - 1_102_000_000) < 0.05 * 1_102_000_000
    assert benefits.premiums == 1_720_963_200


def test_benefits_count_only_covered_months(table: RateTable) -> None:
    # 1,200 people from October at 5 per 1,000 a year: 1,200 x 5 / 1,000 x 3/12 = 1.5 claims,
    # worth 1.5 x 42,000,000 = 63,000,000
    group = make_group(headcount=1_200, start_month=10, death_rate_per_1000=5)
    benefits = expected_benefits(estimate(make_scenario(2025, group), table), table)
    assert benefits.expected_claims == Decimal("1.5")
    assert benefits.expected_value == 63_000_000


def test_a_group_without_a_death_rate_expects_nothing(table: RateTable) -> None:
    benefits = expected_benefits(estimate(make_scenario(2025, make_group()), table), table)
    assert benefits.expected_claims == 0 and benefits.expected_value == 0


def test_coverage_of_the_expansion() -> None:
    # juru parkir 350 of 500 eligible, kuli angkut 200 of 400: 550 / 900 = 61.1 %
    budget = api.estimate(api.scenario_path("metro-2026-expansion", None)).unwrap().budget
    assert budget.eligible == 900
    assert budget.coverage == Decimal(550) / 900
    data = json.loads(run("estimate", "--city", "metro-2026-expansion", "-f", "json").stdout)
    assert data["totals"]["coverage"] == "0.6111"
    parkir = next(line for line in data["lines"] if line["group"] == "juru-parkir")
    assert (parkir["eligible"], parkir["coverage"]) == (500, "0.7000")
    table_out = run("estimate", "--city", "metro-2026-expansion").stdout
    assert "Coverage: 61.1% of 900 eligible people" in table_out


def test_benefits_flag_in_table_and_json() -> None:
    table_out = run("estimate", "--city", "metro", "--benefits").stdout
    assert "Expected JKM death benefits: 27.0 claims, IDR 1,135,748,460" in table_out
    data = json.loads(run("estimate", "--city", "metro", "--benefits", "-f", "json").stdout)
    assert data["benefits"]["expected_claims"] == "27.04"
    assert data["benefits"]["expected_value"] == 1_135_748_460
    assert "benefits" not in json.loads(run("estimate", "--city", "metro", "-f", "json").stdout)


def test_eligible_below_headcount_is_refused(tmp_path) -> None:
    path = tmp_path / "kota.yaml"
    path.write_text(
        "city: k\nname: K\nprovince: P\nfiscal_year: 2025\ngroups:\n"
        "  - {id: a, label: A, segment: bpu, headcount: 10, eligible: 5,\n"
        "     declared_income: 1000000, programs: [jkk, jkm]}\n",
        encoding="utf-8",
    )
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "kota.yaml:6:" in result.stdout and "eligible 5 is fewer than the headcount 10" in (
        result.stdout
    )
