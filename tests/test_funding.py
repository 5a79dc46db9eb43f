"""Offices, funding sources, minimum wages and staff types (issue 17): hand-worked figures.

Rates used (rates/): BPU band 1 with JKK and JKM is Rp16,800 a month (JKK 1 % of the nominal
Rp1,000,000 + JKM Rp6,800, PP 44/2015). PU: JKK very low risk 0.24 % and JKM 0.30 % of the wage
(PP 44/2015 Pasal 16), each rounded half up per person. PP 50/2025 halves BPU JKK and JKM for
contribution months April to December 2026 (sectors other than transport), not for premiums paid
from the APBN/APBD: Rp16,800 becomes 5,000 + 3,400 = Rp8,400.

Minimum wages (rates/minimum-wages.yaml): UMK Kota Metro 2025 Rp2,903,301 (Keputusan Gubernur
Lampung G/851/V.08/HK/2024), 2026 Rp3,050,498 (G:880/V.08/HK/2025).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from jamsostek_budget.app import estimate as api
from jamsostek_budget.engine.funding_totals import opd_totals, source_totals
from jamsostek_budget.engine.premiums import estimate
from jamsostek_budget.errors import UsageError
from jamsostek_budget.loading import bundled
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.planning.fit import fit
from jamsostek_budget.planning.projection import Assumptions, project
from jamsostek_budget.render.estimate.report import estimate_report
from jamsostek_budget.render.fit.jsonout import fit_dict

TABLE = api.load_rate_table()
BAND_1 = 16_800
# UMK Kota Metro 2025 2,903,301: JKK 0.24 % = 6,967.92 -> 6,968; JKM 0.30 % = 8,709.90 -> 8,710
PU_METRO_2025 = 6_968 + 8_710
# 2026 3,050,498: JKK 7,321.20 -> 7,321; JKM 9,151.49 -> 9,151
PU_METRO_2026 = 7_321 + 9_151


def scenario(year: int, groups: list[dict[str, Any]], **fields: Any) -> Scenario:
    data = {
        "city": "uji",
        "name": "Kota Uji",
        "province": "Lampung",
        "region": "18.72",
        "fiscal_year": year,
        "groups": groups,
        **fields,
    }
    return Scenario.model_validate(data)


def bpu(group_id: str, headcount: int, **fields: Any) -> dict[str, Any]:
    return {
        "id": group_id,
        "label": group_id.title(),
        "segment": "bpu",
        "headcount": headcount,
        "declared_income": 1_000_000,
        "programs": ["jkk", "jkm"],
        **fields,
    }


TWO_SOURCES = [
    {"id": "apbd", "label": "APBD", "kind": "pad", "ceiling": 100_000_000},
    {
        "id": "dbhcht",
        "label": "DBHCHT",
        "kind": "dbhcht",
        "ceiling": 50_000_000,
        "first_month": 4,
        "last_month": 12,
    },
]


def test_a_fit_across_two_sources_with_different_months() -> None:
    """APBD (Jan-Dec, Rp100 million) pays 500 RT/RW heads (Rp201,600 a year each: 496 fit,
    99,993,600; 4 left out, Rp6,400 left); DBHCHT (Apr-Dec, Rp50 million) pays 400 tobacco
    workers from April (9 x 16,800 = Rp151,200 each: 330 fit, 49,896,000, Rp104,000 left).
    Each source runs out on its own; the APBD's, first in funding order, is named."""
    plan = scenario(
        2025,
        [
            bpu("rt-rw", 500, funding="apbd"),
            bpu("tembakau", 400, funding="dbhcht", start_month=4),
        ],
        funding_sources=TWO_SOURCES,
    )
    result = fit(plan, TABLE, None)
    covered = {line.group_id: line.covered for line in result.lines}
    assert covered == {"rt-rw": 496, "tembakau": 330}
    by_source = {row.source.id: (row.cost, row.left) for row in result.sources}
    assert by_source == {"apbd": (99_993_600, 6_400), "dbhcht": (49_896_000, 104_000)}
    assert result.ceiling == 150_000_000
    assert result.cost == 99_993_600 + 49_896_000 == result.budget.annual
    assert result.ran_out is not None and result.ran_out.limit is not None
    assert result.ran_out.limit.id == "apbd"
    data = fit_dict(result)
    assert data["ran_out_first"] == {"limit": "apbd", "group": "Rt-Rw"}


