"""Registering only the command asked for (jamsostek_budget.cli.main), and the roster command as
a process: the same results and the same messages in the same order as in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer

from jamsostek_budget.app import estimate as api
from jamsostek_budget.cli.main import COMMAND_MODULES, build_app, command_position

HEADER = "nik,name,group,declared_income,monthly_wage,start_month,end_month\n"
TODAY = date(2026, 11, 22)
METRO = api.scenario_path("metro", None)


def roster_file(folder: Path, rows: int = 3, *, duplicate: bool = True) -> Path:
    lines = [
        f"187201010385{serial:04d},Peserta {serial},marbot,1000000,,,\n"
        for serial in range(1, rows + 1)
    ]
    if duplicate:
        lines.append(lines[0].replace("Peserta 1", "Peserta lagi"))
    path = folder / "kota.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def commands(app: typer.Typer) -> dict[str, Any]:
    """The commands of an app, as click (vendored by typer) holds them."""
    group: Any = typer.main.get_command(app)
    return dict(group.commands)


# --- registering the command asked for --------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "position"),
    [
        (["estimate", "--city", "metro"], 0),
        (["--lang", "en", "roster", "r.csv"], 2),
        (["--version"], None),
        ([], None),
        (["--", "estimate"], None),
    ],
)
def test_command_position(arguments: list[str], position: int | None) -> None:
    assert command_position(arguments) == position


def test_every_command_is_registered_by_its_module_alone() -> None:
    assert set(commands(build_app())) == set(COMMAND_MODULES)
    for command in COMMAND_MODULES:
        script = (
            "import sys, typer\n"
            "from jamsostek_budget.cli.main import build_app\n"
            f"group = typer.main.get_command(build_app({command!r}))\n"
            "print(' '.join(sorted(group.commands)))\n"
        )
        found = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        ).stdout.split()
        assert command in found
        assert {COMMAND_MODULES[name] for name in found} == {COMMAND_MODULES[command]}


# --- the whole command, as a process -----------------------------------------------------------


def jbudget(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1", "LANGUAGE": "en"}
    script = Path(sys.executable).parent / "jbudget"
    return subprocess.run(
        [str(script), *arguments], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )


def test_the_command_gives_the_same_outputs_as_a_process_and_in_process(
    tmp_path: Path,
) -> None:
    from tests.cli_runner import run  # in-process

    roster = roster_file(tmp_path, rows=40)
    common = ("--city", "metro", "-f", "json", "--today", TODAY.isoformat(), "--force")
    process = jbudget(
        "roster",
        "kota.csv",
        *common,
        "--rejects",
        "process-rejects.csv",
        "--per-person",
        "process-people.csv",
        cwd=tmp_path,
    )
    assert process.returncode == 0, process.stderr
    in_process = run(
        "roster",
        str(roster),
        *common,
        "--rejects",
        str(tmp_path / "rejects.csv"),
        "--per-person",
        str(tmp_path / "people.csv"),
    )
    assert in_process.exit_code == 0
    assert json.loads(process.stdout)["totals"] == json.loads(in_process.stdout)["totals"]
    assert "41 rows read = 40 accepted + 1 rejected" in process.stderr
    for name in ("rejects.csv", "people.csv"):
        assert (tmp_path / f"process-{name}").read_text() == (tmp_path / name).read_text()


def test_problems_come_in_the_same_order_from_the_process(tmp_path: Path) -> None:
    """A bad scenario and a roster without a NIK column: the scenario's problem first, exit 1,
    as in-process (tests/test_cli_roster.py)."""
    (tmp_path / "kota.csv").write_text("name,group\nAni,marbot\n", encoding="utf-8")
    scenario = tmp_path / "kota.yaml"
    scenario.write_text(METRO.read_text().replace("headcount: 1400", "headcount: -40"))
    result = jbudget("roster", "kota.csv", "--scenario", "kota.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "kota.yaml:46:16: groups[1].headcount" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_usage_error_of_the_roster_process_is_a_usage_error(tmp_path: Path) -> None:
    roster_file(tmp_path)
    result = jbudget("roster", "kota.csv", "--city", "metro", "--rejects", "-", cwd=tmp_path)
    assert result.returncode == 2  # the report and the rejected rows, both on standard output
    assert "--output" in result.stderr and "Traceback" not in result.stderr


def test_a_reading_left_unread_is_finished_at_exit_not_dropped(tmp_path: Path) -> None:
    """polars aborts the process when a background query is dropped while it still runs (seen
    once in three runs of `jbudget roster BIG.csv --city metroo` before this was fixed), so a
    command that fails while its roster is being read waits for the reading at exit, after its
    message. The exit handler registered first runs last and sees nothing left unread."""
    roster = tmp_path / "kota.csv"
    roster.write_text(HEADER + "1872010103850001,Ani,marbot,1000000,,1,12\n" * 300_000)
    script = (
        "import atexit, sys\n"
        "from pathlib import Path\n"
        "atexit.register(lambda: print(len(read._unfinished), file=sys.stderr))\n"
        "from jamsostek_budget.roster import read\n"
        "read.start_reading(read.open_roster(Path(sys.argv[1])))\n"
        "print(len(read._unfinished), file=sys.stderr)\n"
        "sys.exit(2)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(roster)], capture_output=True, text=True, check=False
    )
    unread_at_the_end, unread_after_exit = map(int, result.stderr.split())
    assert (result.returncode, unread_after_exit) == (2, 0)
    assert unread_at_the_end == 2  # the rows, and the count of the file's lines
