"""Checks of the NIK (Nomor Induk Kependudukan, the 16-digit national ID number) as vectorised
polars expressions: its shape, its province code, the birth date it encodes and its serial.

A NIK is PP.KK.CC.DDMMYY.SSSS: province, regency, district, birth date (women add 40 to the
day) and a serial that starts at 0001. `with_nik_columns` adds helper columns to a lazy frame,
`nik_fails` tells the rows that fail any check and `nik_checks` says why (for the rows a first
look did not accept). `nik_passes` is that first look: the same checks in a few operations, the
birth date looked up in a table of the plausible days of each month. Nothing here loops over
rows.
"""

from __future__ import annotations

import calendar
from datetime import date
from functools import cache

import polars as pl

from jamsostek_budget.i18n import N_, _
from jamsostek_budget.roster.reasons import clipped, reason

# Two-digit province codes of Kemendagri's administrative area codes ("Kode dan Data Wilayah
# Administrasi Pemerintahan", Permendagri 72/2019 and its updates), which open every NIK. The
# Papua provinces formed in 2022 took 93-96 (Papua Selatan 93 and Papua Pegunungan 95 checked
# against their "Kode Kemendagri" in id.wikipedia; 94 Papua Tengah and 96 Papua Barat Daya
# follow the same list, not checked against the decree). 97 is accepted because the issue
# specifies 91-97, though no province is known to hold it. A NIK keeps the code of the
# province that issued it, so a code stays valid after its province is split.
PROVINCE_CODES: tuple[str, ...] = (
    *("11", "12", "13", "14", "15", "16", "17", "18", "19"),  # Sumatra
    "21",  # Kepulauan Riau
    *("31", "32", "33", "34", "35", "36"),  # Java
    *("51", "52", "53"),  # Bali and Nusa Tenggara
    *("61", "62", "63", "64", "65"),  # Kalimantan
    *("71", "72", "73", "74", "75", "76"),  # Sulawesi
    *("81", "82"),  # Maluku
    *("91", "92", "93", "94", "95", "96", "97"),  # Papua
)
PROVINCES = [int(code) for code in PROVINCE_CODES]
NIK_LENGTH = 16
WOMAN_DAY_OFFSET = 40
MAX_AGE_YEARS = 100
MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
DAYS_IN_MONTH = pl.lit(pl.Series(MONTH_DAYS, dtype=pl.Int32))
# helper columns added to the frame
NUMBER, BORN = "_jbudget_nik_number", "_jbudget_nik_born"
DAY, MONTH, YEAR = "_jbudget_nik_day", "_jbudget_nik_month", "_jbudget_nik_year"
IN_MONTH, LEAP_DAY, KEY = "_jbudget_nik_in_month", "_jbudget_nik_leap_day", "_jbudget_nik_key"
EXISTS, PLAUSIBLE = "_jbudget_nik_date_exists", "_jbudget_nik_date_plausible"
# a NIK a spreadsheet holds as a number: Excel keeps 15 digits of a number, so the 16th is lost
# (in a CSV it shows as '1.87201E+15'; in a workbook, as a cell that is not text)
SPREADSHEET_NUMBER = N_(
    "nik '{nik}' was turned into a number by a spreadsheet: format the column as Text and "
    "type the NIK again"
)


def nik_number(text: pl.Expr) -> pl.Expr:
    """The NIK as a number when it is 16 characters that read as one (null otherwise)."""
    return pl.when(text.str.len_bytes() == NIK_LENGTH).then(text.cast(pl.Int64, strict=False))


def nik_key(number: pl.Expr) -> pl.Expr:
    """The number of a NIK of 16 digits, no sign: what the duplicate check compares."""
    return pl.when(number >= 10 ** (NIK_LENGTH - 1)).then(number)


# The days a NIK's birth date (DDMMYY, read as 19YY or 20YY) can be judged on: the century is
# told from `today`, which only works within these years.
JUDGED_FROM = date(2000, 1, 1)
JUDGED_UNTIL = date(2099, 12, 31)


