"""The planning commands end to end: compare (fit and project follow in their own sections)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli_runner import run


def test_compare_metro_with_its_2026_expansion() -> None:
    # B - A = 550 people x Rp201,600 = Rp110,880,000 (+6.4 % of Rp1,720,963,200)
    result = run("compare", "metro", "metro-2026-expansion")
    assert result.exit_code == 0, result.stderr
    assert "B - A: +IDR 110,880,000 a year (+6.4%)" in result.stdout
    assert "Juru parkir" in result.stdout and "added" in result.stdout


def test_compare_json_and_csv_deltas_add_up() -> None:
    data = json.loads(run("compare", "metro", "metro-2026-expansion", "-f", "json").stdout)
    assert data["totals"]["annual"]["delta"] == {"metro-2026-expansion 2026": 110_880_000}
    rows = list(
        csv.reader(io.StringIO(run("compare", "metro", "metro-2026-expansion", "-f", "csv").stdout))
    )
    header, body = rows[0], rows[1:]
    delta = header.index(next(h for h in header if h.startswith("delta")))
    group_rows = [r for r in body if not r[0].upper().startswith("TOTAL")]
    assert sum(int(r[delta] or 0) for r in group_rows) == 110_880_000


def test_compare_years_with_at() -> None:
    # the same scenario in 2020: Aug-Dec at 1 % under PP 49/2020
    # 2020: 16,800 x 7 + 168 x 5 = 118,440 a person; 2,951 x (118,440 - 201,600) = -245,405,160
    result = run("compare", "bandar-lampung", "bandar-lampung@2020", "-f", "json")
    assert result.exit_code == 0, result.stderr
    annual = json.loads(result.stdout)["totals"]["annual"]
    assert annual["values"] == {
        "bandar-lampung 2025": 594_921_600,
        "bandar-lampung 2020": 349_516_440,
    }
    assert annual["delta"] == {"bandar-lampung 2020": -245_405_160}
    assert annual["delta_percent"] == {"bandar-lampung 2020": "-41.3"}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["compare", "metro"], ["at least two scenarios"]),
        (["compare", "metro", "metroo"], ["no bundled scenario named 'metroo'"]),
        (["compare", "metro", "metro@20x6"], ["is not a fiscal year", "metro@2026"]),
        (["compare", "metro", "missing.yaml"], ["missing.yaml does not exist"]),
    ],
)
def test_compare_usage_errors(args: list[str], words: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    for word in words:
        assert word in result.stderr


# --- fit ------------------------------------------------------------------------------------
# Kota Metro 2025 with Rp1,500,000,000 in file order: non-asn, ketua-rt-rw, guru-ngaji and
# kader-posyandu in full (7,239 x 201,600 = 1,459,382,400; Rp40,617,600 left), then
# 40,617,600 // 201,600 = 201 marbot; cost 1,499,904,000, left 96,000, 1,037 not covered.


def test_fit_metro_in_file_order() -> None:
    result = run("fit", "--city", "metro", "--budget", "1,5 miliar", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "budget ceiling: IDR 1,500,000,000 (read from '1,5 miliar')" in result.stderr
    data = json.loads(result.stdout)
    assert (data["totals"]["cost"], data["totals"]["left"]) == (1_499_904_000, 96_000)
    covered = {line["group"]: line["covered"] for line in data["lines"]}
    assert covered["marbot"] == 201 and covered["guru-honorer"] == 0


def test_fit_with_priority_and_proportional() -> None:
    table = run("fit", "-c", "metro", "-b", "1.5B", "--priority", "guru-honorer, penjaga-makam")
    assert table.exit_code == 0, table.stderr
    assert "Left of the ceiling: IDR 192,000" in table.stdout
    share = run("fit", "-c", "metro", "-b", "1500000000", "--mode", "proportional")
    assert share.exit_code == 0 and "87.19%" in share.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--budget", "1.5M"], ["'M' is ambiguous"]),
        (["--budget", "-5jt"], ["negative"]),
        (["--budget", "1.500"], ["ambiguous"]),
        (["--budget", "1e9", "--priority", "marbott"], ["marbott", "did you mean 'marbot'?"]),
    ],
)
def test_fit_bad_input(args: list[str], words: list[str]) -> None:
    result = run("fit", "--city", "metro", *args)
    assert result.exit_code == 2, result.stdout
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.stderr