def test_a_total_ceiling_caps_the_sources_together() -> None:
    """With --budget Rp120 million as well: the APBD still pays 496 (99,993,600), which leaves
    Rp20,006,400 of the total: 132 tobacco workers (19,958,400), fewer than DBHCHT alone
    would pay; the total ran out, not DBHCHT."""
    plan = scenario(
        2025,
        [
            bpu("rt-rw", 500, funding="apbd"),
            bpu("tembakau", 400, funding="dbhcht", start_month=4),
        ],
        funding_sources=TWO_SOURCES,
        priority=["tembakau"],
    )
    result = fit(plan, TABLE, 120_000_000, priority=["rt-rw"])
    covered = {line.group_id: line.covered for line in result.lines}
    assert covered == {"rt-rw": 496, "tembakau": 132}
    assert result.cost == 99_993_600 + 132 * 151_200
    assert result.ran_out is not None and result.ran_out.limit is not None


def test_a_source_pays_only_for_its_months() -> None:
    with pytest.raises(ValidationError, match="dbhcht pays for months 4 to 12"):
        scenario(2025, [bpu("tembakau", 10, funding="dbhcht")], funding_sources=TWO_SOURCES)


def test_a_split_between_sources_adds_up() -> None:
    """Kab. Bangka 2025 (examples/bangka.yaml): 950 people from the APBD and 2,450 from DBH
    Sawit, 12 months at Rp16,800: Rp191,520,000 and Rp493,920,000 under ceilings of Rp200
    and 500 million (Rp8,480,000 and Rp6,080,000 left)."""
    plan, _ = load_scenario(bundled.city_file("bangka"))
    budget = estimate(plan, TABLE)
    rows = {t.source.id: (t.people, t.annual, t.left) for t in source_totals(budget) if t.source}
    assert rows == {
        "apbd": (950, 191_520_000, 8_480_000),
        "dbh-sawit": (2_450, 493_920_000, 6_080_000),
    }
    assert budget.annual == 685_440_000 == sum(t.annual for t in source_totals(budget))
    assert [t.annual for t in opd_totals(budget)] == [685_440_000]
    with pytest.raises(ValidationError, match="adds up to 3,000 people"):
        scenario(
            2025,
            [bpu("x", 3_400, funding={"apbd": 950, "dbhcht": 2_050}, start_month=4)],
            funding_sources=TWO_SOURCES,
        )


def test_the_dbhcht_window_of_blitar() -> None:
    """Kab. Blitar 2025: 6,043 people April to December at Rp16,800 = Rp913,701,600, the
    published allocation of Rp913.7 million rounded to Rp100,000."""
    plan, _ = load_scenario(bundled.city_file("blitar"))
    budget = estimate(plan, TABLE)
    assert budget.annual == 6_043 * BAND_1 * 9 == 913_701_600
    assert budget.monthly[:3] == (0, 0, 0)


