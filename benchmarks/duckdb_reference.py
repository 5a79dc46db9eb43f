"""The `jbudget roster` pipeline in DuckDB SQL: the third yardstick, beside pandas.

The same checks and sums as `pandas_reference.py` (see its docstring for the rules), as an
analyst who knows SQL would write them: one query reads the roster (every column as text, on
every core), checks every row and counts the accepted people by group, income and months; the
premiums of those few thousand counts are then priced in Python with exact fractions, rounded
half up (money.round_rupiah), as jbudget and the pandas reference do. A row whose NIK is on an
earlier row that passes every check is a duplicate: the file's line order decides which one
is first. Prints the same JSON as the pandas reference, so that `bench_roster.py` checks the
total against jbudget's to the Rupiah. Only BPU groups are supported (all of Kota Metro's are).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import duckdb
import yaml  # noqa: TID251 - a benchmark script, not part of the package's layers

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = (11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53)
PROVINCES += (61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97)
PROGRAMS = ("jkk", "jkm", "jht")
WHOLE = r"\+?[0-9]{1,18}"

# {today}: YYYYMMDD as a number; {provinces}: the codes. `g` is the scenario's groups table.
QUERY = """
WITH read AS (
    SELECT row_number() OVER () AS line, trim(coalesce(nik, '')) AS nik,
           trim(coalesce("group", '')) AS grp,
           trim(coalesce(declared_income, '')) AS income_text,
           trim(coalesce(monthly_wage, '')) AS wage_text,
           trim(coalesce(start_month, '')) AS start_text,
           trim(coalesce(end_month, '')) AS end_text
    FROM read_csv($path, all_varchar = true, header = true)
),
parsed AS (
    SELECT line, nik, g.idx AS grp, wage_text,
        CASE WHEN regexp_full_match(nik, '[0-9]{{16}}') THEN CAST(nik AS BIGINT) END AS number,
        coalesce(whole(income_text), g.declared_income) AS income,
        coalesce(whole(start_text), g.start_month) AS start_month,
        coalesce(whole(end_text), g.end_month) AS end_month
    FROM read LEFT JOIN g ON read.grp = g.id
),
born AS (
    SELECT *, number // 100000000 % 100 AS dd, number // 1000000 % 100 AS mm,
           number // 10000 % 100 AS yy
    FROM parsed
),
checked AS (
    SELECT line, number, grp, income, start_month, end_month,
        number IS NOT NULL AND number // 100000000000000 IN ({provinces})
        AND number % 10000 > 0 AND (plausible(1900 + yy, mm, dd) OR plausible(2000 + yy, mm, dd))
        AND grp IS NOT NULL AND wage_text = '' AND income > 0
        AND start_month >= 1 AND end_month <= 12 AND start_month <= end_month AS valid
    FROM born
),
kept AS (
    SELECT valid AND line = min(CASE WHEN valid THEN line END) OVER (PARTITION BY number) AS first,
           grp, income, end_month - start_month + 1 AS months
    FROM checked
)
SELECT CASE WHEN first THEN grp ELSE -1 END AS grp,
       CASE WHEN first THEN income END AS income,
       CASE WHEN first THEN months END AS months, count(*) AS people
FROM kept GROUP BY ALL
"""  # a rejected row counts in group -1
MACROS = """
CREATE MACRO whole(text) AS CASE
    WHEN text = '' THEN NULL
    WHEN regexp_full_match(text, '{whole}') THEN CAST(text AS BIGINT)
    ELSE -2 END;
CREATE MACRO leap(y) AS y % 4 = 0 AND (y % 100 <> 0 OR y % 400 = 0);
CREATE MACRO days_in(y, m) AS
    [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m]
    + CASE WHEN m = 2 AND leap(y) THEN 1 ELSE 0 END;
CREATE MACRO exists_on(y, m, d) AS m BETWEEN 1 AND 12 AND d >= 1 AND d <= days_in(y, m);
CREATE MACRO plausible(y, m, dd) AS coalesce(
    exists_on(y, m, CASE WHEN dd > 40 THEN dd - 40 ELSE dd END)
    AND y * 10000 + m * 100 + CASE WHEN dd > 40 THEN dd - 40 ELSE dd END
        BETWEEN $earliest AND $today, false);
