"""Indonesian output is Indonesian throughout (issue 14): no English word from a known list in
any report, listing, help screen or usage error under `--lang id`.

What is checked: estimate (table, Markdown, HTML and the xlsx workbook's cells) for every bundled
city, compare, fit, project, rates, cities, `--help` of jbudget and of every command, and the
usage errors click and typer word (unknown option, missing argument or value, invalid value,
unknown command, extra argument). JSON and CSV are excluded on purpose: their keys and labels are
English in every language (tests/test_golden.py holds them equal).

What is left out of the text before the check, and why:
- command and option names (`--city`, `estimate`), format and choice values (`<table|json>`),
  field names (`fiscal_year`, `bpu.jkm_flat`), file names and URLs: they are typed as written;
- nothing else: data files' texts have their Indonesian version (`label_id` of a rate, band
  table or relief, `note_id` of a regulation, `sources_id` and `assumptions_id` of a scenario).
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from jamsostek_budget.loading import bundled
from jamsostek_budget.loading.files import load_rate_files
from jamsostek_budget.loading.labelcheck import labelled, missing_translations
from tests.cli_runner import run

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CITIES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))
COMMANDS: tuple[str, ...] = ("estimate", "rates", "cities", "validate", "schema", "compare", "fit")
COMMANDS += ("project", "roster")

# English words that are not also Indonesian words, abbreviations or names (so not "program",
# "total", "data", "normal", "nominal", "folder", "per", "No." as in "LN 2015 No. 154", "Id",
# "URL", "JKK", "BPU", "APBD"), and not a command's name (rates, project, fit), which help
# screens show as typed.
ENGLISH = frozenset(
    """
    usage options option commands arguments argument show this message exit error missing
    invalid value values such possible try did you mean required default str bool int list
    file path dir directory percent flat month months year years band bands income rate
    several varies worker workers premium premiums employer wage wages cap risk very low
    high medium halved other sectors sector transport relief reliefs optional deducted none
    death benefit benefits burial declared extra people person annual monthly budget amount
    scenario the of and from with for is are not or to on by be yes note source sources
    since until above below each every
    """.split()  # noqa: SIM905 (a list of words reads best as words)
)
SKIPPED = (
    r"https?://\S+",  # URLs
    r"`[^`]*`",  # a command or a file name quoted in a help text
    r"<[^<>\s]*>",  # a value's type or choices: <table|json>, <id|en>
    r"\S*\w[_.]\w\S*",  # field names, parameter names, file names, numbers: fiscal_year, pu.yaml
    r"\S*\w-\w\S*",  # ids and a URL's pieces where a table wraps it: pp-50-2025-other
    r"(?<![\w-])--?[a-z][\w-]*",  # option names
    r"\bjbudget( (" + "|".join(COMMANDS) + r"))?\b",  # the command line
)


def english_words(text: str) -> set[str]:
    """The words of `text` that are in ENGLISH, once the skipped parts are out."""
    flat = " ".join(text.split())
    for pattern in SKIPPED:
        flat = re.sub(pattern, " ", flat)
    return {word for word in re.findall(r"[A-Za-z]+", flat) if word.lower() in ENGLISH}


def html_text(page: str) -> str:
    page = re.sub(r"(?s)<(style|script)\b.*?</\1>", " ", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def jbudget(*arguments: str) -> subprocess.CompletedProcess[str]:
    """A real process: help texts are built in the language chosen before typer is imported."""
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "LANGUAGE": "", "LANG": "C.UTF-8"}
    command = [str(Path(sys.executable).parent / "jbudget"), "--lang", "id", *arguments]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def test_the_word_check_finds_english() -> None:
    """The check itself: it sees English prose, and not what it must skip."""
    assert english_words("JKM BPU, flat Rupiah a month") == {"flat", "month"}
    assert english_words("Usage: jbudget estimate [OPTIONS]") == {"Usage", "OPTIONS"}
    assert english_words("Show this message and exit.") == {
        "Show",
        "this",
        "message",
        "and",
        "exit",
    }
    assert (
        english_words("--scenario `jbudget cities` fiscal_year <table|json> https://x.id/the")
        == set()
    )
    assert english_words("Asumsi: The sources give the total") == {"The", "sources", "the"}


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
@pytest.mark.parametrize("city", CITIES)
def test_an_indonesian_estimate_has_no_english_word(city: str, fmt: str) -> None:
    benefits = ["--benefits"] if city.startswith("metro") else []  # the others give no death rate
    result = run("estimate", "--city", city, "--format", fmt, *benefits, "--words", "--lang", "id")
    assert result.exit_code == 0, result.output
    text = html_text(result.stdout) if fmt == "html" else result.stdout
    assert english_words(text) == set()


@pytest.mark.parametrize("city", CITIES)
def test_an_indonesian_workbook_has_no_english_word(city: str, tmp_path: Path) -> None:
    target = tmp_path / f"{city}.xlsx"
    result = run("estimate", "--city", city, "--format", "xlsx", "-o", str(target), "--lang", "id")
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(target)
    cells = [
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and not cell.value.startswith("=")
    ]
    text = "\n".join([*workbook.sheetnames, *cells])
    assert english_words(text) == set()


LISTINGS = {
    "compare": ("compare", "metro", "metro-2026-expansion", "--words"),
    "fit": ("fit", "--city", "metro", "--budget", "1,5 miliar"),
    "project": ("project", "--city", "lubuklinggau", "--years", "2025-2027"),
    "rates": ("rates", "--date", "2020-09-01"),
    "rates-today": ("rates",),
    "cities": ("cities", "--format", "markdown"),
}


@pytest.mark.parametrize("fmt", ["table", "markdown"])
@pytest.mark.parametrize("listing", LISTINGS)
def test_indonesian_planning_and_listings_have_no_english_word(listing: str, fmt: str) -> None:
    arguments = [*LISTINGS[listing], "--lang", "id"]
    if "--format" not in arguments and listing not in {"compare", "fit", "project"}:
        arguments += ["--format", fmt]
    result = run(*arguments)
    assert result.exit_code == 0, result.output
    assert english_words(result.stdout) == set()


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_indonesian_help_has_no_english_word(command: str) -> None:
    result = jbudget(*([command] if command else []), "--help")
    assert result.returncode == 0, result.stderr
    assert english_words(result.stdout) == set()
    flat = " ".join(result.stdout.replace("│", " ").split())
    assert "Penggunaan: jbudget" in flat
    assert "Tampilkan pesan ini dan keluar." in flat


USAGE_ERRORS = {
    "unknown option": (("estimate", "--nope"), "Opsi tidak dikenal: --nope"),
    "missing argument": (("compare",), "Argumen 'SKENARIO...' belum diberikan."),
    "missing value": (("estimate", "--city"), "Opsi '--city' memerlukan nilai."),
    "invalid choice": (
        ("estimate", "--format", "pdf"),
        "Nilai tidak sah untuk '--format' / '-f': 'pdf' bukan salah satu dari",
    ),
    "unknown command": (("estimat",), "Perintah 'estimat' tidak ada. Maksud Anda 'estimate'?"),
    "extra argument": (
        ("estimate", "--city", "metro", "tambahan"),
        "Ada argumen lebih yang tidak diharapkan (tambahan)",
    ),
    "directory for a file": (
        ("estimate", "--scenario", "/"),
        "Nilai tidak sah untuk '--scenario' / '-s': berkas '/' ternyata folder.",
    ),
}


@pytest.mark.parametrize("case", USAGE_ERRORS)
def test_indonesian_usage_errors_have_no_english_word(case: str) -> None:
    arguments, expected = USAGE_ERRORS[case]
    result = jbudget(*arguments)
    assert result.returncode == 2, result.stderr
    assert expected in " ".join(result.stderr.replace("│", " ").split())
    assert result.stderr.startswith("Penggunaan: jbudget ")
    assert english_words(result.stderr) == set()


def test_english_usage_errors_keep_clicks_words() -> None:
    """The rewording is a translation: in English the texts are click's own."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    command = [str(Path(sys.executable).parent / "jbudget"), "--lang", "en", "estimate", "--nope"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 2
    assert "Usage: jbudget estimate [OPTIONS]" in result.stderr
    assert "No such option: --nope" in result.stderr


