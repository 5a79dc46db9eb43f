"""Comparing scenarios: hand-worked differences against Kota Metro, the report, JSON and CSV
shapes, and properties over random scenarios (differences of parts add up to the difference of
the totals; a budget compared with itself does not change).

Figures: Kota Metro bundled (examples/metro.yaml) costs Rp1,720,963,200 in 2025 (README, golden
metro.txt). BPU band 1 is Rp16,800 a month = JKK Rp10,000 + JKM Rp6,800 (PP 44/2015 Lampiran II;
the Kota Metro article 000_4568f24a7734133d), so Rp201,600 a year (JKK Rp120,000 + JKM Rp81,600);
JHT adds 2 % x Rp1,000,000 = Rp20,000 a month (PP 46/2015).
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jamsostek_budget.app import estimate as api
from jamsostek_budget.engine.budget import Budget, GroupLine
from jamsostek_budget.engine.premiums import estimate
from jamsostek_budget.errors import UsageError
from jamsostek_budget.loading import bundled
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.model.ratetable import RateTable
from jamsostek_budget.model.scenario import Scenario
from jamsostek_budget.planning.compare import Comparison, GroupRow, compare, percent_change
from jamsostek_budget.render.compare.csvout import compare_csv
from jamsostek_budget.render.compare.jsonout import compare_dict
from jamsostek_budget.render.compare.report import compare_report
from jamsostek_budget.render.shared.markdown import render_markdown
from jamsostek_budget.render.shared.sections import Signed, cell_text
from tests.helpers import make_group, make_scenario
from tests.test_properties import YEARS, groups

TABLE = api.load_rate_table()
METRO_2025 = 1_720_963_200
BAND_1_YEAR = 201_600  # Rp16,800 x 12


def metro() -> Scenario:
    return load_scenario(bundled.city_file("metro"))[0]


def metro_variant() -> Scenario:
    """+100 RT/RW heads, JHT for guru ngaji, no penjaga makam, 300 juru parkir in band 1."""
    updates: dict[str, dict[str, Any]] = {
        "ketua-rt-rw": {"headcount": 1_400 + 100},
        "guru-ngaji": {"programs": ["jkk", "jkm", "jht"]},
    }
    kept = [
        group.model_copy(update=updates.get(group.id, {}))
        for group in metro().groups
        if group.id != "penjaga-makam"
    ]
    added = make_group(id="juru-parkir", label="Juru parkir", headcount=300)
    return metro().model_copy(update={"groups": [*kept, added]})


def with_year(scenario: Scenario, year: int) -> Scenario:
    return scenario.model_copy(update={"fiscal_year": year})


@pytest.fixture(scope="module")
def two(table: RateTable) -> Comparison:
    return compare([estimate(metro(), table), estimate(metro_variant(), table)])


def row(comparison: Comparison, group_id: str) -> GroupRow:
    return next(r for r in comparison.groups if r.group == group_id)


def program_delta(comparison: Comparison, group_id: str, program: str) -> int:
    found = next(r for r in row(comparison, group_id).programs if r.program == program)
    return found.annual.deltas[0]


def test_metro_variant_group_differences(two: Comparison) -> None:
    assert two.annual.values == (METRO_2025, METRO_2025 + 340_819_200)
    # 100 more RT/RW heads: 100 x 201,600
    assert row(two, "ketua-rt-rw").annual.deltas == (20_160_000,)
    assert program_delta(two, "ketua-rt-rw", "jkk") == 100 * 120_000
    assert program_delta(two, "ketua-rt-rw", "jkm") == 100 * 81_600
    # JHT for 1,200 guru ngaji: 1,200 x 20,000 x 12
    assert row(two, "guru-ngaji").annual.deltas == (288_000_000,)
    assert program_delta(two, "guru-ngaji", "jht") == 288_000_000
    # 138 penjaga makam removed: 138 x 201,600
    assert row(two, "penjaga-makam").annual.deltas == (-27_820_800,)
    # 300 juru parkir added in band 1: 300 x 201,600
    assert row(two, "juru-parkir").annual.deltas == (300 * BAND_1_YEAR,) == (60_480_000,)
    # 20,160,000 + 288,000,000 - 27,820,800 + 60,480,000
    assert two.annual.deltas == (340_819_200,)
    assert two.headcount.values == (8_477, 8_477 + 100 - 138 + 300)


def test_metro_variant_statuses_and_absent_values(two: Comparison) -> None:
    assert row(two, "penjaga-makam").statuses == ("removed",)
    assert row(two, "penjaga-makam").annual.values == (27_820_800, None)
    assert row(two, "juru-parkir").statuses == ("added",)
    assert row(two, "juru-parkir").headcount.values == (None, 300)
    assert row(two, "guru-ngaji").statuses == ("changed",)
    assert row(two, "ketua-rt-rw").statuses == ("changed",)
    assert row(two, "non-asn").statuses == ("same",)
    jht = next(r for r in row(two, "guru-ngaji").programs if r.program == "jht")
    assert jht.annual.values == (None, 288_000_000)
    assert [r.group for r in two.groups][-2:] == ["penjaga-makam", "juru-parkir"]


def test_metro_variant_percentages(two: Comparison) -> None:
    assert row(two, "ketua-rt-rw").annual.percents == (Decimal("7.1"),)  # 20.16 / 282.24
    assert row(two, "guru-ngaji").annual.percents == (Decimal("119.0"),)  # 288 / 241.92
    assert row(two, "penjaga-makam").annual.percents == (Decimal("-100.0"),)
    assert row(two, "juru-parkir").annual.percents == (None,)  # nothing in the baseline
    assert two.annual.percents == (Decimal("19.8"),)  # 340,819,200 / 1,720,963,200 = 19.80 %


def test_metro_variant_per_program(two: Comparison) -> None:
    programs = {r.program: r.annual for r in two.by_program}
    # 262 more people in band 1 (+100 - 138 + 300): JKK 262 x 120,000, JKM 262 x 81,600
    assert programs["jkk"].deltas == (31_440_000,)
    assert programs["jkm"].deltas == (21_379_200,)
    assert programs["jht"].values == (None, 288_000_000)
    assert programs["jht"].percents == (None,)
    # JKK: (7,977 x 10,000 + 500 guru honorer x 12,000) x 12; JKM: 8,477 x 6,800 x 12
    assert programs["jkk"].values[0] == 1_029_240_000
    assert programs["jkm"].values[0] == 691_723_200
    assert two.worker.values == (0, 0)


def test_three_way_with_another_fiscal_year(table: RateTable) -> None:
    budgets = [estimate(s, table) for s in (metro(), with_year(metro(), 2026), metro_variant())]
    three = compare(budgets)
    assert [c.name for c in three.columns] == ["metro 2025", "metro 2026", "metro 2025 (2)"]
    assert [c.fiscal_year for c in three.columns] == [2025, 2026, 2025]
    # PP 50/2025 halves BPU JKK and JKM in 2026, but not for APBD-paid participants
    assert three.annual.values == (METRO_2025, METRO_2025, METRO_2025 + 340_819_200)
    assert three.annual.deltas == (0, 340_819_200)
    assert row(three, "penjaga-makam").statuses == ("same", "removed")
    assert row(three, "juru-parkir").statuses == ("absent", "added")
    assert row(three, "juru-parkir").annual.deltas == (0, 60_480_000)
    report = compare_report(three)
    assert report.title == "Comparison: metro 2025 vs metro 2026, metro 2025 (2)"
    assert any("different fiscal years" in note for note in report.notes)


def test_percent_is_none_when_the_baseline_is_zero(table: RateTable) -> None:
    before = estimate(make_scenario(2025, make_group(id="rt", headcount=0)), table)
    after = estimate(make_scenario(2025, make_group(id="rt", headcount=10)), table)
    result = compare([before, after], ["before", "after"])
    assert result.groups[0].annual.values == (0, 10 * BAND_1_YEAR)
    assert result.groups[0].annual.percents == (None,)
    assert result.groups[0].statuses == ("changed",)
    assert result.annual.percents == (None,)
    assert compare_dict(result)["totals"]["annual"]["delta_percent"] == {"after": None}


def test_percent_change_rounds_half_up_to_one_decimal() -> None:
    assert percent_change(1, 8) == Decimal("12.5")
    assert percent_change(1, 16) == Decimal("6.3")  # 6.25
    assert percent_change(-1, 16) == Decimal("-6.3")
    assert percent_change(5, 0) is None


def test_compare_needs_two_budgets_and_one_name_each(table: RateTable) -> None:
    budget = estimate(metro(), table)
    with pytest.raises(UsageError, match="at least two"):
        compare([budget])
    with pytest.raises(UsageError, match="1 names given for 2 scenarios"):
        compare([budget, budget], ["only"])
    assert [c.name for c in compare([budget, budget], ["a", "a"]).columns] == ["a", "a (2)"]


def test_report_sections(two: Comparison) -> None:
    report = compare_report(two)
    assert report.title == "Comparison: metro 2025 vs metro 2025 (2)"
    assert [s.title for s in report.sections] == [
        "Per group, APBD a year",
        "Per program, APBD a year",
        "Totals",
    ]
    groups_section = report.sections[0]
    by_label = {cells[0]: cells for cells in groups_section.rows}
    assert by_label["Penjaga makam"][-1] == "removed"
    assert by_label["Juru parkir"][-1] == "added"
    assert by_label["Guru ngaji"][-1] == ""
    assert by_label["Juru parkir"][1:7] == ("-", 300, "-", 60_480_000, Signed(60_480_000), "n/a")
    assert cell_text(by_label["Juru parkir"][5]) == "+60,480,000"
    assert groups_section.footer is not None
    assert groups_section.footer[1:5] == (8_477, 8_739, METRO_2025, 2_061_782_400)
    assert groups_section.footer[5:7] == (Signed(340_819_200), "+19.8%")
    assert cell_text(Signed(340_819_200)) == "+340,819,200"
    assert cell_text(Signed(-5)) == "-5"
    assert groups_section.right == frozenset(range(1, 7))
    assert "+IDR 340,819,200 a year (+19.8%)" in report.summary[-1]
    assert "| Juru parkir | - | 300 | - | 60,480,000 | +60,480,000 | n/a | added |" in (
        render_markdown(report)
    )


def test_compare_dict_shape(two: Comparison) -> None:
    data = compare_dict(two)
    json.dumps(data)  # only JSON types
    assert data["baseline"] == "metro 2025"
    assert [s["fiscal_year"] for s in data["scenarios"]] == [2025, 2025]
    totals = data["totals"]["annual"]
    assert totals["values"] == {"metro 2025": METRO_2025, "metro 2025 (2)": 2_061_782_400}
    assert totals["delta"] == {"metro 2025 (2)": 340_819_200}
    assert totals["delta_percent"] == {"metro 2025 (2)": "19.8"}
    guru = next(g for g in data["groups"] if g["group"] == "guru-ngaji")
    assert guru["status"] == {"metro 2025 (2)": "changed"}
    assert guru["annual"]["delta_percent"] == {"metro 2025 (2)": "119.0"}
    assert [p["program"] for p in guru["programs"]] == ["jkk", "jkm", "jht"]
    assert guru["programs"][2]["annual"]["values"]["metro 2025"] is None
    assert [p["program"] for p in data["by_program"]] == ["jkk", "jkm", "jht"]


def csv_rows(comparison: Comparison) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(compare_csv(comparison))))


def assert_csv_adds_up(comparison: Comparison) -> None:
    rows = csv_rows(comparison)
    parts = [r for r in rows if r["group"] != "TOTAL"]
    total = next(r for r in rows if r["group"] == "TOTAL" and r["program"] == "all")
    for column in comparison.others:
        key = f"delta {column.name}"
        assert sum(int(r[key]) for r in parts) == int(total[key])
        for program in comparison.by_program:
            per_program = next(
                r for r in rows if r["group"] == "TOTAL" and r["program"] == program.program
            )
            own = [r for r in parts if r["program"] == program.program]
            assert sum(int(r[key]) for r in own) == int(per_program[key])


def test_compare_csv_shape(two: Comparison) -> None:
    rows = csv_rows(two)
    assert list(rows[0]) == [
        "group",
        "label",
        "program",
        "apbd_annual metro 2025",
        "apbd_annual metro 2025 (2)",
        "delta metro 2025 (2)",
    ]
    part_count = sum(len(g.programs) for g in two.groups)
    assert len(rows) == part_count + len(two.by_program) + 1
    jht = next(r for r in rows if r["group"] == "guru-ngaji" and r["program"] == "jht")
    assert (jht["apbd_annual metro 2025"], jht["delta metro 2025 (2)"]) == ("", "288000000")
    assert rows[-1]["delta metro 2025 (2)"] == "340819200"
    assert_csv_adds_up(two)


@st.composite
def pooled_scenarios(draw: st.DrawFn) -> Scenario:
    """A scenario whose groups come from a pool of six ids, so scenarios share some groups."""
    ids = draw(st.lists(st.integers(0, 5), min_size=1, max_size=4, unique=True))
    return Scenario(
        city="x",
        name="X",
        province="P",
        fiscal_year=draw(YEARS),
        groups=[draw(groups(index)) for index in ids],
    )


BUDGET_LISTS = st.lists(pooled_scenarios(), min_size=2, max_size=4).map(
    lambda scenarios: [estimate(scenario, TABLE) for scenario in scenarios]
)


def assert_differences_add_up(comparison: Comparison, budgets: list[Budget]) -> None:
    for index, budget in enumerate(budgets):
        assert comparison.annual.values[index] == budget.annual
        assert comparison.headcount.values[index] == budget.headcount
    for j in range(len(budgets) - 1):
        total = comparison.annual.deltas[j]
        assert total == budgets[j + 1].annual - budgets[0].annual
        parts = [p.annual.deltas[j] for g in comparison.groups for p in g.programs]
        assert sum(parts) == total
        assert sum(g.annual.deltas[j] for g in comparison.groups) == total
        assert sum(p.annual.deltas[j] for p in comparison.by_program) == total
        for program in comparison.by_program:
            own = [p for g in comparison.groups for p in g.programs if p.program == program.program]
            assert sum(p.annual.deltas[j] for p in own) == program.annual.deltas[j]


@settings(max_examples=200, deadline=None)
@given(BUDGET_LISTS)
def test_differences_of_parts_add_up_to_the_difference_of_totals(budgets: list[Budget]) -> None:
    comparison = compare(budgets)
    assert_differences_add_up(comparison, budgets)
    assert_csv_adds_up(comparison)
    lines = [{line.group.id: line for line in budget.lines} for budget in budgets]
    for group in comparison.groups:
        found = [by_id.get(group.group) for by_id in lines]
        assert group.statuses == tuple(expected_status(found[0], after) for after in found[1:])


def expected_status(before: GroupLine | None, after: GroupLine | None) -> str:
    if before is None:
        return "absent" if after is None else "added"
    if after is None:
        return "removed"
    same = (before.group.headcount, before.by_program) == (after.group.headcount, after.by_program)
    return "same" if same else "changed"


@settings(max_examples=100, deadline=None)
@given(pooled_scenarios())
def test_a_budget_compared_with_itself_does_not_change(scenario: Scenario) -> None:
    budget = estimate(scenario, TABLE)
    comparison = compare([budget, budget])
    year = budget.fiscal_year
    assert [c.name for c in comparison.columns] == [f"x {year}", f"x {year} (2)"]
    assert comparison.annual.deltas == comparison.headcount.deltas == (0,)
    for group in comparison.groups:
        assert group.statuses == ("same",)
        assert group.annual.deltas == (0,)
        assert all(p.annual.deltas == (0,) for p in group.programs)
    assert all(p.annual.deltas == (0,) for p in comparison.by_program)
