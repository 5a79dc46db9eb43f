"""Time one command as a fresh process: its wall time, its own peak memory and its CPU time
(shared helpers).

Each command runs as a child of this process and is reaped with `os.wait4`, which returns the
resource usage of that child alone (and of anything it waited for), so every measurement is
independent of the others: `ru_maxrss` is the child's peak resident set, in KiB on Linux, and
`ru_utime + ru_stime` the CPU time it used, which the machine's load does not inflate as much as
the wall time.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """One run of a command."""

    seconds: float
    peak_kib: int
    returncode: int
    cpu_seconds: float = 0.0  # user + system time of the child: its work, whatever the load

    @property
    def peak_mib(self) -> float:
        return self.peak_kib / 1024


def bytecode_env(pycache: Path | None) -> dict[str, str]:
    """The environment for the commands: with compiled modules cached under `pycache`.

    An installed jbudget has its modules compiled (pip does it at install), but an editable
    install run with PYTHONDONTWRITEBYTECODE=1, as in some sandboxes, compiles every one of its
    modules again on each start, which is not what a user sees: a separate cache folder
    (PYTHONPYCACHEPREFIX) gives every command compiled modules without writing into the source
    tree. None: the environment as inherited."""
    env = dict(os.environ)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def run_once(
    command: Sequence[str | Path],
    stdout: Path | None = None,
    stderr: Path | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """Run `command` to its end; its output goes to `stdout` and `stderr` (or nowhere)."""
    out_path = stdout if stdout is not None else Path(os.devnull)
    err_path = stderr if stderr is not None else Path(os.devnull)
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen([str(part) for part in command], stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return Run(seconds, usage.ru_maxrss, process.returncode, usage.ru_utime + usage.ru_stime)


def median_run(runs: Sequence[Run]) -> Run:
    """The median wall time, peak memory and CPU time of `runs` (the worst return code)."""
    return Run(
        statistics.median(r.seconds for r in runs),
        int(statistics.median(r.peak_kib for r in runs)),
        max((r.returncode for r in runs), key=abs),
        statistics.median(r.cpu_seconds for r in runs),
    )
