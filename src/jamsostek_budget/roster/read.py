"""Read a roster file (CSV or Excel .xlsx); `checks.read_roster` reads and checks one.

The file is opened as raw text (`open_roster`), a lazy frame of every original column as String
with the line (CSV) or sheet row (Excel) of each row, plus the mapping from the roster's column
names to the file's headers. Nothing is converted in place, so nothing is lost or coerced: the
frame only gains the helper columns the checks need that depend on the file alone (the NIK's
number, each amount and month as a number: see `_with_helpers`), and `checks` checks the
values against the scenario. `start_reading` collects the rows on polars' threads,
so that the caller can load the scenario in the meantime; a large CSV is read in batches
instead (`Reading.batches`), which the checks take one at a time, so that its text is never in
memory all at once. A CSV is first
looked at by `roster.csvfile` (encoding, line endings, separator), which also says where a CSV
polars refused goes wrong. Problems with the file as a whole (unreadable, not UTF-8, a quote
left open, a required column missing) are a DataError at the header's line, or at the line at
fault; a CSV whose rows were all lost is refused, never read as empty.
"""

from __future__ import annotations

import atexit
import contextlib
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl
from polars.lazyframe.in_process import InProcessQuery

from jamsostek_budget.errors import DataError, Problem
from jamsostek_budget.i18n import _
from jamsostek_budget.loading.filenames import display_name
from jamsostek_budget.loading.oserrors import reason_and_hint
from jamsostek_budget.roster.columns import CELLS, KEY, LINE, NUMBERS, PARSED, text
from jamsostek_budget.roster.csvfile import (
    CsvText,
    csv_problems,
    line_blocks,
    line_count,
    lines_below_header,
    prepare_csv,
    scan,
)
from jamsostek_budget.roster.file_kind import misnamed_workbook
from jamsostek_budget.roster.headers import ROSTER, TableColumns, column_names, map_columns
from jamsostek_budget.roster.nik import nik_key, nik_number
from jamsostek_budget.roster.sheets import SheetRead

__all__ = [
    "RawRoster",
    "Reading",
    "open_roster",
    "open_table",
    "read_rows",
    "start_reading",
]

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
OTHER_SPREADSHEETS = (".xls", ".xlsb", ".ods", ".numbers")
HEADER_LINE = 1
# A CSV larger than this is read in batches of about BATCH_BYTES (see Reading.batches): at ten
# million rows its text alone would take 1.5 GiB, in batches the whole roster command stays
# near 1 GiB; a smaller file is read at once, while the scenario loads.
STREAM_BYTES = 128 << 20
BATCH_BYTES = 16 << 20
ROW_BYTES = 64  # about, in a roster: the rows of a batch read by polars' streaming engine


@dataclass(frozen=True)
class RawRoster:
    """Every row as read: `line` (Int64) first, then the original columns as String (`headers`),
    then CELLS and the helper columns of `_with_helpers`. A workbook's rows come from the sheets
    read (`sheets`, which says what became of every sheet; see `roster.sheets` for its LINE)."""

    path: Path
    file: str
    frame: pl.LazyFrame
    headers: tuple[str, ...]  # the file's, in its order
    columns: dict[str, str]  # roster column -> the file's header
    ignored: tuple[str, ...]  # headers that are not roster columns, kept for the rejects
    separator: str | None  # None for Excel
    csv: CsvText | None = None  # what polars reads of a CSV (see roster.csvfile)
    sheets: tuple[SheetRead, ...] = ()  # every sheet of a workbook, read or skipped
    notes: tuple[Problem, ...] = ()  # what was read and how, for the record

    @property
    def sheets_read(self) -> tuple[str, ...]:
        """The names of the sheets read, in the order of their rows (none for a CSV)."""
        return tuple(sheet.name for sheet in self.sheets if sheet.skipped is None)


