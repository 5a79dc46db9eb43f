"""Benchmark the start-up of `jbudget estimate --city metro` against the smallest programs of
its own stack (benchmarks/minimal/).

In one run, like hyperfine: one warm-up run of each command, then `--runs` runs of each,
interleaved so that all of them see the same machine:

- jbudget table: `jbudget estimate --city metro` (standard output to /dev/null), the goal's
  command: the whole process, interpreter, imports, loading the rates and the scenario, the
  estimate and the report as a table (rich, Rupiah formats, the bar chart);
- minimal table (`minimal/table.py --city metro`): a typer command that validates one pydantic
  model from a small YAML file and prints a rich table. Goal: jbudget table at most 1.2x this;
- jbudget JSON: the same with `--format json`, what a pipeline calls (no rich, no babel);
- minimal JSON (`minimal/json_out.py --city metro`): typer, pydantic and PyYAML, JSON out.
  Goal: jbudget JSON at most 1.1x this;
- jbudget table and JSON, no cache (reference, not a goal): the same with a cache folder that
  cannot be written (`XDG_CACHE_HOME=/proc/jbudget-none`), so that every run reads, parses and
  validates the scenario and the rates, as a user's first run on new inputs does;
- imports (reference, not a goal): `python -c "import typer, rich, pydantic, yaml"`, the old
  goal's baseline, which no program that uses the stack can approach: pydantic and rich load
  their submodules lazily, and typer loads its pydantic-based parameter handling only when a
  command parses its options.

Prints the median wall time and CPU time of each, and the ratios of the medians against the
goals, with the 1-minute load average before and after (the machine is shared).

`--instructions` runs each command once under valgrind's callgrind instead and prints the
instructions it executed: unlike wall time, the count is the same from run to run whatever else
the machine is doing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from runs import Run, bytecode_env, run_once

MINIMAL = Path(__file__).resolve().parent / "minimal"
IMPORTS = "import typer, rich, pydantic, yaml"
TABLE, MINIMAL_TABLE = "jbudget table", "minimal table"
JSON, MINIMAL_JSON = "jbudget JSON", "minimal JSON"
REFERENCE = "imports"
NO_CACHE = ["env", "XDG_CACHE_HOME=/proc/jbudget-none"]  # a cache folder that cannot be made
GOALS = ((TABLE, MINIMAL_TABLE, 1.2), (JSON, MINIMAL_JSON, 1.1))  # command, yardstick, at most


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each command (10)")
    parser.add_argument("--city", default="metro", help="bundled city to estimate (metro)")
    parser.add_argument(
        "--pycache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "jbudget-bench" / "pycache",
        help="where compiled modules are cached (see runs.bytecode_env)",
    )
    parser.add_argument(
        "--no-pycache", action="store_true", help="run with the inherited environment"
    )
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions with valgrind instead"
    )
    parser.add_argument("--python", type=Path, default=Path(sys.executable))
    parser.add_argument("--jbudget", type=Path, default=Path(sys.executable).parent / "jbudget")
    return parser.parse_args(argv)


def commands(args: argparse.Namespace) -> dict[str, list[str | Path]]:
    estimate = [args.jbudget, "estimate", "--city", args.city]
    return {
        TABLE: estimate,
        MINIMAL_TABLE: [args.python, MINIMAL / "table.py", "--city", args.city],
        JSON: [*estimate, "--format", "json"],
        MINIMAL_JSON: [args.python, MINIMAL / "json_out.py", "--city", args.city],
        f"{TABLE}, no cache": [*NO_CACHE, *estimate],
        f"{JSON}, no cache": [*NO_CACHE, *estimate, "--format", "json"],
        REFERENCE: [args.python, "-c", IMPORTS],
    }


def summary(name: str, command: list[str | Path], runs: list[Run]) -> str:
    times = [run.seconds * 1000 for run in runs]
    cpu = statistics.median(run.cpu_seconds * 1000 for run in runs)
    failed = [run.returncode for run in runs if run.returncode != 0]
    note = f" (exit codes {sorted(set(failed))})" if failed else ""
    shown = " ".join(Path(part).name if isinstance(part, Path) else part for part in command)
    return (
        f"| {name} | `{shown}` | {statistics.median(times):.0f} ms | {cpu:.0f} ms "
        f"| {min(times):.0f}-{max(times):.0f} ms |{note}"
    )


def report(todo: dict[str, list[str | Path]], runs: dict[str, list[Run]], load: str) -> str:
    lines = [
        "| | command | median wall | median CPU | range |",
        "|---|---|---:|---:|---:|",
    ]
    lines += [summary(name, todo[name], measured) for name, measured in runs.items()]
    wall = {name: statistics.median(r.seconds for r in m) for name, m in runs.items()}
    cpu = {name: statistics.median(r.cpu_seconds for r in m) for name, m in runs.items()}
    lines += ["", "| goal | wall ratio | CPU ratio | |", "|---|---:|---:|---|"]
    for command, yardstick, most in GOALS:
        ratio = wall[command] / wall[yardstick]
        verdict = "met" if ratio <= most else "**not met**"
        lines.append(
            f"| {command} at most {most:g}x {yardstick} | {ratio:.2f}x "
            f"| {cpu[command] / cpu[yardstick]:.2f}x | {verdict} |"
        )
    count = len(next(iter(runs.values())))
    lines.append(f"\nMedians of {count} interleaved runs after one warm-up; load {load}.")
    return "\n".join(lines)


def load_average() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def instructions(command: list[str | Path], env: dict[str, str]) -> int | None:
    """The instructions one run of `command` executes (callgrind's `Collected`)."""
    valgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    result = subprocess.run(
        [*valgrind, *map(str, command)], env=env, capture_output=True, text=True, check=False
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    return int(found.group(1)) if found and result.returncode == 0 else None


def instruction_report(args: argparse.Namespace, env: dict[str, str]) -> tuple[str, bool]:
    todo = {name: command for name, command in commands(args).items() if command[0] != "env"}
    for command in todo.values():
        run_once(command, env=env)  # compiled modules cached before counting
    counted = {name: instructions(command, env) for name, command in todo.items()}
    lines = ["| command | instructions |", "|---|---:|"]
    for name, count in counted.items():
        shown = f"{count / 1e6:,.0f} M" if count else "failed"
        lines.append(f"| {name} | {shown} |")
    for command, yardstick, most in GOALS:
        if counted[command] and counted[yardstick]:
            ratio = counted[command] / counted[yardstick]  # type: ignore[operator]
            lines.append(f"\n{command} / {yardstick}: {ratio:.2f}x (goal at most {most:g}x)")
    return "\n".join(lines), all(counted.values())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    env = bytecode_env(None if args.no_pycache else args.pycache)
    if args.instructions:
        if shutil.which("valgrind") is None:
            print("--instructions needs valgrind (Debian: apt-get install valgrind)")
            return 1
        table, complete = instruction_report(args, env)
        print(table)
        return 0 if complete else 1
    todo = commands(args)
    runs: dict[str, list[Run]] = {name: [] for name in todo}
    for command in todo.values():
        run_once(command, env=env)  # warm-up: the page cache and compiled modules
    before = load_average()
    for _ in range(args.runs):
        for name, command in todo.items():
            runs[name].append(run_once(command, env=env))
    print(report(todo, runs, f"{before} before, {load_average()} after"))
    return 0 if all(r.returncode == 0 for m in runs.values() for r in m) else 1


if __name__ == "__main__":
    sys.exit(main())