def test_a_pppk_paruh_waktu_group_on_the_umk_across_a_january_change() -> None:
    """200 PPPK paruh waktu on the UMK of Kota Metro: Rp15,678 a person a month in 2025
    (Rp37,627,200 a year) and Rp16,472 in 2026 (Rp39,532,800), each year's UMK from 1 January;
    the 2026 budget pays JKK and JKM from the job title's codes (0027, 0035)."""
    group = {
        "id": "pppk",
        "label": "PPPK paruh waktu",
        "staff_type": "pppk-paruh-waktu",
        "job_title": "operator-layanan-operasional",
        "segment": "pu",
        "headcount": 200,
        "monthly_wage": "umk",
        "risk_class": "very_low",
        "programs": ["jkk", "jkm"],
    }
    plan = scenario(2025, [group])
    years = project(plan, TABLE, [2025, 2026], Assumptions(Decimal(0), Decimal(0), Decimal(5)))
    first, second = (year.budget for year in years.years)
    assert first.lines[0].per_person_by_month == (PU_METRO_2025,) * 12
    assert first.annual == 200 * PU_METRO_2025 * 12 == 37_627_200
    assert second.lines[0].per_person_by_month == (PU_METRO_2026,) * 12
    assert second.annual == 200 * PU_METRO_2026 * 12 == 39_532_800
    assert {c.code for c in second.by_budget_code} == {"5.1.02.02.02.0027", "5.1.02.02.02.0035"}
    assert {c.code for c in first.by_budget_code} == {None}  # the codes are listed from 2026
    cited = {use.name: use for use in second.rates_used}
    assert cited["minimum_wage.18.72"].value == 3_050_498
    assert "G:880" in cited["minimum_wage.18.72"].article


def test_a_umk_not_set_falls_back_to_the_ump() -> None:
    """Kabupaten Bangka sets no UMK: the UMP of Kepulauan Bangka Belitung 2025, Rp3,876,600,
    applies (JKK 0.24 % = 9,303.84 -> 9,304; JKM 0.30 % = 11,629.80 -> 11,630)."""
    group = {
        "id": "pppk",
        "label": "PPPK",
        "staff_type": "pppk-paruh-waktu",
        "segment": "pu",
        "headcount": 1,
        "monthly_wage": "umk",
        "risk_class": "very_low",
        "programs": ["jkk", "jkm"],
    }
    budget = estimate(scenario(2025, [group], region="19.01"), TABLE)
    assert budget.lines[0].per_person_monthly == 9_304 + 11_630


def test_a_non_apbd_donor_group_in_2026_gets_pp_50_2025_relief() -> None:
    """100 marbot paid from civil servants' donations (not APBD money) in 2026: January to March
    at Rp16,800, April to December at Rp8,400: Rp12,600,000; the relief, Rp7,560,000, is the
    donor source's. The same people paid from the APBD pay Rp20,160,000, no relief."""
    sources = [
        {"id": "apbd", "label": "APBD", "kind": "pad"},
        {"id": "donasi-asn", "label": "Donasi ASN", "kind": "donor"},
    ]
    plan = scenario(
        2026,
        [bpu("marbot", 100, funding="donasi-asn"), bpu("rt-rw", 100, funding="apbd")],
        funding_sources=sources,
    )
    budget = estimate(plan, TABLE)
    lines = {line.group.id: line for line in budget.lines}
    assert lines["marbot"].per_person_by_month == (BAND_1,) * 3 + (8_400,) * 9
    assert lines["marbot"].annual == 12_600_000
    assert lines["rt-rw"].annual == 100 * BAND_1 * 12 == 20_160_000
    relief = {t.source.id: t.relief for t in source_totals(budget) if t.source}
    assert relief == {"apbd": 0, "donasi-asn": 7_560_000}
    assert any(r.id.startswith("pp-50-2025") for r in budget.reliefs_applied)


