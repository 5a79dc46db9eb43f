"""A CSV roster's bytes made safe for polars: its encoding, line endings and separator.

`prepare_csv` looks at the file before polars reads it. A well-formed file (UTF-8, with or without
a BOM, lines ending in LF or CRLF) is left for polars to read from disk, the fast path; the
look costs one pass over the bytes for a CR or a NUL byte. Other shapes are read into memory
and turned into that shape first, or refused with the file, the line and a hint:

- a UTF-16 file (Excel's "Unicode Text") is decoded, then read as UTF-8;
- lines ending in CR only (Excel for Mac's "CSV (Macintosh)"), or in a mix of CR, LF and CRLF,
  are read with each of them ending a line, as a text editor does. Where the endings mix, a
  lone CR may also have split a row in two: a row with fewer cells than the header is then
  refused (elsewhere it is a row whose last cells are blank, as Excel writes them);
- Excel's "sep=;" first line gives the separator; the header is the line below it;
- a title above the header (a sheet with a title saved as CSV) is skipped, and a header cell may
  hold a line break: `roster.csvheader` reads the header; lines keep their numbers;
- a NUL byte, or rows that use another separator than the header, are refused.

`csv_problems` finds where a file polars refused goes wrong (`roster.csvlines`), so that no
polars message ever reaches a user.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl

from jamsostek_budget.errors import DataError, Problem
from jamsostek_budget.i18n import _
from jamsostek_budget.roster.csvheader import (
    HEAD_BYTES,
    SEPARATORS,
    first_line,
    header_cells,
    read_head,
    separator_of,
    title_lines,
)
from jamsostek_budget.roster.csvlines import (
    UTF8_HINT,
    file_problem,
    line_problems,
)
from jamsostek_budget.roster.headers import ROSTER, TableColumns

__all__ = ["CsvText", "csv_problems", "line_blocks", "lines_below_header", "prepare_csv"]

CHUNK_BYTES = 1 << 20
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
SEP_LINE = re.compile(r'"?sep=(.)"?\s*', re.IGNORECASE)


@dataclass(frozen=True)
class CsvText:
    """What polars reads (the file itself, or its text as UTF-8 with LF line ends) and how."""

    source: Path | bytes
    separator: str
    header: tuple[str | None, ...]  # the header's cells as written
    header_line: int = 1  # 2 below Excel's "sep=;" line, which `source` no longer holds
    header_lines: int = 1  # more when a quoted header cell holds a line break (Alt+Enter)

    def data(self) -> bytes:
        return self.source if isinstance(self.source, bytes) else self.source.read_bytes()

    @property
    def first_row_line(self) -> int:
        """The line the first row below the header starts on."""
        return self.header_line + self.header_lines


def prepare_csv(path: Path, file: str, table: TableColumns = ROSTER) -> CsvText:
    """The CSV as polars can read it, or a DataError saying where and why it cannot be (its
    header names the columns of `table`)."""
    try:
        return _prepared(path, file, table)
    except OSError as error:
        message = _("cannot read the file: {error}").format(error=error.strerror or error)
        hint = _("save the file as CSV UTF-8, or as .xlsx")
        raise DataError([file_problem(file, 1, message, hint)]) from error


def _prepared(path: Path, file: str, table: TableColumns) -> CsvText:
    raw = _utf16_as_utf8(path, file)
    if raw is None:
        raw = _lone_carriage_returns(path, file)
    data = None if raw is None else _line_feeds(raw)
    header = first_line(path if data is None else data, file)
    declared = SEP_LINE.fullmatch(header)
    if declared is not None:  # Excel's "sep=;": the separator, then the header on line 2
        data = (path.read_bytes() if data is None else data).partition(b"\n")[2]
        header = first_line(data, file)
    title = title_lines(path if data is None else data, table)
    if title:  # a title above the header, as a sheet saved as CSV keeps it
        data = b"\n".join((path.read_bytes() if data is None else data).split(b"\n")[title:])
        header = first_line(data, file)
    separator = declared[1] if declared else separator_of(header)
    source = path if data is None else data
    header_line = (2 if declared else 1) + title
    cells, lines = header_cells(source, separator, file, header_line)
    text = CsvText(source, separator, cells, header_line, lines)
    problems = _other_separators(text, file)
    if raw is not None and not problems:
        problems = csv_problems(text, file, short_rows=_mixed(raw))
    if problems:
        raise DataError(problems)
    return text


def _mixed(data: bytes) -> bool:
    """Whether lines end in more than one way (CR, LF, CRLF; CR CR LF counts as CRLF)."""
    data = data.replace(b"\r\r\n", b"\r\n")
    crlf = data.count(b"\r\n")
    kinds = (crlf > 0, data.count(b"\r") > crlf, data.count(b"\n") > crlf)
    return sum(kinds) > 1


def _utf16_as_utf8(path: Path, file: str) -> bytes | None:
    """A UTF-16 file's text as UTF-8; None for any other file."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    encoding = _utf16(head)
    if encoding is None:
        return None
    data = path.read_bytes()
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = _("is UTF-16 text with a broken character (byte {byte} of the file)")
        problem = file_problem(file, line, message.format(byte=error.start + 1), _(UTF8_HINT))
        raise DataError([problem]) from error
    return text.lstrip("\ufeff").encode("utf-8")


