"""The cells of a bills or payments file read as values: a month, a date, a program, a count of
people, an amount of Rupiah. Each reader gives the value or raises `Refused` with the reason the
row is rejected for, in the user's language.

A workbook gives a date cell as text like '2025-03-14 00:00:00' (fastexcel's text of a date), so
a date may carry a time of day, and a month may be written as the date of its first day (a
month cell Excel shows as 'Mar-25'). Amounts are read as a roster's money cells are
(`amount_cells.read_amount_cell`: '2.352.000' and 'Rp2.352.000' are read, '16.800' is refused as
ambiguous, never guessed), and every cell read from notation is noted by the caller.
"""

from __future__ import annotations

import re
from datetime import date

from jamsostek_budget.errors import clip
from jamsostek_budget.i18n import _
from jamsostek_budget.model.fields import PROGRAMS, Program
from jamsostek_budget.model.ledger import YearMonth
from jamsostek_budget.roster.amount_cells import read_amount_cell
from jamsostek_budget.roster.headers import normalise

__all__ = [
    "Refused",
    "read_amount",
    "read_count",
    "read_date",
    "read_month",
    "read_program",
]

_TIME = r"(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})(?:-01" + _TIME + ")?")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})" + _TIME)
_DIGITS = re.compile(r"[0-9]+")

# a program as a bill names it: its code, its Indonesian name, its English one (normalised)
PROGRAM_NAMES: dict[str, Program] = {program: program for program in PROGRAMS} | {
    "jaminan_kecelakaan_kerja": "jkk",
    "kecelakaan_kerja": "jkk",
    "work_accident": "jkk",
    "jaminan_kematian": "jkm",
    "kematian": "jkm",
    "death": "jkm",
    "jaminan_hari_tua": "jht",
    "hari_tua": "jht",
    "old_age": "jht",
    "jaminan_pensiun": "jp",
    "pensiun": "jp",
    "pension": "jp",
}


class Refused(Exception):  # noqa: N818  # a cell refused, not an error of the program
    """A cell that cannot be read as its column's value: `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_month(cell: str, field: str, fiscal_year: int) -> YearMonth:
    """'2025-03' (or the date of the month's first day) as (2025, 3), a month of `fiscal_year`."""
    match = _MONTH.fullmatch(cell)
    if match is None or not 1 <= int(match[2]) <= 12:  # months of a year
        message = _("{field} '{value}' is not a month: write it as YYYY-MM, e.g. {year}-03")
        raise Refused(message.format(field=field, value=clip(cell), year=fiscal_year))
    month = (int(match[1]), int(match[2]))
    if month[0] != fiscal_year:
        message = _("{field} {value} is outside the fiscal year {year}")
        value = f"{month[0]}-{month[1]:02d}"
        raise Refused(message.format(field=field, value=value, year=fiscal_year))
    return month


def read_date(cell: str, field: str) -> date:
    """'2025-03-14' (or a workbook's date cell, with its time of day) as a date."""
    match = _DATE.fullmatch(cell)
    try:
        if match is not None:
            return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass
    message = _("{field} '{value}' is not a date: write it as YYYY-MM-DD, e.g. 2025-03-14")
    raise Refused(message.format(field=field, value=clip(cell)))


def read_program(cell: str, field: str) -> Program:
    """A program by its code (JKK, jkk) or its name (Jaminan Kematian, Death)."""
    program = PROGRAM_NAMES.get(normalise(cell))
    if program is None:
        message = _("{field} '{value}' is not a program: write one of {programs}")
        raise Refused(message.format(field=field, value=clip(cell), programs=", ".join(PROGRAMS)))
    return program


def read_count(cell: str, field: str) -> int:
    """A number of people: whole, written in digits."""
    if _DIGITS.fullmatch(cell) is None:
        message = _("{field} '{value}' is not a whole number of people: write it in digits")
        raise Refused(message.format(field=field, value=clip(cell)))
    return int(cell)


def read_amount(cell: str, field: str, *, zero: bool) -> tuple[int, bool]:
    """Whole Rupiah (zero only when `zero`), and whether the cell was written in notation
    (separators, 'Rp'), for the caller's note."""
    read = int(cell) if _DIGITS.fullmatch(cell) else read_amount_cell(cell)
    if isinstance(read, str):
        raise Refused(
            _("{field} '{value}': {reason}").format(field=field, value=clip(cell), reason=read)
        )
    if read < 0 or (read == 0 and not zero):
        message = _("{field} {value} is not an amount owed or paid: it must be more than 0")
        if zero:
            message = _("{field} {value} is negative: an amount billed is 0 or more")
        raise Refused(message.format(field=field, value=clip(cell)))
    return read, _DIGITS.fullmatch(cell) is None
