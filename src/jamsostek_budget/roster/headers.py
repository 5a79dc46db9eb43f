"""The header row of a roster: a name for every column (`column_names`), and which columns are
the roster's own (`map_columns`: by name or Indonesian alias, whatever the case, spaces and a
"(Rp)" around them). A roster column given twice is refused, whether under the same header or
under two aliases: which of the two is meant cannot be told. `find_header` tells which of a
file's first rows is the header, below a title (for a CSV and a workbook sheet alike).

The names are the header's cells as written, made unique: they are what the rejects file and the
messages show, so they must read as the user wrote them (polars and fastexcel would name a blank
header '' or '__UNNAMED__3' and a repeated one 'nik_duplicated_0' or 'nik_1').
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

from jamsostek_budget.errors import DataError, Problem, echo
from jamsostek_budget.i18n import _, grouped
from jamsostek_budget.roster.columns import LINE, REASONS
from jamsostek_budget.roster.lookalikes import lookalike_problems

MAX_LISTED = 20  # header cells a missing column's hint lists: a header may have thousands

__all__ = [
    "COLUMNS",
    "HEADER_SEARCH",
    "REQUIRED",
    "Row",
    "column_names",
    "find_header",
    "map_columns",
    "normalise",
    "roster_columns",
    "suggest_column",
]

COLUMNS = ("nik", "name", "group", "declared_income", "monthly_wage", "start_month", "end_month")
REQUIRED = ("nik", "group")
ALIASES: dict[str, tuple[str, ...]] = {
    "nik": ("no_ktp", "nomor_ktp", "no_nik", "nomor_nik", "ktp", "nomor_induk_kependudukan"),
    "name": ("nama", "nama_lengkap", "nama_peserta", "full_name"),
    "group": ("kelompok", "kelompok_peserta", "grup", "group_id", "id_kelompok"),
    "declared_income": ("penghasilan", "income", "pendapatan", "penghasilan_bulanan"),
    "monthly_wage": ("upah", "wage", "upah_bulanan", "gaji", "gaji_bulanan"),
    "start_month": ("bulan_mulai", "mulai", "start", "bulan_awal", "awal"),
    "end_month": ("bulan_akhir", "bulan_selesai", "selesai", "end", "akhir"),
}
KNOWN = {name: name for name in COLUMNS} | {
    alias: name for name, aliases in ALIASES.items() for alias in aliases
}
HEADER_SEARCH = 10  # the header is among the first rows (CSV: lines) holding a value
Row = tuple[int, tuple[str | None, ...]]  # a row's position (from 0), its cells
RESERVED = (LINE, REASONS, "sheet")  # the rejects file's own columns (a workbook's: its sheet)


def column_names(cells: Sequence[str | None], first: int = 1) -> tuple[str, ...]:
    """A different name for each header cell, in order: the cell as written; `column_N` for a
    blank one (N its position, from `first`: a sheet's cells may start after column A);
    `NAME (N)` for a name already taken; `NAME (file)` for a name the rejects file needs for
    itself ('line', 'reasons', 'sheet')."""
    names: list[str] = []
    for position, cell in enumerate(cells, start=first):
        if cell is None or not cell.strip():
            name = f"column_{position}"
        elif cell.lower() in RESERVED:
            name = f"{cell} (file)"
        else:
            name = cell
        while name in names:
            name = f"{name} ({position})"
        names.append(name)
    return tuple(names)


def normalise(header: str) -> str:
    """'Bulan Mulai' -> 'bulan_mulai'; 'Penghasilan (Rp)' -> 'penghasilan'."""
    words = re.sub(r"[^0-9a-z]+", "_", header.strip().lower()).strip("_").split("_")
    while len(words) > 1 and "rp" in (words[0], words[-1]):
        words = words[1:] if words[0] == "rp" else words[:-1]
    return "_".join(words)


def suggest_column(header: str) -> str | None:
    """The roster column a header that is not one probably meant, for a hint."""
    close = difflib.get_close_matches(normalise(header), list(KNOWN), n=1, cutoff=0.75)
    return KNOWN[close[0]] if close else None


def roster_columns(cells: Sequence[str | None]) -> set[str]:
    """The roster columns that header cells name (by name or alias)."""
    return {KNOWN[key] for cell in cells if cell and (key := normalise(cell)) in KNOWN}


def map_columns(
    names: Sequence[str], cells: Sequence[str | None], file: str, line: int, start: int = 1
) -> dict[str, str]:
    """Roster column -> the name (`column_names`) of the column that gives it. A DataError when a
    required column is missing, a roster column is given twice, or a header cell looks like a
    roster column the roster lacks (`lookalikes`; the problems give the cells' positions from
    `start`)."""
    columns: dict[str, str] = {}
    first: dict[str, tuple[int, str]] = {}  # roster column -> (position, cell) giving it
    problems: list[Problem] = []
    for position, (name, cell) in enumerate(zip(names, cells, strict=True), start=start):
        text = cell or ""
        column = KNOWN.get(normalise(text))
        if column is None:
            continue
        if column in columns:
            problems.append(_given_twice(file, line, column, first[column], (position, text)))
        else:
            columns[column], first[column] = name, (position, text)
    problems += [
        _missing_problem(file, line, column, names, start)
        for column in REQUIRED
        if column not in columns
    ]
    if not problems:
        unused = [
            (position, cell, normalise(cell))
            for position, cell in enumerate(cells, start=start)
            if cell and KNOWN.get(normalise(cell)) is None
        ]
        problems = lookalike_problems(unused, columns, ALIASES, (file, line))
    if problems:
        raise DataError(problems)
    return columns


def _given_twice(
    file: str, line: int, column: str, first: tuple[int, str], second: tuple[int, str]
) -> Problem:
    """The problem of a roster column given by the header cells (position, text) `first` and
    `second`, reported at the second."""
    hint = _("keep one of them, or rename the other")
    if second[1] == first[1]:
        message = _("column '{header}' is in the header twice (columns {first} and {second})")
        message = message.format(header=second[1], first=first[0], second=second[0])
    else:
        message = _("columns '{first}' and '{second}' both give {name}")
        message = message.format(first=first[1], second=second[1], name=column)
    return Problem(file, line, second[0], column, message, hint)


def _missing_problem(
    file: str, line: int, name: str, headers: Sequence[str], start: int
) -> Problem:
    names = ", ".join(ALIASES[name])
    unused = [header for header in headers if KNOWN.get(normalise(header)) is None]
    missing = _("required column '{name}' is missing").format(name=name)
    for position, header in enumerate(headers, start=start):
        if header in unused and suggest_column(header) == name:
            hint = _("did you mean '{header}'? Rename it to {name} (also accepted: {names})")
            hint = hint.format(header=header, name=name, names=names)
            return Problem(file, line, position, name, missing, hint)
    found = ", ".join(echo(header) for header in headers[:MAX_LISTED]) or _("no columns")
    if len(headers) > MAX_LISTED:
        more = grouped(len(headers) - MAX_LISTED)
        found = _("{listed} and {count} more").format(listed=found, count=more)
    hint = _("add a column named {name} (also accepted: {names}); the header has {found}")
    hint = hint.format(name=name, names=names, found=found)
    return Problem(file, line, start, name, missing, hint)


def find_header(
    rows: Iterable[Row],
) -> tuple[Row, bool] | None:
    """The header row and whether it names every required column: the first row that does,
    else the first that names two or more roster columns; None when no row does either."""
    attempt = None
    for row in rows:
        named = roster_columns(row[1])
        if named >= set(REQUIRED):
            return row, True
        if attempt is None and len(named) >= 2:
            attempt = row
    return None if attempt is None else (attempt, False)