def test_a_switch_of_type_mid_year_is_two_lines_that_add_up() -> None:
    """100 guru honorer, BPU band 1 until June (6 x 16,800 x 100 = Rp10,080,000), PPPK paruh
    waktu on the Metro UMK from July (6 x 15,678 x 100 = Rp9,406,800): Rp19,486,800."""
    group = bpu(
        "guru-honorer",
        100,
        staff_type="honorer",
        becomes={
            "from_month": 7,
            "id": "guru-pppk",
            "label": "Guru PPPK paruh waktu",
            "staff_type": "pppk-paruh-waktu",
            "segment": "pu",
            "monthly_wage": "umk",
            "risk_class": "very_low",
        },
    )
    budget = estimate(scenario(2025, [group]), TABLE)
    lines = {line.group.id: line for line in budget.lines}
    assert lines["guru-honorer"].months == (1, 2, 3, 4, 5, 6)
    assert lines["guru-honorer"].annual == 10_080_000
    assert lines["guru-pppk"].months == (7, 8, 9, 10, 11, 12)
    assert lines["guru-pppk"].annual == 9_406_800
    assert budget.annual == 19_486_800
    assert budget.monthly == (BAND_1 * 100,) * 6 + (PU_METRO_2025 * 100,) * 6


def test_pppk_penuh_waktu_is_refused_naming_taspen() -> None:
    with pytest.raises(ValidationError, match=r"Taspen \(PP 70/2015 jo. PP 66/2017\)"):
        scenario(2025, [bpu("pppk", 10, staff_type="pppk-penuh-waktu")])


def test_offices_and_sources_must_be_declared() -> None:
    with pytest.raises(ValidationError, match="no entry of opds has the id 'dinso'"):
        scenario(2025, [bpu("x", 1, opd="dinso")], opds=[{"id": "dinsos", "label": "Dinsos"}])
    with pytest.raises(ValidationError, match="this group names none"):
        scenario(2025, [bpu("x", 1)], opds=[{"id": "dinsos", "label": "Dinsos"}])


def test_a_minimum_wage_without_a_value_is_an_error_naming_the_region() -> None:
    group = {
        "id": "pu",
        "label": "PU",
        "segment": "pu",
        "headcount": 1,
        "monthly_wage": "umk",
        "risk_class": "very_low",
        "programs": ["jkk", "jkm"],
    }
    with pytest.raises(UsageError, match=r"no UMK of region 18\.09"):
        estimate(scenario(2025, [group], region="18.09"), TABLE)


def test_the_report_has_a_sheet_per_office() -> None:
    plan, _ = load_scenario(bundled.city_file("bangka"))
    report = estimate_report(estimate(plan, TABLE))
    assert [sheet.title for sheet in report.sheets] == ["Dinas Sosial"]
    titles = [section.title for section in report.sections]
    assert any("OPD" in title for title in titles)
    assert any("sumber dana" in title for title in titles)


def test_validate_warns_of_a_wage_below_the_minimum(tmp_path: Any) -> None:
    """A PPPK paruh waktu wage of Rp2,000,000 in Kota Metro is below its 2025 UMK."""
    path = tmp_path / "s.yaml"
    path.write_text(
        "city: uji\nname: Kota Uji\nprovince: Lampung\nregion: '18.72'\nfiscal_year: 2025\n"
        "groups:\n  - id: pppk\n    label: PPPK\n    staff_type: pppk-paruh-waktu\n"
        "    segment: pu\n    headcount: 5\n    monthly_wage: 2000000\n"
        "    risk_class: very_low\n    programs: [jkk, jkm]\n",
        encoding="utf-8",
    )
    outcome = api.estimate(path)
    (problem,) = outcome.problems
    assert problem.severity == "warning"
    assert "KepmenPANRB 16/2025" in problem.message
    assert "below the UMK of Kota Metro for 2025, 2,903,301" in problem.message


def _write(tmp_path: Any, name: str, text: str) -> Any:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


PPPK_SCENARIO = (
    "city: uji\nname: Kota Uji\nprovince: Lampung\nregion: '18.72'\nfiscal_year: 2025\n"
    "groups:\n  - id: pppk\n    label: PPPK\n    staff_type: pppk-paruh-waktu\n"
    "    segment: pu\n    headcount: 2\n    monthly_wage: umk\n"
    "    risk_class: very_low\n    programs: [jkk, jkm]\n"
)


