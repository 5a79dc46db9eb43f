"""Start costing a roster before the command line is parsed.

`jbudget roster FILE` spends about half a second importing polars, pydantic, typer and jbudget,
all of it Python on one core, while the other core has nothing to do. `cli.main` therefore calls
`start_early` with the words after `roster`, before typer is imported. It finds the roster and
the options the estimate depends on the way the command line will (`read_arguments`), starts
reading the file on polars' threads at once, and once jbudget's own modules are loaded, runs the
whole `roster_estimate` on a thread of its own, while typer loads and parses the command line.

The roster command then asks for the estimate it needs (`claim`) and gets the early one only when
every input is the same (`EstimateRequest`); otherwise it computes its own. The early estimate
is exactly what the command would compute, problems included: a DataError of the early run is
raised by `claim`, in the order the command would have raised it. Anything that cannot be known
before parsing (a malformed option, no scenario named) simply means no early start.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jamsostek_budget.app.roster import EstimateRequest, RosterEstimate
    from jamsostek_budget.roster.read import Reading

__all__ = [
    "VALUE_OPTIONS",
    "claim",
    "claim_reading",
    "read_arguments",
    "start_early",
]

# The roster command's options that take a value, by the name they are known as here
# (tests/test_roster_early.py checks this against the command itself); every other option is a
# flag.
VALUE_OPTIONS: dict[str, str] = {
    "--city": "--city",
    "-c": "--city",
    "--scenario": "--scenario",
    "-s": "--scenario",
    "--year": "--year",
    "-y": "--year",
    "--format": "--format",
    "-f": "--format",
    "--output": "--output",
    "-o": "--output",
    "--rates": "--rates",
    "--rejects": "--rejects",
    "--per-person": "--per-person",
    "--today": "--today",
    "--lang": "--lang",
    "--sheet": "--sheet",
}
REPEATED = ("--sheet",)  # options that may be given more than once, every value counting
FileIdentity = tuple[int, int, int, int]  # device, inode, size, modification time (ns)


@dataclass(frozen=True)
class RosterArguments:
    """The roster command line as far as it can be read without typer."""

    roster: Path | None
    values: dict[str, str]  # long option name -> its (last) value
    asks_help: bool
    repeated: dict[str, tuple[str, ...]] = field(default_factory=dict)  # REPEATED: every value


@dataclass(frozen=True)
class _EarlyEstimate:
    request: EstimateRequest
    thread: threading.Thread
    outcome: list[RosterEstimate | BaseException]  # filled by the thread


@dataclass(frozen=True)
class _EarlyReading:
    path: Path
    sheets: tuple[str, ...]
    identity: FileIdentity
    reading: Reading


_readings: list[_EarlyReading] = []
_estimates: list[_EarlyEstimate] = []


def read_arguments(arguments: Sequence[str]) -> RosterArguments:
    """FILE (the first word that is neither an option nor an option's value) and the values of
    the options, as click reads them: `--city metro`, `--city=metro`, `-cmetro`, the last one
    given winning (of a REPEATED option, every one counting); nothing after `--` is an option."""
    roster: Path | None = None
    values: dict[str, str] = {}
    repeated: dict[str, tuple[str, ...]] = {}
    pending: str | None = None
    options_end = False

    def given(name: str, value: str) -> None:
        values[name] = value
        if name in REPEATED:
            repeated[name] = (*repeated.get(name, ()), value)

    for argument in arguments:
        if pending is not None:
            given(pending, argument)
            pending = None
        elif options_end or not argument.startswith("-") or argument == "-":
            roster = roster or Path(argument)
        elif argument == "--":
            options_end = True
        elif argument in VALUE_OPTIONS:
            pending = VALUE_OPTIONS[argument]
        elif "=" in argument and argument.split("=", 1)[0] in VALUE_OPTIONS:
            name, value = argument.split("=", 1)
            given(VALUE_OPTIONS[name], value)
        elif argument[:2] in VALUE_OPTIONS and not argument.startswith("--"):
            given(VALUE_OPTIONS[argument[:2]], argument[2:])
    asks_help = "--help" in arguments[: _end(arguments)]
    return RosterArguments(roster, values, asks_help, repeated)


def start_early(arguments: Sequence[str]) -> None:
    """Start reading, then costing, the roster the arguments name, where they say enough."""
    found = read_arguments(arguments)
    if found.roster is None or found.asks_help:
        return
    sheets = found.repeated.get("--sheet", ())
    _start_reading(found.roster, sheets)
    request = _request(found.roster, found.values, sheets)
    if request is not None:
        _start_estimate(request)


def claim(request: EstimateRequest) -> RosterEstimate | None:
    """The estimate started early for exactly this request (its problems raised as the command
    would raise them), or None."""
    for early in _estimates:
        if early.request == request:
            _estimates.remove(early)
            early.thread.join()
            outcome = early.outcome[0]
            if isinstance(outcome, BaseException):
                raise outcome
            return outcome
    return None


def claim_reading(path: Path, sheets: tuple[str, ...] = ()) -> Reading | None:
    """The reading started early for `path` and the same `sheets`, if that is the same,
    unchanged file; None otherwise (a reading started for another file is left to finish at
    exit: see read._unfinished)."""
    while _readings:
        early = _readings.pop()
        same = early.path == path and early.sheets == sheets
        if same and early.identity == _identity(path):
            return early.reading
    return None


def _end(arguments: Sequence[str]) -> int:
    return arguments.index("--") if "--" in arguments else len(arguments)


def _start_reading(path: Path, sheets: tuple[str, ...]) -> None:
    identity = _identity(path)
    if identity is None:
        return
    from jamsostek_budget.errors import DataError
    from jamsostek_budget.roster.read import open_roster, start_reading

    try:
        reading = start_reading(open_roster(path, sheets))
    except (DataError, OSError):
        return  # reported when the command opens it, after the scenario's problems
    _readings.append(_EarlyReading(path, sheets, identity, reading))


def _request(
    roster: Path, values: dict[str, str], sheets: tuple[str, ...]
) -> EstimateRequest | None:
    """The estimate the command line asks for, or None when it cannot be told before parsing
    (the command then reports what is wrong)."""
    from jamsostek_budget.app.estimate import scenario_path
    from jamsostek_budget.app.roster import EstimateRequest
    from jamsostek_budget.errors import JbudgetError

    scenario = values.get("--scenario")
    rates = values.get("--rates")
    try:
        return EstimateRequest(
            roster=roster,
            scenario_file=scenario_path(values.get("--city"), Path(scenario) if scenario else None),
            year=int(values["--year"]) if "--year" in values else None,
            rates_dir=Path(rates) if rates is not None else None,
            today=date.fromisoformat(values["--today"]) if "--today" in values else date.today(),
            with_per_person="--per-person" in values,
            sheets=sheets,
        )
    except (JbudgetError, ValueError):
        return None


def _start_estimate(request: EstimateRequest) -> None:
    """Run `roster_estimate` for the request on a thread, on the reading started early. jbudget's
    modules are imported here first, on this thread, so that the two threads never import the
    same modules at once."""
    from jamsostek_budget.app import roster as commands

    outcome: list[RosterEstimate | BaseException] = []
    reading = claim_reading(request.roster, request.sheets)

    def run() -> None:
        try:
            estimate = commands.estimate(request, reading)
        except BaseException as error:  # raised again by claim, on the main thread
            outcome.append(error)
        else:
            outcome.append(estimate)

    thread = threading.Thread(target=run, name="jbudget-early-roster")
    _estimates.append(_EarlyEstimate(request, thread, outcome))
    thread.start()


def _identity(path: Path) -> FileIdentity | None:
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
