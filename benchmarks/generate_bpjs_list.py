"""Generate a Pemda roster, the BPJS list that bills it and another payer's list, with planted
differences in known numbers, for the `jbudget reconcile` benchmark (issue 16).

The roster is `generate_roster.py`'s, drawn with every NIK of Kota Metro (18.72) and every age
between 19 and 64 on 1 January 2025, so that `reconcile-metro.yaml`'s eligibility rules
(`nik_regions: ["18.72"]`, ages 18 to 65) refuse only the people planted for it; its faulty and
repeated rows are the roster generator's (`--invalid-share`, `--duplicate-share`).

The BPJS list (`nik,name,kpj,group,declared_income,programs`) bills every person the roster
accepts (the first of their rows, in line order), with the roster's group, its declared income
(the group's figure where the roster leaves it blank) and `jkk+jkm`, in another order, except:

- `listed_not_billed`: people dropped from the BPJS list;
- `billed_not_listed`: people only on the BPJS list (Kota Metro NIKs the roster does not hold);
- `mismatched`: people billed with a declared income in another band;
- `duplicate`: BPJS rows repeated, people on the roster and the BPJS list who are also on the
  other payer's list (one entry each, on two rows), and people only on the roster also on that
  list (one);
- `ineligible`: people on both lists whose NIK is of another Lampung regency, or who are over
  65 on 1 January 2025 (born 1944-1958, 28 years before their draw); both lists carry the same NIK.

The other payer's list (`nik,name`) holds those people and as many again who are on neither
list. A planted person has exactly one roster row, so every planted difference lands in one
category; the expected counts (`--expected FILE`, and the summary) follow from the planting:
matched = accepted people - every planted roster person; duplicate = the roster's repeated rows +
repeated BPJS rows + the people on the other list (on both lists or on the roster only): a
person counts once, as jbudget's entries do.

The same `--rows` and `--seed` always give the same three files, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl
from generate_roster import AGES, FAULTY, GROUPS, OTHER_REGENCIES, assemble, build, draw_people

RECONCILE_AGES = (AGES[0], 64.0)  # everyone eligible for min_age 18, max_age 65
EXTRA_SERIAL = 5000  # added to the serial of people not on the roster: no NIK is shared by chance
OVER_AGE_SHIFT = 28  # planted over-age people are born 28 years earlier (leap days stay): 1944-1958
OVER_AGE_BORN = (72, 86)  # ... so they are chosen among those born 1972-1986
BPJS_HEADER = ["nik", "name", "kpj", "group", "declared_income", "programs"]
PROGRAMS = "jkk+jkm"
# planted differences, as shares of the roster's rows (at least one each)
SHARES = {
    "listed_not_billed": 0.02,
    "billed_not_listed": 0.01,
    "mismatched": 0.02,
    "bpjs_repeated": 0.005,
    "other_both": 0.004,  # on the roster, the BPJS list and the other list
    "other_roster": 0.001,  # on the roster and the other list, not billed
    "other_only": 0.005,  # on the other list only
    "other_regency": 0.003,
    "over_age": 0.002,
}


@dataclass(frozen=True)
class Lists:
    """The three generated lists and what was planted in them."""

    roster: pl.DataFrame
    bpjs: pl.DataFrame
    other: pl.DataFrame
    planted: dict[str, int]
    expected: dict[str, int]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, required=True, help="rows of the roster")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--roster", type=Path, required=True, help="roster CSV to write")
    parser.add_argument("--bpjs", type=Path, required=True, help="BPJS list CSV to write")
    parser.add_argument("--other", type=Path, required=True, help="other payer's CSV to write")
    parser.add_argument("--expected", type=Path, help="JSON file for the expected counts")
    parser.add_argument(
        "--invalid-share", type=float, default=0.01, help="roster rows with one fault (0.01)"
    )
    parser.add_argument(
        "--duplicate-share", type=float, default=0.005, help="roster rows repeating a NIK (0.005)"
    )
    parser.add_argument("--quiet", action="store_true", help="print no summary")
    return parser.parse_args(argv)


def planted_counts(rows: int) -> dict[str, int]:
    return {name: max(1, round(rows * share)) for name, share in SHARES.items()}


def accepted_people(roster: pl.DataFrame, kind: np.ndarray) -> tuple[pl.DataFrame, int]:
    """The roster's accepted people (the first valid row of each NIK, in line order, with its
    line and NIK without padding), and how many valid rows repeat an earlier NIK."""
    numbered = roster.with_row_index("line").with_columns(key=pl.col("nik").str.strip_chars())
    valid = numbered.filter(pl.Series(kind) != FAULTY)
    firsts = valid.unique("key", keep="first", maintain_order=True)
    repeated = valid.filter(pl.col("key").is_duplicated())["key"].unique()
    return firsts.with_columns(single=~pl.col("key").is_in(repeated.implode())), (
        valid.height - firsts.height
    )


def plant(
    rng: np.random.Generator, people: pl.DataFrame, wanted: dict[str, int]
) -> dict[str, np.ndarray]:
    """Disjoint sets of positions in `people`, one per planted difference on the roster, among
    the people with one roster row; the over-age ones among those born 1972-1986."""
    single = np.flatnonzero(people["single"].to_numpy())
    order = single[rng.permutation(len(single))]
    born = people["key"].str.slice(10, 2).cast(pl.Int64).to_numpy()[order]
    old = (born >= OVER_AGE_BORN[0]) & (born <= OVER_AGE_BORN[1])
    chosen = {"over_age": order[old][: wanted["over_age"]]}
    rest = order[~np.isin(order, chosen["over_age"])]
    kinds = [
        "listed_not_billed",
        "mismatched",
        "bpjs_repeated",
        "other_both",
        "other_roster",
        "other_regency",
    ]
    for name in kinds:
        chosen[name], rest = rest[: wanted[name]], rest[wanted[name] :]
    return chosen


def ineligible_niks(
    rng: np.random.Generator, keys: pl.Series, chosen: dict[str, np.ndarray]
) -> pl.Series:
    """The NIKs with the planted ineligible ones changed: another Lampung regency, or a birth
    year 28 years earlier. No other NIK is outside 18.72 or born before 1960: none collides."""
    niks = keys.to_numpy().astype(object)
    regency = rng.choice(OTHER_REGENCIES, len(chosen["other_regency"]))
    for position, code in zip(chosen["other_regency"], regency, strict=True):
        niks[position] = f"{niks[position][:2]}{code:02d}{niks[position][4:]}"
    for position in chosen["over_age"]:
        year = int(niks[position][10:12]) - OVER_AGE_SHIFT
        niks[position] = f"{niks[position][:10]}{year:02d}{niks[position][12:]}"
    return pl.Series("nik", niks, pl.String)


def resolved_income() -> pl.Expr:
    """The declared income, the group's figure where the roster leaves it blank."""
    figure = pl.col("group").replace_strict({g[0]: str(g[2]) for g in GROUPS})
    return pl.col("declared_income").fill_null(figure).cast(pl.Int64)