@dataclass(frozen=True)
class Reading:
    """A roster being read on polars' threads, so that the caller can load the scenario in the
    meantime; `rows` waits for the rows. A CSV's lines are counted at the same time (`lines`),
    to tell whether a quoted cell spans lines. A large CSV is read in batches instead (`query`
    None, `batch_bytes` the bytes of a batch, `count` the rows counted beforehand): see
    `batches`."""

    raw: RawRoster
    query: InProcessQuery | None
    lines: InProcessQuery | None  # None for Excel
    batch_bytes: int = BATCH_BYTES
    count: InProcessQuery | None = None  # of a CSV read in batches

    def rows(self) -> pl.DataFrame:
        if self.query is None:
            return pl.concat(list(self.batches()))
        try:
            return collect(self.raw, self.query, self.lines)
        finally:
            _finished(self.query)

    def batches(self) -> Iterator[pl.DataFrame]:
        """The rows as read, in line order, in batches (one batch when read at once), with the
        same LINE as `rows`."""
        if self.query is None and self.raw.csv is not None:
            spans = self.count is None or self.lines is None or _spans(self.count, self.lines)
            yield from _batches(self.raw, self.raw.csv, self.batch_bytes, spans)
        else:
            yield self.rows()


# Every background query not yet collected. polars (2.1) cannot let go of one that is still
# running: its worker panics when it finds nobody to hand the rows to, and the process aborts
# (SIGABRT, after the message of whatever made the rows unnecessary: a bad scenario, a usage
# error). So a reading is never cancelled or dropped: what is left unread is waited for at exit,
# once every message is out. (The jbudget command itself ends with os._exit, which drops
# nothing and waits for nothing: see cli.exit_now. This is for programs that use the library.)
_unfinished: list[InProcessQuery] = []


def _finished(query: InProcessQuery) -> None:
    if query in _unfinished:
        _unfinished.remove(query)


@atexit.register
def _finish_unfinished() -> None:
    while _unfinished:
        with contextlib.suppress(Exception):
            _unfinished.pop().fetch_blocking()


def start_reading(raw: RawRoster, batch_bytes: int | None = None) -> Reading:
    """Start reading the rows of an opened roster (see Reading): a CSV file of more than
    STREAM_BYTES, or any CSV when `batch_bytes` is given, is read in batches of about that
    many bytes (BATCH_BYTES)."""
    lines = None
    if raw.csv is not None:
        lines = line_count(raw.csv).collect(background=True)
    if raw.csv is not None and (batch_bytes is not None or _large(raw.csv)):
        count = scan(raw.csv).select(pl.len()).collect(background=True)
        _unfinished.extend(query for query in (count, lines) if query is not None)
        return Reading(raw, None, lines, batch_bytes or BATCH_BYTES, count)
    query = raw.frame.collect(background=True)
    _unfinished.extend(query for query in (query, lines) if query is not None)
    return Reading(raw, query, lines)


def open_roster(path: Path, sheets: Sequence[str] = ()) -> RawRoster:
    """A roster opened (see RawRoster); `sheets`, the names of a workbook's sheets to read (by
    default every visible sheet with a roster header: see `roster.workbook`)."""
    raw = open_table(path, sheets)
    return replace(raw, frame=_with_helpers(raw.frame, raw.columns))


def read_rows(raw: RawRoster) -> pl.DataFrame:
    """Every row of a small table opened by `open_table` (a bills or payments file: a few
    hundred rows), read at once with `collect`'s checks."""
    lines = None if raw.csv is None else line_count(raw.csv).collect(background=True)
    return collect(raw, raw.frame.collect(background=True), lines)


def open_table(path: Path, sheets: Sequence[str] = (), table: TableColumns = ROSTER) -> RawRoster:
    """A table file opened as a roster is (see RawRoster), its header naming the columns of
    `table`, without the roster's helper columns: LINE, the file's columns and CELLS."""
    file = display_name(path)
    if not path.is_file():
        message = _("cannot read the file: it does not exist")
        raise DataError([_file_problem(file, message, _("check the folder and the file name"))])
    _check_readable(path, file)
    if path.suffix.lower() in OTHER_SPREADSHEETS:
        message = _("cannot read the file: jbudget reads .csv and .xlsx, not {suffix}")
        hint = _("save the file as .xlsx or as CSV")
        raise DataError([_file_problem(file, message.format(suffix=path.suffix), hint)])
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return _open_workbook(path, file, sheets, table)
    misnamed = misnamed_workbook(path, file)
    if misnamed is not None:
        raise DataError([misnamed])
    source = prepare_csv(path, file, table)
    frame, header_line = scan(source), source.header_line
    separator = source.separator
    cells: Sequence[str | None] = source.header
    found = frame.collect_schema().names()
    if len(cells) != len(found):  # not expected: read as the reader named them
        cells = found
    headers = column_names(cells)
    frame = frame.rename(dict(zip(found, headers, strict=True)))
    columns = map_columns(headers, cells, file, header_line, table=table)
    ignored = tuple(header for header in headers if header not in columns.values())
    frame = _numbered(frame, source.first_row_line)
    frame = frame.with_columns(pl.lit(None, pl.String).alias(CELLS))
    return RawRoster(path, file, frame, headers, columns, ignored, separator, csv=source)


