"""Languages: how the language is chosen, that the catalogue is complete, and what changes
between Bahasa Indonesia and English (words, Rupiah, numbers) and what does not (JSON, CSV)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal

import pytest
from scripts import i18n_catalogue

from jamsostek_budget.i18n import (
    current_language,
    grouped,
    language_from_arguments,
    language_from_environment,
    set_language,
)
from jamsostek_budget.render.shared import labels
from tests.cli_runner import run


@pytest.fixture
def indonesian() -> Iterator[None]:
    set_language("id")
    yield
    set_language("en")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "id"),
        ({"LANG": "C.UTF-8"}, "id"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LANG": "de_DE.UTF-8"}, "id"),
        ({"LC_ALL": "C", "LANG": "en_US.UTF-8"}, "id"),
        ({"LC_MESSAGES": "en_GB", "LANG": "id_ID"}, "en"),
        ({"LANGUAGE": "de:en", "LANG": "id_ID"}, "en"),
        ({"LANGUAGE": "fr", "LANG": "en_US"}, "en"),
        ({"LANGUAGE": "", "LANG": "en_US"}, "en"),
        ({"LANG": "en_US.UTF-8@euro"}, "en"),
    ],
)
def test_language_from_environment(environ: dict[str, str], expected: str) -> None:
    assert language_from_environment(environ) == expected


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["estimate", "--lang", "en"], "en"),
        (["estimate", "--lang=id", "--city", "metro"], "id"),
        (["estimate", "--city", "metro"], None),
        (["estimate", "--lang", "fr"], None),
        (["estimate", "--", "--lang", "en"], None),
        (["estimate", "--lang"], None),
    ],
)
def test_language_from_arguments(arguments: list[str], expected: str | None) -> None:
    assert language_from_arguments(arguments) == expected


def test_every_message_has_its_indonesian_translation_and_the_mo_is_current() -> None:
    """A new message without a translation, or a .po edited without recompiling, fails here;
    `python scripts/i18n_catalogue.py update` brings the catalogue in step."""
    assert i18n_catalogue.problems() == []


def test_money_and_numbers_follow_the_language(indonesian: None) -> None:
    assert labels.rupiah(1_721_000_000) == "Rp1.721.000.000"
    assert labels.number(8477) == "8.477"
    assert labels.percent(Decimal("0.54")) == "0,54 %"
    set_language("en")
    assert labels.rupiah(1_721_000_000) == "IDR 1,721,000,000"
    assert labels.number(8477) == "8,477"
    assert labels.percent(Decimal("0.54")) == "0.54%"
    assert labels.rupiah(-5_000) == "-IDR 5,000"


def test_amounts_in_words(indonesian: None) -> None:
    assert labels.in_words(1_721_000_000) == "satu miliar tujuh ratus dua puluh satu juta rupiah"
    assert labels.in_words(16_800) == "enam belas ribu delapan ratus rupiah"
    set_language("en")
    assert labels.in_words(16_800) == "sixteen thousand, eight hundred rupiah"


def test_the_report_speaks_the_language_asked_for() -> None:
    indonesian = run("estimate", "--city", "metro", "--lang", "id")
    english = run("estimate", "--city", "metro", "--lang", "en")
    assert "Jumlah APBD: Rp1.720.963.200 per tahun untuk 8.477 orang" in indonesian.stdout
    assert "APBD total: IDR 1,720,963,200 a year for 8,477 people" in english.stdout
    assert current_language() == "en"  # each run chooses again; the suite's environment says en


def test_an_income_band_is_named_in_the_report_language_and_in_english_in_json() -> None:
    """The engine gives a band's number, not a label: each renderer names it (issue 13)."""
    indonesian = run("estimate", "--city", "metro", "--lang", "id").stdout
    english = run("estimate", "--city", "metro", "--lang", "en").stdout
    data = run("estimate", "--city", "metro", "--lang", "id", "--format", "json").stdout
    assert "Rentang penghasilan BPU 1, penghasilan nominal" in indonesian
    assert "BPU income band" not in indonesian
    assert "BPU income band 1, nominal income" in english
    assert '"label": "BPU income band 1, nominal income"' in data


def test_without_lang_the_environment_decides() -> None:
    result = run("estimate", "--city", "bandar-lampung")
    assert "IDR 594,921,600" in result.stdout  # LANGUAGE=en in the test environment


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("id", ["Opsi", "Format keluaran", "[bawaan: table]", "Bahasa laporan dan pesan"]),
        ("en", ["Options", "Output format", "[default: table]", "Language of the report"]),
    ],
)
def test_help_in_both_languages(lang: str, words: list[str]) -> None:
    """Help is built before the command line is parsed: `--lang` is read first, in a real
    process, together with typer's own words (panel titles, defaults)."""
    env = {**os.environ, "COLUMNS": "200", "LANGUAGE": "", "LANG": "C.UTF-8"}
    command = [sys.executable, "-m", "jamsostek_budget", "estimate", "--help", "--lang", lang]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    for word in words:
        assert word in result.stdout


def test_usage_errors_in_indonesian() -> None:
    env = {**os.environ, "COLUMNS": "200", "LANGUAGE": "", "LANG": "id_ID.UTF-8"}
    command = [sys.executable, "-m", "jamsostek_budget", "estimate", "-c", "metro", "--year", "abc"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 2
    assert "galat" in result.stderr.lower()
    assert "bukan tahun anggaran" in result.stderr
    command[-1:] = ["2026", "--bogus"]  # an option typer refuses, in click's own words
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 2
    assert "Galat" in result.stderr


def test_numbers_in_messages_follow_the_language(indonesian: None) -> None:
    """Validation messages group thousands as the reader expects: a comma is a decimal point
    in Indonesian."""
    assert grouped(1_048_576) == "1.048.576"
    set_language("en")
    assert grouped(1_048_576) == "1,048,576"
