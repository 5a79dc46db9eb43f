"""`jbudget compare` per office (OPD) and per funding source (sumber dana), issue 17:
hand-worked on Kab. Bangka and a variant.

Kab. Bangka 2025 (examples/bangka.yaml): 3,400 pekerja rentan of Dinas Sosial, BPU band 1 with
JKK and JKM, Rp16,800 a month (JKK Rp10,000 + JKM Rp6,800, PP 44/2015), 12 months:
- APBD (PAD): 950 x 16,800 x 12 = Rp191,520,000; ceiling Rp200,000,000 leaves Rp8,480,000;
- DBH Sawit: 2,450 x 16,800 x 12 = Rp493,920,000; ceiling Rp500,000,000 leaves Rp6,080,000;
- Dinas Sosial: 191,520,000 + 493,920,000 = Rp685,440,000, the total.
The variant (`extends: bangka`) raises the DBH Sawit people to 2,650 (3,600 in all):
- DBH Sawit: 2,650 x 201,600 = Rp534,240,000, +200 x 201,600 = +Rp40,320,000 (+8.2 %: 40,320,000
  / 493,920,000 = 8.163 %); left of its ceiling 500,000,000 - 534,240,000 = -Rp34,240,000;
- APBD (PAD) unchanged; Dinas Sosial 191,520,000 + 534,240,000 = Rp725,760,000 (+40,320,000).
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from jamsostek_budget.app import estimate as api
from jamsostek_budget.engine.budget import Budget
from jamsostek_budget.loading import bundled
from jamsostek_budget.loading.files import load_scenario
from jamsostek_budget.planning.compare import Comparison, compare
from jamsostek_budget.planning.projection import Assumptions, project
from jamsostek_budget.render.compare.csvout import compare_csv
from jamsostek_budget.render.compare.jsonout import compare_dict
from jamsostek_budget.render.compare.report import compare_report
from jamsostek_budget.render.project.report import project_report
from jamsostek_budget.render.shared.markdown import render_markdown
from jamsostek_budget.render.shared.sections import Section, cell_text
from tests import spreadsheet
from tests.cli_runner import run
from tests.test_xlsx import Case, check_summary, summary, write_workbook

BAND_1_YEAR = 16_800 * 12  # Rp201,600
TABLE = api.load_rate_table()
GROWTH = Assumptions(Decimal(10), Decimal(0), Decimal(5))  # 10 % more people a year
VARIANT = """\
extends: bangka
name: Kabupaten Bangka (DBH Sawit +200)
change_groups:
  - id: pekerja-rentan
    headcount: 3600
    funding: {apbd: 950, dbh-sawit: 2650}