def _open_workbook(path: Path, file: str, sheets: Sequence[str], table: TableColumns) -> RawRoster:
    from jamsostek_budget.roster.workbook import read_workbook  # noqa: PLC0415

    book = read_workbook(path, file, sheets, table)
    ignored = tuple(header for header in book.headers if header not in book.columns.values())
    return RawRoster(
        path,
        file,
        book.frame.lazy(),
        book.headers,
        book.columns,
        ignored,
        None,
        sheets=book.sheets,
        notes=book.notes,
    )


def collect(raw: RawRoster, query: InProcessQuery, lines: InProcessQuery | None) -> pl.DataFrame:
    """Every row as read, from `query`, the collection of `raw.frame` under way (and `lines`,
    the count of a CSV's lines); a CSV polars cannot parse, or whose rows it lost, is a
    DataError."""
    try:
        frame = query.fetch_blocking()
    except pl.exceptions.PolarsError as error:
        if raw.csv is None:
            raise
        raise DataError(csv_problems(raw.csv, raw.file) or [_unreadable(raw)]) from error
    if raw.csv is not None and frame.is_empty() and lines_below_header(raw.csv):
        raise DataError([_unreadable(raw)])
    if lines is not None and _cells_span_lines(lines, frame.height):
        frame, _breaks = _with_line_breaks(frame, raw.headers)
    return frame


def _large(csv: CsvText) -> bool:
    return isinstance(csv.source, Path) and csv.source.stat().st_size > STREAM_BYTES


def _spans(count: InProcessQuery, lines: InProcessQuery) -> bool:
    """Whether a quoted cell of a CSV read in batches may span lines: its rows as counted
    beforehand (`count`) against its lines (see `_cells_span_lines`)."""
    try:
        rows = int(count.fetch_blocking().item())
    except pl.exceptions.PolarsError:
        return True  # reading the batches says why
    finally:
        _finished(count)
    return _cells_span_lines(lines, rows)