def test_a_roster_person_without_a_wage_is_paid_the_umk(tmp_path: Any) -> None:
    """Two PPPK paruh waktu of Kota Metro in 2025, one without a wage (the UMK, Rp15,678 a
    month) and one at Rp3,000,000 (JKK 7,200 + JKM 9,000 = Rp16,200): Rp382,536 a year."""
    from jamsostek_budget.app.roster import roster_estimate

    scenario_file = _write(tmp_path, "s.yaml", PPPK_SCENARIO)
    roster = _write(
        tmp_path,
        "r.csv",
        "nik,name,group,monthly_wage\n1872010101900001,A,pppk,\n1872010101900002,B,pppk,3000000\n",
    )
    result = roster_estimate(roster, scenario_file).unwrap()
    assert result.budget.annual == (PU_METRO_2025 + 16_200) * 12 == 382_536


def test_a_roster_refuses_a_group_that_changes_type(tmp_path: Any) -> None:
    text = PPPK_SCENARIO.replace("    headcount: 2\n", "    headcount: 2\n    start_month: 1\n")
    text = text.replace(
        "programs: [jkk, jkm]\n",
        "programs: [jkk, jkm]\n    becomes:\n      from_month: 7\n      id: pppk-jp\n"
        "      label: PPPK with JP\n      programs: [jkk, jkm, jp]\n",
    )
    scenario_file = _write(tmp_path, "s.yaml", text)
    roster = _write(tmp_path, "r.csv", "nik,name,group\n1872010101900001,A,pppk\n")
    from jamsostek_budget.app.roster import roster_estimate

    with pytest.raises(UsageError, match="changes type from month 7"):
        roster_estimate(roster, scenario_file).unwrap()


def test_rates_lists_a_regions_minimum_wages() -> None:
    """Kabupaten Blitar on 1 June 2023: its UMK Rp2,215,071.18 (decreed with sen; paid at the
    minimum: Rp2,215,072) and Jawa Timur's UMP Rp2,040,244."""
    listing = api.rates_on(date(2023, 6, 1), region="35.05")
    found = {(f.entry.kind, f.value.value, f.rupiah) for f in listing.minimum_wages}
    assert found == {
        ("umk", Decimal("2215071.18"), 2_215_072),
        ("ump", Decimal("2040244"), 2_040_244),
    }
    with pytest.raises(UsageError, match="not a region code"):
        api.rates_on(date(2023, 6, 1), region="99.9")


def test_the_office_sheet_recalculates_to_the_budget(tmp_path: Any) -> None:
    """LibreOffice recalculates Kab. Bangka's Dinas Sosial sheet from the Lines sheet: 3,400
    people, JKK 3,400 x 10,000 x 12 = Rp408,000,000, JKM 3,400 x 6,800 x 12 = Rp277,440,000,
    Rp685,440,000 in all."""
    import openpyxl

    from tests import spreadsheet

    path = tmp_path / "bangka.xlsx"
    command = [sys.executable, "-m", "jamsostek_budget", "estimate", "--city", "bangka"]
    env = {**os.environ, "LANGUAGE": "en"}
    subprocess.run([*command, "-f", "xlsx", "-o", str(path)], env=env, check=True)
    copy = spreadsheet.recalculate([path], tmp_path)[path]
    sheet = openpyxl.load_workbook(copy, data_only=True)["Dinas Sosial"]
    total = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Total")
    assert total[3] == 3_400
    assert total[5:10] == (408_000_000, 277_440_000, 0, 0, 685_440_000)


