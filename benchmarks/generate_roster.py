"""Generate a realistic synthetic Kota Metro participant roster for `jbudget roster` benchmarks.

The roster has the header `nik,name,group,declared_income,monthly_wage,start_month,end_month`.
Every row is a BPU participant of one of the seven groups of `examples/metro.yaml`, drawn in
proportion to the scenario's headcounts; `monthly_wage` is blank and `declared_income` is mostly
the group's figure (Rp1,000,000, Rp1,200,000 for guru honorer) with a spread over higher bands.

NIKs are well formed: Lampung (18), mostly Kota Metro (1872) and its five kecamatan, a birth date
that fits the group's ages (women add 40 to the day), and a serial that counts the people born on
that day in that district, so valid NIKs never collide by chance. A share of rows
(`--invalid-share`) carries exactly one fault each (a bad NIK, group, month or income), and a
share of valid rows (`--duplicate-share`) repeats the NIK of another valid row, as when a Ketua RT
is also listed as a marbot, so every check of the roster command has work to do. Valid rows also
use what a roster may do: about 3 % leave the income blank (the group's applies), 4 % leave a
month blank (January or December), 0.5 % have a space after the NIK.

Everything is drawn with numpy and assembled and written with polars: 10,000,000 rows take under
a minute (about 40 s on 2 cores). The same `--rows` and `--seed` always give the same file, byte
for byte.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

HEADER = ["nik", "name", "group", "declared_income", "monthly_wage", "start_month", "end_month"]

# (group id, headcount in examples/metro.yaml, declared income, share of women, mean age, sd)
GROUPS: list[tuple[str, int, int, float, float, float]] = [
    ("non-asn", 3699, 1_000_000, 0.45, 36.0, 9.0),
    ("ketua-rt-rw", 1400, 1_000_000, 0.10, 52.0, 9.0),
    ("guru-ngaji", 1200, 1_000_000, 0.40, 42.0, 12.0),
    ("kader-posyandu", 940, 1_000_000, 0.97, 40.0, 9.0),
    ("marbot", 600, 1_000_000, 0.02, 50.0, 11.0),
    ("guru-honorer", 500, 1_200_000, 0.70, 33.0, 7.0),
    ("penjaga-makam", 138, 1_000_000, 0.05, 52.0, 10.0),
]
FISCAL_YEAR = 2025
LAMPUNG = 18
KOTA_METRO = 72  # 18.72: Kota Metro, kecamatan 01-05
METRO_SHARE = 0.85  # the rest live in other Lampung regencies (18.01-18.13, 18.71)
OTHER_REGENCIES = np.array([*range(1, 14), 71])
INCOME_SPREAD_SHARE = 0.12  # rows that declare something other than the group's figure
AGES = (19.0, 70.0)  # ages at 1 January of the fiscal year; a draw outside is drawn again

MALE = (  # noqa: SIM905 - a list of names reads better as prose
    "Ahmad Agus Budi Bambang Dedi Eko Fajar Hendra Irfan Joko Joni Kurniawan Lukman Made "
    "Muhammad Nur Rudi Rahmat Slamet Sugeng Suparman Supriyadi Taufik Wahyu Yusuf Zainal Arif "
    "Andi Heru Iwan Dodi Firman Hasan Ilham Rizky Sutrisno Darmawan Gunawan Samsul Abdul"
).split()
FEMALE = (  # noqa: SIM905 - a list of names reads better as prose
    "Siti Sri Dewi Endang Fitri Ani Yuni Rina Wati Nur Lestari Rahayu Sumarni Suryani Ratna Eka "
    "Ika Indah Lina Maya Nining Puji Purwanti Rini Tri Umi Wulan Yanti Aminah Fatimah Khadijah "
    "Aisyah Nurhayati Sulastri Sunarti Mulyani Kartini Marlina Yuliana Susanti"
).split()
SECOND = (  # noqa: SIM905 - a list of names reads better as prose
    "Santoso Wijaya Saputra Hidayat Setiawan Pratama Kusuma Lestari Wahyuni Susilo Nugroho "
    "Purnomo Hakim Syahputra Maulana Rahman Ramadhan Anggraini Handayani Wulandari Fauzi "
    "Hasanah Aminah Safitri Utami Permata Sari Putri Ningsih Rohmah Yulianti Sanjaya Efendi "
    "Firmansyah Irawan Kurnia Saleh Sudirman Aziz Amir"
).split()
TITLES = [", S.Pd.", ", S.Pd.I.", ", A.Md.", ", S.E.", ", S.Kom."]

# One fault per invalid row; the roster command must reject each of them.
FAULTS = [
    "nik_short",  # 15 digits: one digit lost while typing
    "nik_excel",  # Excel turned the NIK into a number: 1.87201E+15
    "nik_letter",  # the letter O typed for a zero
    "nik_province",  # no such province code (10, 20, 99)
    "nik_birth_date",  # day 32 (72 for a woman): no such day
    "nik_serial",  # serial 0000
    "group_unknown",  # a label or a typo instead of a group id
    "month_range",  # end month 13
    "month_order",  # starts after it ends
    "wage_given",  # a wage for a BPU participant, who declares an income instead
    "income_negative",
    "income_text",  # a note where the amount should be
]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, required=True, help="number of data rows")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="CSV file to write")
    parser.add_argument(
        "--invalid-share", type=float, default=0.01, help="share of rows with one fault (0.01)"
    )
    parser.add_argument(
        "--duplicate-share",
        type=float,
        default=0.005,
        help="share of rows that repeat another row's NIK (0.005)",
    )
    parser.add_argument(
        "--metro-share",
        type=float,
        default=METRO_SHARE,
        help=f"share of NIKs of Kota Metro, 18.72 ({METRO_SHARE}); the rest: other Lampung "
        "regencies",
    )
    parser.add_argument(
        "--max-age",
        type=float,
        default=AGES[1],
        help=f"oldest age drawn, at 1 January of {FISCAL_YEAR} ({AGES[1]:g})",
    )
    parser.add_argument("--quiet", action="store_true", help="print no summary")
    return parser.parse_args(argv)


def draw_people(
    rng: np.random.Generator,
    rows: int,
    metro_share: float = METRO_SHARE,
    ages: tuple[float, float] = AGES,
) -> pl.DataFrame:
    """Group, sex, birth date and residence of every row, as integer columns.

    `metro_share` of them live in Kota Metro, the others in other Lampung regencies; ages lie
    within `ages` (the reconcile benchmark narrows both, so that its eligibility rules refuse
    only the people it plants)."""
    headcounts = np.array([g[1] for g in GROUPS], dtype=np.float64)
    group = rng.choice(len(GROUPS), size=rows, p=headcounts / headcounts.sum()).astype(np.int8)
    female = rng.random(rows) < np.array([g[3] for g in GROUPS])[group]
    age = rng.normal(
        np.array([g[4] for g in GROUPS])[group], np.array([g[5] for g in GROUPS])[group]
    )
    outside = (age < ages[0]) | (age > ages[1])  # redrawn, not clipped: a clip piles them up
    age[outside] = rng.uniform(*ages, int(outside.sum()))
    born = np.datetime64(f"{FISCAL_YEAR}-01-01") - (age * 365.25).astype("timedelta64[D]")
    month_start = born.astype("datetime64[M]")
    in_metro = rng.random(rows) < metro_share
    regency = np.where(in_metro, KOTA_METRO, rng.choice(OTHER_REGENCIES, size=rows))
    district = np.where(in_metro, rng.integers(1, 6, rows), rng.integers(1, 25, rows))
    return pl.DataFrame(
        {
            "group_index": group,
            "female": female,
            "regency": regency.astype(np.int64),
            "district": district.astype(np.int64),
            "day": (born - month_start).astype(np.int64) + 1,
            "month": month_start.astype(np.int64) % 12 + 1,
            "year": born.astype("datetime64[Y]").astype(np.int64) + 1970,
        }
    )


def nik_numbers(people: pl.DataFrame) -> pl.Series:
    """Valid 16-digit NIKs; the serial counts the people of one district born on one day."""
    day = pl.col("day") + pl.when(pl.col("female")).then(40).otherwise(0)
    key = ["regency", "district", "day", "month", "year", "female"]
    serial = pl.int_range(1, pl.len() + 1, dtype=pl.Int64).over(key)
    nik = (
        LAMPUNG * 10**14
        + pl.col("regency") * 10**12
        + pl.col("district") * 10**10
        + day * 10**8
        + pl.col("month") * 10**6
        + pl.col("year") % 100 * 10**4
        + serial
    )
    niks = people.select(nik.alias("nik"), serial.alias("serial"))
    if int(niks["serial"].max() or 0) > 9999:  # type: ignore[arg-type]
        raise ValueError("more than 9,999 people born on one day in one district: fewer rows")
    return niks["nik"]


def draw_names(rng: np.random.Generator, female: np.ndarray) -> pl.Series:
    """Indonesian names: one or two words, some in capitals, some teachers with a degree."""
    rows = len(female)
    frame = pl.DataFrame(
        {
            "female": female,
            "male_name": pl.Series(MALE).gather(rng.integers(0, len(MALE), rows)),
            "female_name": pl.Series(FEMALE).gather(rng.integers(0, len(FEMALE), rows)),
            "second": pl.Series(SECOND).gather(rng.integers(0, len(SECOND), rows)),
            "single": rng.random(rows) < 0.15,
            "upper": rng.random(rows) < 0.25,
            "title": pl.Series(TITLES).gather(rng.integers(0, len(TITLES), rows)),
            "titled": rng.random(rows) < 0.04,
        }
    )
    first = pl.when(pl.col("female")).then(pl.col("female_name")).otherwise(pl.col("male_name"))
    both = pl.concat_str(first, pl.lit(" "), pl.col("second"))
    name = pl.when(pl.col("single")).then(first).otherwise(both)
    name = pl.when(pl.col("upper")).then(name.str.to_uppercase()).otherwise(name)
    name = pl.when(pl.col("titled")).then(name + pl.col("title")).otherwise(name)
    return frame.select(name.alias("name")).to_series()


def draw_incomes(rng: np.random.Generator, group: np.ndarray) -> np.ndarray:
    """The group's declared income, except a spread: some lower, most of the rest a few millions."""
    income = np.array([g[2] for g in GROUPS], dtype=np.int64)[group]
    spread = rng.random(len(group)) < INCOME_SPREAD_SHARE
    lognormal = rng.lognormal(np.log(1_800_000), 0.6, len(group))
    drawn = (np.clip(lognormal, 500_000, 25_000_000) / 50_000).round().astype(np.int64) * 50_000
    return np.where(spread, drawn, income)


