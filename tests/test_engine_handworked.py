"""Hand-worked figures, each with the source it comes from.

BPU figures: PP 44/2015 Lampiran II (bands, JKK 1 % of the nominal), JKM Rp6,800 flat, JHT 2 % of
the nominal (PP 46/2015); the Rp16,800 package is quoted by the Kota Metro news article
(000_4568f24a7734133d) and by BPJS Ketenagakerjaan. PU figures: PP 44/2015 Pasal 16 (JKK),
PP 46/2015 (JHT 3.7 % + 2 %), PP 45/2015 Pasal 28-29 (JP 2 % + 1 % up to the wage cap).
"""

from __future__ import annotations

import pytest

from jamsostek_budget.model.ratetable import RateTable
from tests.helpers import budget_for


def test_bpu_band_1_jkk_jkm_costs_16800_a_month_and_201600_a_year(table: RateTable) -> None:
    # JKK 1 % x 1,000,000 = 10,000; JKM 6,800 (Kota Metro article: Rp16,800 a month)
    budget = budget_for(table, 2025, declared_income=1_000_000)
    line = budget.lines[0]
    assert line.per_person_monthly == 16_800
    assert line.by_program == {"jkk": 120_000, "jkm": 81_600}
    assert budget.annual == 201_600


def test_bpu_band_1_with_jht_costs_36800_a_month(table: RateTable) -> None:
    # + JHT 2 % x 1,000,000 = 20,000 (suara.com: Rp36,800 = 10,000 + 20,000 + 6,800)
    budget = budget_for(table, 2025, programs=["jkk", "jkm", "jht"])
    assert budget.lines[0].per_person_monthly == 36_800
    assert budget.annual == 36_800 * 12


@pytest.mark.parametrize(
    ("income", "band", "monthly"),
    [
        (1, 1, 16_800),  # the least income a scenario may declare (0 is refused)
        (1_099_000, 1, 16_800),
        (1_099_500, 1, 16_800),  # bounds are in thousands: band 1 runs up to band 2's start
        (1_099_999, 1, 16_800),
        (1_100_000, 2, 18_800),  # BPJSTK artikel 18931: 1,100,000-1,299,000 pays JKK Rp12,000
        (1_299_999, 2, 18_800),
        (2_750_000, 10, 29_500 + 6_800),  # band 10 nominal 2,950,000
        (20_199_999, 32, 197_000 + 6_800),
        (20_200_000, 33, 207_000 + 6_800),
        (95_000_000, 33, 207_000 + 6_800),  # above the top band: the top band
    ],
)
def test_bpu_band_lookup(table: RateTable, income: int, band: int, monthly: int) -> None:
    budget = budget_for(table, 2025, declared_income=income)
    assert budget.lines[0].band == band
    assert budget.lines[0].per_person_monthly == monthly


def test_top_band_jkk_is_207000(table: RateTable) -> None:
    # radarmukomuko: JKK "paling besar adalah Rp 207.000" = 1 % x 20,700,000
    budget = budget_for(table, 2025, declared_income=30_000_000, programs=["jkk"])
    assert budget.lines[0].per_person_monthly == 207_000


def test_pu_wage_above_jp_cap_in_a_year_that_crosses_march(table: RateTable) -> None:
    # JP cap 10,547,400 (from March 2025) in Jan-Feb 2026, 11,086,300 from March 2026.
    # Employer 2 %: 210,948 x 2 + 221,726 x 10 = 2,639,156. Worker 1 %: 105,474 x 2 + 110,863 x 10.
    budget = budget_for(
        table, 2026, segment="pu", monthly_wage=12_000_000, risk_class="very_low", programs=["jp"]
    )
    line = budget.lines[0]
    assert line.per_person_by_month == (210_948,) * 2 + (221_726,) * 10
    assert line.annual == 2_639_156
    assert line.worker_annual == 1_319_578
    assert line.per_person_varies


def test_pu_all_programs_below_the_cap(table: RateTable) -> None:
    # wage 2,500,000, low risk: JKK 0.54 % 13,500; JKM 0.30 % 7,500; JHT 3.7 % 92,500;
    # JP 2 % 50,000; worker JHT 2 % 50,000 + JP 1 % 25,000
    budget = budget_for(
        table,
        2025,
        segment="pu",
        monthly_wage=2_500_000,
        risk_class="low",
        programs=["jkk", "jkm", "jht", "jp"],
    )
    line = budget.lines[0]
    assert line.per_person_monthly == 13_500 + 7_500 + 92_500 + 50_000
    assert line.worker_by_program == {"jkk": 0, "jkm": 0, "jht": 600_000, "jp": 300_000}


def test_apbd_paying_the_worker_share_moves_it_into_the_apbd(table: RateTable) -> None:
    budget = budget_for(
        table,
        2025,
        segment="pu",
        monthly_wage=2_500_000,
        risk_class="low",
        programs=["jht", "jp"],
        apbd_pays_worker_share=True,
    )
    line = budget.lines[0]
    assert line.per_person_monthly == 92_500 + 50_000 + 50_000 + 25_000
    assert line.worker_annual == 0