def _utf16(head: bytes) -> str | None:
    """The UTF-16 codec of a file that starts with `head`, or None: a BOM, or (no BOM) text whose
    every other byte is zero, as UTF-16 writes ASCII."""
    if head.startswith(UTF16_BOMS):
        return "utf-16"
    pairs = len(head) // 2
    if pairs < 4:
        return None
    if head[1::2].count(0) > pairs * 0.9 and head[0::2].count(0) < pairs * 0.1:
        return "utf-16-le"
    if head[0::2].count(0) > pairs * 0.9 and head[1::2].count(0) < pairs * 0.1:
        return "utf-16-be"
    return None


def _lone_carriage_returns(path: Path, file: str) -> bytes | None:
    """The file's bytes when some line ends in a lone CR; None when polars can read the file as
    it is (LF or CRLF line ends). A NUL byte is refused. Read in chunks, so that a clean file
    costs one pass and little memory."""
    carriage_return, lines, offset, line_start = False, 0, 0, 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            nul = chunk.find(b"\x00")
            if nul >= 0:
                before = chunk.rfind(b"\n", 0, nul)
                start = offset + before + 1 if before >= 0 else line_start
                line = lines + chunk.count(b"\n", 0, nul) + 1
                raise DataError([_nul_problem(file, line, offset + nul - start + 1)])
            carriage_return = carriage_return or b"\r" in chunk
            last = chunk.rfind(b"\n")
            line_start = offset + last + 1 if last >= 0 else line_start
            lines, offset = lines + chunk.count(b"\n"), offset + len(chunk)
    if not carriage_return:
        return None
    data = path.read_bytes()
    return None if data.count(b"\r") == data.count(b"\r\n") else data  # CRLF: polars reads it


def _nul_problem(file: str, line: int, byte: int) -> Problem:
    message = _("holds a NUL byte (byte {byte} of the line): this is not a text file")
    hint = _("save the file as CSV UTF-8 (Excel: Save As > CSV UTF-8), or as .xlsx")
    return file_problem(file, line, message.format(byte=byte), hint)


def _line_feeds(data: bytes) -> bytes:
    """Every line end (CRLF, a lone CR, LF) as LF; CR CR LF, a CRLF written twice over by
    Windows, is one line end."""
    return data.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def _shown_separator(separator: str) -> str:
    return _("tab") if separator == "\t" else f"'{separator}'"


def _other_separators(text: CsvText, file: str) -> list[Problem]:
    """Data lines that do not hold the header's separator but another one, when they are at
    least half of the first lines (HEAD_BYTES): every row would be read as one cell. A few such
    lines are only odd rows, rejected with their reasons."""
    if len(text.header) < 2:  # one column: no separator to compare
        return []
    faults, lines = _lines_without_separator(text)
    if not faults or 2 * len(faults) < lines:
        return []
    number, other = faults[0]
    message = _("uses {other} between cells, but the header uses {separator}").format(
        other=_shown_separator(other), separator=_shown_separator(text.separator)
    )
    hint = _("use one separator in every line (save the file again from Excel)")
    return [file_problem(file, number, message, hint)]


def _lines_without_separator(text: CsvText) -> tuple[list[tuple[int, str]], int]:
    """(line, other separator) of the first data lines that hold another separator than the
    header's and not the header's, outside quoted cells; and how many data lines were looked at."""
    head = read_head(text.source)
    lines = head.decode("utf-8", errors="replace").split("\n")[text.header_lines :]
    if len(head) == HEAD_BYTES:
        lines = lines[:-1]  # may be cut short
    faults, looked_at, quotes = [], 0, 0  # quotes: odd when a line is inside a quoted cell
    for number, line in enumerate(lines, start=text.first_row_line):
        inside, quotes = quotes % 2 == 1, quotes + line.count('"')
        if inside or not line.strip():
            continue
        looked_at += 1
        others = [sep for sep in SEPARATORS if sep != text.separator and sep in line]
        if text.separator not in line and others:
            faults.append((number, others[0]))
    return faults, looked_at


def csv_problems(text: CsvText, file: str, *, short_rows: bool = False) -> list[Problem]:
    """Where the CSV cannot be read reliably (see `csvlines.line_problems`)."""
    found = line_problems(
        text.data(), text.separator, len(text.header), file, short_rows=short_rows
    )
    return [replace(problem, line=problem.line + text.header_line - 1) for problem in found]


def lines_below_header(text: CsvText) -> bool:
    """Whether any line below the header holds a value (not only separators, quotes, spaces)."""
    below = text.data().split(b"\n", 1)[1:]
    filler = re.escape(text.separator.encode()) + rb'"\s'
    return bool(below) and re.search(rb"[^" + filler + rb"]", below[0]) is not None


def scan(text: CsvText) -> pl.LazyFrame:
    return pl.scan_csv(
        text.source, separator=text.separator, infer_schema=False, raise_if_empty=False
    )


def line_count(text: CsvText) -> pl.LazyFrame:
    """The file's lines, quotes not understood: a cell's line break counts as a line."""
    lines = pl.scan_csv(
        text.source,
        separator=text.separator,
        quote_char=None,
        has_header=False,
        infer_schema=False,
    )
    return lines.select(pl.len())


def line_blocks(path: Path, header_lines: int, size: int) -> Iterator[bytes]:
    """The lines of a CSV file below its header, in blocks of whole lines of about `size`
    bytes, read from the file (not mapped into memory, where every page read of a large file
    would count in the process's memory). Only where no quoted cell spans lines."""
    with path.open("rb") as handle:
        for _ in range(header_lines):
            handle.readline()
        while block := handle.read(size):
            cut = block.rfind(b"\n") + 1
            if 0 < cut < len(block):  # the last line goes to the next block
                handle.seek(cut - len(block), 1)
                block = block[:cut]
            elif cut == 0:  # a line longer than a block
                block += handle.readline()
            yield block
