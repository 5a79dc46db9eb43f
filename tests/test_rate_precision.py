"""A rate or a relief written with more digits than any regulation gives is refused by every
command alike: `0.3000000001` passed `validate` and worked in `estimate`, while `roster` ended in
a traceback (an OverflowError: its exact integer costing could not hold the fraction). Bounds:
bounds.RATE_DECIMALS and bounds.RELIEF_DECIMALS."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from jamsostek_budget.loading import bundled
from jamsostek_budget.model.bounds import decimals
from tests.cli_runner import run

SCENARIO = (
    "city: x\nname: X\nprovince: P\nfiscal_year: 2025\ngroups:\n"
    "  - {id: staf, label: Staf, segment: pu, headcount: 1, monthly_wage: 3000000,\n"
    "     risk_class: low, programs: [jkk, jkm]}\n"
)
ROSTER = "nik,nama,kelompok\n1872010103850001,Ani,staf\n"


def rates_with(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = tmp_path / "rates"
    shutil.copytree(bundled.data_dir("rates"), folder)
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text
    (folder / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("file", "old", "new", "field"),
    [
        ("pu.yaml", "value: 0.30\n", "value: 0.3000000001\n", "value"),
        ("pu.yaml", "value: 0.54\n", "value: 0.5401\n", "value"),
        ("reliefs.yaml", "payable_percent: 1\n", "payable_percent: 1.001\n", "payable_percent"),
    ],
)
def test_a_rate_with_too_many_decimals_is_refused_by_every_command(
    tmp_path: Path, file: str, old: str, new: str, field: str
) -> None:
    rates = rates_with(tmp_path, file, old, new)
    scenario = tmp_path / "x.yaml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    roster = tmp_path / "peserta.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    commands = [
        ("validate", str(rates)),
        ("estimate", "--scenario", str(scenario), "--rates", str(rates)),
        ("roster", str(roster), "--scenario", str(scenario), "--rates", str(rates)),
    ]
    for command in commands:
        result = run(*command, "--lang", "en")
        assert result.exit_code == 1, (command, result.output)
        assert f"{file}:" in result.output and f".{field}: has at most" in result.output
        assert "decimal places" in result.output and "Traceback" not in result.output


def test_trailing_zeros_are_not_decimal_places() -> None:
    written = ("0.30", "1.740", "2", "0.125", "1E+2")
    assert [decimals(Decimal(text)) for text in written] == [1, 2, 0, 3, 0]
