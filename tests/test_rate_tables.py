"""The bundled rate tables: complete, cited, and consistent with the rules that produce them."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from jamsostek_budget.app import estimate as api
from jamsostek_budget.loading import bundled
from jamsostek_budget.loading.files import load_rate_files, yaml_files
from jamsostek_budget.loading.ratecheck import citations
from jamsostek_budget.model.ratetable import RateTable

# BPS GDP growth, % (rates-research.md): the growth of year N sets the cap from March N+1
GDP_GROWTH = {
    2015: "4.79",
    2016: "5.02",
    2017: "5.07",
    2018: "5.17",
    2019: "5.02",
    2020: "-2.07",
    2021: "3.69",
    2022: "5.31",
    2023: "5.05",
    2024: "5.03",
    2025: "5.11",
}


def test_jp_wage_cap_follows_pp_45_2015_pasal_29(table: RateTable) -> None:
    # previous cap x (1 + previous year's GDP growth), rounded down to Rp100
    values = table.parameters["pu.jp_wage_cap"].values
    assert int(values[0].value) == 7_000_000 and values[0].effective == date(2015, 7, 1)
    for before, after in itertools.pairwise(values):
        growth = Decimal(GDP_GROWTH[after.effective.year - 1]) / 100
        expected = (before.value * (1 + growth) / 100).to_integral_value(ROUND_FLOOR) * 100
        assert after.value == expected, after.effective
        assert after.effective == date(after.effective.year, 3, 1)


def test_jp_cap_2025_and_2026(table: RateTable) -> None:
    cap = table.parameters["pu.jp_wage_cap"]
    assert int(cap.in_force(date(2025, 3, 1)).value) == 10_547_400  # type: ignore[union-attr]
    assert int(cap.in_force(date(2026, 2, 28)).value) == 10_547_400  # type: ignore[union-attr]
    assert int(cap.in_force(date(2026, 3, 1)).value) == 11_086_300  # type: ignore[union-attr]


def test_33_bpu_bands_from_1_million_to_20_7_million(table: RateTable) -> None:
    bands = table.bands.versions[-1].bands
    assert len(bands) == 33
    assert (bands[0].lower, bands[0].upper, bands[0].nominal) == (0, 1_099_000, 1_000_000)
    assert (bands[1].lower, bands[1].nominal) == (1_100_000, 1_200_000)
    assert (bands[-1].lower, bands[-1].upper, bands[-1].nominal) == (20_200_000, None, 20_700_000)


def test_pu_rates(table: RateTable) -> None:
    day = date(2025, 6, 1)
    snapshot = table.at(day)
    classes = ("very_low", "low", "medium", "high", "very_high")
    assert [snapshot.percent(f"pu.jkk_percent.{c}") for c in classes] == [
        Decimal(x) for x in ("0.24", "0.54", "0.89", "1.27", "1.74")
    ]
    assert snapshot.percent("pu.jkm_percent") == Decimal("0.30")
    assert snapshot.percent("pu.jht_employer_percent") == Decimal("3.7")
    assert snapshot.percent("pu.jht_worker_percent") == 2
    assert snapshot.percent("pu.jp_employer_percent") == 2
    assert snapshot.percent("pu.jp_worker_percent") == 1
    assert snapshot.percent("pu.jkp_employer_percent") == 0


def test_every_dated_value_is_cited_checked_and_rated() -> None:
    loaded = load_rate_files(yaml_files(bundled.data_dir("rates")))
    table = api.load_rate_table()
    count = 0
    for rates, _source in loaded:
        for _path, citation in citations(rates):
            count += 1
            assert citation.regulation in table.regulations
            assert citation.confidence in {"high", "medium", "low"}
            assert citation.last_checked <= date.today()
    assert count >= 30
    for regulation in table.regulations.values():
        assert regulation.url.startswith("https://")
