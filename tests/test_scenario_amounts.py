"""Money in a scenario may be written as budget documents write it, where that is unambiguous,
and is echoed back normalised; an ambiguous amount is refused with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from jamsostek_budget.errors import DataError
from jamsostek_budget.loading.files import load_scenario
from tests.cli_runner import run

SCENARIO = """\
city: uji
name: Kota Uji
province: Lampung
fiscal_year: 2025
groups:
  - id: rt-rw
    label: Ketua RT/RW
    segment: bpu
    headcount: 10
    declared_income: {income}
    programs: [jkk, jkm]
  - id: staf
    label: Staf
    segment: pu
    headcount: 5
    monthly_wage: {wage}
    risk_class: very_low
    programs: [jkk, jkm]
"""


def _write(tmp_path: Path, income: str, wage: str) -> Path:
    path = tmp_path / "kota.yaml"
    path.write_text(SCENARIO.format(income=income, wage=wage), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("income", "wage"),
    [
        ("1200000", "2500000"),
        ("Rp1.200.000", "2,5 juta"),
        ("1.200.000", "Rp 2.500.000"),
        ("1200rb", "2.5 jt"),
    ],
)
def test_indonesian_notation_reads_as_the_plain_number(
    tmp_path: Path, income: str, wage: str
) -> None:
    scenario, source = load_scenario(_write(tmp_path, income, wage))
    assert [g.declared_income for g in scenario.groups] == [1_200_000, None]
    assert [g.monthly_wage for g in scenario.groups] == [None, 2_500_000]
    written_as_text = not income.isdigit()
    assert len(source.notes) == (2 if written_as_text else 0)


def test_each_amount_read_from_text_is_echoed_back(tmp_path: Path) -> None:
    path = _write(tmp_path, "Rp1.200.000", "2,5 juta")
    result = run("estimate", "--scenario", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert (
        "kota.yaml:10:22: groups[0].declared_income: note: read 'Rp1.200.000' as 1200000 Rupiah"
        in result.stderr
    )
    assert (
        "kota.yaml:16:19: groups[1].monthly_wage: note: read '2,5 juta' as 2500000 Rupiah"
        in result.stderr
    )
    # band 2 (Rp1,200,000): JKK 1 % = 12,000 + JKM 6,800; PU: 0.24 % + 0.30 % of 2,500,000 = 13,500
    assert '"annual": 3066000' in result.stdout
    assert 3_066_000 == 10 * 18_800 * 12 + 5 * 13_500 * 12


@pytest.mark.parametrize(
    ("income", "words"),
    [
        ('"1.500"', "is ambiguous"),
        ('"1,500"', "is ambiguous"),
        ('"1,5"', "not a whole number of Rupiah"),
        ('"sejuta"', "not an amount of Rupiah"),
    ],
)
def test_ambiguous_or_unreadable_amounts_are_refused(
    tmp_path: Path, income: str, words: str
) -> None:
    with pytest.raises(DataError) as caught:
        load_scenario(_write(tmp_path, income, "2500000"))
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (10, "groups[0].declared_income")
    assert words in problem.message
    assert problem.hint


def test_the_schema_accepts_text_amounts() -> None:
    result = run("schema", "scenario")
    assert "Indonesian notation: Rp1.200.000" in result.stdout
