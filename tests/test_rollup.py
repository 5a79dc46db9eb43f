"""`jbudget rollup`: a province's scenarios added up (issue 18), with hand-worked figures.

Rates (rates/bpu.yaml, PP 44/2015): BPU band 1 (nominal income Rp1,000,000) with JKK and JKM is
JKK Rp10,000 + JKM Rp6,800 = Rp16,800 a person a month, 2025.

Kota Satu: rt, 100 people x 12 months: JKK 12,000,000, JKM 8,160,000, 20,160,000;
           honorer (staff_type honorer), 10 x 12: JKK 1,200,000, JKM 816,000, 2,016,000.
           Total 22,176,000, its Pemda pays all.
Kabupaten Dua: marbot, 50 x 6 (July to December): JKK 3,000,000, JKM 2,040,000, 5,040,000;
           honorer, 20 x 12: JKK 2,400,000, JKM 1,632,000, 4,032,000, the province pays it.
           Total 9,072,000: its Pemda 5,040,000, the province 4,032,000.
Rollup: 31,248,000 for 180 people = 22,176,000 + 9,072,000; the Pemda 27,216,000 + province
4,032,000. Types: honorer 30 people 6,048,000 (2,016,000 + 4,032,000); BPU: Ketua RT
20,160,000; BPU: Marbot 5,040,000 (sum 31,248,000).
Rosters: Budi (NIK ...0002) is an honorer of Kota Satu (16,800 x 12 = 201,600) and a marbot of
Kabupaten Dua (16,800 x 6 = 100,800): paid twice 201,600 + 100,800 - 201,600 = 100,800.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jamsostek_budget.app import estimate as api
from jamsostek_budget.app.rollup import RollupRequest, rollup_command
from jamsostek_budget.model import schemas
from jamsostek_budget.render.rollup.report import rollup_report
from jamsostek_budget.render.shared.sections import Money
from tests.cli_runner import run

REPO = Path(__file__).resolve().parents[1]
HEADER = "nik,name,group,declared_income,monthly_wage,start_month,end_month\n"
SATU = """\
city: satu
name: Kota Satu
province: Lampung
fiscal_year: 2025
groups:
  - {id: rt, label: Ketua RT, segment: bpu, headcount: 100, declared_income: 1000000,
     programs: [jkk, jkm]}
  - {id: honorer, label: Honorer kota, segment: bpu, staff_type: honorer, headcount: 10,
     declared_income: 1000000, programs: [jkk, jkm]}
"""
DUA = """\
city: dua
name: Kabupaten Dua
province: Lampung
fiscal_year: 2025
groups:
  - {id: marbot, label: Marbot, segment: bpu, headcount: 50, declared_income: 1000000,
     programs: [jkk, jkm], start_month: 7}
  - {id: honorer, label: Honorer kabupaten, segment: bpu, staff_type: honorer, headcount: 20,
     declared_income: 1000000, programs: [jkk, jkm]}
"""
PROVINCE = """\
province: Provinsi Uji
scenarios:
  - scenario: satu.yaml
  - scenario: dua.yaml
    province_pays: [honorer]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "satu.yaml").write_text(SATU, encoding="utf-8")
    (tmp_path / "dua.yaml").write_text(DUA, encoding="utf-8")
    (tmp_path / "prov.yaml").write_text(PROVINCE, encoding="utf-8")
    people = "1872010103850001,Ani,honorer,1000000,,,\n1872010103850002,Budi,honorer,1000000,,,\n"
    (tmp_path / "satu.csv").write_text(HEADER + people, encoding="utf-8")
    people = "1872010103850002,Budi,marbot,1000000,,,\n1872010103850003,Citra,marbot,1000000,,,\n"
    (tmp_path / "dua.csv").write_text(HEADER + people, encoding="utf-8")
    return tmp_path


def test_a_province_file_adds_up_per_regency_type_and_payer(folder: Path) -> None:
    rolled = rollup_command(RollupRequest(province_file=folder / "prov.yaml")).unwrap()
    result = rolled.rollup
    assert result.province == "Provinsi Uji"
    assert [(p.place.name, p.all.annual, p.pemda, p.province) for p in result.places] == [
        ("Kota Satu", 22_176_000, 22_176_000, 0),
        ("Kabupaten Dua", 9_072_000, 5_040_000, 4_032_000),
    ]
    assert (result.total.people, result.total.annual) == (180, 31_248_000)
    assert result.total.by_program == {"jkk": 18_600_000, "jkm": 12_648_000, "jht": 0, "jp": 0}
    assert result.province_pays == 4_032_000
    types = [(t.staff_type, t.label, t.amounts.people, t.amounts.annual) for t in result.types]
    assert types == [
        ("honorer", None, 30, 6_048_000),
        (None, "Ketua RT", 100, 20_160_000),
        (None, "Marbot", 50, 5_040_000),
    ]
    assert rolled.overlap is None


def test_rosters_give_the_niks_counted_in_two_places(folder: Path) -> None:
    request = RollupRequest(
        province_file=folder / "prov.yaml",
        rosters=(("satu.yaml", folder / "satu.csv"), ("dua.yaml", folder / "dua.csv")),
    )
    overlap = rollup_command(request).unwrap().overlap
    assert overlap is not None
    assert [(p.nik, p.name, p.places, p.amounts) for p in overlap.people] == [
        ("1872010103850002", "Budi", ("Kota Satu", "Kabupaten Dua"), (201_600, 100_800))
    ]
    assert overlap.paid_twice == 100_800