def draw_months(rng: np.random.Generator, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Mostly January-December; some join during the year, a few leave before December."""
    start, end = np.ones(rows, np.int64), np.full(rows, 12, np.int64)
    kind = rng.random(rows)
    joiners, leavers = kind < 0.07, (kind >= 0.07) & (kind < 0.10)
    start[joiners] = rng.integers(2, 13, int(joiners.sum()))
    end[leavers] = rng.integers(1, 12, int(leavers.sum()))
    return start, end


def assemble(
    rng: np.random.Generator, rows: int, people: pl.DataFrame | None = None
) -> pl.DataFrame:
    """A valid roster of `rows` rows, every column but the NIK already a string; of the people
    drawn by `draw_people` with its defaults, unless `people` are given."""
    people = draw_people(rng, rows) if people is None else people
    group = people["group_index"].to_numpy()
    start, end = draw_months(rng, rows)
    income = draw_incomes(rng, group)
    group_income = np.array([g[2] for g in GROUPS], dtype=np.int64)[group]
    return pl.DataFrame(
        {
            "nik": nik_numbers(people),
            "name": draw_names(rng, people["female"].to_numpy()),
            "group": pl.Series([g[0] for g in GROUPS]).gather(group),
            "declared_income": blank(income, (income == group_income) & draw(rng, rows, 0.03)),
            "start_month": blank(start, (start == 1) & (end == 12) & draw(rng, rows, 0.02)),
            "end_month": blank(end, (start == 1) & (end == 12) & draw(rng, rows, 0.02)),
        }
    ).with_columns(monthly_wage=pl.lit(None, pl.String))


def draw(rng: np.random.Generator, rows: int, share: float) -> np.ndarray:
    return rng.random(rows) < share


def blank(values: np.ndarray, where: np.ndarray) -> pl.Series:
    """The values as text, blank where a cell may be left to the group's value."""
    return pl.Series(values).cast(pl.String).scatter(np.flatnonzero(where), None)


def pad_some(rng: np.random.Generator, roster: pl.DataFrame, share: float) -> pl.DataFrame:
    """A space after some NIKs, as a copy from a spreadsheet leaves it."""
    padded = pl.Series(draw(rng, roster.height, share))
    return roster.with_columns(
        nik=pl.when(padded).then(pl.col("nik") + " ").otherwise(pl.col("nik"))
    )


def fault_columns() -> dict[str, dict[str, pl.Expr]]:
    """For each fault, the columns it replaces, computed from the valid row (`nik` as Int64) and
    a random `variant` (0-2) that picks one of the fault's forms."""
    nik, text, variant = pl.col("nik"), pl.col("nik").cast(pl.String), pl.col("variant")
    province = pl.when(variant == 0).then(10).when(variant == 1).then(20).otherwise(99)
    wrong_group = (
        pl.when(variant == 0)
        .then(pl.lit("Guru Ngaji"))
        .when(variant == 1)
        .then(pl.lit("marbot masjid"))
        .otherwise(pl.lit("rt-rw"))
    )
    return {
        "nik_short": {"nik": text.str.slice(0, 15)},
        "nik_excel": {
            "nik": pl.concat_str(
                text.str.slice(0, 1), pl.lit("."), text.str.slice(1, 5), pl.lit("E+15")
            )
        },
        "nik_letter": {"nik": text.str.replace("0", "O", literal=True, n=1)},
        "nik_province": {"nik": (nik % 10**14 + province * 10**14).cast(pl.String)},
        "nik_birth_date": {  # day 32 (or 72 for a woman) is no day at all
            "nik": (
                nik // 10**10 * 10**10 + (nik // 10**8 % 100 // 40 * 40 + 32) * 10**8 + nik % 10**8
            ).cast(pl.String)
        },
        "nik_serial": {"nik": (nik // 10**4 * 10**4).cast(pl.String)},
        "group_unknown": {"group": wrong_group},
        "month_range": {"end_month": pl.lit("13")},
        "month_order": {"start_month": pl.lit("9"), "end_month": pl.lit("3")},
        "wage_given": {"monthly_wage": pl.lit("2500000")},
        "income_negative": {"declared_income": pl.lit("-1000000")},
        "income_text": {"declared_income": pl.lit("belum ada")},
    }


def broken_rows(faulty: pl.DataFrame) -> pl.DataFrame:
    """The faulty rows with their fault applied; every column a string."""
    columns: dict[str, pl.Expr] = {}
    for index, replaced in enumerate(fault_columns().values()):
        for column, expr in replaced.items():
            base = columns.get(column, pl.col(column).cast(pl.String))
            columns[column] = pl.when(pl.col("fault") == index).then(expr).otherwise(base)
    return faulty.with_columns(**columns)


VALID, FAULTY, DUPLICATE = 0, 1, 2  # what `inject_faults` made of each row


def inject_faults(
    rng: np.random.Generator, roster: pl.DataFrame, invalid_share: float, duplicate_share: float
) -> tuple[pl.DataFrame, dict[str, int], np.ndarray]:
    """Give a share of rows one fault each and a share of other rows a repeated NIK; also says
    which rows are VALID, FAULTY or DUPLICATE, for the generators built on this one."""
    rows = roster.height
    order = rng.permutation(rows)
    invalid_count, duplicate_count = round(rows * invalid_share), round(rows * duplicate_share)
    faulty = np.sort(order[:invalid_count])
    duplicates = order[invalid_count : invalid_count + duplicate_count]
    valid_pool = order[invalid_count + duplicate_count :]
    nik = roster["nik"].to_numpy().copy()
    if duplicate_count and len(valid_pool):
        nik[duplicates] = nik[rng.choice(valid_pool, duplicate_count)]
    fault = rng.integers(0, len(FAULTS), invalid_count)
    broken = broken_rows(
        roster[faulty].with_columns(
            nik=pl.Series(nik[faulty]),
            fault=pl.Series(fault),
            variant=pl.Series(rng.integers(0, 3, invalid_count)),
        )
    )
    frame = roster.with_columns(nik=pl.Series(nik).cast(pl.String))
    positions = pl.Series(faulty)
    frame = frame.with_columns(
        frame[column].scatter(positions, broken[column]) for column in HEADER
    )
    counts = {name: int((fault == index).sum()) for index, name in enumerate(FAULTS)}
    counts["duplicate_nik"] = duplicate_count
    kind = np.full(rows, VALID, np.int8)
    kind[faulty], kind[duplicates] = FAULTY, DUPLICATE
    return frame.select(HEADER), counts, kind


def generate(
    rows: int,
    seed: int,
    invalid_share: float,
    duplicate_share: float,
    *,
    metro_share: float = METRO_SHARE,
    ages: tuple[float, float] = AGES,
) -> tuple[pl.DataFrame, dict[str, int]]:
    rng = np.random.default_rng(seed)
    roster, counts, _ = build(
        rng, rows, invalid_share, duplicate_share, metro_share=metro_share, ages=ages
    )
    return roster, counts


def build(
    rng: np.random.Generator,
    rows: int,
    invalid_share: float,
    duplicate_share: float,
    *,
    metro_share: float = METRO_SHARE,
    ages: tuple[float, float] = AGES,
) -> tuple[pl.DataFrame, dict[str, int], np.ndarray]:
    """The roster, its fault counts and what each row is (see `inject_faults`), drawn with
    `rng`, which the caller may go on drawing from."""
    people = draw_people(rng, rows, metro_share, ages)
    roster, counts, kind = inject_faults(
        rng, assemble(rng, rows, people), invalid_share, duplicate_share
    )
    return pad_some(rng, roster, 0.005), counts, kind


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    ages = (AGES[0], args.max_age)
    roster, counts = generate(
        args.rows,
        args.seed,
        args.invalid_share,
        args.duplicate_share,
        metro_share=args.metro_share,
        ages=ages,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    roster.write_csv(args.out)
    if not args.quiet:
        size = args.out.stat().st_size / 2**20
        seconds = time.perf_counter() - started
        print(f"{args.out}: {args.rows:,} rows, {size:,.1f} MiB, {seconds:.1f} s", file=sys.stderr)
        print("  faults: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
