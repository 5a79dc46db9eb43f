"""Benchmark `jbudget reconcile` against the time to only read both lists and against DuckDB.

For each size, one generated roster, its BPJS list and another payer's list
(`generate_bpjs_list.py`, kept in `--data-dir` and reused) are processed these ways, each as a
fresh process, interleaved, `--repeats` times:

- floor: `python -c "import polars; polars.read_csv(ROSTER, ...); polars.read_csv(BPJS, ...)"`,
  reading every column of both files as text with the engine of jbudget's readers, as
  `bench_roster.py`'s floor reads one file: nothing can be faster than this;
- reconcile: `jbudget reconcile ROSTER BPJS --scenario reconcile-metro.yaml --other OTHER
  --format json -o TMP --force`, every check on;
- duckdb: `duckdb_reconcile.py ROSTER BPJS --other OTHER`, the same reconciliation in DuckDB
  SQL (the `bench` extra: `pip install -e '.[bench]'`).

Prints a Markdown table of median wall times, CPU times and peak memory, the ratios against the
goals of issue 16, and whether jbudget's `counts`, `monthly` and `annual` equal DuckDB's (and
its counts the generator's planted ones); where they differ, both sets of figures in full.
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
from typing import Any

from bench_roster import cell, progress, verdict
from runs import Run, bytecode_env, median_run, run_once

HERE = Path(__file__).resolve().parent
FLOOR = (
    "import sys, polars\nfor path in sys.argv[1:]:\n    polars.read_csv(path, infer_schema=False)"
)
GOAL_FLOOR_RATIO = 2.0  # jbudget reconcile at most 2x the read-only floor (1,000,000 rows)
GOAL_DUCKDB_RATIO = 1.0  # at least as fast as DuckDB (1,000,000 rows)
GOAL_PEAK_MIB = 4096.0  # under 4 GiB at 10,000,000 rows
GOAL_PEAK_ROWS = 10_000_000
COMPARED = ("counts", "monthly", "annual")
LISTS = ("roster", "bpjs", "other")


@dataclass(frozen=True)
class Result:
    """The medians of one size, and what each command found."""

    rows: int
    file_mib: dict[str, float]
    runs: dict[str, Run]  # command -> its median run
    found: dict[str, dict[str, Any] | None]  # reconcile, duckdb, expected -> its figures
    load: tuple[float, float]  # the machine's 1-minute load average before and after

    def ratio(self, slower: str, faster: str) -> float:
        return self.runs[slower].seconds / self.runs[faster].seconds


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated roster rows")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each command (3)")
    parser.add_argument("--seed", type=int, default=2, help="generator seed (2)")
    parser.add_argument("--scenario", type=Path, default=HERE / "reconcile-metro.yaml")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "jbudget-bench",
        help="where generated lists are kept and reused (a temporary folder)",
    )
    parser.add_argument(
        "--no-pycache",
        action="store_true",
        help="run with the inherited environment (see runs.bytecode_env); by default compiled "
        "modules are cached in DATA_DIR/pycache",
    )
    parser.add_argument(
        "--without-jbudget",
        action="store_true",
        help="only the floor and DuckDB (for a jbudget without `reconcile`)",
    )
    parser.add_argument("--python", type=Path, default=Path(sys.executable))
    parser.add_argument("--jbudget", type=Path, default=Path(sys.executable).parent / "jbudget")
    return parser.parse_args(argv)


def list_files(args: argparse.Namespace, rows: int) -> dict[str, Path]:
    """The generated lists of `rows` roster rows (and the expected counts), generated now if
    they are not there yet."""
    stem = Path(args.data_dir) / f"reconcile-{rows}-seed{args.seed}"
    paths = {name: stem.with_name(f"{stem.name}-{name}.csv") for name in LISTS}
    paths["expected"] = stem.with_name(f"{stem.name}-expected.json")
    if not all(path.exists() for path in paths.values()):
        command = [args.python, HERE / "generate_bpjs_list.py", "--rows", rows]
        command += ["--seed", args.seed, *(f"--{name}={path}" for name, path in paths.items())]
        subprocess.run([str(part) for part in command], check=True)
    return paths


def commands(
    args: argparse.Namespace, paths: dict[str, Path], report: Path
) -> dict[str, list[str | Path]]:
    """The commands to compare; jbudget writes its report to `report`."""
    lists: list[str | Path] = [paths["roster"], paths["bpjs"]]
    other: list[str | Path] = ["--other", paths["other"]]
    reconcile: list[str | Path] = [args.jbudget, "reconcile", *lists, "--scenario", args.scenario]
    reconcile += [*other, "--format", "json", "-o", report, "--force"]
    todo: dict[str, list[str | Path]] = {"floor": [args.python, "-c", FLOOR, *lists]}
    if not args.without_jbudget:
        todo["reconcile"] = reconcile
    duckdb = [args.python, HERE / "duckdb_reconcile.py", *lists, *other]
    todo["duckdb"] = [*duckdb, "--scenario", args.scenario]
    return todo


def figures(path: Path) -> dict[str, Any] | None:
    """counts, monthly and annual of a JSON report (None if the command wrote none)."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
        return {key: found[key] for key in COMPARED} if "counts" in found else {"counts": found}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def measure_size(args: argparse.Namespace, rows: int) -> Result:
    paths = list_files(args, rows)
    for name in LISTS:
        paths[name].read_bytes()  # into the page cache, so that no command pays for the disk
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="jbudget-bench-") as folder:
        work = Path(folder)
        report = work / "reconcile.json"
        todo = commands(args, paths, report)
        env = bytecode_env(None if args.no_pycache else args.data_dir / "pycache")
        runs: dict[str, list[Run]] = {name: [] for name in todo}
        for _ in range(args.repeats):
            for name, command in todo.items():
                out, err = work / f"{name}.out", work / f"{name}.err"
                runs[name].append(run_once(command, out, err, env))
                progress(rows, name, runs[name][-1], err)
        found = {"duckdb": figures(work / "duckdb.out"), "expected": figures(paths["expected"])}
        if "reconcile" in todo:
            found["reconcile"] = figures(report)
    return Result(
        rows=rows,
        file_mib={name: paths[name].stat().st_size / 2**20 for name in LISTS},
        runs={name: median_run(measured) for name, measured in runs.items()},
        found=found,
        load=(load_before, os.getloadavg()[0]),
    )


