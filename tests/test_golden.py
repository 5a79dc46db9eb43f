"""Golden outputs: every bundled city in every text format and both languages, the planning
commands in both languages, and every table command in narrower terminals (60, 80, 100 and 120
columns, tests/golden/width/), compared byte for byte.

After a deliberate change to the output, regenerate with
`pytest tests/test_golden.py --regen-golden`, review the diff, and run again without the
option. A run that rewrites a golden file fails (it compared nothing), so a regeneration can
never look like a green run; no environment variable can turn the comparison off.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_runner import run, run_at

Check = Callable[[str, str], None]

GOLDEN = Path(__file__).parent / "golden"
CITIES = ("metro", "bandar-lampung", "lubuklinggau")
LANGUAGES = ("id", "en")
LANGUAGE_FORMATS = {"table": "txt", "markdown": "md", "html": "html"}
DATA_FORMATS = {"json": "json", "csv": "csv"}
PLANNING = {
    "compare": ("compare", "metro", "metro-2026-expansion", "--words"),
    "fit": ("fit", "--city", "metro", "--budget", "1,5 miliar"),
    "project": ("project", "--city", "lubuklinggau", "--years", "2025-2027"),
    "track": (
        "track",
        "--city",
        "metro",
        "--bills",
        "examples/track/metro-2025-bills.csv",
        "--payments",
        "examples/track/metro-2025-payments.csv",
        "--as-of",
        "2025-10-20",
        "--pagu",
        "1,8 miliar",
        "--words",
    ),
}
WIDTHS = (60, 80, 100, 120)
# Every command that prints tables; lubuklinggau has two segments, a group for part of the year
# (months that vary) and a worker share column, metro a single segment over more groups.
WIDTH_COMMANDS = {
    "estimate-metro": ("estimate", "--city", "metro"),
    "estimate-lubuklinggau": ("estimate", "--city", "lubuklinggau"),
    **PLANNING,
    "rates": ("rates", "--date", "2026-05-01"),
    "cities": ("cities",),
}


@pytest.fixture
def check(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare an output with its golden file; with --regen-golden, rewrite a file that differs
    and fail the test, saying which file to review."""
    regenerate = bool(request.config.getoption("--regen-golden"))

    def compare(name: str, text: str) -> None:
        path = GOLDEN / name
        if regenerate and (not path.exists() or path.read_text(encoding="utf-8") != text):
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            pytest.fail(
                f"rewrote tests/golden/{name}: review the diff, then run without the option"
            )
        assert text == path.read_text(encoding="utf-8")

    return compare


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("fmt", LANGUAGE_FORMATS)
@pytest.mark.parametrize("city", CITIES)
def test_golden_report(check: Check, city: str, fmt: str, lang: str) -> None:
    result = run("estimate", "--city", city, "--format", fmt, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    check(f"{city}.{lang}.{LANGUAGE_FORMATS[fmt]}", result.stdout)


@pytest.mark.parametrize("fmt", DATA_FORMATS)
@pytest.mark.parametrize("city", CITIES)
def test_golden_data_is_the_same_in_both_languages(check: Check, city: str, fmt: str) -> None:
    """JSON and CSV are contracts for programs: plain integers and English keys, whatever the
    language of the person running jbudget."""
    outputs = {
        lang: run("estimate", "--city", city, "--format", fmt, "--lang", lang) for lang in LANGUAGES
    }
    assert outputs["id"].stdout == outputs["en"].stdout
    check(f"{city}.{DATA_FORMATS[fmt]}", outputs["id"].stdout)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("command", PLANNING)
def test_golden_planning(check: Check, command: str, lang: str) -> None:
    result = run(*PLANNING[command], "--lang", lang)
    assert result.exit_code == 0, result.stderr
    check(f"{command}.{lang}.txt", result.stdout)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("command", WIDTH_COMMANDS)
def test_golden_at_width(check: Check, command: str, lang: str, width: int) -> None:
    """The layout each command takes in a narrow terminal (tests/test_narrow.py holds the
    properties: no line wider than the terminal, no figure split)."""
    result = run_at(width, *WIDTH_COMMANDS[command], "--lang", lang)
    assert result.exit_code == 0, result.stderr
    check(f"width/{command}.{lang}.{width}.txt", result.stdout)


def test_golden_estimate_in_words() -> None:
    result = run("estimate", "--city", "metro", "--words", "--lang", "id")
    assert result.exit_code == 0, result.stderr
    assert (
        "Rp1.720.963.200 (satu miliar tujuh ratus dua puluh juta sembilan ratus enam puluh tiga "
        "ribu dua ratus rupiah)" in result.stdout
    )
