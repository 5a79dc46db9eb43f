"""The `jbudget roster` pipeline as a careful analyst would write it in pandas: the yardstick.

Read the roster CSV (every column as text) and check every row with the roster command's rules:
the NIK (stripped) is 16 digits with a province code, a birth date DDMMYY that exists and lies
at most 100 years before today (women add 40 to the day) and a serial above 0000; the group is
one of the scenario's; a BPU row gives no wage and its declared income is whole Rupiah > 0;
months are 1..12 with start <= end; a blank income or month takes the group's; a row whose NIK is
on an earlier row that passes every check is a duplicate. (Amounts in notation, such as
Rp1.500.000, which jbudget reads, do not occur in the generated rosters.) Then look up each
accepted row's BPU band, price JKK, JKM (and JHT where the group has it) per person per month,
rounded half up, and sum per group. Prints the annual total and the counts as JSON.

Everything is vectorized: no `apply` or loop over rows. The rates come from `rates/bpu.yaml` (the
values in force on 1 January of the fiscal year: no BPU rate changes within 2025) and the groups
from the scenario, so the total equals `jbudget roster FILE --city metro` to the Rupiah;
`bench_roster.py` checks it. Only BPU groups are supported (all of Kota Metro's are).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml  # noqa: TID251 - a benchmark script, not part of the package's layers

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = [11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53]
PROVINCES += [61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97]
DAYS_IN_MONTH = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
COLUMNS = ["nik", "name", "group", "declared_income", "monthly_wage", "start_month", "end_month"]
PERCENT_PROGRAMS = ("jkk", "jht")  # a percent of the band's nominal; JKM is flat
ENGINES = ("c", "pyarrow")


@dataclass(frozen=True)
class Groups:
    """The scenario's groups as arrays, indexed by group position (-1: not a group)."""

    ids: list[str]
    declared_income: np.ndarray  # the group's, for a blank cell
    start_month: np.ndarray
    end_month: np.ndarray
    programs: dict[str, np.ndarray]  # program -> whether each group pays it


@dataclass(frozen=True)
class Rates:
    percent: dict[str, Fraction]  # jkk, jht: share of the band's nominal (1 % = 1/100)
    jkm_flat: int
    lowers: np.ndarray  # band lower bounds
    nominals: np.ndarray


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roster", type=Path, help="roster CSV")
    parser.add_argument("--scenario", type=Path, default=ROOT / "examples" / "metro.yaml")
    parser.add_argument("--rates", type=Path, default=ROOT / "rates" / "bpu.yaml")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="c",
        help="pandas' CSV parser: c (its default) or pyarrow (multi-threaded, Arrow strings; "
        "needs pyarrow installed)",
    )
    return parser.parse_args(argv)


def in_force(values: list[dict[str, Any]], day: date) -> dict[str, Any]:
    """The dated entry in force on `day` (the latest one that took effect by then)."""
    return max((v for v in values if v["effective"] <= day), key=lambda v: v["effective"])


def load_rates(path: Path, day: date) -> Rates:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    value = {p["name"]: in_force(p["values"], day)["value"] for p in data["parameters"]}
    table = next(t for t in data["band_tables"] if t["name"] == "bpu.income_bands")
    bands = in_force(table["versions"], day)["bands"]
    return Rates(
        {p: Fraction(str(value[f"bpu.{p}_percent"])) / 100 for p in PERCENT_PROGRAMS},
        int(value["bpu.jkm_flat"]),
        np.array([b["lower"] for b in bands], dtype=np.int64),
        np.array([b["nominal"] for b in bands], dtype=np.int64),
    )


def load_groups(scenario: dict[str, Any]) -> Groups:
    groups = scenario["groups"]
    if any(g["segment"] != "bpu" for g in groups):
        raise SystemExit("pandas_reference: only BPU groups are supported")
    return Groups(
        [g["id"] for g in groups],
        np.array([g.get("declared_income", -1) for g in groups], dtype=np.int64),
        np.array([g.get("start_month", 1) for g in groups], dtype=np.int64),
        np.array([g.get("end_month", 12) for g in groups], dtype=np.int64),
        {p: np.array([p in g["programs"] for g in groups]) for p in ("jkk", "jkm", "jht")},
    )


def read_roster(path: Path, engine: str = "c") -> pd.DataFrame:
    """Every column as text, blanks as "", as a roster must be read before it is checked; the
    columns with few distinct values as categories (parsed once per distinct value below).

    With engine="pyarrow" the file is parsed on every core into Arrow-backed strings, whose
    .str methods run in Arrow's compute kernels: the fastest pandas can read and check text.
    (That engine refuses `na_filter`; with no NA values at all, blanks stay "" all the same.)"""
    dtypes = dict.fromkeys(COLUMNS, str) | {"group": "category"}
    if engine == "pyarrow":
        return pd.read_csv(path, dtype=dtypes, keep_default_na=False, engine="pyarrow")
    return pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_filter=False)


def by_category(text: pd.Series, convert: Callable[[pd.Index], np.ndarray]) -> np.ndarray:
    """`convert` applied to each distinct value of `text` once, then spread to the rows.

    Incomes, months and groups take few distinct values, so this is 10x faster than parsing the
    column row by row (`pd.to_numeric`): what a careful analyst does with such a column."""
    codes = text.astype("category").cat
    values = np.asarray(convert(codes.categories))
    rows: np.ndarray = values[codes.codes.to_numpy()]
    return rows