def test_every_bundled_label_has_its_indonesian_version() -> None:
    files = load_rate_files(sorted(bundled.data_dir("rates").glob("*.yaml")))
    labels = [item for rates, _source in files for item in labelled(rates)]
    assert len(labels) == 20  # 17 parameters, 1 band table, 3 reliefs: none left out
    assert [path for path, _label, label_id in labels if label_id is None] == []
    assert [
        problem for rates, source in files for problem in missing_translations(rates, source)
    ] == []


def test_a_label_without_label_id_loads_shows_in_english_and_validate_warns(tmp_path: Path) -> None:
    for path in bundled.data_dir("rates").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if path.name == "bpu.yaml":
            text = text.replace("    label_id: JKM BPU, Rupiah tetap per bulan\n", "")
        (tmp_path / path.name).write_text(text, encoding="utf-8")
    report = run("estimate", "--city", "metro", "--rates", str(tmp_path), "--lang", "id").stdout
    assert "JKM BPU, flat Rupiah a month" in report
    assert "JKK BPU, persen penghasilan nominal rentang" in report
    checked = run("validate", str(tmp_path), "--lang", "id")
    assert checked.exit_code == 0, checked.output
    assert "label 'JKM BPU, flat Rupiah a month' tidak punya label_id" in checked.output
    assert run("validate", str(tmp_path), "--strict").exit_code == 1