def other_band(income: pl.Expr) -> pl.Expr:
    """An income in another BPU band: Rp1,000,000 more below Rp2,000,000 (bands there are at
    most Rp1,100,000 wide), else Rp1,500,000 (band 4)."""
    return pl.when(income < 2_000_000).then(income + 1_000_000).otherwise(1_500_000)


def bpjs_rows(rng: np.random.Generator, people: pl.DataFrame) -> pl.DataFrame:
    """BPJS rows for `people` (columns nik, name, group, income, mismatched)."""
    income = resolved_income()
    kpj = rng.integers(10**10, 10**11, people.height)
    return people.select(
        pl.col("nik"),
        pl.col("name").str.to_uppercase(),
        pl.Series("kpj", kpj).cast(pl.String),
        pl.col("group"),
        pl.when(pl.col("mismatched"))
        .then(other_band(income))
        .otherwise(income)
        .cast(pl.String)
        .alias("declared_income"),
        pl.lit(PROGRAMS).alias("programs"),
    )


def outsiders(rng: np.random.Generator, count: int, roster_serials: int) -> pl.DataFrame:
    """`count` Kota Metro people not on the roster: their serials start at EXTRA_SERIAL + 1."""
    if roster_serials >= EXTRA_SERIAL:
        raise ValueError("too many people born on one day in one district: fewer rows")
    people = draw_people(rng, count, 1.0, RECONCILE_AGES)
    frame = assemble(rng, count, people)
    return frame.with_columns(nik=(pl.col("nik") + EXTRA_SERIAL).cast(pl.String))


