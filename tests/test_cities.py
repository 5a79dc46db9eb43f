"""The bundled cities reconcile with the figures in their sources (shared/domain.md)."""

from __future__ import annotations

from jamsostek_budget.app import estimate as api


def city_budget(slug: str) -> api.Estimate:
    return api.estimate(api.scenario_path(slug, None)).unwrap()


def test_metro_2025_matches_the_reported_8477_people_and_rp1721_billion() -> None:
    # News 2025: 8,477 non-ASN workers, premiums Rp1.721 billion (within 1 %)
    budget = city_budget("metro").budget
    assert budget.fiscal_year == 2025
    assert budget.headcount == 8_477
    assert budget.annual == 1_720_963_200
    assert abs(budget.annual - 1_721_000_000) <= 0.01 * 1_721_000_000
    assert api.estimate(api.scenario_path("metro", None)).problems == ()


def test_bandar_lampung_2951_rt_rw_heads() -> None:
    # 2,951 x 16,800 x 12
    budget = city_budget("bandar-lampung").budget
    assert budget.headcount == 2_951
    assert budget.annual == 594_921_600


def test_lubuklinggau_pu_staff_and_vulnerable_workers() -> None:
    # 3,500 PU x (0.24 % + 0.30 %) x 2,500,000 x 12 = 567,000,000;
    # 1,000 BPU x 16,800 x 6 months (July-December) = 100,800,000
    budget = city_budget("lubuklinggau").budget
    assert {line.group.segment for line in budget.lines} == {"pu", "bpu"}
    assert [line.annual for line in budget.lines] == [567_000_000, 100_800_000]
    assert budget.annual == 667_800_000


def test_every_bundled_city_is_listed() -> None:
    assert [city.slug for city in api.cities().unwrap()] == [
        "bandar-lampung",
        "bangka",
        "blitar",
        "lubuklinggau",
        "metro",
        "metro-2026-expansion",
    ]
