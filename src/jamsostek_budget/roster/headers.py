"""The header row of a roster: a name for every column (`column_names`), and which columns are
the roster's own (`map_columns`: by name or Indonesian alias, whatever the case, spaces and a
"(Rp)" around them). Another table read the same way (a bills or payments file: `roster.ledger`)
gives its own `TableColumns`; the roster's are ROSTER, every function's default. A roster column
given twice is refused, whether under the same header or under two aliases: which of the two is
meant cannot be told. `find_header` tells which of a
file's first rows is the header, below a title (for a CSV and a workbook sheet alike).

The names are the header's cells as written, made unique: they are what the rejects file and the
messages show, so they must read as the user wrote them (polars and fastexcel would name a blank
header '' or '__UNNAMED__3' and a repeated one 'nik_duplicated_0' or 'nik_1').
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from jamsostek_budget.errors import DataError, Problem, echo
from jamsostek_budget.i18n import _, grouped
from jamsostek_budget.roster.columns import LINE, REASONS
from jamsostek_budget.roster.lookalikes import LOOKALIKES, lookalike_problems

MAX_LISTED = 20  # header cells a missing column's hint lists: a header may have thousands

__all__ = [
    "COLUMNS",
    "HEADER_SEARCH",
    "REQUIRED",
    "ROSTER",
    "Row",
    "TableColumns",
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


@dataclass(frozen=True)
class TableColumns:
    """The columns of a kind of table file: their names, the required ones, each one's
    Indonesian aliases, and the header words that look like a column the file lacks
    (`lookalikes.LOOKALIKES` for a roster; `defaults` says whether a row then takes its
    group's value, as a roster's does, which the look-alike message tells)."""

    columns: tuple[str, ...]
    required: tuple[str, ...]
    aliases: Mapping[str, tuple[str, ...]]
    lookalikes: Mapping[str, tuple[frozenset[str], tuple[str, ...]]] = field(default_factory=dict)
    defaults: bool = False

    @property
    def known(self) -> dict[str, str]:
        """A header as `normalise` gives it -> the column it names."""
        return {name: name for name in self.columns} | {
            alias: name for name, aliases in self.aliases.items() for alias in aliases
        }


ROSTER = TableColumns(COLUMNS, REQUIRED, ALIASES, LOOKALIKES, defaults=True)
KNOWN = ROSTER.known
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


def suggest_column(header: str, table: TableColumns = ROSTER) -> str | None:
    """The roster column a header that is not one probably meant, for a hint."""
    known = table.known
    close = difflib.get_close_matches(normalise(header), list(known), n=1, cutoff=0.75)
    return known[close[0]] if close else None


def roster_columns(cells: Sequence[str | None], table: TableColumns = ROSTER) -> set[str]:
    """The roster columns that header cells name (by name or alias)."""
    known = table.known
    return {known[key] for cell in cells if cell and (key := normalise(cell)) in known}


def map_columns(
    names: Sequence[str],
    cells: Sequence[str | None],
    file: str,
    line: int,
    start: int = 1,
    *,
    table: TableColumns = ROSTER,
) -> dict[str, str]:
    """Roster column -> the name (`column_names`) of the column that gives it. A DataError when a
    required column is missing, a roster column is given twice, or a header cell looks like a
    roster column the roster lacks (`lookalikes`; the problems give the cells' positions from
    `start`)."""
    known = table.known
    columns: dict[str, str] = {}
    first: dict[str, tuple[int, str]] = {}  # roster column -> (position, cell) giving it
    problems: list[Problem] = []
    for position, (name, cell) in enumerate(zip(names, cells, strict=True), start=start):
        text = cell or ""
        column = known.get(normalise(text))
        if column is None:
            continue
        if column in columns:
            problems.append(_given_twice(file, line, column, first[column], (position, text)))
        else:
            columns[column], first[column] = name, (position, text)
    problems += [
        _missing_problem(file, line, column, names, (start, table))
        for column in table.required
        if column not in columns
    ]
    if not problems:
        unused = [
            (position, cell, normalise(cell))
            for position, cell in enumerate(cells, start=start)
            if cell and known.get(normalise(cell)) is None
        ]
        problems = lookalike_problems(unused, columns, table, (file, line))
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
    file: str, line: int, name: str, headers: Sequence[str], within: tuple[int, TableColumns]
) -> Problem:
    """A required column missing from the header `headers` (its cells from position `start`,
    of a `table` of `within`)."""
    start, table = within
    names = ", ".join(table.aliases[name])
    unused = [header for header in headers if table.known.get(normalise(header)) is None]
    missing = _("required column '{name}' is missing").format(name=name)
    for position, header in enumerate(headers, start=start):
        if header in unused and suggest_column(header, table) == name:
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


def find_header(rows: Iterable[Row], table: TableColumns = ROSTER) -> tuple[Row, bool] | None:
    """The header row and whether it names every required column: the first row that does,
    else the first that names two or more roster columns; None when no row does either."""
    attempt = None
    for row in rows:
        named = roster_columns(row[1], table)
        if named >= set(table.required):
            return row, True
        if attempt is None and len(named) >= 2:
            attempt = row
    return None if attempt is None else (attempt, False)