def _batches(raw: RawRoster, csv: CsvText, batch_bytes: int, spans: bool) -> Iterator[pl.DataFrame]:
    """A CSV's rows in batches, with `collect`'s checks: blocks of whole lines of the file
    (`_blocks`) where no quoted cell spans lines, else polars' streaming engine, with the line
    breaks of each quoted cell added to the LINE of the rows below it (`_with_line_breaks`,
    carried from batch to batch)."""
    rows, above = 0, 0
    try:
        if not spans and isinstance(csv.source, Path):
            for batch in _ahead(_blocks(raw, csv.source, csv, batch_bytes, rows)):
                rows += batch.height
                yield batch
        else:
            chunk = max(1, batch_bytes // ROW_BYTES)
            for batch in raw.frame.collect_batches(chunk_size=chunk):
                rows += batch.height
                with_breaks, breaks = _with_line_breaks(batch, raw.headers, above)
                above += breaks
                yield with_breaks
    except pl.exceptions.PolarsError as error:
        raise DataError(csv_problems(csv, raw.file) or [_unreadable(raw)]) from error
    if rows == 0:  # no batch, or empty ones: the checks still need the columns
        if lines_below_header(csv):
            raise DataError([_unreadable(raw)])
        yield raw.frame.clear().collect()


def _ahead(batches: Iterator[pl.DataFrame]) -> Iterator[pl.DataFrame]:
    """`batches`, each read on a thread while the caller checks the one before (polars lets go
    of the interpreter while it reads), so that reading and checking overlap."""
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(next, batches, None)
        while (batch := future.result()) is not None:
            future = pool.submit(next, batches, None)
            yield batch


def _blocks(
    raw: RawRoster, path: Path, csv: CsvText, batch_bytes: int, rows: int
) -> Iterator[pl.DataFrame]:
    """The rows of blocks of whole lines of a CSV file (`line_blocks`), each read as polars
    reads the whole file (`scan`), numbered from the file's `rows`-th row."""
    schema = pl.Schema(dict.fromkeys(raw.headers, pl.String()))
    for block in line_blocks(path, csv.header_lines, batch_bytes):
        frame = pl.read_csv(
            block, has_header=False, schema=schema, separator=csv.separator, raise_if_empty=False
        )
        batch = _rows(frame.lazy(), csv.first_row_line + rows, raw.columns).collect()
        rows += batch.height
        yield batch


def _unreadable(raw: RawRoster) -> Problem:
    """A CSV whose rows could not be read, where no line is known to be at fault."""
    message = _("the rows below the header cannot be read as CSV")
    hint = _("save the file again as CSV UTF-8 (Excel: Save As > CSV UTF-8), or as .xlsx")
    below = raw.csv.first_row_line if raw.csv is not None else HEADER_LINE + 1
    return _file_problem(raw.file, message, hint, below)


def _file_problem(file: str, message: str, hint: str, line: int = HEADER_LINE) -> Problem:
    return Problem(file, line, 1, "", message, hint)


def _check_readable(path: Path, file: str) -> None:
    """The system's refusal to read the file, in jbudget's words (not the reader library's)."""
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except OSError as error:
        reason, hint = reason_and_hint(error)
        message = _("cannot read the file: {error}").format(error=reason)
        raise DataError([_file_problem(file, message, hint)]) from error


def _rows(frame: pl.LazyFrame, first_line: int, columns: dict[str, str]) -> pl.LazyFrame:
    """A CSV's rows as read (every original column), numbered from `first_line`, with CELLS
    (none) and the helpers."""
    frame = _numbered(frame, first_line)
    frame = frame.with_columns(pl.lit(None, pl.String).alias(CELLS))
    return _with_helpers(frame, columns)


def _numbered(frame: pl.LazyFrame, first_line: int) -> pl.LazyFrame:
    """`line` first: the file line (CSV) or sheet row (Excel) of each row, when no cell spans
    lines (see `_with_line_breaks`)."""
    return frame.with_row_index(LINE, offset=first_line).with_columns(pl.col(LINE).cast(pl.Int64))


def _with_helpers(frame: pl.LazyFrame, columns: dict[str, str]) -> pl.LazyFrame:
    """The helper columns that depend on the file alone, computed while it is read: KEY, the
    NIK's number where it is 16 digits as read (`nik_key`: the few NIKs with spaces around
    them get theirs when the checks strip them), and PARSED, each amount and month as a number
    where it reads as one."""
    parsed = [
        text(columns.get(name), strip=False).cast(pl.Int64, strict=False).alias(PARSED[name])
        for name in NUMBERS
    ]
    return frame.with_columns(nik_key(nik_number(pl.col(columns["nik"]))).alias(KEY), *parsed)


def _with_line_breaks(
    frame: pl.DataFrame, headers: Sequence[str], above: int = 0
) -> tuple[pl.DataFrame, int]:
    """A quoted cell may span lines: add the line breaks of the rows above to `line` (`above`:
    those above the frame's first row); and the frame's own line breaks. Counted only where a
    cell holds one."""
    if not headers or frame.is_empty():
        return frame, 0
    held = frame.select(pl.any_horizontal(pl.col(headers).str.contains("\n", literal=True).any()))
    if not held.item():
        return (frame.with_columns(pl.col(LINE) + above) if above else frame), 0
    counts = pl.sum_horizontal(pl.col(headers).str.count_matches("\n", literal=True))
    breaks = frame.select(counts.fill_null(0).cast(pl.Int64)).to_series()
    shifted = breaks.cum_sum().shift(1, fill_value=0) + above
    return frame.with_columns(pl.col(LINE) + shifted), int(breaks.sum())


def _cells_span_lines(lines: InProcessQuery, rows: int) -> bool:
    """Whether a quoted cell holds a line break: the file then has more lines than the rows
    read and their header (any other difference only costs counting the breaks)."""
    try:
        counted = lines.fetch_blocking()
    except pl.exceptions.ComputeError:
        return True
    finally:
        _finished(lines)
    return int(counted.item()) != rows + HEADER_LINE
