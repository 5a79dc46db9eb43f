"""The header of a CSV roster: which line it is on (below a title, as `headers.find_header`
finds it in a workbook sheet), its separator, and its cells, read as one CSV record (a quoted
cell may hold a line break: Excel writes a header cell typed with Alt+Enter so). A first line
too long to be a header, or a quote left open in the header, is refused at its line.
"""

from __future__ import annotations

import csv
from pathlib import Path

from jamsostek_budget.errors import DataError
from jamsostek_budget.i18n import _, grouped
from jamsostek_budget.roster.csvlines import file_problem, not_utf8_problem, open_quote_problem
from jamsostek_budget.roster.headers import HEADER_SEARCH, ROSTER, Row, TableColumns, find_header

__all__ = [
    "HEAD_BYTES",
    "SEPARATORS",
    "first_line",
    "header_cells",
    "read_head",
    "separator_of",
    "title_lines",
]

SEPARATORS = (",", ";", "\t", "|")
HEAD_BYTES = 1 << 16
MAX_HEADER_LINES = 10  # a header cell with more line breaks than this is a quote left open


def first_line(source: Path | bytes, file: str) -> str:
    if isinstance(source, bytes):
        first = source.split(b"\n", 1)[0]
    else:
        with source.open("rb") as handle:
            first = handle.readline()
    try:
        return first.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError as error:
        raise DataError([not_utf8_problem(file, 1, error)]) from error


def separator_of(line: str) -> str:
    return max(SEPARATORS, key=line.count)


def title_lines(source: Path | bytes, table: TableColumns = ROSTER) -> int:
    """How many lines a title above the header takes: the header is the first of the first
    HEADER_SEARCH lines holding a value that names the required columns, else the first that
    names two or more roster columns (`headers.find_header`, as in a workbook sheet); 0 when
    no line does."""
    rows: list[Row] = []
    for position, raw in enumerate(read_head(source).split(b"\n")):
        line = raw.rstrip(b"\r").decode("utf-8", errors="replace").removeprefix("\ufeff")
        cells = next(csv.reader([line], delimiter=separator_of(line)), [])
        if any(cell.strip() for cell in cells):
            rows.append((position, tuple(cells)))
        if len(rows) == HEADER_SEARCH:
            break
    found = find_header(rows, table)
    return 0 if found is None else found[0][0]


def header_cells(
    source: Path | bytes, separator: str, file: str, line: int
) -> tuple[tuple[str, ...], int]:
    """The header's cells and the number of lines it spans (a quoted cell may hold a line break,
    as Excel writes a header cell typed with Alt+Enter), read from the first lines of `source`
    (which starts with the header: `line` is where it is in the file). A quote left open in the
    header is read up to the end of its line. A first line longer than HEAD_BYTES is refused:
    no roster's column names are that long, and it would be read cut short."""
    head = read_head(source)
    if len(head) == HEAD_BYTES and b"\n" not in head:
        message = _("the first line is longer than {limit} bytes: it is not a header row")
        hint = _(
            "the first line of the file names its columns (for a roster nik, group, ...): save "
            "the file again as CSV UTF-8, or as .xlsx"
        )
        raise DataError([file_problem(file, line, message.format(limit=grouped(HEAD_BYTES)), hint)])
    lines = head.split(b"\n")
    text = [raw.rstrip(b"\r").decode("utf-8", errors="replace") + "\n" for raw in lines]
    text[0] = text[0].removeprefix("\ufeff")
    reader = csv.reader(text[:MAX_HEADER_LINES], delimiter=separator)
    cells = next(reader, [])
    spans = max(reader.line_num, 1)
    if spans < min(len(text), MAX_HEADER_LINES) or "".join(text[:spans]).count('"') % 2 == 0:
        return tuple(cells), spans
    if spans > 1:  # a quoted cell opened in the header runs to the end of what was read
        raise DataError([open_quote_problem(file, line)])
    return tuple(next(csv.reader(text[:1], delimiter=separator), [])), 1


def read_head(source: Path | bytes) -> bytes:
    """The first HEAD_BYTES of the file (all of it when shorter)."""
    if isinstance(source, bytes):
        return source[:HEAD_BYTES]
    with source.open("rb") as handle:
        return handle.read(HEAD_BYTES)
