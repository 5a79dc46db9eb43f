"""The reconcile benchmark's generator and DuckDB yardstick on a 20-row set, worked by hand.

`generate_bpjs_list.py --rows 20 --seed 3 --invalid-share 0.1 --duplicate-share 0.05` writes
(roster lines counted from the header, 1; all BPU of Kota Metro, band 1 = Rp16,800 a month with
JKK Rp10,000 + JKM Rp6,800, band 6 (Rp2,000,000) Rp26,800, band 7 (Rp2,200,000) Rp28,800,
band 12 (Rp4,050,000: nominal Rp3,950,000) Rp46,300):

- rejected: line 7 (end month 13), line 10 (group `Guru Ngaji`);
- duplicate (4 entries, 5 rows): line 17 repeats line 13's NIK (roster, Rp0); the BPJS list bills
  Abdul Handayani (line 5) twice (Rp16,800); Sugeng (line 14) is on the roster, the BPJS list and
  the other payer's list (one person, 2 rows, his BPJS premium Rp16,800); Heru Hasanah (line 6) on
  the roster and the other list only (1 row, Rp0);
- ineligible (2 people, billed): Rizky 1812... (line 9, regency 18.12), Supriyadi Safitri
  1872010304520001 (line 19, born 3 April 1952: 72 on 1 January 2025), Rp16,800 each;
- mismatched: Agus Lestari (line 15) declares Rp1,000,000 on the roster, Rp2,000,000 to BPJS:
  Rp26,800 - Rp16,800 = Rp10,000 a month;
- listed_not_billed: Purwanti Sanjaya (line 18), Rp16,800;
- billed_not_listed: Slamet Rahman (BPJS only, non-ASN, Rp4,050,000): Rp46,300;
- matched: the 11 others, ten in band 1 and Eko Efendi in band 7 (Rp2,200,000):
  10 x Rp16,800 + Rp28,800 = Rp196,800 a month.

Everyone covered January to December (line 13 leaves the start month blank: the group's,
January): a year is 12 months. The other list also holds one person on neither list.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"
MONTHLY = {
    "matched": 196_800,
    "mismatched": 10_000,
    "billed_not_listed": 46_300,
    "listed_not_billed": 16_800,
    "ineligible": 33_600,
    "duplicate": 33_600,
}
COUNTS = {
    "matched": 11,
    "mismatched": 1,
    "billed_not_listed": 1,
    "listed_not_billed": 1,
    "ineligible": 2,
    "duplicate": 4,
}


def run(script: str, *args: str | Path) -> str:
    command = [sys.executable, str(BENCHMARKS / script), *map(str, args)]
    return subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    pytest.importorskip("numpy")  # the `bench` extra
    folder = tmp_path_factory.mktemp("reconcile-bench")
    paths = {name: folder / f"{name}.csv" for name in ("roster", "bpjs", "other")}
    paths["expected"] = folder / "expected.json"
    run(
        "generate_bpjs_list.py",
        *("--rows", "20", "--seed", "3", "--invalid-share", "0.1", "--duplicate-share", "0.05"),
        *(f"--{name}={path}" for name, path in paths.items()),
        "--quiet",
    )
    return paths


def test_the_generator_plants_the_hand_worked_lists(lists: dict[str, Path]) -> None:
    roster = lists["roster"].read_text(encoding="utf-8").splitlines()
    bpjs = lists["bpjs"].read_text(encoding="utf-8").splitlines()
    other = lists["other"].read_text(encoding="utf-8").splitlines()
    assert len(roster) == 21 and len(bpjs) == 18 and len(other) == 4
    assert roster[8].startswith("1812040905760001,Rizky,non-asn,")  # file line 9
    assert roster[18].startswith("1872010304520001,Supriyadi Safitri,")  # line 19
    assert roster[12].split(",")[0] == roster[16].split(",")[0]  # lines 13 and 17
    assert sum(line.startswith("1872030301770001,ABDUL") for line in bpjs) == 2
    agus = next(line.split(",") for line in bpjs if line.startswith("1872010110670001,"))
    assert roster[14].startswith("1872010110670001,Agus Lestari,ketua-rt-rw,1000000,")
    assert agus[1] == "AGUS LESTARI" and agus[3:] == ["ketua-rt-rw", "2000000", "jkk+jkm"]
    assert sorted(line.split(",")[1] for line in other[1:]) == [
        "Heru Hasanah",
        "Sugeng",
        "Zainal Purnomo",
    ]
    assert json.loads(lists["expected"].read_text(encoding="utf-8")) == COUNTS


def test_duckdb_reconcile_finds_the_hand_worked_figures(lists: dict[str, Path]) -> None:
    pytest.importorskip("duckdb")  # the `bench` extra
    found = json.loads(
        run(
            "duckdb_reconcile.py",
            *(lists["roster"], lists["bpjs"], "--other", lists["other"], "--today", "2026-12-03"),
        )
    )
    assert found["counts"] == COUNTS
    assert found["monthly"] == MONTHLY
    assert found["annual"] == {category: 12 * amount for category, amount in MONTHLY.items()}
    paid = 46_300 + 33_600 + 33_600 + 10_000
    assert found["totals"]["monthly"] == {
        "paid_not_owed": paid,
        "to_protect": 16_800,
        "net": paid - 16_800,
    }
    assert found["lists"]["roster"] == {"rows_read": 20, "accepted": 18, "rejected": 2}
    assert found["lists"]["bpjs"] == {"rows_read": 17, "accepted": 17, "rejected": 0}


def test_jbudget_reconcile_finds_the_hand_worked_figures(
    lists: dict[str, Path], tmp_path: Path
) -> None:
    """The same lists through `jbudget reconcile` with the benchmark's scenario: the same
    counts (Sugeng, on both lists and the other one, is one entry) and, per list, the duplicate
    rows: 3 on the roster (line 17, Sugeng, Heru Hasanah) and 2 on the BPJS list (Abdul
    Handayani's repeat, Sugeng)."""
    report = tmp_path / "reconcile.json"
    command = [sys.executable, "-m", "jamsostek_budget", "reconcile"]
    command += [str(lists["roster"]), str(lists["bpjs"]), "--other", str(lists["other"])]
    command += ["--scenario", str(BENCHMARKS / "reconcile-metro.yaml"), "--today", "2026-12-03"]
    subprocess.run([*command, "--format", "json", "-o", str(report)], check=True, cwd=ROOT)
    found = json.loads(report.read_text(encoding="utf-8"))
    assert found["counts"] == COUNTS
    rows = found["lists"]["roster"]["rows"], found["lists"]["bpjs"]["rows"]
    assert (rows[0]["duplicate"], rows[1]["duplicate"]) == (3, 2)
    assert found["monthly"] == MONTHLY
    assert found["annual"] == {category: 12 * amount for category, amount in MONTHLY.items()}