def nik_passes(key: pl.Expr, today: date) -> pl.Expr:
    """True where `key` (see `nik_key`) is a NIK that passes every check on `today`, False
    otherwise (a null key too): `nik_fails` in a few operations on the number."""
    born = key // 10**4 % 10**6  # DDMMYY, women's DD + 40
    day = pl.lit(_day_bits()).gather(born // 10**4)
    plausible = pl.lit(plausible_days(today)).gather(born % 10**4)
    passes = _province(key).is_in(PROVINCES) & (key % 10**4 != 0) & ((day & plausible) != 0)
    return passes.fill_null(False)


@cache
def plausible_days(today: date) -> pl.Series:
    """Per MMYY (0..9999): bit d is set when day d of month MM of 19YY or of 20YY exists and
    lies within the 100 years up to `today`, as `_with_date_flags` decides day by day."""
    latest = (today.year, today.month, today.day)
    oldest = (today.year - MAX_AGE_YEARS, today.month, today.day)
    masks = [0] * 10_000
    for month in range(1, 13):
        for year in range(100):
            masks[month * 100 + year] = _days_within(
                1900 + year, month, oldest, latest
            ) | _days_within(2000 + year, month, oldest, latest)
    return pl.Series(masks, dtype=pl.Int64)


def _days_within(
    year: int, month: int, oldest: tuple[int, int, int], latest: tuple[int, int, int]
) -> int:
    """The bits of the days of a month that lie within oldest..latest (inclusive)."""
    if (year, month) < oldest[:2] or (year, month) > latest[:2]:
        return 0
    first, last = 1, MONTH_DAYS[month] + (month == 2 and calendar.isleap(year))
    if (year, month) == oldest[:2]:
        first = oldest[2]
    if (year, month) == latest[:2]:
        last = min(last, latest[2])
    return (1 << (last + 1)) - (1 << first) if first <= last else 0  # bits first..last


@cache
def _day_bits() -> pl.Series:
    """Per DD of a NIK (0..99): the bit of its day of the month (women's DD is day + 40); 0
    for a DD that is no day."""
    bits = [0] * 100
    for day in range(1, 32):
        bits[day] = bits[day + WOMAN_DAY_OFFSET] = 1 << day
    return pl.Series(bits, dtype=pl.Int64)


def with_nik_columns(frame: pl.LazyFrame, nik: str, today: date) -> pl.LazyFrame:
    """Add the helper columns the checks read: the NIK as a number (`nik_number`), and whether
    its birth date exists and is plausible on `today`.

    Built in stages so that every expression stays small: polars evaluates a repeated
    sub-expression again each time it appears in one tree.
    """
    born = (pl.col(NUMBER) // 10**4 % 10**6).cast(pl.Int32)  # DDMMYY, women's DD + 40
    raw_day = pl.col(BORN) // 10**4
    frame = frame.with_columns(nik_number(pl.col(nik)).alias(NUMBER))
    frame = frame.with_columns(born.alias(BORN))
    frame = frame.with_columns(
        pl.when(raw_day > WOMAN_DAY_OFFSET)
        .then(raw_day - WOMAN_DAY_OFFSET)
        .otherwise(raw_day)
        .alias(DAY),
        (pl.col(BORN) // 100 % 100).alias(MONTH),
        (pl.col(BORN) % 100).alias(YEAR),
    )
    return _with_date_flags(frame, today)


def nik_fails() -> pl.Expr:
    """True for a NIK that fails any check (null counts as passing): cheap, for every row.

    A 16-character NIK that reads as a number but has a sign ('+' or '-') gives a province
    below 11, so the province test refuses it."""
    number = pl.col(NUMBER)
    return (
        number.is_null()
        | ~_province(number).is_in(PROVINCES)
        | ~pl.col(EXISTS)
        | ~pl.col(PLAUSIBLE)
        | (number % 10**4 == 0)
    )


def nik_checks(nik: str) -> list[tuple[pl.Expr, pl.Expr]]:
    """(fails, reason) of every check of a NIK, in the order a reader would fix them; for the
    rows a first look did not accept. They read the columns of `with_nik_columns`."""
    text, number, digits = pl.col(nik), pl.col(NUMBER), pl.col(nik).str.slice(6, 6)
    length, shaped = text.str.len_chars(), pl.col(nik).str.contains(r"^[0-9]{16}$")
    province = text.str.slice(0, 2)
    reasons = [
        (text.is_null(), pl.lit(_("nik is missing"))),
        (text.str.contains(r"[^0-9]"), _not_digits(text)),
        (length != NIK_LENGTH, reason(_("nik must be 16 digits, got {count}"), count=length)),
        (
            shaped & ~_province(number).is_in(PROVINCES),
            reason(_("nik starts with {code}, which is not a province code"), code=province),
        ),
        (
            shaped & ~pl.col(EXISTS),
            reason(_("nik digits 7-12 ({digits}) are not a birth date DDMMYY"), digits=digits),
        ),
        (
            shaped & pl.col(EXISTS) & ~pl.col(PLAUSIBLE),
            reason(_("nik birth date {digits} (DDMMYY) is in the future"), digits=digits),
        ),
        (shaped & (number % 10**4 == 0), pl.lit(_("nik ends in 0000, but serials start at 0001"))),
    ]
    return reasons


def _not_digits(text: pl.Expr) -> pl.Expr:
    return (
        pl.when(text.str.contains(r"(?i)^[0-9][0-9.,]*e\+?[0-9]+$"))
        .then(reason(_(SPREADSHEET_NUMBER), nik=clipped(text)))
        .otherwise(reason(_("nik '{nik}' must hold digits only"), nik=clipped(text)))
    )


def _province(number: pl.Expr) -> pl.Expr:
    return number // 10**14


def _with_date_flags(frame: pl.LazyFrame, today: date) -> pl.LazyFrame:
    """Digits 7-12 as DDMMYY: a date that exists, at most 100 years before `today`.

    The century is whichever of 19YY and 20YY gives such a date. They are 100 years apart, so
    exactly one does, unless the date is 29 February of 1900/2000 and only 2000 was leap.
    """
    day, month, year = pl.col(DAY), pl.col(MONTH), pl.col(YEAR)
    in_month = month.is_between(1, 12) & day.is_between(1, DAYS_IN_MONTH.gather(month.clip(0, 12)))
    leap_day = (month == 2) & (day == 29) & (year % 4 == 0)
    frame = frame.with_columns(
        in_month.alias(IN_MONTH),
        leap_day.alias(LEAP_DAY),
        ((year + 2000) * 10_000 + month * 100 + day).alias(KEY),  # YYYYMMDD in the 2000s
    )
    today_key = today.year * 10_000 + today.month * 100 + today.day
    oldest = today_key - MAX_AGE_YEARS * 10_000
    in_month, leap_day, key = pl.col(IN_MONTH), pl.col(LEAP_DAY), pl.col(KEY)
    in_2000s = (in_month | leap_day) & key.is_between(oldest, today_key)
    in_1900s = (in_month | (leap_day & (year != 0))) & (key - 10**6).is_between(oldest, today_key)
    return frame.with_columns(
        (in_month | leap_day).alias(EXISTS), (in_2000s | in_1900s).alias(PLAUSIBLE)
    )


def nik_age(key: pl.Expr, on: date, today: date) -> pl.Expr:
    """Whole years of age on `on` of the person a NIK (see `nik_key`) was issued to, from its
    birth date DDMMYY (women's DD + 40), the century read as the checks read it: 20YY if that
    day is not after `today`, else 19YY. Null for a null key."""
    born = key // 10**4 % 10**6
    raw_day = born // 10**4
    day = pl.when(raw_day > WOMAN_DAY_OFFSET).then(raw_day - WOMAN_DAY_OFFSET).otherwise(raw_day)
    in_2000s = (2000 + born % 100) * 10_000 + born // 100 % 100 * 100 + day
    today_key = today.year * 10_000 + today.month * 100 + today.day
    birth = pl.when(in_2000s <= today_key).then(in_2000s).otherwise(in_2000s - 10**6)
    on_key = on.year * 10_000 + on.month * 100 + on.day
    return (on_key - birth) // 10_000


def nik_region(key: pl.Expr) -> pl.Expr:
    """The province and regency of a NIK, its first four digits as a number (1872)."""
    return key // 10**12