"""


@pytest.fixture
def variant(tmp_path: Path) -> Path:
    path = tmp_path / "bangka-sawit.yaml"
    path.write_text(VARIANT, encoding="utf-8")
    return path


def budget(city: str | None, path: Path | None = None) -> Budget:
    return api.estimate(api.scenario_path(city, path)).unwrap().budget


def bangka_comparison(variant: Path) -> Comparison:
    return compare([budget("bangka"), budget(None, variant)], ["A", "B"])


def test_per_office_and_source_hand_worked(variant: Path) -> None:
    comparison = bangka_comparison(variant)
    [office] = comparison.offices
    assert office.key == "dinsos"
    assert office.headcount.values == (3_400, 3_600)
    assert office.annual.values == (685_440_000, 725_760_000)
    assert office.annual.deltas == (40_320_000,)
    apbd, sawit = comparison.sources
    assert (apbd.key, sawit.key) == ("apbd", "dbh-sawit")
    assert apbd.annual.values == (950 * BAND_1_YEAR, 950 * BAND_1_YEAR) == (191_520_000,) * 2
    assert apbd.annual.deltas == (0,)
    assert sawit.annual.values == (2_450 * BAND_1_YEAR, 2_650 * BAND_1_YEAR)
    assert sawit.annual.values == (493_920_000, 534_240_000)
    assert sawit.annual.deltas == (40_320_000,)
    assert str(sawit.annual.percents[0]) == "8.2"
    assert apbd.ceilings == (200_000_000, 200_000_000) and apbd.left == (8_480_000, 8_480_000)
    assert sawit.ceilings == (500_000_000, 500_000_000)
    assert sawit.left == (6_080_000, -34_240_000)


@pytest.mark.parametrize("other", ["bangka-variant", "metro", "blitar"])
def test_rows_add_up_to_each_scenarios_total(variant: Path, other: str) -> None:
    # a scenario listing no offices (Kota Metro) has all its groups in one "no office" row
    second = budget(None, variant) if other == "bangka-variant" else budget(other)
    comparison = compare([budget("bangka"), second])
    for rows in (comparison.offices, comparison.sources):
        assert rows
        for index in range(comparison.width):
            annual = sum(row.annual.values[index] or 0 for row in rows)
            people = sum(row.headcount.values[index] or 0 for row in rows)
            assert annual == comparison.annual.values[index]
            assert people == comparison.headcount.values[index]
        for index in range(comparison.width - 1):
            assert sum(row.annual.deltas[index] for row in rows) == comparison.annual.deltas[index]


def test_metro_and_bangka_rows_absent_where_not_listed() -> None:
    # Kota Metro 2025: Rp1,720,963,200 for 8,477 people, no offices or sources (golden metro.txt)
    comparison = compare([budget("bangka"), budget("metro")])
    dinsos, none = comparison.offices
    assert dinsos.annual.values == (685_440_000, None)
    assert none.key is None and none.annual.values == (None, 1_720_963_200)
    assert none.annual.deltas == (1_720_963_200,)


def test_without_offices_or_sources_nothing_changes() -> None:
    comparison = compare([budget("metro"), budget("metro-2026-expansion")])
    assert comparison.offices == () and comparison.sources == ()
    assert "by_opd" not in compare_dict(comparison) and "by_source" not in compare_dict(comparison)
    assert compare_csv(comparison).splitlines()[0].startswith("group,label,program,apbd_annual")
    titles = [section.title for section in compare_report(comparison).sections]
    assert "Per office (OPD)" not in titles


def section(comparison: Comparison, title: str) -> Section:
    return next(s for s in compare_report(comparison).sections if s.title == title)


def test_report_sections(variant: Path) -> None:
    comparison = bangka_comparison(variant)
    offices = section(comparison, "Per office (OPD)")
    assert [cell_text(cell) for cell in offices.rows[0]] == [
        "Dinas Sosial",
        "3,400",
        "3,600",
        "685,440,000",
        "725,760,000",
        "+40,320,000",
        "+5.9%",
    ]
    sources = section(comparison, "Per funding source (sumber dana)")
    assert [cell_text(cell) for cell in sources.rows[1]] == [
        "DBH Sawit",
        "2,450",
        "2,650",
        "493,920,000",
        "534,240,000",
        "+40,320,000",
        "+8.2%",
        "500,000,000",
        "500,000,000",
        "6,080,000",
        "-34,240,000",
    ]
    # the footer is the comparison's total; the ceilings 200 + 500 million leave 14,560,000 in A
    # (8,480,000 + 6,080,000) and -25,760,000 in B (8,480,000 - 34,240,000)
    assert [cell_text(cell) for cell in sources.footer or ()][3:] == [
        "685,440,000",
        "725,760,000",
        "+40,320,000",
        "+5.9%",
        "700,000,000",
        "700,000,000",
        "14,560,000",
        "-25,760,000",
    ]
    markdown = render_markdown(compare_report(comparison))
    assert "Per funding source (sumber dana)" in markdown and "-34,240,000" in markdown


def test_json_and_csv(variant: Path) -> None:
    comparison = bangka_comparison(variant)
    data = compare_dict(comparison)
    assert [row["opd"] for row in data["by_opd"]] == ["dinsos"]
    sawit = data["by_source"][1]
    assert sawit["source"] == "dbh-sawit" and sawit["label"] == "DBH Sawit"
    assert sawit["annual"]["values"] == {"A": 493_920_000, "B": 534_240_000}
    assert sawit["annual"]["delta"] == {"B": 40_320_000}
    assert sawit["ceiling"] == {"A": 500_000_000, "B": 500_000_000}
    assert sawit["left"] == {"A": 6_080_000, "B": -34_240_000}
    assert [(g["opd"], g["funding"]) for g in data["groups"]] == [
        ("dinsos", "apbd"),
        ("dinsos", "dbh-sawit"),
    ]
    rows = list(csv.DictReader(io.StringIO(compare_csv(comparison))))
    assert list(rows[0])[-2:] == ["opd", "funding"]  # last, as in fit's CSV
    totals = {
        (row["opd"], row["funding"]): row for row in rows if row["group"] in ("OPD", "SOURCE")
    }
    assert totals[("dinsos", "")]["apbd_annual B"] == "725760000"
    assert totals[("", "apbd")]["delta B"] == "0"
    assert totals[("", "dbh-sawit")]["delta B"] == "40320000"
    lines = [row for row in rows if row["group"] not in ("TOTAL", "OPD", "SOURCE")]
    assert sum(int(row["apbd_annual B"]) for row in lines if row["funding"] == "dbh-sawit") == (
        534_240_000
    )


def test_cli(variant: Path) -> None:
    result = run("compare", "bangka", str(variant), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["by_source"][1]["left"]["bangka 2025 (2)"] == -34_240_000
    table = run("compare", "bangka", str(variant))
    assert "Per office (OPD)" in table.stdout and "-34,240,000" in table.stdout


def test_workbooks_recalculate_to_the_reports_figures(variant: Path, tmp_path: Path) -> None:
    """The office and source figures of a comparison's and a projection's summary sheet are
    formulas over the lines sheets; recalculated by LibreOffice they are the report's."""
    projection = project(load_scenario(bundled.city_file("bangka"))[0], TABLE, [2025, 2026], GROWTH)
    first, second = budget("bangka"), budget(None, variant)
    cases = [
        Case(
            "compare",
            compare_report(compare([first, second], ["A", "B"])),
            (("A", first), ("B", second)),
        ),
        Case(
            "project",
            project_report(projection),
            tuple((str(year.year), year.budget) for year in projection.years),
        ),
    ]
    paths = {}
    for case in cases:
        paths[case.name] = tmp_path / f"{case.name}.xlsx"
        write_workbook(paths[case.name], case.report, case.budgets, force=False)
    copies = spreadsheet.recalculate(list(paths.values()), tmp_path / "lo")
    for case in cases:
        check_summary(summary(copies[paths[case.name]], data_only=True), case)
