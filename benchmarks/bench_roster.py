"""Benchmark `jbudget roster` against the time to only read the file, and against pandas.

For each size, one generated Metro roster (`generate_roster.py`, kept in `--data-dir` and reused)
is processed three ways, each as a fresh process, interleaved, `--repeats` times:

- floor: `python -c "import polars; polars.read_csv(FILE, infer_schema=False)"`, reading every
  column as text with the same engine as the roster reader: nothing can be faster than this;
- roster: `jbudget roster FILE --city metro --format json --output TMP --rejects TMP2 --force`,
  all checks on, the rejected rows written with their reasons;
- pandas: `pandas_reference.py FILE`, the same checks and sums in vectorized pandas, with
  pandas' default CSV parser;
- pyarrow: `pandas_reference.py FILE --engine pyarrow`, the same with pandas' pyarrow parser
  (multi-threaded, Arrow strings), when pyarrow is installed (`pip install -e '.[bench]'`).

Prints a Markdown table of median wall times and peak memory, the ratios roster/floor and
pandas/roster against the goals (pandas with either parser), and checks that both pandas runs
and jbudget agree on the annual total.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from runs import Run, bytecode_env, median_run, run_once

HERE = Path(__file__).resolve().parent
FLOOR = "import sys, polars; polars.read_csv(sys.argv[1], infer_schema=False)"
GOAL_FLOOR_RATIO = 2.0  # jbudget roster at most 2x the read-only floor
GOAL_PANDAS_RATIO = 3.0  # at least 3x faster than the pandas reference
GOAL_PEAK_MIB = 1024.0  # under 1 GiB at 1,000,000 rows
GOAL_PEAK_ROWS = 1_000_000

Commands = dict[str, list[str | Path]]


@dataclass(frozen=True)
class Result:
    """The medians of one size."""

    rows: int
    file_mib: float
    floor: Run
    roster: Run | None
    pandas: Run
    pyarrow: Run | None  # pandas with its pyarrow parser; None when pyarrow is not installed
    pandas_total: int | None
    pyarrow_total: int | None
    roster_total: int | None
    load: tuple[float, float]  # the machine's 1-minute load average before and after


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated row counts")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each command (3)")
    parser.add_argument("--seed", type=int, default=1, help="roster seed (1)")
    parser.add_argument("--city", default="metro", help="bundled city of the rosters (metro)")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "jbudget-bench",
        help="where generated rosters are kept and reused (a temporary folder)",
    )
    parser.add_argument(
        "--no-pycache",
        action="store_true",
        help="run with the inherited environment (see runs.bytecode_env); by default compiled "
        "modules are cached in DATA_DIR/pycache",
    )
    parser.add_argument("--python", type=Path, default=Path(sys.executable))
    parser.add_argument("--jbudget", type=Path, default=Path(sys.executable).parent / "jbudget")
    return parser.parse_args(argv)


def roster_file(args: argparse.Namespace, rows: int) -> Path:
    """The generated roster of `rows` rows, generated now if it is not there yet."""
    path = Path(args.data_dir) / f"metro-{rows}-seed{args.seed}.csv"
    if not path.exists():
        generator = [args.python, HERE / "generate_roster.py", "--rows", rows]
        subprocess.run(
            [str(p) for p in [*generator, "--seed", args.seed, "--out", path]], check=True
        )
    return path


def has_pyarrow(python: Path) -> bool:
    found = subprocess.run([python, "-c", "import pyarrow"], capture_output=True, check=False)
    return found.returncode == 0


def has_roster_command(jbudget: Path) -> bool:
    help_run = subprocess.run([jbudget, "roster", "--help"], capture_output=True, check=False)
    return help_run.returncode == 0


def annual_total(report: Path, *keys: str) -> int | None:
    """The annual total in a JSON report, under `keys` (None if the command wrote none)."""
    try:
        found = json.loads(report.read_text())
        for key in keys:
            found = found[key]
        return int(found)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def progress(rows: int, name: str, run: Run, stderr: Path) -> None:
    """One line per run on standard error, with the end of the error output of a failed run."""
    load = os.getloadavg()[0]
    print(
        f"{rows:>11,} {name:<7} {run.seconds:7.2f} s {run.peak_mib:7,.0f} MiB"
        f" {run.cpu_seconds:7.2f} s CPU  load {load:.2f}",
        file=sys.stderr,
    )
    if run.returncode != 0:
        tail = stderr.read_text(errors="replace").splitlines()[-5:]
        print(f"  exit {run.returncode}: " + "\n  ".join(tail), file=sys.stderr)


def commands(args: argparse.Namespace, path: Path, report: Path, with_roster: bool) -> Commands:
    """The commands to compare on the roster `path`; jbudget writes its report to `report`."""
    found: Commands = {
        "floor": [args.python, "-c", FLOOR, path],
        "pandas": [args.python, HERE / "pandas_reference.py", path],
    }
    if has_pyarrow(args.python):
        found["pyarrow"] = [*found["pandas"], "--engine", "pyarrow"]
    if with_roster:
        found["roster"] = [args.jbudget, "roster", path, "--city", args.city, "--format", "json"]
        found["roster"] += ["--output", report, "--rejects", report.with_suffix(".rejects.csv")]
        found["roster"] += ["--force"]
    return found


def measure_size(args: argparse.Namespace, rows: int, with_roster: bool) -> Result:
    path = roster_file(args, rows)
    path.read_bytes()  # into the page cache, so that no command pays for the disk
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="jbudget-bench-") as folder:
        work = Path(folder)
        report = work / "roster.json"
        todo = commands(args, path, report, with_roster)
        env = bytecode_env(None if args.no_pycache else args.data_dir / "pycache")
        runs: dict[str, list[Run]] = {name: [] for name in todo}
        for _ in range(args.repeats):
            for name, command in todo.items():
                out, err = work / f"{name}.out", work / f"{name}.err"
                runs[name].append(run_once(command, out, err, env))
                progress(rows, name, runs[name][-1], work / f"{name}.err")
        pandas_total = annual_total(work / "pandas.out", "annual")
        pyarrow_total = annual_total(work / "pyarrow.out", "annual") if "pyarrow" in todo else None
        roster_total = annual_total(report, "totals", "annual") if with_roster else None
    medians = {name: median_run(r) for name, r in runs.items()}
    return Result(
        rows=rows,
        file_mib=path.stat().st_size / 2**20,
        floor=medians["floor"],
        roster=medians.get("roster"),
        pandas=medians["pandas"],
        pyarrow=medians.get("pyarrow"),
        pandas_total=pandas_total,
        pyarrow_total=pyarrow_total,
        roster_total=roster_total,
        load=(load_before, os.getloadavg()[0]),
    )


def markdown(results: list[Result]) -> str:
    lines = [
        "| rows | file | floor (read only) | jbudget roster | pandas (C parser) "
        "| pandas (pyarrow parser) | roster / floor | pandas C / roster | pandas pyarrow / roster "
        "| roster peak | totals agree | load |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|",
    ]
    for r in results:
        pyarrow = cell(r.pyarrow) if r.pyarrow else "not installed"
        cells = [f"{r.rows:,}", f"{r.file_mib:,.1f} MiB", cell(r.floor)]
        if r.roster is None:
            cells += ["pending", cell(r.pandas), pyarrow, *["pending"] * 5]
        elif r.roster.returncode != 0 or r.roster_total is None:
            cells += [cell(r.roster), cell(r.pandas), pyarrow, *["failed"] * 5]
        else:
            cells += [
                cell(r.roster),
                cell(r.pandas),
                pyarrow,
                verdict(r.roster.seconds / r.floor.seconds, "<=", GOAL_FLOOR_RATIO),
                verdict(r.pandas.seconds / r.roster.seconds, ">=", GOAL_PANDAS_RATIO),
                verdict(r.pyarrow.seconds / r.roster.seconds, ">=", GOAL_PANDAS_RATIO)
                if r.pyarrow
                else "-",
                peak_verdict(r.rows, r.roster),
                agreement(r),
            ]
        lines.append("| " + " | ".join([*cells, f"{r.load[0]:.1f} / {r.load[1]:.1f}"]) + " |")
    return "\n".join(lines)


def peak_verdict(rows: int, roster: Run) -> str:
    """The memory goal is for 1,000,000 rows; at other sizes, the peak is only shown."""
    if rows != GOAL_PEAK_ROWS:
        return f"{roster.peak_mib:,.0f} MiB (goal at {GOAL_PEAK_ROWS:,} rows)"
    return "under 1 GiB" if roster.peak_mib < GOAL_PEAK_MIB else "**over** 1 GiB"


def agreement(result: Result) -> str:
    """Whether jbudget and each pandas run found the same annual total."""
    totals = [result.pandas_total] + ([result.pyarrow_total] if result.pyarrow else [])
    if all(total == result.roster_total for total in totals):
        return f"yes (Rp{result.roster_total or 0:,})"
    found = ", ".join(f"Rp{total or 0:,}" for total in totals)
    return f"**NO**: jbudget Rp{result.roster_total or 0:,}, pandas {found}"


def cell(run: Run) -> str:
    failed = "" if run.returncode == 0 else f", exit {run.returncode}"
    return f"{run.seconds:.2f} s ({run.cpu_seconds:.2f} s CPU), {run.peak_mib:,.0f} MiB{failed}"


def verdict(ratio: float, sense: str, goal: float) -> str:
    met = ratio <= goal if sense == "<=" else ratio >= goal
    return f"{ratio:.2f}x ({'met' if met else 'missed'}: {sense} {goal:g}x)"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with_roster = has_roster_command(args.jbudget)
    if not with_roster:
        print("jbudget roster does not exist yet: floor and pandas only", file=sys.stderr)
    sizes = [int(size) for size in args.sizes.split(",")]
    results = [measure_size(args, rows, with_roster) for rows in sizes]
    print(markdown(results))
    print(f"\nMedian of {args.repeats} runs each; peak = the process's own max RSS; CPU = its")
    print("user + system time; load = the 1-minute load average before / after the size.")
    print(f"Goals: roster/floor <= {GOAL_FLOOR_RATIO:g}x, pandas/roster >= {GOAL_PANDAS_RATIO:g}x")
    print("(against pandas with either CSV parser),", end=" ")
    print(f"roster peak memory < {GOAL_PEAK_MIB:,.0f} MiB at 1,000,000 rows.")
    return 0 if all(succeeded(r, with_roster) for r in results) else 1


def succeeded(result: Result, with_roster: bool) -> bool:
    """Every run exited 0, and pandas (either parser) and jbudget agree on the total."""
    pandas = [result.pandas] + ([result.pyarrow] if result.pyarrow else [])
    runs = [result.floor, *pandas] + ([result.roster] if result.roster else [])
    totals = [result.pandas_total] + ([result.pyarrow_total] if result.pyarrow else [])
    if any(run.returncode != 0 for run in runs) or None in totals:
        return False
    return not with_roster or all(total == result.roster_total for total in totals)


if __name__ == "__main__":
    sys.exit(main())
