"""`jbudget reconcile` in DuckDB SQL: the yardstick of the reconcile benchmark (issue 16).

The reconciliation of SPEC16 as an analyst who knows SQL would write it. One query reads the
roster, the BPJS list and the other payers' lists (every column as text, on every core), checks
every row, and counts the people of each category by what prices them; the premiums of those
few thousand counts are then priced in Python exactly as `duckdb_reference.py` prices a roster
(the BPU band's premium per program at 1 January of the fiscal year, rounded half up, times the
covered months). Prints `counts`, `monthly`, `annual` and `totals` as `jbudget reconcile
--format json` does, so that `bench_reconcile.py` compares them to the Rupiah.

The rules, SPEC16's:

- the roster is checked as `duckdb_reference.py` checks it; its first accepted row of a NIK is
  the person, a later row that only repeats the NIK is a `duplicate`;
- a BPJS row is accepted when its NIK passes the same checks, its numbers read, its group (if
  given) is a scenario group, its programs (`jkk+jkm`, `jkk, jkm`, `jkk/jkm`) are known, and it
  can be priced (an `amount`, or a group: its own, else the roster person's); its later rows of
  one NIK are `duplicate`s;
- per person, the first that applies: on an `--other` list (`duplicate`, every row of them);
  failing the scenario's `eligibility:` (`ineligible`); on both lists (`matched`, or
  `mismatched` when the BPJS row's group, programs or declared-income band differ);
  `billed_not_listed`; `listed_not_billed`;
- money a month and a year: the roster premium (matched, listed_not_billed), the BPJS premium
  (billed_not_listed; ineligible and duplicate people when billed; each duplicate BPJS row),
  BPJS minus roster (mismatched); the BPJS premium's months are the roster person's, else its
  group's.

Only BPU groups are priced (all of Kota Metro's are); a BPJS row's `monthly_wage` is read and
checked but prices nothing; a BPJS list of several months (a `month` column) and one column per
program are refused. A variant scenario (`extends:`) may only override top-level fields.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import yaml  # noqa: TID251 - a benchmark script, not part of the package's layers
from duckdb_reference import PROVINCES, connect, monthly_premiums

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CATEGORIES = (
    "matched",
    "mismatched",
    "billed_not_listed",
    "listed_not_billed",
    "ineligible",
    "duplicate",
)
PROGRAM_BITS = {"jkk": 1, "jkm": 2, "jht": 4, "jp": 8}
UNKNOWN_PROGRAM = 1024  # any bit above the programs': the row is rejected
# SPEC16's columns of a BPJS list and their Indonesian aliases
BPJS_COLUMNS = {
    "nik": ("nik", "no_ktp"),
    "grp": ("group", "kelompok"),
    "income": ("declared_income", "penghasilan"),
    "wage": ("monthly_wage", "upah"),
    "programs": ("programs", "program"),
    "amount": ("amount", "iuran"),
}

MACROS = """
CREATE MACRO nik_number(text) AS
    CASE WHEN regexp_full_match(text, '[0-9]{{16}}') THEN CAST(text AS BIGINT) END;