def generate(rows: int, seed: int, invalid_share: float, duplicate_share: float) -> Lists:
    rng = np.random.default_rng(seed)
    roster, _, kind = build(
        rng, rows, invalid_share, duplicate_share, metro_share=1.0, ages=RECONCILE_AGES
    )
    people, repeated_rows = accepted_people(roster, kind)
    wanted = planted_counts(rows)
    chosen = plant(rng, people, wanted)
    padding = people["nik"].str.slice(16)  # a space after some NIKs: it stays where it was
    people = people.with_columns(ineligible_niks(rng, people["key"], chosen))
    roster = roster.with_columns(roster["nik"].scatter(people["line"], people["nik"] + padding))
    planted = {name: len(positions) for name, positions in chosen.items()}
    flags = {name: np.zeros(people.height, bool) for name in chosen}
    for name, positions in chosen.items():
        flags[name][positions] = True
    people = people.with_columns(mismatched=pl.Series(flags["mismatched"]))
    dropped = flags["listed_not_billed"] | flags["other_roster"]
    billed = people.filter(pl.Series(~dropped))
    serials = int(people["key"].str.slice(12, 4).cast(pl.Int64).max() or 0)  # type: ignore[arg-type]
    extra = outsiders(rng, wanted["billed_not_listed"] + wanted["other_only"], serials)
    newcomers = extra.head(wanted["billed_not_listed"]).with_columns(mismatched=pl.lit(False))
    planted["billed_not_listed"] = newcomers.height
    repeated = people.filter(pl.Series(flags["bpjs_repeated"]))
    bpjs = pl.concat([bpjs_rows(rng, frame) for frame in (billed, repeated, newcomers)])
    bpjs = bpjs[rng.permutation(bpjs.height)].select(BPJS_HEADER)
    on_other = people.filter(pl.Series(flags["other_both"] | flags["other_roster"]))
    other = pl.concat([on_other, extra.tail(wanted["other_only"])], how="diagonal")
    other = other.select("nik", "name")
    other = other[rng.permutation(other.height)]
    expected = expected_counts(people.height, repeated_rows, planted)
    return Lists(roster, bpjs, other, planted, expected)


def expected_counts(accepted: int, repeated_rows: int, planted: dict[str, int]) -> dict[str, int]:
    """The counts of `jbudget reconcile` (entries: a person on both lists once, a repeated row
    of one list once more) the planting gives."""
    on_roster = ("listed_not_billed", "mismatched", "other_both", "other_roster")
    ineligible = planted["other_regency"] + planted["over_age"]
    return {
        "matched": accepted - sum(planted[name] for name in on_roster) - ineligible,
        "mismatched": planted["mismatched"],
        "billed_not_listed": planted["billed_not_listed"],
        "listed_not_billed": planted["listed_not_billed"],
        "ineligible": ineligible,
        "duplicate": repeated_rows
        + planted["bpjs_repeated"]
        + planted["other_both"]
        + planted["other_roster"],
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    lists = generate(args.rows, args.seed, args.invalid_share, args.duplicate_share)
    for frame, path in (
        (lists.roster, args.roster),
        (lists.bpjs, args.bpjs),
        (lists.other, args.other),
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        frame.write_csv(path)
    if args.expected is not None:
        args.expected.write_text(json.dumps(lists.expected, indent=2) + "\n", encoding="utf-8")
    if not args.quiet:
        seconds = time.perf_counter() - started
        sizes = (
            f"{lists.roster.height:,} x {lists.bpjs.height:,} rows (other: {lists.other.height:,})"
        )
        print(f"{args.bpjs}: {sizes}, {seconds:.1f} s", file=sys.stderr)
        print(
            "  planted: " + ", ".join(f"{k} {v:,}" for k, v in lists.planted.items()),
            file=sys.stderr,
        )
        print(
            "  expected: " + ", ".join(f"{k} {v:,}" for k, v in lists.expected.items()),
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
