"""The command line end to end: exit codes, stdout, stderr, files written."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_runner import run

REPO = Path(__file__).resolve().parents[1]


def test_estimate_metro_prints_the_table() -> None:
    result = run("estimate", "--city", "metro")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Kota Metro, Lampung" in out and "fiscal year 2025" in out
    assert "APBD total: IDR 1,720,963,200 a year for 8,477 people" in out
    # the table's rows, not the sources' prose (which also says "Rp16,800")
    assert re.search(
        r"Ketua RT/RW +BPU band 1 +1,400 +JKK\+JKM +Jan-Dec +16,800 +23,520,000 +282,240,000", out
    )
    assert re.search(r"Total +8,477 +143,413,600 +1,720,963,200", out)
    assert "pp-44-2015" in out and "Lampiran II" in out
    assert "Traceback" not in out + result.stderr


def test_year_override_changes_the_fiscal_year() -> None:
    result = run("estimate", "--city", "bandar-lampung", "--year", "2020", "--format", "json")
    data = json.loads(result.stdout)
    assert data["fiscal_year"] == 2020
    # PP 49/2020: Aug-Dec at Rp168 instead of Rp16,800
    assert data["totals"]["monthly"] == [2951 * 16_800] * 7 + [2951 * 168] * 5
    assert "pp-49-2020-covid" in data["reliefs_applied"]


def test_json_contract() -> None:
    data = json.loads(run("estimate", "--city", "metro", "-f", "json").stdout)
    assert {"city", "name", "fiscal_year", "lines", "totals"} <= set(data)
    line = data["lines"][0]
    assert {
        "group",
        "label",
        "segment",
        "headcount",
        "months",
        "per_person_monthly",
        "monthly",
        "by_program",
        "annual",
        "worker_annual",
    } <= set(line)
    assert len(line["monthly"]) == 12 and all(isinstance(x, int) for x in line["monthly"])
    totals = data["totals"]
    assert totals["annual"] == 1_720_963_200 == sum(totals["monthly"])
    assert totals["headcount"] == 8_477
    assert totals["by_program"] == {"jkk": 1_029_240_000, "jkm": 691_723_200}


def test_csv_has_a_row_per_group_and_program_and_a_total() -> None:
    rows = run("estimate", "--city", "metro", "-f", "csv").stdout.strip().splitlines()
    assert len(rows) == 1 + 7 * 2 + 2 + 1
    total = rows[-1].split(",")
    assert total[2] == "TOTAL" and total[9] == "1720963200"


def test_markdown() -> None:
    out = run("estimate", "--city", "metro", "-f", "markdown").stdout
    assert out.startswith("# Kota Metro, Lampung")
    assert "| Ketua RT/RW | BPU band 1 | 1,400 |" in out


def test_output_file_is_written_and_not_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "metro.json"
    first = run("estimate", "--city", "metro", "-f", "json", "-o", str(target))
    assert first.exit_code == 0 and "wrote" in first.stderr
    assert json.loads(target.read_text())["totals"]["annual"] == 1_720_963_200
    target.write_text("analyst's notes")
    again = run("estimate", "--city", "metro", "-f", "json", "-o", str(target))
    assert again.exit_code == 1
    assert "already exists" in again.stderr and "--force" in again.stderr
    assert target.read_text() == "analyst's notes"
    forced = run("estimate", "--city", "metro", "-f", "csv", "-o", str(target), "--force")
    assert forced.exit_code == 0 and target.read_text().startswith("city,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["metro.json"]  # no temp file left


def test_table_output_to_a_file_is_plain_text(tmp_path: Path) -> None:
    target = tmp_path / "metro.txt"
    assert run("estimate", "--city", "metro", "-o", str(target)).exit_code == 0
    text = target.read_text()
    assert "1,720,963,200" in text and "\x1b[" not in text


def test_output_into_a_missing_folder_is_a_clean_error(tmp_path: Path) -> None:
    result = run("estimate", "--city", "metro", "-o", str(tmp_path / "no" / "x.json"))
    assert result.exit_code == 1 and "does not exist" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["estimate", "--city", "metroo"], ["no bundled scenario named 'metroo'", "metro"]),
        (["estimate"], ["exactly one of --city or --scenario"]),
        (["estimate", "--city", "metro", "--scenario", "x.yaml"], ["exactly one of"]),
        (["estimate", "--scenario", "missing.yaml"], ["missing.yaml does not exist"]),
        (["estimate", "--scenario", "/dev/null"], ["/dev/null is not a regular file"]),
        (["roster", "/dev/null", "--city", "metro"], ["/dev/null is not a regular file"]),
        (["rates", "--date", "2025-13-01"], ["--date '2025-13-01' is not a date", "YYYY-MM-DD"]),
        (
            ["roster", str(REPO / "README.md"), "--city", "metro", "--today", "22-11-2026"],
            ["--today '22-11-2026' is not a date", "YYYY-MM-DD"],
        ),
    ],
)
def test_usage_errors_exit_2_with_a_hint(args: list[str], words: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_scenario_exits_1_naming_file_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "kota.yaml"
    bad.write_text(
        (REPO / "examples" / "metro.yaml").read_text().replace("headcount: 1400", "headcount: -40")
    )
    result = run("estimate", "--scenario", str(bad))
    assert result.exit_code == 1
    assert "kota.yaml:46:16: groups[1].headcount: must be a whole number >= 0, got -40" in (
        result.stderr
    )


def test_year_without_rates_names_the_flag_and_the_coverage() -> None:
    result = run("estimate", "--city", "metro", "--year", "2014")
    assert result.exit_code == 1
    assert "--year" in result.stderr and "July 2015" in result.stderr


def test_a_projected_jp_cap_is_a_warning_not_an_error(tmp_path: Path) -> None:
    scenario = tmp_path / "pu.yaml"
    scenario.write_text(
        "city: x\nname: X\nprovince: P\nfiscal_year: 2028\ngroups:\n"
        "  - {id: staff, label: Staff, segment: pu, headcount: 2, monthly_wage: 3000000,\n"
        "     risk_class: low, programs: [jkk, jkm, jp]}\n"
    )
    result = run("estimate", "--scenario", str(scenario), "-f", "json")
    assert result.exit_code == 0
    assert "warning: fiscal year 2028 is past the latest announced JP wage cap" in result.stderr
    # JKK 0.54 % (low risk) 16,200 + JKM 0.30 % 9,000 + JP employer 2 % 60,000 a month
    assert json.loads(result.stdout)["totals"]["annual"] == 2 * 12 * (16_200 + 9_000 + 60_000)


def test_rates_on_a_date_show_values_regulations_and_reliefs() -> None:
    out = run("rates", "--date", "2020-09-01").stdout
    assert "Rates in force on 2020-09-01" in out
    assert "IDR 8,939,700" in out  # JP cap from March 2020
    assert "pp-49-2020-covid" in out  # the COVID relief is in force
    assert "20,200,000" in out and "and above" in out  # band 33
    data = json.loads(run("rates", "--date", "2026-03-01", "-f", "json").stdout)
    cap = next(r for r in data["rates"] if r["name"] == "pu.jp_wage_cap")
    assert cap == {
        **cap,
        "value": 11_086_300,
        "effective": "2026-03-01",
        "confidence": "medium",
        "regulation": "bpjstk-b-1226-022026",
    }
    assert len(data["bands"]) == 33 and data["bands"][0]["jkk"] == 10_000


def test_rates_before_the_tables_start_say_so() -> None:
    result = run("rates", "--date", "2010-01-01")
    assert result.exit_code == 2
    assert "no rate is in force on 2010-01-01" in result.stderr
    assert "2015-07-01" in result.stderr and not result.stdout


def test_cities_lists_the_bundled_scenarios() -> None:
    out = run("cities").stdout
    # the headcount column, not the sources' prose (which also says "8,477 non-ASN workers")
    rows = [line.split() for line in out.splitlines()]
    assert ["metro", "Kota", "Metro", "Lampung", "2025", "7", "8,477"] in [r[:7] for r in rows]
    bandar_lampung = [
        "bandar-lampung",
        "Kota",
        "Bandar",
        "Lampung",
        "Lampung",
        "2025",
        "1",
        "2,951",
    ]
    assert bandar_lampung in [r[:8] for r in rows]
    data = json.loads(run("cities", "-f", "json").stdout)
    assert [c["city"] for c in data] == [
        "bandar-lampung",
        "bangka",
        "blitar",
        "lubuklinggau",
        "metro",
        "metro-2026-expansion",
    ]


def test_help_and_version() -> None:
    assert run("--help").exit_code == 0
    for command in ("estimate", "rates", "cities", "validate"):
        assert command in run("--help").stdout
    assert run("--version").stdout.startswith("jbudget ")


def _installed_jbudget() -> str:
    script = Path(sys.executable).parent / "jbudget"
    assert script.exists(), "the console script jbudget is not installed next to this python"
    return str(script)


def test_installed_console_script_runs_from_any_directory(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1"}
    result = subprocess.run(
        [_installed_jbudget(), "estimate", "--city", "metro", "-f", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["totals"]["annual"] == 1_720_963_200


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "jamsostek_budget", "cities", "-f", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 6


@pytest.mark.parametrize(
    ("code", "status", "stderr"), [("None", 0, ""), ("3", 3, ""), ("'bye'", 1, "bye\n")]
)
def test_exit_now_flushes_and_exits_as_sys_exit_would(code: str, status: int, stderr: str) -> None:
    """main ends the process with os._exit (no teardown): what was printed is still all out."""
    script = (
        "import sys\n"
        "from jamsostek_budget.cli.main import exit_now\n"
        "sys.stdout.write('x' * 100_000)\n"
        f"exit_now({code})\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert (result.returncode, len(result.stdout), result.stderr) == (status, 100_000, stderr)