def test_reconcile_per_office_adds_up_to_the_totals(tmp_path: Any) -> None:
    """The synthetic Metro reconciliation (examples/reconcile/) with every group at Bagian
    Kesra: its entries are Kesra's, but for Wawan and Nila Sari, billed with no group (one billed
    not listed at Rp20,000 a month, one duplicate). Paid, not owed: Kesra Rp77,200 a month
    (mismatch 10,000 + billed not listed 16,800 + ineligible 16,800 + duplicates 33,600) and no
    office Rp20,000: the total Rp97,200; to protect: Kesra Rp16,800."""
    examples = Path(__file__).parents[1] / "examples" / "reconcile"
    groups = ["marbot", "guru-ngaji", "guru-honorer", "non-asn", "ketua-rt-rw"]
    groups += ["kader-posyandu", "penjaga-makam"]
    changes = "".join(f"  - {{id: {g}, opd: kesra}}\n" for g in groups)
    scenario_file = _write(
        tmp_path,
        "s.yaml",
        f"extends: {examples / 'metro-2025-rekonsiliasi.yaml'}\n"
        "opds:\n  - {id: kesra, label: Bagian Kesra}\nchange_groups:\n" + changes,
    )
    command = [sys.executable, "-m", "jamsostek_budget", "reconcile"]
    command += [str(examples / "metro-2025-pemda.csv"), str(examples / "metro-2025-bpjs.csv")]
    command += ["--scenario", str(scenario_file), "--other"]
    command += [str(examples / "lampung-2025-provinsi.csv"), "-f", "json"]
    env = {**os.environ, "LANGUAGE": "en"}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    data = json.loads(done.stdout)
    kesra, none = data["by_opd"]["kesra"], data["by_opd"][""]
    assert kesra["monthly"]["mismatched"] == 10_000
    assert kesra["monthly"]["duplicate"] == 33_600
    assert none["monthly"] == {**dict.fromkeys(none["monthly"], 0), "billed_not_listed": 20_000}
    for category, people in data["counts"].items():
        assert kesra["counts"][category] + none["counts"][category] == people
    assert data["totals"]["monthly"]["paid_not_owed"] == 97_200


def test_a_year_past_the_minimum_wages_is_warned_of(tmp_path: Any) -> None:
    """Fiscal 2027 on the Metro UMK: the table has none for 2027, so the 2026 value
    (Rp3,050,498) is used and said."""
    path = _write(
        tmp_path, "s.yaml", PPPK_SCENARIO.replace("fiscal_year: 2025", "fiscal_year: 2027")
    )
    outcome = api.estimate(path)
    messages = [p.message for p in outcome.problems if p.severity == "warning"]
    assert any(
        "no UMK of Kota Metro for 2027" in m and "2026-01-01, 3,050,498" in m for m in messages
    )
    assert outcome.unwrap().budget.lines[0].per_person_monthly == PU_METRO_2026


def test_project_grows_the_minimum_wage_past_the_decrees() -> None:
    """Projecting 200 PPPK paruh waktu on the Metro UMK to 2028 at 5 % wage growth: 2026 is
    decreed (Rp3,050,498: Rp16,472 a month each); 2027 is 3,050,498 x 1.05 = 3,203,022.9 ->
    Rp3,203,023 (JKK 7,687.26 -> 7,687 + JKM 9,609.07 -> 9,609 = Rp17,296), 2028 is
    3,203,023 x 1.05 = 3,363,174.15 -> Rp3,363,174 (8,071.62 -> 8,072 + 10,089.52 -> 10,090 =
    Rp18,162), both marked projected."""
    group = {
        "id": "pppk",
        "label": "PPPK paruh waktu",
        "staff_type": "pppk-paruh-waktu",
        "segment": "pu",
        "headcount": 200,
        "monthly_wage": "umk",
        "risk_class": "very_low",
        "programs": ["jkk", "jkm"],
    }
    plan = scenario(2026, [group])
    growth = Assumptions(Decimal(0), Decimal(5), Decimal(5))
    years = project(plan, TABLE, [2026, 2027, 2028], growth).years
    monthly = [year.budget.lines[0].per_person_monthly for year in years]
    assert monthly == [PU_METRO_2026, 7_687 + 9_609, 8_072 + 10_090]
    cited = [use for use in years[2].budget.rates_used if use.name == "minimum_wage.18.72"]
    assert [(use.value, use.projected) for use in cited] == [(Decimal(3_363_174), True)]