CREATE MACRO nik_ok(n) AS coalesce(
    n // 100000000000000 IN ({provinces}) AND n % 10000 > 0
    AND (plausible(1900 + n // 10000 % 100, n // 1000000 % 100, n // 100000000 % 100)
         OR plausible(2000 + n // 10000 % 100, n // 1000000 % 100, n // 100000000 % 100)),
    false);
CREATE MACRO birth_day(n) AS
    n // 100000000 % 100 - CASE WHEN n // 100000000 % 100 > 40 THEN 40 ELSE 0 END;
CREATE MACRO birth_year(n) AS
    CASE WHEN (2000 + n // 10000 % 100) * 10000 + n // 1000000 % 100 * 100 + birth_day(n)
              <= {today} THEN 2000 ELSE 1900 END + n // 10000 % 100;
CREATE MACRO age_on(n) AS {age_year} - birth_year(n)
    - CASE WHEN n // 1000000 % 100 * 100 + birth_day(n) > {age_day} THEN 1 ELSE 0 END;
CREATE MACRO eligible(n) AS coalesce(n IN ({exceptions}), false) OR ({rules});
"""

# $roster, $bpjs: the files; {bpjs_columns}: the BPJS list's columns as text; {others}: the
# union of the other lists' NIK columns. `g` is the scenario's groups, `p` the program lists.
QUERY = """
WITH roster_read AS (
    SELECT row_number() OVER () AS line, trim(coalesce(nik, '')) AS nik,
           trim(coalesce("group", '')) AS grp_text,
           trim(coalesce(declared_income, '')) AS income_text,
           trim(coalesce(monthly_wage, '')) AS wage_text,
           trim(coalesce(start_month, '')) AS start_text,
           trim(coalesce(end_month, '')) AS end_text
    FROM read_csv($roster, all_varchar = true, header = true)
),
roster_checked AS (
    SELECT line, number, grp, income, end_month - start_month + 1 AS months,
        nik_ok(number) AND grp IS NOT NULL AND wage_text = '' AND income > 0
        AND start_month >= 1 AND end_month <= 12 AND start_month <= end_month AS valid
    FROM (
        SELECT line, nik_number(nik) AS number, g.idx AS grp, wage_text,
            coalesce(whole(income_text), g.declared_income) AS income,
            coalesce(whole(start_text), g.start_month) AS start_month,
            coalesce(whole(end_text), g.end_month) AS end_month
        FROM roster_read LEFT JOIN g ON roster_read.grp_text = g.id
    )
),
roster_rows AS (
    SELECT number, grp, income, months, valid,
        valid AND line = min(CASE WHEN valid THEN line END) OVER (PARTITION BY number) AS first
    FROM roster_checked
),
roster_people AS (SELECT number, grp, income, months FROM roster_rows WHERE first),
bpjs_read AS (
    SELECT row_number() OVER () AS line, {bpjs_columns}
    FROM read_csv($bpjs, all_varchar = true, header = true)
),
bpjs_checked AS (
    SELECT line, b.number, own.idx AS b_grp, whole(b.income_text) AS b_income,
        whole(b.amount_text) AS b_amount, p.mask AS b_mask,
        r.number IS NOT NULL AS on_roster, r.grp AS r_grp, r.income AS r_income,
        r.months AS r_months,
        nik_ok(b.number) AND (b.grp_text = '' OR own.idx IS NOT NULL)
        AND coalesce(whole(b.income_text), 0) >= 0 AND coalesce(whole(b.wage_text), 0) >= 0
        AND coalesce(whole(b.amount_text), 0) >= 0 AND coalesce(p.mask, 0) < {unknown}
        AND (whole(b.amount_text) IS NOT NULL OR own.idx IS NOT NULL OR r.grp IS NOT NULL)
        AS valid
    FROM (SELECT *, nik_number(nik) AS number FROM bpjs_read) AS b
    LEFT JOIN g AS own ON b.grp_text = own.id
    LEFT JOIN p ON b.programs_text = p.text
    LEFT JOIN roster_people AS r ON b.number = r.number
),
bpjs_rows AS (
    SELECT *,
        valid AND line = min(CASE WHEN valid THEN line END) OVER (PARTITION BY number) AS first
    FROM bpjs_checked
),
other AS (SELECT DISTINCT number FROM ({others}) WHERE nik_ok(number)),
people AS (
    SELECT number, true AS on_roster, false AS billed, grp AS r_grp, income AS r_income,
        months AS r_months, NULL AS b_grp, NULL AS b_income, NULL AS b_amount, NULL AS b_mask
    FROM roster_people ANTI JOIN (SELECT number FROM bpjs_rows WHERE first) USING (number)
    UNION ALL
    SELECT number, on_roster, true, r_grp, r_income, r_months, b_grp, b_income, b_amount, b_mask
    FROM bpjs_rows WHERE first
)
SELECT CASE WHEN other.number IS NOT NULL THEN 'duplicate'
            WHEN NOT eligible(people.number) THEN 'ineligible'
            WHEN on_roster AND billed THEN 'pair'
            WHEN billed THEN 'billed_not_listed'
            ELSE 'listed_not_billed' END AS kind,
    on_roster, billed, r_grp, r_income, r_months, b_grp, b_income, b_amount, b_mask,
    count(*) AS rows
FROM people LEFT JOIN other USING (number) GROUP BY ALL
UNION ALL
SELECT CASE WHEN first THEN 'roster_accepted' WHEN valid THEN 'roster_duplicate'
            ELSE 'roster_rejected' END,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, count(*)
FROM roster_rows GROUP BY ALL
UNION ALL
SELECT 'bpjs_rejected', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, count(*)
FROM bpjs_rows WHERE NOT valid
UNION ALL
SELECT CASE WHEN first THEN 'bpjs_accepted' ELSE 'bpjs_duplicate' END,
    on_roster, true, r_grp, r_income, r_months, b_grp, b_income, b_amount, b_mask, count(*)
FROM bpjs_rows WHERE valid GROUP BY ALL
"""


@dataclass(frozen=True)
class Count:
    """One row of the query: how many rows of one kind are priced alike."""

    kind: str
    on_roster: bool | None
    billed: bool | None
    r_grp: int | None
    r_income: int | None
    r_months: int | None
    b_grp: int | None
    b_income: int | None
    b_amount: int | None
    b_mask: int | None
    rows: int


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roster", type=Path, help="the Pemda's roster CSV")
    parser.add_argument("bpjs", type=Path, help="BPJS's list CSV")
    parser.add_argument(
        "--other", type=Path, action="append", default=[], help="another payer's list CSV"
    )
    parser.add_argument("--scenario", type=Path, default=HERE / "reconcile-metro.yaml")
    parser.add_argument("--rates", type=Path, default=ROOT / "rates" / "bpu.yaml")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    return parser.parse_args(argv)


def load_scenario(path: Path) -> dict[str, Any]:
    """The scenario, with a variant's top-level fields over the scenario it extends."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    base = data.pop("extends", None)
    if base is None:
        return data
    if any(key in data for key in ("add_groups", "remove_groups", "change_groups")):
        raise SystemExit("duckdb_reconcile: a variant may only override top-level fields")
    base_path = path.parent / base if base.endswith((".yaml", ".yml")) else None
    return load_scenario(base_path or ROOT / "examples" / f"{base}.yaml") | data


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [name.strip().lower() for name in next(csv.reader(handle), [])]


def text_columns(path: Path) -> str:
    """SELECT items naming each BPJS column as `<key>_text` (nik as `nik`), '' when absent."""
    found = header(path)
    items = [f"{cell(found, names)} AS {key}_text" for key, names in BPJS_COLUMNS.items()]
    return ", ".join(items).replace("AS nik_text", "AS nik")


def cell(found: list[str], names: tuple[str, ...]) -> str:
    """The first of `names` in the header `found`, trimmed, '' when blank or absent."""
    name = next((n for n in names if n in found), None)
    return f"trim(coalesce({quote(name)}, ''))" if name else "''"


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_text(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def eligibility_sql(scenario: dict[str, Any]) -> dict[str, str]:
    """The parts of the `eligible` macro: exceptions and rules, as SQL."""
    rules = scenario.get("eligibility") or {}
    age_on = rules.get("age_on") or date(scenario["fiscal_year"], 1, 1)
    conditions = ["true"]
    if rules.get("min_age") is not None:
        conditions.append(f"age_on(n) >= {int(rules['min_age'])}")
    if rules.get("max_age") is not None:
        conditions.append(f"age_on(n) <= {int(rules['max_age'])}")
    if rules.get("nik_regions"):
        regions = [int(str(code).replace(".", "")) for code in rules["nik_regions"]]
        conditions.append(f"n // 1000000000000 IN ({', '.join(map(str, regions))})")
    exceptions = [str(int(nik)) for nik in rules.get("exceptions", [])] or ["NULL"]
    return {
        "age_year": str(age_on.year),
        "age_day": str(age_on.month * 100 + age_on.day),
        "exceptions": ", ".join(exceptions),
        "rules": " AND ".join(conditions),
    }


def program_table(db: duckdb.DuckDBPyConnection, bpjs: Path, column: str | None) -> None:
    """Table `p`: each distinct `programs` text of the BPJS list and its bits (NULL if blank;
    UNKNOWN_PROGRAM set for a program jbudget does not know)."""
    db.execute("CREATE TABLE p (text VARCHAR, mask INTEGER)")
    if column is None:
        return
    texts = db.execute(
        f"SELECT DISTINCT trim(coalesce({quote(column)}, '')) FROM "
        "read_csv(?, all_varchar = true, header = true)",
        [str(bpjs)],
    ).fetchall()
    db.executemany("INSERT INTO p VALUES (?, ?)", [(t, program_mask(t)) for (t,) in texts])


def program_mask(text: str) -> int | None:
    if not text:
        return None
    parts = text.lower().replace(",", "+").replace("/", "+").split("+")
    return sum(PROGRAM_BITS.get(part.strip(), UNKNOWN_PROGRAM) for part in parts)


def counted(args: argparse.Namespace, scenario: dict[str, Any]) -> list[Count]:
    """The query's rows: each kind of row, counted by what prices it."""
    db = connect(scenario["groups"], args.today)
    today = args.today.year * 10_000 + args.today.month * 100 + args.today.day
    macros = MACROS.format(
        provinces=", ".join(map(str, PROVINCES)), today=today, **eligibility_sql(scenario)
    )
    db.execute(macros)
    found = header(args.bpjs)
    if {"month", "bulan", *PROGRAM_BITS} & set(found):
        raise SystemExit("duckdb_reconcile: a `month` column or one column per program")
    program_column = next((n for n in BPJS_COLUMNS["programs"] if n in found), None)
    program_table(db, args.bpjs, program_column)
    others = " UNION ALL ".join(
        f"SELECT nik_number({cell(header(path), BPJS_COLUMNS['nik'])}) AS number"
        f" FROM read_csv({quote_text(path)}, all_varchar = true, header = true)"
        for path in args.other
    )
    query = QUERY.format(
        bpjs_columns=text_columns(args.bpjs),
        unknown=UNKNOWN_PROGRAM,
        others=others or "SELECT NULL::BIGINT AS number WHERE false",
    )
    query = query.replace("$roster", "?").replace("$bpjs", "?")
    rows = db.execute(query, [str(args.roster), str(args.bpjs)]).fetchall()
    return [Count(*row) for row in rows]


class Prices:
    """The premiums of the scenario's groups: a month, in integer Rupiah."""

    def __init__(self, scenario: dict[str, Any], rates: Path) -> None:
        self.groups = scenario["groups"]
        self.bands = monthly_premiums(rates, date(scenario["fiscal_year"], 1, 1))

    def band(self, income: int) -> int:
        return max(i for i, (lower, _) in enumerate(self.bands) if lower <= income)

    def monthly(self, income: int, programs: list[str]) -> int:
        premiums = self.bands[self.band(income)][1]
        return sum(premiums[program] for program in programs)

    def roster(self, c: Count) -> tuple[int, int]:
        """The roster person's premium, a month and a year."""
        assert c.r_grp is not None and c.r_income is not None and c.r_months is not None
        monthly = self.monthly(c.r_income, self.groups[c.r_grp]["programs"])
        return monthly, monthly * c.r_months

    def bpjs(self, c: Count) -> tuple[int, int]:
        """The BPJS row's premium, a month and a year (months: the roster person's, else its
        group's)."""
        index = c.b_grp if c.b_grp is not None else c.r_grp
        group = self.groups[index] if index is not None else {}
        months = c.r_months or group.get("end_month", 12) - group.get("start_month", 1) + 1
        if c.b_amount is not None:
            return c.b_amount, c.b_amount * months
        monthly = self.monthly(self.income(c, group), self.programs(c, group))
        return monthly, monthly * months

    def income(self, c: Count, group: dict[str, Any]) -> int:
        return c.b_income if c.b_income is not None else int(group["declared_income"])

    def programs(self, c: Count, group: dict[str, Any]) -> list[str]:
        if c.b_mask is None:
            return list(group["programs"])
        return [name for name, bit in PROGRAM_BITS.items() if c.b_mask & bit]

    def mismatched(self, c: Count) -> bool:
        """The BPJS row differs from the roster person: group, programs or band."""
        assert c.r_grp is not None and c.r_income is not None
        group = self.groups[c.r_grp]
        if c.b_grp is not None and c.b_grp != c.r_grp:
            return True
        if c.b_mask is not None and set(self.programs(c, group)) != set(group["programs"]):
            return True
        own = self.groups[c.b_grp] if c.b_grp is not None else group
        return self.band(self.income(c, own)) != self.band(c.r_income)


def reconcile(args: argparse.Namespace) -> dict[str, Any]:
    scenario = load_scenario(args.scenario)
    prices = Prices(scenario, args.rates)
    counts: Counter[str] = Counter()
    monthly: Counter[str] = Counter()
    annual: Counter[str] = Counter()
    lists: Counter[str] = Counter()
    for c in counted(args, scenario):
        if c.kind.startswith(("roster_", "bpjs_")):
            lists[c.kind] += c.rows
        for category, rows, money in categorised(prices, c):
            counts[category] += rows
            monthly[category] += money[0] * c.rows
            annual[category] += money[1] * c.rows
    return report(scenario, counts, monthly, annual, lists)


def categorised(prices: Prices, c: Count) -> list[tuple[str, int, tuple[int, int]]]:
    """The category of the rows counted in `c`, how many SPEC16 counts there (people: a person
    on both lists once; a repeated row of one list once more) and the Rupiah of each, a month
    and a year."""
    if c.kind in ("roster_duplicate", "bpjs_duplicate"):
        return [("duplicate", c.rows, prices.bpjs(c) if c.kind == "bpjs_duplicate" else (0, 0))]
    if c.kind == "pair":
        roster, bpjs = prices.roster(c), prices.bpjs(c)
        if prices.mismatched(c):
            return [("mismatched", c.rows, (bpjs[0] - roster[0], bpjs[1] - roster[1]))]
        return [("matched", c.rows, roster)]
    if c.kind in ("duplicate", "ineligible"):
        # a person counts once, on one list or both (SPEC16: counts are entries, people)
        return [(c.kind, c.rows, prices.bpjs(c) if c.billed else (0, 0))]
    if c.kind in ("billed_not_listed", "listed_not_billed"):
        return [(c.kind, c.rows, prices.bpjs(c) if c.billed else prices.roster(c))]
    return []  # the lists' accepted and rejected rows: counted apart


def report(
    scenario: dict[str, Any],
    counts: Counter[str],
    monthly: Counter[str],
    annual: Counter[str],
    lists: Counter[str],
) -> dict[str, Any]:
    def totals(money: Counter[str]) -> dict[str, int]:
        paid = sum(money[c] for c in ("billed_not_listed", "ineligible", "duplicate", "mismatched"))
        protect = money["listed_not_billed"]
        return {"paid_not_owed": paid, "to_protect": protect, "net": paid - protect}

    def one_list(name: str) -> dict[str, int]:
        accepted = sum(lists[f"{name}_{kind}"] for kind in ("accepted", "duplicate"))
        rejected = lists[f"{name}_rejected"]
        return {"rows_read": accepted + rejected, "accepted": accepted, "rejected": rejected}

    return {
        "city": scenario.get("city"),
        "name": scenario.get("name"),
        "fiscal_year": scenario["fiscal_year"],
        "counts": {c: counts[c] for c in CATEGORIES},
        "monthly": {c: monthly[c] for c in CATEGORIES},
        "annual": {c: annual[c] for c in CATEGORIES},
        "totals": {"monthly": totals(monthly), "annual": totals(annual)},
        "lists": {"roster": one_list("roster"), "bpjs": one_list("bpjs")},
    }


def main(argv: list[str] | None = None) -> int:
    print(json.dumps(reconcile(parse_args(argv)), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