def markdown(results: list[Result]) -> str:
    lines = [
        "| roster rows | files (roster + BPJS) | floor (read both) | jbudget reconcile | DuckDB "
        "| reconcile / floor | DuckDB / reconcile | reconcile peak | DuckDB / floor "
        "| equal figures | load |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        jbudget = "reconcile" in r.runs
        cells = [f"{r.rows:,}", f"{r.file_mib['roster'] + r.file_mib['bpjs']:,.0f} MiB"]
        cells += [cell(r.runs[name]) if name in r.runs else "-" for name in COLUMNS]
        cells += [
            verdict(r.ratio("reconcile", "floor"), "<=", GOAL_FLOOR_RATIO) if jbudget else "-",
            verdict(r.ratio("duckdb", "reconcile"), ">=", GOAL_DUCKDB_RATIO) if jbudget else "-",
            peak_verdict(r.rows, r.runs["reconcile"]) if jbudget else "-",
            f"{r.ratio('duckdb', 'floor'):.2f}x",
            agreement(r),
            f"{r.load[0]:.1f} / {r.load[1]:.1f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


COLUMNS = ("floor", "reconcile", "duckdb")


def peak_verdict(rows: int, run: Run) -> str:
    """The memory goal is for 10,000,000 rows; at other sizes, the peak is only shown."""
    shown = f"{run.peak_mib:,.0f} MiB"
    if rows != GOAL_PEAK_ROWS:
        return shown
    met = "met" if run.peak_mib < GOAL_PEAK_MIB else "**missed**"
    return f"{shown} ({met}: < 4 GiB)"


def agreement(result: Result) -> str:
    """Whether jbudget's counts and Rupiah equal DuckDB's, and DuckDB's counts the planted."""
    duckdb, expected = result.found["duckdb"], result.found["expected"]
    planted = "planted counts " + (
        "yes" if duckdb and expected and duckdb["counts"] == expected["counts"] else "**NO**"
    )
    if "reconcile" not in result.found:
        return f"DuckDB {planted}"
    jbudget = result.found["reconcile"]
    if jbudget is None or duckdb is None:
        return f"**NO**: no figures from {'jbudget' if jbudget is None else 'DuckDB'}"
    if jbudget == duckdb:
        return f"yes; DuckDB {planted}"
    keys = [f"{key} {'yes' if jbudget[key] == duckdb[key] else '**NO**'}" for key in COMPARED]
    return f"{', '.join(keys)} (see below); DuckDB {planted}"


def differences(results: list[Result]) -> list[str]:
    """Where jbudget and DuckDB (or the planting) disagree: every figure of each, per key."""
    lines = []
    for r in results:
        jbudget, duckdb = r.found.get("reconcile"), r.found["duckdb"]
        sides = {"jbudget": jbudget, "DuckDB": duckdb, "planted": r.found["expected"]}
        if "reconcile" in r.found and jbudget == duckdb:
            continue
        planted = sides["planted"]
        if (
            "reconcile" not in r.found
            and duckdb
            and planted
            and duckdb["counts"] == planted["counts"]
        ):
            continue
        lines.append(f"\n{r.rows:,} rows: the figures differ")
        for side, found in sides.items():
            for key in COMPARED:
                if found is not None and key in found:
                    lines.append(f"  {side:<8} {key:<8} {json.dumps(found[key])}")
            if found is None:
                lines.append(f"  {side:<8} no figures (see the command's errors above)")
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    results = [measure_size(args, rows) for rows in sizes]
    print(markdown(results))
    print("\n".join(differences(results)))
    print(f"\nMedian of {args.repeats} runs each; peak = the process's own max RSS; CPU = its")
    print("user + system time; load = the 1-minute load average before / after the size.")
    print(f"Goals: at 1,000,000 x 1,000,000 rows reconcile/floor <= {GOAL_FLOOR_RATIO:g}x and")
    print(f"DuckDB/reconcile >= {GOAL_DUCKDB_RATIO:g}x; reconcile peak < 4 GiB at 10,000,000.")
    return 0 if all(succeeded(r) for r in results) else 1


def succeeded(result: Result) -> bool:
    """Every run exited 0, and jbudget and DuckDB found the same figures."""
    if any(run.returncode != 0 for run in result.runs.values()):
        return False
    duckdb = result.found["duckdb"]
    if "reconcile" in result.found:
        return duckdb is not None and result.found["reconcile"] == duckdb
    expected = result.found["expected"]
    return duckdb is not None and expected is not None and duckdb["counts"] == expected["counts"]


if __name__ == "__main__":
    sys.exit(main())
