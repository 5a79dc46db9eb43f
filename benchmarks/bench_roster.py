"""Benchmark `jbudget roster` against the time to only read the file, DuckDB and pandas.

For each size, one generated Metro roster (`generate_roster.py`, kept in `--data-dir` and reused)
is processed these ways, each as a fresh process, interleaved, `--repeats` times:

- floor: `python -c "import polars; polars.read_csv(FILE, infer_schema=False)"`, reading every
  column as text with the same engine as the roster reader: nothing can be faster than this;
- roster: `jbudget roster FILE --city metro --format json --output TMP --rejects TMP2 --force`,
  all checks on, the rejected rows written with their reasons;
- duckdb: `duckdb_reference.py FILE`, the same checks and sums in DuckDB SQL;
- pandas: `pandas_reference.py FILE`, the same checks and sums in vectorized pandas, with
  pandas' default CSV parser;
- pyarrow: `pandas_reference.py FILE --engine pyarrow`, the same with pandas' pyarrow parser
  (multi-threaded, Arrow strings), for reference.

DuckDB, pandas and pyarrow are the `bench` extra (`pip install -e '.[bench]'`).

Prints a Markdown table of median wall times, CPU times and peak memory, the ratios against the
goals, and checks that every yardstick and jbudget agree on the annual total, to the Rupiah.
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
GOAL_DUCKDB_RATIO = 1.3  # at least 1.3x faster than the DuckDB reference (1,000,000 rows)
GOAL_PANDAS_RATIO = 3.0  # at least 3x faster than pandas, default parser (1,000,000 rows)
GOAL_PEAK_MIB = 1536.0  # under 1.5 GiB at 10,000,000 rows
GOAL_PEAK_ROWS = 10_000_000
YARDSTICKS = ("duckdb", "pandas", "pyarrow")  # whose totals must equal jbudget's

Commands = dict[str, list[str | Path]]


@dataclass(frozen=True)
class Result:
    """The medians of one size."""

    rows: int
    file_mib: float
    runs: dict[str, Run]  # command -> its median run
    totals: dict[str, int | None]  # command -> the annual total it printed
    load: tuple[float, float]  # the machine's 1-minute load average before and after

    def ratio(self, slower: str, faster: str) -> float:
        return self.runs[slower].seconds / self.runs[faster].seconds


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated row counts")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each command (3)")
    parser.add_argument("--seed", type=int, default=2, help="roster seed (2)")
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
    parser.add_argument(
        "--pandas-up-to",
        type=int,
        default=10_000_000,
        help="run the pandas references only up to this many rows (they take 30 s at 10M)",
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


def commands(args: argparse.Namespace, path: Path, report: Path) -> Commands:
    """The commands to compare on the roster `path`; jbudget writes its report to `report`."""
    roster: list[str | Path] = [args.jbudget, "roster", path, "--city", args.city]
    roster += ["--format", "json", "--output", report]
    roster += ["--rejects", report.with_suffix(".rejects.csv"), "--force"]
    pandas: list[str | Path] = [args.python, HERE / "pandas_reference.py", path]
    return {
        "floor": [args.python, "-c", FLOOR, path],
        "roster": roster,
        "duckdb": [args.python, HERE / "duckdb_reference.py", path],
        "pandas": pandas,
        "pyarrow": [*pandas, "--engine", "pyarrow"],
    }


def measure_size(args: argparse.Namespace, rows: int) -> Result:
    path = roster_file(args, rows)
    path.read_bytes()  # into the page cache, so that no command pays for the disk
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="jbudget-bench-") as folder:
        work = Path(folder)
        report = work / "roster.json"
        todo = commands(args, path, report)
        if rows > args.pandas_up_to:
            todo = {name: command for name, command in todo.items() if name in ("floor", "roster")}
            todo["duckdb"] = commands(args, path, report)["duckdb"]
        env = bytecode_env(None if args.no_pycache else args.data_dir / "pycache")
        runs: dict[str, list[Run]] = {name: [] for name in todo}
        for _ in range(args.repeats):
            for name, command in todo.items():
                out, err = work / f"{name}.out", work / f"{name}.err"
                runs[name].append(run_once(command, out, err, env))
                progress(rows, name, runs[name][-1], work / f"{name}.err")
        totals = {name: annual_total(work / f"{name}.out", "annual") for name in todo}
        totals["roster"] = annual_total(report, "totals", "annual")
    return Result(
        rows=rows,
        file_mib=path.stat().st_size / 2**20,
        runs={name: median_run(measured) for name, measured in runs.items()},
        totals={name: total for name, total in totals.items() if name != "floor"},
        load=(load_before, os.getloadavg()[0]),
    )


def markdown(results: list[Result]) -> str:
    lines = [
        "| rows | floor (read only) | jbudget roster | DuckDB | pandas (C parser) "
        "| pandas (pyarrow parser) | roster / floor | DuckDB / roster | pandas C / roster "
        "| pyarrow / roster | roster peak | totals agree | load |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        cells = [f"{r.rows:,}"]
        cells += [cell(r.runs[name]) if name in r.runs else "-" for name in COLUMNS]
        cells += [
            verdict(r.ratio("roster", "floor"), "<=", GOAL_FLOOR_RATIO),
            verdict(r.ratio("duckdb", "roster"), ">=", GOAL_DUCKDB_RATIO),
            verdict(r.ratio("pandas", "roster"), ">=", GOAL_PANDAS_RATIO)
            if "pandas" in r.runs
            else "-",
            f"{r.ratio('pyarrow', 'roster'):.2f}x" if "pyarrow" in r.runs else "-",
            peak_verdict(r.rows, r.runs["roster"]),
            agreement(r),
            f"{r.load[0]:.1f} / {r.load[1]:.1f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


COLUMNS = ("floor", "roster", "duckdb", "pandas", "pyarrow")


def peak_verdict(rows: int, roster: Run) -> str:
    """The memory goal is for 10,000,000 rows; at other sizes, the peak is only shown."""
    shown = f"{roster.peak_mib:,.0f} MiB"
    if rows != GOAL_PEAK_ROWS:
        return shown
    met = "met" if roster.peak_mib < GOAL_PEAK_MIB else "**missed**"
    return f"{shown} ({met}: < 1.5 GiB)"


def agreement(result: Result) -> str:
    """Whether jbudget and each yardstick found the same annual total."""
    roster = result.totals.get("roster")
    others = {name: result.totals[name] for name in YARDSTICKS if name in result.totals}
    if roster is not None and all(total == roster for total in others.values()):
        return f"yes (Rp{roster:,})"
    found = ", ".join(f"{name} Rp{total or 0:,}" for name, total in others.items())
    return f"**NO**: jbudget Rp{roster or 0:,}, {found}"


def cell(run: Run) -> str:
    failed = "" if run.returncode == 0 else f", exit {run.returncode}"
    return f"{run.seconds:.2f} s ({run.cpu_seconds:.2f} s CPU), {run.peak_mib:,.0f} MiB{failed}"


def verdict(ratio: float, sense: str, goal: float) -> str:
    met = ratio <= goal if sense == "<=" else ratio >= goal
    return f"{ratio:.2f}x ({'met' if met else 'missed'}: {sense} {goal:g}x)"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    results = [measure_size(args, rows) for rows in sizes]
    print(markdown(results))
    print(f"\nMedian of {args.repeats} runs each; peak = the process's own max RSS; CPU = its")
    print("user + system time; load = the 1-minute load average before / after the size.")
    print(f"Goals: roster/floor <= {GOAL_FLOOR_RATIO:g}x; at 1,000,000 rows DuckDB/roster >=")
    print(f"{GOAL_DUCKDB_RATIO:g}x and pandas (C parser)/roster >= {GOAL_PANDAS_RATIO:g}x;")
    print("roster peak memory < 1.5 GiB at 10,000,000 rows.")
    return 0 if all(succeeded(r) for r in results) else 1


def succeeded(result: Result) -> bool:
    """Every run exited 0, and every yardstick and jbudget agree on the total."""
    if any(run.returncode != 0 for run in result.runs.values()):
        return False
    return len(set(result.totals.values())) == 1 and None not in result.totals.values()


if __name__ == "__main__":
    sys.exit(main())
