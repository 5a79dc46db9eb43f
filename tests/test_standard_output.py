"""`-` is standard output for every output of every command: text formats are written there (no
file named `-`), an Excel workbook goes to a pipe but is refused on a terminal, and a roster's
report and side tables cannot share the one stream."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.cli_runner import run

HEADER = "nik,name,group,declared_income,monthly_wage,start_month,end_month\n"
ACCEPTED = "1872010103850001,Ani,marbot,1000000,,,\n"
REJECTED = "123,Budi,marbot,,,,\n"
BUDGET_FORMATS = ("table", "json", "csv", "markdown", "html")
LISTING_FORMATS = ("table", "json", "markdown")


def roster_in(folder: Path, rows: str = ACCEPTED) -> Path:
    path = folder / "kota.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def commands(folder: Path) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each command with an --output: its arguments, and the formats it writes."""
    roster = str(roster_in(folder))
    return {
        "estimate": (("estimate", "--city", "metro"), BUDGET_FORMATS),
        "compare": (("compare", "metro", "lubuklinggau"), BUDGET_FORMATS),
        "fit": (("fit", "--city", "metro", "--budget", "1000000000"), BUDGET_FORMATS),
        "project": (("project", "--city", "metro", "--years", "2026-2027"), BUDGET_FORMATS),
        "roster": (("roster", roster, "--city", "metro", "--today", "2026-11-22"), BUDGET_FORMATS),
        "rates": (("rates", "--date", "2026-01-01"), LISTING_FORMATS),
        "schema": (("schema", "rates"), ("json",)),
    }


COMMANDS = ("estimate", "compare", "fit", "project", "roster", "rates", "schema")


@pytest.mark.parametrize("command", COMMANDS)
def test_output_dash_writes_every_text_format_to_standard_output(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    arguments, formats = commands(tmp_path)[command]
    monkeypatch.chdir(tmp_path)
    for fmt in formats:
        with_format = (*arguments, "-f", fmt) if command != "schema" else arguments
        plain = run(*with_format)
        dash = run(*with_format, "-o", "-")
        assert dash.exit_code == plain.exit_code == 0, dash.stderr
        assert dash.stdout == plain.stdout != ""
        assert sorted(path.name for path in tmp_path.iterdir()) == ["kota.csv"]


def workbook_sheets(data: bytes) -> list[str]:
    return openpyxl.load_workbook(io.BytesIO(data)).sheetnames


@pytest.mark.parametrize("command", ["estimate", "compare", "fit", "project", "roster"])
@pytest.mark.parametrize("dash", [(), ("-o", "-")])
def test_a_workbook_goes_to_a_pipe(
    command: str, dash: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    arguments, _formats = commands(tmp_path)[command]
    monkeypatch.chdir(tmp_path)
    result = run(*arguments, "-f", "xlsx", "--lang", "en", *dash)
    assert result.exit_code == 0, result.stderr
    assert workbook_sheets(result.stdout_bytes)[0] == "Summary"
    assert "wrote" not in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kota.csv"]


def on_a_terminal(*arguments: str, cwd: Path) -> tuple[int, str, bytes]:
    """jbudget as a process whose standard output is a terminal (a pseudo-terminal): the exit
    code, what it said on stderr, and what reached the terminal."""
    leader, follower = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1", "LANGUAGE": "en", "COLUMNS": "100"}
    with subprocess.Popen(
        [sys.executable, "-m", "jamsostek_budget", *arguments],
        cwd=cwd,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
    ) as process:
        os.close(follower)
        shown = _read_all(leader)
        stderr = process.stderr.read().decode() if process.stderr else ""
    os.close(leader)
    return process.returncode, stderr, shown


def _read_all(leader: int) -> bytes:
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's other end closed: the process ended
            return shown
        if not chunk:
            return shown
        shown += chunk


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize("dash", [(), ("-o", "-")])
def test_a_workbook_is_refused_on_a_terminal_before_anything_is_written(
    dash: tuple[str, ...], tmp_path: Path
) -> None:
    roster = roster_in(tmp_path, ACCEPTED + REJECTED)
    for arguments in (("estimate", "--city", "metro"), ("roster", str(roster), "--city", "metro")):
        code, stderr, shown = on_a_terminal(*arguments, "-f", "xlsx", *dash, cwd=tmp_path)
        assert code == 2, stderr
        assert "--format xlsx makes an Excel workbook, which a terminal cannot show" in stderr
        assert "add --output FILE.xlsx, or redirect it to a file: > FILE.xlsx" in stderr
        assert b"PK" not in shown  # not one byte of a zip archive
        assert sorted(path.name for path in tmp_path.iterdir()) == ["kota.csv"]


@pytest.mark.parametrize(
    ("flag", "header"),
    [("--rejects", "line,nik,name,group"), ("--per-person", "line,nik,name,group,jkk_monthly")],
)
def test_a_roster_side_table_goes_to_standard_output(
    flag: str, header: str, tmp_path: Path
) -> None:
    roster = roster_in(tmp_path, ACCEPTED + REJECTED)
    report = tmp_path / "report.json"
    result = run(
        "roster", str(roster), "--city", "metro", "--today", "2026-11-22", "--lang", "en",
        "-f", "json", "-o", str(report), flag, "-",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(header)
    assert ": standard output" in result.stderr
    assert not (tmp_path / "-").exists()
    assert report.exists()


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (("--rejects", "-"), "the report, --rejects -"),
        (("--per-person", "-", "-o", "-"), "the report, --per-person -"),
        (("--rejects", "-", "--per-person", "-", "-o", "r.json"), "--rejects -, --per-person -"),
    ],
)
def test_two_outputs_cannot_share_standard_output(
    arguments: tuple[str, ...], named: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = roster_in(tmp_path, ACCEPTED + REJECTED)
    monkeypatch.chdir(tmp_path)
    result = run("roster", str(roster), "--city", "metro", "--lang", "en", *arguments)
    assert result.exit_code == 2
    assert f"these would all go there: {named}" in result.stderr
    assert "(the report: --output FILE)" in result.stderr
    assert result.stdout == ""
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kota.csv"]


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell closes the descriptor")
def test_a_workbook_to_a_closed_standard_output_is_an_error() -> None:
    result = subprocess.run(
        f"{sys.executable} -m jamsostek_budget estimate --city metro -f xlsx --lang en >&-",
        shell=True,
        stderr=subprocess.PIPE,
        timeout=120,
        check=False,
    )
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "cannot write standard output: it is closed" in stderr
    assert "bug" not in stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_workbook_to_a_full_standard_output_is_an_error() -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "jamsostek_budget", "estimate", "--city", "metro", "-f", "xlsx"],
            stdout=full,
            stderr=subprocess.PIPE,
            env={**os.environ, "LANGUAGE": "en"},
            timeout=120,
            check=False,
        )
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "cannot write standard output: the disk is full" in stderr