VARIANT = """extends: metro
fiscal_year: 2026
sources: ["Minutes of the 2026 budget meeting"]
assumptions: Ten more marbot.
change_groups:
  - {id: marbot, headcount: 610}
"""


def test_a_variant_without_indonesian_texts_keeps_its_english_after_the_base_ones(
    tmp_path: Path,
) -> None:
    """metro gives sources_id and assumptions_id; a variant of it that gives only English texts
    shows metro's in Indonesian and its own as written, one source each."""
    variant = tmp_path / "metro-marbot.yaml"
    variant.write_text(VARIANT, encoding="utf-8")
    report = run("estimate", "--scenario", str(variant), "--format", "markdown", "--lang", "id")
    assert report.exit_code == 0, report.output
    sources = [line for line in report.stdout.splitlines() if line.startswith("- Sumber: ")]
    assert len(sources) == 5
    assert sources[0].startswith("- Sumber: Lampuijo, 'Pemkot Metro Jamin")
    assert "Desember 2025 (tanggal tidak disebut)" in sources[0]
    assert sources[-1] == "- Sumber: Minutes of the 2026 budget meeting"
    assert "Sumber-sumber memberikan jumlahnya" in report.stdout
    assert "setahun. Ten more marbot." in " ".join(report.stdout.split())
    english = run("estimate", "--scenario", str(variant), "--format", "markdown", "--lang", "en")
    assert "- Source: Minutes of the 2026 budget meeting" in english.stdout
    assert "The sources give the total" in english.stdout


def test_sources_id_needs_one_entry_per_source(tmp_path: Path) -> None:
    scenario = tmp_path / "kota.yaml"
    text = (EXAMPLES / "bandar-lampung.yaml").read_text(encoding="utf-8")
    scenario.write_text(text.replace("sources_id:\n", "sources_id:\n  - satu lagi\n"), "utf-8")
    result = run("validate", str(scenario), "--lang", "id")
    assert result.exit_code == 1
    assert "memberikan 2 sumber dalam Bahasa Indonesia untuk 1 sumber" in result.output