def whole_numbers(values: pd.Index) -> np.ndarray:
    """Stripped text -> int64; -1 for a blank, -2 for anything that is not a whole number >= 0."""
    stripped = values.str.strip()
    digits = stripped.str.fullmatch(r"\+?[0-9]{1,18}")
    numbers = np.where(digits, stripped.where(digits, "0").astype(np.int64), -2)
    return np.where(stripped == "", -1, numbers)


def nik_ok(nik: pd.Series, today: date) -> np.ndarray:
    """16 ASCII digits, a province code, a plausible birth date DDMMYY and a serial > 0000."""
    shape = ((nik.str.len() == 16) & nik.str.isdigit() & nik.str.isascii()).to_numpy()
    number = np.zeros(len(nik), dtype=np.int64)
    number[shape] = nik[shape].astype(np.int64).to_numpy()
    day = number // 10**8 % 100
    day = np.where(day > 40, day - 40, day)
    month, year = number // 10**6 % 100, number // 10**4 % 100
    ok: np.ndarray = (
        shape
        & np.isin(number // 10**14, PROVINCES)
        & birth_date_ok(day, month, year, today)
        & (number % 10**4 > 0)
    )
    return ok


def birth_date_ok(day: np.ndarray, month: np.ndarray, year: np.ndarray, today: date) -> np.ndarray:
    """The date exists in 19YY or 20YY and lies within the 100 years up to `today`."""
    month_ok = (month >= 1) & (month <= 12)
    days = DAYS_IN_MONTH[np.where(month_ok, month, 0)]
    latest = today.year * 10_000 + today.month * 100 + today.day
    ok = np.zeros(len(day), dtype=bool)
    for full_year in (year + 1900, year + 2000):
        leap = (full_year % 4 == 0) & ((full_year % 100 != 0) | (full_year % 400 == 0))
        exists = month_ok & (day >= 1) & (day <= days + (leap & (month == 2)))
        key = full_year * 10_000 + month * 100 + day
        ok |= exists & (key <= latest) & (key >= latest - 100 * 10_000)
    return ok


def group_values(field: np.ndarray, text: pd.Series, group: np.ndarray) -> np.ndarray:
    """A row's own whole number, or its group's for a blank cell (negative: invalid)."""
    own = by_category(text, whole_numbers)
    return np.where(own == -1, np.where(group >= 0, field[group], -1), own)


def check(roster: pd.DataFrame, groups: Groups, today: date) -> pd.DataFrame:
    """The accepted rows: group (position), declared income, start and end month."""
    nik = roster["nik"].str.strip()
    group = by_category(
        roster["group"], lambda ids: pd.Index(groups.ids).get_indexer(ids.str.strip())
    )
    income = group_values(groups.declared_income, roster["declared_income"], group)
    start = group_values(groups.start_month, roster["start_month"], group)
    end = group_values(groups.end_month, roster["end_month"], group)
    no_wage = by_category(roster["monthly_wage"], lambda wages: wages.str.strip() == "")
    valid = (
        nik_ok(nik, today)
        & (group >= 0)
        & no_wage
        & (income > 0)
        & (start >= 1)
        & (end <= 12)
        & (start <= end)
    )
    # duplicates are judged among the otherwise valid rows: the first valid row of a NIK counts
    accepted = valid & ~(nik.where(valid).duplicated(keep="first") & valid).to_numpy()
    return pd.DataFrame({"group": group, "income": income, "start": start, "end": end}).loc[
        accepted
    ]


def half_up(base: np.ndarray, ratio: Fraction) -> np.ndarray:
    """base x ratio rounded half up, in integers (money.round_rupiah)."""
    return (2 * base * ratio.numerator + ratio.denominator) // (2 * ratio.denominator)


def premiums(rows: pd.DataFrame, groups: Groups, rates: Rates) -> pd.DataFrame:
    """Each accepted row's premium for the year, per program (0 where its group has none)."""
    band = np.searchsorted(rates.lowers, rows["income"].to_numpy(), side="right") - 1
    months = (rows["end"] - rows["start"] + 1).to_numpy()
    group = rows["group"].to_numpy()
    monthly = {p: half_up(rates.nominals, rates.percent[p])[band] for p in PERCENT_PROGRAMS}
    monthly["jkm"] = np.full(len(rows), rates.jkm_flat, dtype=np.int64)
    return pd.DataFrame(
        {p: monthly[p] * months * groups.programs[p][group] for p in ("jkk", "jkm", "jht")}
        | {"group": pd.Categorical.from_codes(group, groups.ids)}
    )


def budget(
    path: Path, scenario_path: Path, rates_path: Path, today: date, engine: str = "c"
) -> dict[str, Any]:
    scenario = yaml.safe_load(scenario_path.read_text(encoding="utf-8"))
    groups = load_groups(scenario)
    rates = load_rates(rates_path, date(scenario["fiscal_year"], 1, 1))
    roster = read_roster(path, engine)
    accepted = check(roster, groups, today)
    costs = premiums(accepted, groups, rates)
    by_group = costs.groupby("group", observed=False).sum()
    return {
        "rows": len(roster),
        "accepted": len(accepted),
        "rejected": len(roster) - len(accepted),
        "annual": int(by_group.to_numpy().sum()),
        "by_program": {p: int(by_group[p].sum()) for p in ("jkk", "jkm", "jht")},
        "by_group": {str(g): int(row.sum()) for g, row in by_group.iterrows()},
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    found = budget(args.roster, args.scenario, args.rates, args.today, args.engine)
    print(json.dumps(found, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
