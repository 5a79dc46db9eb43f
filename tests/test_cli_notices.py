"""Messages on stderr (jamsostek_budget.cli.notices): plain lines off a terminal, rich's colours
on one; and the quick paths that need neither rich nor babel nor polars."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from jamsostek_budget.cli.notices import say


def test_off_a_terminal_a_line_is_its_parts_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    say(("kota.yaml:3:5: groups[0].headcount: ", ""), ("[red]not markup[/red] :fire:", "red"))
    assert capsys.readouterr().err == (
        "kota.yaml:3:5: groups[0].headcount: [red]not markup[/red] :fire:\n"
    )


def test_rich_styles_the_line_when_asked_to(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    say(("where: ", ""), ("wrong", "red"))
    err = capsys.readouterr().err
    assert "\x1b[31mwrong\x1b[0m" in err
    assert err.startswith("where: ")


METRO = Path(__file__).resolve().parents[1] / "examples" / "metro.yaml"
LOADED = (  # main ends the process through cli.exit_now: report what was loaded there
    "import sys\n"
    "from jamsostek_budget.cli import main as cli\n"
    "def loaded(code):\n"
    "    heavy = ('rich', 'babel', 'polars', 'openpyxl')\n"
    "    print(' '.join(name for name in heavy if name in sys.modules), file=sys.stderr)\n"
    "    sys.exit(code)\n"
    "cli.exit_now = loaded\n"
    "sys.argv = ['jbudget', *sys.argv[1:]]\n"
    "cli.main()\n"
)


def run_loaded(arguments: list[str]) -> subprocess.CompletedProcess[str]:
    """jbudget with `arguments` in a fresh process, in English; its stderr ends with the line
    LOADED prints."""
    return subprocess.run(
        [sys.executable, "-c", LOADED, *arguments],
        capture_output=True,
        text=True,
        check=False,
        env={"LANGUAGE": "en", "PATH": ""},
    )


@pytest.mark.parametrize(
    "arguments",
    [
        ["estimate", "--city", "metro", "-f", "json"],
        ["estimate", "--city", "metro", "-f", "csv"],
        ["estimate", "--city", "metroo"],
        ["estimate", "--scenario", str(METRO), "--year", "2026", "-f", "json"],
    ],
)
def test_json_csv_and_messages_load_no_renderer(arguments: list[str]) -> None:
    result = run_loaded(arguments)
    assert result.stderr.splitlines()[-1] == "", result.stderr


def test_roster_in_a_pipe_loads_no_progress_bar(tmp_path: Path) -> None:
    """Off a terminal there is no progress bar, so rich (about 60 ms) is not imported at all."""
    roster = tmp_path / "kota.csv"
    roster.write_text(
        "nik,group\n1872010103850001,ketua-rt-rw\n1872010103850002,nosuchgroup\n", encoding="utf-8"
    )
    arguments = ["roster", str(roster), "--city", "metro", "-f", "json"]
    result = run_loaded(arguments)
    lines = result.stderr.splitlines()
    assert "2 rows read = 1 accepted + 1 rejected" in result.stderr, result.stderr
    assert lines[-1] == "polars", result.stderr
