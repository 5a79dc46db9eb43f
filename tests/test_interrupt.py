"""Ctrl-C at any moment: exit 130 with one line, no traceback, no Rust panic from a roster still
being read on polars' threads, and no partial or temporary file left. Real processes, real
SIGINT: during start-up, while a large roster is read, and while its rejects file is written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

HEADER = "nik,name,group,declared_income,monthly_wage,start_month,end_month\n"
ROWS = 1_000_000  # every one rejected (a bad NIK): a 78 MB rejects file to be written


@pytest.fixture(scope="module")
def big_roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "roster.csv"
    with path.open("w", encoding="utf-8") as file:
        file.write(HEADER)
        file.write("12345,Siti Aminah,non-asn,1000000,,1,12\n" * ROWS)
    return path


def start(folder: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "LANG": "C.UTF-8", "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "jamsostek_budget", *args, "--lang", "en"],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def interrupt(process: subprocess.Popen[bytes]) -> str:
    """Send SIGINT to a run still going, and its stderr once it ended with 130."""
    assert process.poll() is None, "the run ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=120)
    stderr = err.decode()
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "panicked" not in stderr
    assert stderr.endswith("interrupted\n")
    return stderr


def leftovers(folder: Path, *expected: str) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name not in expected)


def polars_loaded(process: subprocess.Popen[bytes]) -> None:
    """Wait until the run has loaded polars: it is then in jbudget's roster command, starting to
    read the roster, whatever the load of the machine. Before jbudget's code runs, while Python
    itself starts, only Python's own KeyboardInterrupt is possible."""
    maps = Path(f"/proc/{process.pid}/maps")
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if "polars" in maps.read_text(encoding="utf-8", errors="replace"):
            return
        time.sleep(0.001)


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.2])
def test_ctrl_c_during_start_up(tmp_path: Path, big_roster: Path, delay: float) -> None:
    """While the roster command imports what it needs and starts reading the roster."""
    roster = tmp_path / big_roster.name
    roster.symlink_to(big_roster)
    process = start(tmp_path, "roster", roster.name, "--city", "metro", "-o", "out.txt")
    polars_loaded(process)
    time.sleep(delay)
    interrupt(process)
    assert leftovers(tmp_path, roster.name) == []


@pytest.mark.parametrize("delay", [0.4, 0.7])
def test_ctrl_c_while_a_large_roster_is_read(
    tmp_path: Path, big_roster: Path, delay: float
) -> None:
    roster = tmp_path / big_roster.name
    roster.symlink_to(big_roster)
    process = start(tmp_path, "roster", roster.name, "--city", "metro", "-f", "json", "-o", "o")
    polars_loaded(process)
    time.sleep(delay)
    interrupt(process)
    assert leftovers(tmp_path, roster.name) == []


def test_ctrl_c_while_the_rejects_file_is_written(tmp_path: Path, big_roster: Path) -> None:
    roster = tmp_path / big_roster.name
    roster.symlink_to(big_roster)
    process = start(tmp_path, "roster", roster.name, "--city", "metro", "-f", "json", "-o", "o")
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if any(name.endswith(".tmp") for name in os.listdir(tmp_path)):
            break
        time.sleep(0.0005)
    interrupt(process)
    assert leftovers(tmp_path, roster.name) == []  # no temporary, partial or rejects file
