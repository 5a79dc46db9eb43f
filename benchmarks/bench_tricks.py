"""Measure what each start-up trick of `cli/` saves, before and after in the same run.

Each trick stays only if it saves at least 5 % on its benchmark (issue 13). The tricks:

- `gc.disable()` in `cli.main.main`: no cyclic garbage collection during the run;
- `os._exit` in `cli.exit.flush_and_exit`: the process ends without the interpreter's teardown.

(The roster early start, which read and costed the roster before typer was imported, was measured
by this script at commit a97384e, `start_early` made a no-op: it saved 1.7 % of a 1,000,000-row
roster, so it was removed; see benchmarks/README.md.)

Every variant is the jbudget program started the same way, `python -c` with jbudget's entry
point, with one trick switched off before it starts (`gc.disable` a no-op, `os._exit` replaced
by `sys.exit`, which runs the teardown): nothing in jbudget reads a switch for this. The
variants run interleaved, `--runs` times each, after one warm-up; the figures are medians of the
wall time and of the CPU time (user + system) of each process, and the saving is
1 - with / without, on the wall time.

    .venv/bin/python benchmarks/bench_tricks.py                  # estimate + roster 1,000,000
    .venv/bin/python benchmarks/bench_tricks.py --rows 100000 --runs 10
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from runs import Run, bytecode_env, run_once

HERE = Path(__file__).resolve().parent
START = (
    "import sys; sys.argv[0] = 'jbudget'; {off}from jamsostek_budget.cli.start import main; main()"
)
TRICKS = {
    "gc.disable": "import gc; gc.disable = lambda: None; ",
    "os._exit": "import os; os._exit = sys.exit; ",
}
GOAL_SAVING = 0.05


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each estimate variant")
    parser.add_argument("--roster-runs", type=int, default=7, help="runs of each roster variant")
    parser.add_argument("--rows", type=int, default=1_000_000, help="roster rows (1,000,000)")
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "jbudget-bench"
    )
    parser.add_argument("--python", type=Path, default=Path(sys.executable))
    return parser.parse_args(argv)


def variants(python: Path, arguments: list[str | Path], tricks: tuple[str, ...]) -> dict:
    """The program with every trick, then without each one of `tricks`."""
    found = {"every trick": [python, "-c", START.format(off=""), *arguments]}
    for trick in tricks:
        found[f"without {trick}"] = [python, "-c", START.format(off=TRICKS[trick]), *arguments]
    return found


def measure(
    todo: dict[str, list[str | Path]], runs: int, env: dict[str, str]
) -> dict[str, list[Run]]:
    for command in todo.values():
        run_once(command, env=env)  # warm-up
    found: dict[str, list[Run]] = {name: [] for name in todo}
    for _ in range(runs):
        for name, command in todo.items():
            found[name].append(run_once(command, env=env))
    return found


def table(benchmark: str, found: dict[str, list[Run]], load: str) -> str:
    wall = {name: statistics.median(r.seconds for r in runs) for name, runs in found.items()}
    cpu = {name: statistics.median(r.cpu_seconds for r in runs) for name, runs in found.items()}
    failed = {name for name, runs in found.items() if any(r.returncode for r in runs)}
    lines = [
        f"{benchmark} (medians of {len(next(iter(found.values())))} runs, load {load})",
        "",
        "| variant | wall | CPU | trick saves (wall) | trick saves (CPU) | verdict |",
        "|---|---:|---:|---:|---:|---|",
    ]
    base = "every trick"
    for name in found:
        if name == base:
            lines.append(f"| {name} | {wall[name]:.3f} s | {cpu[name]:.3f} s | | | |")
            continue
        saves = 1 - wall[base] / wall[name]
        saves_cpu = 1 - cpu[base] / cpu[name]
        verdict = "keep" if saves >= GOAL_SAVING else "remove"
        note = " (a run failed)" if name in failed or base in failed else ""
        lines.append(
            f"| {name} | {wall[name]:.3f} s | {cpu[name]:.3f} s | {saves:.1%} | {saves_cpu:.1%} "
            f"| {verdict} (>= {GOAL_SAVING:.0%}){note} |"
        )
    return "\n".join(lines)


def roster_path(args: argparse.Namespace) -> Path:
    path = args.data_dir / f"metro-{args.rows}-seed{args.seed}.csv"
    if not path.exists():
        generator = [args.python, HERE / "generate_roster.py", "--rows", args.rows]
        command = [*generator, "--seed", args.seed, "--out", path]
        subprocess.run([str(part) for part in command], check=True)
    return path


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    env = bytecode_env(args.data_dir / "pycache")
    load = os.getloadavg()[0]
    estimate = measure(
        variants(args.python, ["estimate", "--city", "metro"], tuple(TRICKS)), args.runs, env
    )
    print(table("`jbudget estimate --city metro`", estimate, f"{load:.2f}"))
    path = roster_path(args)
    path.read_bytes()  # into the page cache
    with tempfile.TemporaryDirectory(prefix="jbudget-tricks-") as folder:
        report = Path(folder) / "roster.json"
        roster: list[str | Path] = ["roster", path, "--city", "metro", "--format", "json"]
        roster += ["--output", report, "--rejects", report.with_suffix(".csv"), "--force"]
        load = os.getloadavg()[0]
        found = measure(variants(args.python, roster, tuple(TRICKS)), args.roster_runs, env)
    print()
    print(table(f"`jbudget roster` ({args.rows:,} rows)", found, f"{load:.2f}"))
    every = [run for runs in {**estimate, **found}.values() for run in runs]
    return 0 if all(run.returncode == 0 for run in every) else 1


if __name__ == "__main__":
    sys.exit(main())