"""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roster", type=Path, help="roster CSV")
    parser.add_argument("--scenario", type=Path, default=ROOT / "examples" / "metro.yaml")
    parser.add_argument("--rates", type=Path, default=ROOT / "rates" / "bpu.yaml")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    return parser.parse_args(argv)


def value_on(entries: list[dict[str, Any]], day: date) -> dict[str, Any]:
    """The dated entry that took effect last by `day`."""
    return max((e for e in entries if e["effective"] <= day), key=lambda e: e["effective"])


def monthly_premiums(path: Path, day: date) -> list[tuple[int, dict[str, int]]]:
    """Each BPU band's lower bound and its monthly premium per program, rounded half up."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    value = {p["name"]: value_on(p["values"], day)["value"] for p in data["parameters"]}
    table = next(t for t in data["band_tables"] if t["name"] == "bpu.income_bands")
    ratio = {p: Fraction(str(value[f"bpu.{p}_percent"])) / 100 for p in ("jkk", "jht")}
    flat = {"jkm": int(value["bpu.jkm_flat"])}
    return [
        (band["lower"], {p: half_up(band["nominal"], ratio[p]) for p in ratio} | flat)
        for band in value_on(table["versions"], day)["bands"]
    ]


def half_up(base: int, ratio: Fraction) -> int:
    """base x ratio rounded half up, in integers (money.round_rupiah)."""
    return (2 * base * ratio.numerator + ratio.denominator) // (2 * ratio.denominator)


def connect(groups: list[dict[str, Any]], today: date) -> duckdb.DuckDBPyConnection:
    """A database with the scenario's groups as table `g` and the query's macros."""
    if any(group["segment"] != "bpu" for group in groups):
        raise SystemExit("duckdb_reference: only BPU groups are supported")
    db = duckdb.connect()
    latest = today.year * 10_000 + today.month * 100 + today.day  # YYYYMMDD, as pandas'
    macros = MACROS.format(whole=WHOLE).replace("$earliest", str(latest - 100 * 10_000))
    db.execute(macros.replace("$today", str(latest)))
    db.execute(
        "CREATE TABLE g (idx INTEGER, id VARCHAR, declared_income BIGINT, "
        "start_month BIGINT, end_month BIGINT)"
    )
    db.executemany(
        "INSERT INTO g VALUES (?, ?, ?, ?, ?)",
        [
            (i, g["id"], g.get("declared_income"), g.get("start_month", 1), g.get("end_month", 12))
            for i, g in enumerate(groups)
        ],
    )
    return db


def budget(path: Path, scenario_path: Path, rates_path: Path, today: date) -> dict[str, Any]:
    scenario = yaml.safe_load(scenario_path.read_text(encoding="utf-8"))
    groups = scenario["groups"]
    bands = monthly_premiums(rates_path, date(scenario["fiscal_year"], 1, 1))
    db = connect(groups, today)
    counted = db.execute(
        QUERY.format(provinces=", ".join(map(str, PROVINCES))).replace("$path", "?"), [str(path)]
    ).fetchall()
    by_group = {g["id"]: dict.fromkeys(PROGRAMS, 0) for g in groups}
    total_rows = sum(people for *_, people in counted)
    counted = [count for count in counted if count[0] >= 0]
    for grp, income, months, people in counted:
        monthly = next(premiums for lower, premiums in reversed(bands) if lower <= income)
        sums = by_group[groups[grp]["id"]]
        for program in groups[grp]["programs"]:
            sums[program] += monthly[program] * months * people
    accepted = sum(people for *_, people in counted)
    return {
        "rows": total_rows,
        "accepted": accepted,
        "rejected": total_rows - accepted,
        "annual": sum(sum(sums.values()) for sums in by_group.values()),
        "by_program": {p: sum(sums[p] for sums in by_group.values()) for p in PROGRAMS},
        "by_group": {group: sum(sums.values()) for group, sums in by_group.items()},
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    found = budget(args.roster, args.scenario, args.rates, args.today)
    print(json.dumps(found, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
