"""Where a CSV roster cannot be read reliably, line by line: bytes that are not UTF-8, a quote
left open, a quote inside a cell that does not start with one, text after a closing quote, a
row with more cells than the header (or, where a stray CR may have split rows, fewer).

This runs only on the slow paths (a file polars refused, or one converted in memory): lines
without a quote are counted with `str.count`, the others walked cell by cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jamsostek_budget.errors import Problem
from jamsostek_budget.i18n import N_, _

__all__ = ["UTF8_HINT", "file_problem", "line_problems", "not_utf8_problem", "open_quote_problem"]

MAX_PROBLEMS = 20
QUOTED_END = re.compile(r'(?:[^"]|"")*"(?!")')  # the rest of a quoted cell, to its closing quote
UTF8_HINT = N_("save the file as CSV UTF-8 (Excel: Save As > CSV UTF-8)")


def file_problem(file: str, line: int, message: str, hint: str) -> Problem:
    return Problem(file, line, 1, "", message, hint)


def not_utf8_problem(file: str, line: int, error: UnicodeDecodeError) -> Problem:
    message = _("is not UTF-8 text (byte {byte} of the line)").format(byte=error.start + 1)
    return file_problem(file, line, message, _(UTF8_HINT))


def line_problems(
    data: bytes, separator: str, width: int, file: str, *, short_rows: bool = False
) -> list[Problem]:
    """Where the CSV cannot be read reliably (at most MAX_PROBLEMS problems): the first line that
    is not UTF-8, else every quote out of place and every row with more cells than the header
    (with `short_rows`, fewer too)."""
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as error:
            return [not_utf8_problem(file, number, error)]
    lines = data.decode("utf-8-sig").replace("\r\n", "\n").split("\n")
    problems: list[Problem] = []
    for line, cells, fault in _rows(lines, separator):
        if fault is not None:
            problems.append(_quote_problem(file, *fault))
        elif cells > width or (short_rows and cells < width):
            problems.append(_width_problem(file, line, cells, width, short=cells < width))
        if len(problems) == MAX_PROBLEMS or (fault and fault[1] == "open"):
            break
    return problems


def _rows(lines: list[str], separator: str) -> Iterator[tuple[int, int, tuple[int, str] | None]]:
    """Per row: its first line (from 1), its number of cells, and (line, kind) of a quote out of
    place. Lines without a quote are counted fast."""
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        first = index + 1
        if '"' not in line:
            yield first, line.count(separator) + 1, None
            index += 1
            continue
        cells, index, fault = _quoted_row(lines, index, separator)
        yield first, cells, fault


def _quoted_row(
    lines: list[str], index: int, separator: str
) -> tuple[int, int, tuple[int, str] | None]:
    """(cells, index of the next row's line, (line, kind) of a quote out of place) of the row
    that starts at lines[index], whose quoted cells may span lines."""
    line, position, cells = lines[index], 0, 1
    while True:
        if line.startswith('"', position):
            opened, position = index, position + 1
            while (found := QUOTED_END.match(line, position)) is None:
                index += 1
                if index == len(lines):
                    return cells, index, (opened + 1, "open")
                line, position = lines[index], 0
            position = found.end()
            if position < len(line) and line[position] != separator:
                # a cell that ran over lines to a quote followed by text: a quote left open
                fault = (index + 1, "after") if opened == index else (opened + 1, "open")
                return cells, index + 1, fault
        else:
            end = line.find(separator, position)
            end = len(line) if end < 0 else end
            if '"' in line[position:end]:
                return cells, index + 1, (index + 1, "inside")
            position = end
        if position >= len(line):
            return cells, index + 1, None
        position, cells = position + 1, cells + 1


def open_quote_problem(file: str, line: int) -> Problem:
    """A quoted cell that starts on `line` and is never closed."""
    return _quote_problem(file, line, "open")


def _quote_problem(file: str, line: int, kind: str) -> Problem:
    hint = _('a quote inside a cell is written twice, in a cell in quotes: "Siti ""Ani"" Rahayu"')
    if kind == "open":
        message = _("a quoted cell starts on this line and is never closed")
        hint = _(
            "close the quote, or remove it; a quote inside a cell is written twice, in a cell "
            'in quotes: "Siti ""Ani"" Rahayu"'
        )
    elif kind == "after":
        message = _("text follows the closing quote of a cell")
    else:
        message = _('a quote (") inside a cell that does not start with one')
    return file_problem(file, line, message, hint)


def _width_problem(file: str, line: int, cells: int, width: int, *, short: bool) -> Problem:
    message = _("has {cells} cells but the header has {width}").format(cells=cells, width=width)
    if short:
        hint = _(
            "the file's line endings mix CR and LF, so a line break inside this row may have "
            "split it: remove it, or save the file again as CSV UTF-8"
        )
    else:
        hint = _("add a header for the extra cells, or remove the stray separators")
    return file_problem(file, line, message, hint)