@pytest.mark.parametrize(
    ("risk", "monthly"),
    [
        ("very_low", 6_000),
        ("low", 13_500),
        ("medium", 22_250),
        ("high", 31_750),
        ("very_high", 43_500),
    ],
)
def test_pu_jkk_by_risk_class(table: RateTable, risk: str, monthly: int) -> None:
    # 0.24 / 0.54 / 0.89 / 1.27 / 1.74 % of 2,500,000 (PP 44/2015 Pasal 16 ayat (1))
    budget = budget_for(
        table, 2025, segment="pu", monthly_wage=2_500_000, risk_class=risk, programs=["jkk"]
    )
    assert budget.lines[0].per_person_monthly == monthly


def test_group_starting_in_october_pays_three_months(table: RateTable) -> None:
    budget = budget_for(table, 2025, headcount=10, start_month=10)
    line = budget.lines[0]
    assert line.months == (10, 11, 12)
    assert line.monthly == (0,) * 9 + (168_000,) * 3
    assert line.annual == 504_000


def test_pp_49_2020_relief_covers_august_2020_to_january_2021(table: RateTable) -> None:
    # PP 49/2020: JKK and JKM at 1 % for contribution months Aug 2020 - Jan 2021.
    # BPU band 1: JKK 10,000 -> 100, JKM 6,800 -> 68 (Rp168 a month).
    fy2020 = budget_for(table, 2020).lines[0]
    assert fy2020.per_person_by_month == (16_800,) * 7 + (168,) * 5
    assert fy2020.annual == 16_800 * 7 + 168 * 5  # 118,440
    fy2021 = budget_for(table, 2021).lines[0]
    assert fy2021.per_person_by_month == (168,) + (16_800,) * 11
    assert fy2021.annual == 184_968


def test_pp_49_2020_relief_for_pu_spares_jht_and_jp(table: RateTable) -> None:
    # wage 2,500,000 very low risk in September 2020: JKK 6,000 -> 60, JKM 7,500 -> 75,
    # JHT and JP unchanged (92,500 and 2 % of 2,500,000 = 50,000)
    budget = budget_for(
        table,
        2020,
        segment="pu",
        monthly_wage=2_500_000,
        risk_class="very_low",
        programs=["jkk", "jkm", "jht", "jp"],
    )
    september = {p.program: p.per_person[8] for p in budget.lines[0].programs}
    assert september == {"jkk": 60, "jkm": 75, "jht": 92_500, "jp": 50_000}


def test_pp_50_2025_never_discounts_an_apbd_paid_group(table: RateTable) -> None:
    # PP 50/2025 excludes BPU whose premiums are paid from APBN/APBD: full Rp16,800 in 2026
    budget = budget_for(table, 2026)
    assert budget.lines[0].per_person_by_month == (16_800,) * 12
    assert budget.reliefs_applied == ()


def test_pp_50_2025_halves_a_group_not_paid_from_apbd(table: RateTable) -> None:
    # other sectors: April-December 2026 at 50 % (8,400); transport: all of 2026
    other = budget_for(table, 2026, apbd_paid=False).lines[0]
    assert other.per_person_by_month == (16_800,) * 3 + (8_400,) * 9
    transport = budget_for(table, 2026, apbd_paid=False, sector="transport").lines[0]
    assert transport.per_person_by_month == (8_400,) * 12


def test_rounding_is_half_up_per_person_per_program_per_month(table: RateTable) -> None:
    # JHT employer 3.7 % x 2,500,500 = 92,518.5 -> 92,519 (half up, not to even);
    # JP employer 2 % x 2,500,025 = 50,000.5 -> 50,001
    jht = budget_for(
        table,
        2025,
        segment="pu",
        monthly_wage=2_500_500,
        risk_class="low",
        programs=["jht"],
        headcount=3,
    )
    assert jht.lines[0].per_person_monthly == 92_519
    assert jht.lines[0].monthly[0] == 92_519 * 3  # rounded per person, then multiplied
    jp = budget_for(
        table, 2025, segment="pu", monthly_wage=2_500_025, risk_class="low", programs=["jp"]
    )
    assert jp.lines[0].per_person_monthly == 50_001


def test_penajam_paser_utara_public_budget(table: RateTable) -> None:
    # PPU: about Rp3 billion for 15,000 workers at Rp16,800 a month = 3,024,000,000
    assert budget_for(table, 2025, headcount=15_000).annual == 3_024_000_000


def test_rates_used_cite_their_regulations(table: RateTable) -> None:
    budget = budget_for(
        table, 2026, segment="pu", monthly_wage=12_000_000, risk_class="very_low", programs=["jp"]
    )
    caps = [
        (u.effective.isoformat(), int(u.value), u.regulation.id)
        for u in budget.rates_used
        if u.name == "pu.jp_wage_cap"
    ]
    assert caps == [
        ("2025-03-01", 10_547_400, "bpjstk-b-726-022025"),
        ("2026-03-01", 11_086_300, "bpjstk-b-1226-022026"),
    ]
