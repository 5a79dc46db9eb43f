"""Benchmark the start-up of `jbudget estimate --city metro` against importing its dependencies.

In one run, like hyperfine: one warm-up run of each command, then `--runs` runs of each,
interleaved so that all of them see the same machine:

- jbudget: `jbudget estimate --city metro` (standard output to /dev/null), the goal's command:
  the whole process, interpreter, imports, loading the rates and the scenario, the estimate and
  the report as a table (rich, Rupiah formats, the bar chart);
- jbudget JSON: the same with `--format json`, what a pipeline calls (no rich, no babel);
- imports: `python -c "import typer, rich, pydantic, yaml"`, the baseline of the goal. It is
  less than any program of this stack pays: pydantic and rich load their submodules lazily, and
  typer loads its pydantic-based parameter handling only when a command parses its options;
- hello (for reference, not a goal): the smallest program that uses the stack, a typer command
  with one option that fills one pydantic model and prints it as JSON with rich.

Prints the median, mean and spread of each, and the ratios of the medians: each jbudget command /
imports against the goal (1.3x), and / hello.

`--instructions` runs each command once under valgrind's callgrind instead and prints the
instructions it executed: unlike wall time, the count is the same from run to run whatever else
the machine is doing (the workplace's machines are shared). It adds one reference line, the
imports any typer program with an option pays (pydantic's models and typer's pydantic-based
option parsing, which `import typer, pydantic` leaves for later).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from runs import Run, bytecode_env, run_once

GOAL_RATIO = 1.3
IMPORTS = "import typer, rich, pydantic, yaml"
STACK = "import typer, rich, pydantic, yaml, pydantic.main, typer._adapters"
HELLO = """import typer, rich.console, yaml, pydantic
class City(pydantic.BaseModel):
    slug: str
def main(city: str = "metro") -> None:
    rich.console.Console().print_json(City(slug=city).model_dump_json())
typer.run(main)"""


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
    return {
        f"`jbudget estimate --city {args.city}`": [args.jbudget, "estimate", "--city", args.city],
        f"`jbudget estimate --city {args.city} --format json`": [
            args.jbudget, "estimate", "--city", args.city, "--format", "json",
        ],
        f'`python -c "{IMPORTS}"`': [args.python, "-c", IMPORTS],
        "hello: one typer option, one pydantic model, rich JSON": [
            args.python, "-c", HELLO, "--city", args.city,
        ],
    }  # fmt: skip


def summary(name: str, runs: list[Run]) -> str:
    times = [run.seconds * 1000 for run in runs]
    peak = statistics.median(run.peak_mib for run in runs)
    failed = [run.returncode for run in runs if run.returncode != 0]
    note = f" (exit codes {sorted(set(failed))})" if failed else ""
    spread = statistics.stdev(times) if len(times) > 1 else 0.0
    return (
        f"| {name} | {statistics.median(times):.0f} ms | {statistics.mean(times):.0f} ms "
        f"± {spread:.0f} | {min(times):.0f}-{max(times):.0f} ms | {peak:.0f} MiB |{note}"
    )


def report(runs: dict[str, list[Run]]) -> str:
    lines = ["| command | median | mean ± sd | range | peak memory |", "|---|---:|---:|---:|---:|"]
    lines += [summary(name, measured) for name, measured in runs.items()]
    *jbudget, imports, hello = (statistics.median(r.seconds for r in m) for m in runs.values())
    lines.append("")
    for name, seconds in zip(runs, jbudget, strict=False):
        verdict = "met" if seconds / imports <= GOAL_RATIO else "missed"
        lines.append(
            f"{name} / imports: {seconds / imports:.2f}x ({verdict}: goal <= {GOAL_RATIO:g}x); "
            f"/ hello: {seconds / hello:.2f}x"
        )
    count = len(next(iter(runs.values())))
    lines.append(f"Medians of {count} runs after one warm-up.")
    return "\n".join(lines)


def instructions(command: list[str | Path], env: dict[str, str]) -> int | None:
    """The instructions one run of `command` executes (callgrind's `Collected`)."""
    valgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    result = subprocess.run(
        [*valgrind, *map(str, command)], env=env, capture_output=True, text=True, check=False
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    return int(found.group(1)) if found and result.returncode == 0 else None


def instruction_report(args: argparse.Namespace, env: dict[str, str]) -> tuple[str, bool]:
    todo = commands(args)
    todo[f'reference: `python -c "{STACK}"`'] = [args.python, "-c", STACK]
    for command in todo.values():
        run_once(command, env=env)  # compiled modules cached before counting
    counted = {name: instructions(command, env) for name, command in todo.items()}
    imports = counted[f'`python -c "{IMPORTS}"`']
    lines = ["| command | instructions | / imports |", "|---|---:|---:|"]
    for name, count in counted.items():
        ratio = f"{count / imports:.2f}x" if count and imports else "-"
        shown = f"{count / 1e6:,.0f} M" if count else "failed"
        lines.append(f"| {name} | {shown} | {ratio} |")
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
    for _ in range(args.runs):
        for name, command in todo.items():
            runs[name].append(run_once(command, env=env))
    print(report(runs))
    return 0 if all(r.returncode == 0 for m in runs.values() for r in m) else 1


if __name__ == "__main__":
    sys.exit(main())
