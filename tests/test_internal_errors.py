"""A failure no check foresaw is a bug: `jbudget` says so in one message, with what to report,
and exits 70 (EX_SOFTWARE); the traceback appears only when asked for (JBUDGET_TRACEBACK=1).
Bad input never gets here: it is refused with its own message (the other tests)."""

from __future__ import annotations

import os
import subprocess
import sys

# jbudget's own entry point, with the engine broken the way a bug would break it
BROKEN = (
    "import sys\n"
    "from jamsostek_budget.engine import premiums as engine\n"
    "def broken(*args, **kwargs):\n"
    "    raise ZeroDivisionError('division by zero')\n"
    "engine.estimate = broken\n"
    "from jamsostek_budget.cli.start import main\n"
    "sys.argv = ['jbudget', 'estimate', '--city', 'metro', '--lang', 'en']\n"
    "main()\n"
)


def run_broken(**environ: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "JBUDGET_TRACEBACK"}
    env |= environ
    return subprocess.run(
        [sys.executable, "-c", BROKEN], capture_output=True, text=True, env=env, check=False
    )


def test_a_bug_is_said_as_one_with_what_to_report() -> None:
    result = run_broken()
    assert result.returncode == 70
    assert "Traceback" not in result.stderr
    assert "jbudget failed unexpectedly (ZeroDivisionError: division by zero)" in result.stderr
    assert "this is a bug in jbudget" in result.stderr
    assert "JBUDGET_TRACEBACK=1" in result.stderr


def test_the_traceback_is_there_when_asked_for() -> None:
    result = run_broken(JBUDGET_TRACEBACK="1")
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "ZeroDivisionError" in result.stderr