def test_the_rollup_adds_up_to_the_sum_of_the_estimates() -> None:
    """Every table's total is the sum of the bundled cities' own estimates, to the Rupiah."""
    cities = ["bandar-lampung", "metro", "bangka", "blitar", "lubuklinggau"]
    result = rollup_command(RollupRequest(references=tuple(cities))).unwrap().rollup
    estimates = [api.estimate(api.scenario_path(c, None)).unwrap().budget.annual for c in cities]
    assert result.total.annual == sum(estimates)
    assert [place.all.annual for place in result.places] == estimates
    assert sum(place.pemda + place.province for place in result.places) == sum(estimates)
    assert sum(row.amounts.annual for row in result.types) == sum(estimates)
    for section in rollup_report(result, None).sections:  # each table's total column
        column = next(i for i, h in enumerate(section.headers) if h in TOTAL_HEADERS)
        assert section.footer is not None
        assert section.footer[column] == Money(sum(estimates))
        assert sum(_amount(row[column]) for row in section.rows) == sum(estimates)


TOTAL_HEADERS = ("Total (Rp)", "APBD a year")


def _amount(cell: object) -> int:
    assert isinstance(cell, Money)
    return cell.amount


def test_cli_formats_and_the_roster_table(folder: Path) -> None:
    args = ["--lang", "en", "rollup", "--province", str(folder / "prov.yaml")]
    rosters = ["--roster", "satu.yaml=" + str(folder / "satu.csv")]
    rosters += ["--roster", "dua.yaml=" + str(folder / "dua.csv")]
    shown = run(*args, *rosters, "-f", "markdown")
    assert shown.exit_code == 0, shown.output
    assert "| Kabupaten Dua | 70 | IDR 5,400,000 | IDR 3,672,000 | IDR 9,072,000 |" in shown.stdout
    assert "| 1872010103850002 | Budi | Kota Satu, Kabupaten Dua |" in shown.stdout
    data = json.loads(run(*args, *rosters, "-f", "json").stdout)
    assert data["totals"]["apbd_annual"] == 31_248_000
    assert data["counted_twice"]["paid_twice"] == 100_800
    lines = run(*args, "-f", "csv").stdout.splitlines()
    assert lines[-1] == "total,,,180,18600000,12648000,0,0,31248000,27216000,4032000"
    workbook = folder / "rollup.xlsx"
    assert run(*args, *rosters, "-f", "xlsx", "-o", str(workbook)).exit_code == 0
    assert workbook.stat().st_size > 0


def test_different_fiscal_years_are_refused_naming_them() -> None:
    refused = run("--lang", "en", "rollup", "metro", "metro-2026-expansion")
    assert refused.exit_code != 0
    assert "Kota Metro 2025, Kota Metro (ekspansi 2026) 2026" in refused.stderr


def test_a_bad_province_file_says_every_problem_with_its_line(folder: Path) -> None:
    bad = folder / "bad.yaml"
    bad.write_text(
        "province: P\nscenarios:\n  - scenario: nope.yaml\n  - scenario: satu.yaml\n"
        "    province_pays: [zz]\n  - scenario: satu.yaml\n",
        encoding="utf-8",
    )
    result = run("--lang", "en", "validate", str(bad))
    assert result.exit_code == 1
    assert "bad.yaml:3:15: scenarios[0].scenario: scenario file nope.yaml does not exist" in (
        result.stdout
    )
    assert "scenarios[1].province_pays[0]: satu.yaml has no group 'zz'" in result.stdout
    assert "scenarios[2].scenario: satu.yaml is listed twice" in result.stdout
    refused = run("--lang", "en", "rollup", "--province", str(bad))
    assert refused.exit_code == 1
    assert "Traceback" not in refused.output


def test_a_roster_of_a_scenario_not_rolled_up_is_refused(folder: Path) -> None:
    result = run("--lang", "en", "rollup", str(folder / "satu.yaml"), "--roster", "x.yaml=a.csv")
    assert result.exit_code == 2
    assert "'x.yaml' is not one of the scenarios rolled up" in result.stderr
    assert "--roster SCENARIO=ROSTER" in result.stderr


def test_the_example_province_file_passes_validate_and_its_schema() -> None:
    import jsonschema

    from jamsostek_budget.loading.yamlsource import read_yaml

    path = REPO / "examples" / "provinces" / "lampung.yaml"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header == "# yaml-language-server: $schema=../../schema/province.schema.json"
    data, _ = read_yaml(path)
    jsonschema.validate(data, schemas.schema("province"))
    assert run("validate", str(path)).exit_code == 0


def test_the_workbook_recalculates_to_the_estimates(folder: Path) -> None:
    """LibreOffice recomputes the per regency table from the lines sheets: Kota Satu JKK
    13,200,000 (12,000,000 + 1,200,000), JKM 8,976,000, 22,176,000; the total 31,248,000."""
    import openpyxl

    from tests import spreadsheet

    path = folder / "rollup.xlsx"
    result = run("rollup", "--province", str(folder / "prov.yaml"), "-f", "xlsx", "-o", str(path))
    assert result.exit_code == 0, result.output
    copy = spreadsheet.recalculate([path], folder / "lo")[path]
    sheet = openpyxl.load_workbook(copy, data_only=True).worksheets[0]
    rows: dict[object, tuple[object, ...]] = {}
    for row in sheet.iter_rows(values_only=True):  # the first table: per regency or city
        rows.setdefault(row[0], row[1:5])
    assert rows["Kota Satu"] == (110, 13_200_000, 8_976_000, 22_176_000)
    assert rows["Kabupaten Dua"] == (70, 5_400_000, 3_672_000, 9_072_000)
    assert rows["Total"] == (180, 18_600_000, 12_648_000, 31_248_000)
