"""The regulation registry: every regulation's dates (signed, promulgated, in force) with the
sources they come from; a date no source gives is listed in dates_not_found, never guessed.
`validate` refuses a registry entry without them.

Dates: PP 49/2020 signed 31 August 2020, promulgated and in force 1 September 2020 (VOI, Kontan
7 September 2020); PP 49/2023 promulgated 6 October 2023 (Hukumonline); PP 50/2025 promulgated
22 December 2025 (rates-research.md); PP 6/2025 signed and promulgated 7 February 2025 (Ruang
Bicara, WahanaNews); PP 45/2015 signed and promulgated 30 June 2015 (Kontan via setkab.go.id).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from jamsostek_budget.model.ratetable import RateTable
from tests.cli_runner import run


@pytest.mark.parametrize(
    ("regulation", "signed", "promulgated", "effective"),
    [
        ("pp-49-2020", date(2020, 8, 31), date(2020, 9, 1), date(2020, 9, 1)),
        ("pp-49-2023", None, date(2023, 10, 6), None),
        ("pp-50-2025", None, date(2025, 12, 22), None),
        ("pp-6-2025", date(2025, 2, 7), date(2025, 2, 7), date(2025, 2, 7)),
        ("pp-45-2015", date(2015, 6, 30), date(2015, 6, 30), date(2015, 7, 1)),
    ],
)
def test_registry_dates(
    table: RateTable,
    regulation: str,
    signed: date | None,
    promulgated: date | None,
    effective: date | None,
) -> None:
    found = table.regulations[regulation]
    assert (found.signed, found.promulgated, found.effective) == (signed, promulgated, effective)


def test_every_regulation_has_its_dates_or_says_none_was_found(table: RateTable) -> None:
    for regulation in table.regulations.values():
        assert regulation.sources, regulation.id
        for name in regulation.dates_due():
            given = getattr(regulation, name) is not None
            assert given != (name in regulation.dates_not_found), (regulation.id, name)


REGISTRY = """regulations:
  - id: pp-99-2030
    title: Peraturan Pemerintah Nomor 99 Tahun 2030
    url: https://peraturan.bpk.go.id/pp-99-2030.pdf
{extra}"""


@pytest.mark.parametrize(
    ("extra", "words", "hint"),
    [
        ("", ["'pp-99-2030' has no signed date", "has no promulgated date"], "dates_not_found"),
        (
            "    signed: 2030-01-02\n    promulgated: 2030-01-02\n    effective: 2030-01-02\n",
            ["'pp-99-2030' does not say where its dates come from"],
            "outlet, title, date",
        ),
        (
            "    signed: 2030-01-02\n    promulgated: 2030-01-02\n    effective: 2030-01-02\n"
            "    dates_not_found: [signed]\n    sources: [a]\n",
            ["gives signed and also lists it in dates_not_found"],
            "keep one",
        ),
        (
            "    kind: letter\n    effective: 2030-03-01\n    sources: [a]\n",
            ["'pp-99-2030' has no signed date"],
            "never guess a date",
        ),
    ],
)
def test_validate_requires_the_dates(
    tmp_path: Path, extra: str, words: list[str], hint: str
) -> None:
    path = tmp_path / "registry.yaml"
    path.write_text(REGISTRY.format(extra=extra), encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1, result.output
    for word in words:
        assert word in result.output
    assert "registry.yaml:2:" in result.output or "registry.yaml:5:" in result.output
    assert hint in result.output


def test_a_letter_is_not_promulgated(tmp_path: Path) -> None:
    path = tmp_path / "registry.yaml"
    extra = "    kind: letter\n    dates_not_found: [signed]\n    effective: 2030-03-01\n"
    path.write_text(REGISTRY.format(extra=extra + "    sources: [a]\n"), encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output


def test_rates_json_gives_each_regulation_its_dates_and_sources() -> None:
    data = json.loads(run("rates", "--date", "2020-09-01", "-f", "json").stdout)
    pp49 = next(r for r in data["regulations"] if r["id"] == "pp-49-2020")
    assert (pp49["signed"], pp49["promulgated"], pp49["effective"]) == (
        "2020-08-31",
        "2020-09-01",
        "2020-09-01",
    )
    assert pp49["sources"] and pp49["dates_not_found"] == []
