"""The `jbudget` program's entry point: Ctrl-C is handled from its first moment, before jbudget's
own modules are imported (a KeyboardInterrupt there would print a traceback), then `cli.main`
runs, which installs the handler that also removes unfinished files (see cli.exit)."""

from __future__ import annotations

import os
import signal
from types import FrameType

INTERRUPTED = 130  # 128 + SIGINT, as cli.exit


def _interrupted_while_starting(_signal: int, _frame: FrameType | None) -> None:
    os.write(2, b"interrupted\n")  # no language chosen yet, and nothing written
    os._exit(INTERRUPTED)


def main() -> None:
    signal.signal(signal.SIGINT, _interrupted_while_starting)
    from jamsostek_budget.cli.main import main as run

    run()
