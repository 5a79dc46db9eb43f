"""Read a workbook roster (.xlsx): every visible sheet that carries the roster's header, or the
sheets chosen by name, as one frame of text cells.

A sheet carries the roster's header when one of its first rows that hold a value names the
required columns (nik and group, or their aliases: see `sheet_header`). A sheet is skipped,
with a note, when it is hidden or very hidden (unless chosen), a chart, empty, or has no such
row; a sheet whose header names two or more roster columns but not a required one is refused
(it is a roster that cannot be read), and so is a chosen sheet that cannot be read. Sheets may
give their columns in any order and under any alias: a roster column is named as the first
sheet read names it. Rows are numbered as in their sheet (see `sheets` for LINE), and cells
are placed by their sheet column, wherever the sheet's first cell is.

Each row gets CELLS, the reasons its cells cannot be read as they stand (null when none): a
formula without a computed value or an error cell in a roster column (see `cells`), and a NIK
stored as a number, whose 16th digit Excel has already lost. A merged range in the rows reads
its first cell's value on every row of its first column, as the sheet shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from jamsostek_budget.errors import DataError, Problem, echo
from jamsostek_budget.i18n import N_, _
from jamsostek_budget.roster.cells import past_the_last_cell, sheet_targets, sheet_xml
from jamsostek_budget.roster.columns import CELLS, LINE
from jamsostek_budget.roster.file_kind import not_a_workbook
from jamsostek_budget.roster.headers import ROSTER, TableColumns, column_names, map_columns
from jamsostek_budget.roster.sheet_cells import (
    LoadedSheet,
    cell_reasons,
    fill_merges,
    merge_note,
    unreadable,
)
from jamsostek_budget.roster.sheet_header import (
    HEADER_SEARCH,
    find_header,
    header_problems,
    rows_with_values,
)
from jamsostek_budget.roster.sheets import STRIDE, SheetRead, Skipped

if TYPE_CHECKING:
    from fastexcel import ExcelReader

__all__ = ["Workbook", "read_workbook"]

HIDDEN: dict[str, Skipped] = {"hidden": "hidden", "veryHidden": "very_hidden"}
CHART = "chart"  # a chart sheet's state here: it holds a chart, no cells
CHOOSE_HINT = N_(
    "choose by name a sheet that holds the roster, or choose none to read every sheet with a "
    "roster header"
)


@dataclass(frozen=True)
class Workbook:
    frame: pl.DataFrame  # LINE, every column as String (`headers`), CELLS
    headers: tuple[str, ...]
    columns: dict[str, str]  # roster column -> its header
    sheets: tuple[SheetRead, ...]
    notes: tuple[Problem, ...]


@dataclass(frozen=True)
class _Rows:
    frame: pl.DataFrame  # LINE, the sheet's columns under its own names, CELLS
    columns: dict[str, str]


@dataclass(frozen=True)
class _Outcome:
    """What became of a sheet looked at: read (`rows`) or skipped, and its notes."""

    read: SheetRead
    notes: tuple[Problem, ...] = ()
    rows: _Rows | None = None
    unread: tuple[Problem, ...] = ()  # were it a roster: the problems of its header


@dataclass(frozen=True)
class _Book:
    path: Path
    file: str  # as messages name it
    reader: ExcelReader
    states: dict[str, tuple[str, str]]  # see cells.sheet_targets
    chosen: Sequence[str]
    table: TableColumns = ROSTER  # the columns its header names


def read_workbook(
    path: Path, file: str, chosen: Sequence[str], table: TableColumns = ROSTER
) -> Workbook:
    """The rows of the sheets read (see the module docstring); a DataError when the workbook
    cannot be opened, a chosen sheet does not exist or cannot be read, a sheet's header is
    not a roster's (the columns of `table`), or no sheet is read."""
    book = _Book(path, file, _open(path, file), sheet_targets(path), chosen, table)
    _check_chosen(file, book.reader.sheet_names, chosen)
    outcomes: list[_Outcome] = []
    problems: list[Problem] = []
    for name in book.reader.sheet_names:
        read_before = sum(outcome.rows is not None for outcome in outcomes)
        try:
            outcomes.append(_look_at(book, name, read_before))
        except DataError as error:
            problems += error.problems
    if problems:
        raise DataError(problems)
    notes = tuple(note for outcome in outcomes for note in outcome.notes)
    parts = [outcome.rows for outcome in outcomes if outcome.rows is not None]
    if not parts:
        unread = (problem for outcome in outcomes for problem in outcome.unread)
        raise DataError([*notes, *unread, _nothing_read(file, book.table)])
    return _combined(parts, tuple(outcome.read for outcome in outcomes), notes)


def _look_at(book: _Book, name: str, index: int) -> _Outcome:
    """What becomes of a sheet, the `index`-th to be read if it is read."""
    state, target = book.states.get(name, ("visible", ""))
    where = f"{book.file}[{name}]"
    skipped = _not_loaded(where, name, state, book.chosen)
    if skipped is not None:
        return _Outcome(SheetRead(name, skipped), (_skip_note(where, name, skipped),))
    xml = sheet_xml(book.path, target)
    _check_grid(where, xml)
    cells, first_column = _load(book.reader, where, name)
    sheet = LoadedSheet(name, where, book.reader, cells, first_column, xml)
    return _read_sheet(sheet, (index, book.table), bool(book.chosen))


def _check_grid(where: str, xml: bytes) -> None:
    far = past_the_last_cell(xml)
    if far is not None:
        message = _(
            "the sheet names cell {cell}, past the last cell a spreadsheet has (XFD1048576)"
        )
        hint = _("the file is damaged: open it in Excel or LibreOffice and save it again")
        raise DataError([Problem(where, 1, 1, "sheet", message.format(cell=echo(far)), hint)])


def _open(path: Path, file: str) -> ExcelReader:
    """The workbook, opened with fastexcel (calamine) directly: `pl.read_excel` takes another
    fastexcel call when pyarrow is installed, one that refuses `whitespace_as_null` (polars
    2.1, fastexcel 0.21), so an .xlsx roster failed wherever pyarrow happened to be."""
    import fastexcel  # noqa: PLC0415  # CSV rosters do without it

    try:
        return fastexcel.read_excel(path)
    except fastexcel.FastExcelError as error:
        raise DataError([not_a_workbook(path, file)]) from error


def _load(book: ExcelReader, where: str, name: str) -> tuple[pl.DataFrame, int]:
    """A sheet's cells as text from row 1 (a blank cell as null), and the sheet column (from 1)
    of the first column, which is that of the sheet's first cell with a value."""
    with unreadable(where):
        sheet = book.load_sheet(
            name, header_row=None, skip_rows=0, dtypes="string", whitespace_as_null=True
        )
        columns = sheet.available_columns()
        return pl.DataFrame(sheet), (columns[0].absolute_index + 1 if columns else 1)
    raise AssertionError  # pragma: no cover - unreadable raises


def _check_chosen(file: str, names: Sequence[str], chosen: Sequence[str]) -> None:
    unknown = [name for name in dict.fromkeys(chosen) if name not in names]
    if unknown:
        listed = ", ".join(echo(name) for name in names)
        message = _("the workbook has no sheet named {name}")
        hint = _("its sheets are {sheets} (a name is matched exactly, spaces and case too)")
        raise DataError(
            Problem(
                file, 1, 1, "sheet", message.format(name=echo(name)), hint.format(sheets=listed)
            )
            for name in unknown
        )


def _not_loaded(where: str, name: str, state: str, chosen: Sequence[str]) -> Skipped | None:
    """Why a sheet is skipped without a look at its cells (None: it is looked at); a chart
    sheet chosen by name is refused."""
    if chosen and name not in chosen:
        return "not_chosen"
    if state == CHART:
        if chosen:
            message = _("sheet '{sheet}' is a chart, not a sheet of cells").format(sheet=name)
            raise DataError([Problem(where, 1, 1, "sheet", message, _(CHOOSE_HINT))])
        return "chart"
    return None if chosen else HIDDEN.get(state)


def _read_sheet(sheet: LoadedSheet, at: tuple[int, TableColumns], chosen: bool) -> _Outcome:
    """What becomes of a sheet that is looked at, the `index`-th read if it is read (`at`:
    that and the table's columns): its rows, or why it is skipped; a DataError when it cannot
    be read (a sheet chosen by name must be)."""
    table = at[1]
    rows = rows_with_values(sheet.cells)
    if not rows:
        if chosen:
            message = _("sheet '{sheet}' is empty").format(sheet=sheet.name)
            raise DataError([Problem(sheet.where, 1, 1, "sheet", message, _(CHOOSE_HINT))])
        return _Outcome(
            SheetRead(sheet.name, "empty"), (_skip_note(sheet.where, sheet.name, "empty"),)
        )
    found = find_header(rows, table)
    if found is None and not chosen:
        if table is ROSTER:
            note = _skip_note(sheet.where, sheet.name, "no_roster_header", rows[0][0] + 1)
        else:
            note = _no_header_note(sheet.where, sheet.name, table, rows[0][0] + 1)
        unread = header_problems(sheet, rows[0], table).problems
        return _Outcome(SheetRead(sheet.name, "no_roster_header"), (note,), unread=unread)
    if found is None or not found[1]:
        raise header_problems(sheet, rows[0] if found is None else found[0], table)
    part, header_row, notes = _sheet_rows(sheet, found[0], at)
    return _Outcome(SheetRead(sheet.name, None, header_row), tuple(notes), part)


def _sheet_rows(
    sheet: LoadedSheet, header: tuple[int, tuple[str | None, ...]], at: tuple[int, TableColumns]
) -> tuple[_Rows, int, list[Problem]]:
    position, cells = header
    index, table = at
    header_row = position + 1
    names = column_names(cells, sheet.first_column)
    columns = map_columns(names, cells, sheet.where, header_row, sheet.first_column, table=table)
    filled, merges = fill_merges(sheet.cells, sheet.xml, header_row, sheet.first_column)
    data = filled.rename(dict(zip(filled.columns, names, strict=True))).slice(header_row)
    lines = pl.int_range(header_row + 1, header_row + 1 + data.height, dtype=pl.Int64)
    frame = data.select((lines + index * STRIDE).alias(LINE), *names)
    reasons = cell_reasons(sheet, columns, names, header_row, index)
    if reasons.is_empty():
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(CELLS))
    else:
        # a row may hold nothing else: fastexcel's rows then end before it
        frame = frame.join(reasons, on=LINE, how="full", coalesce=True).sort(LINE)
    notes = [merge_note(sheet.where, merges)] if merges else []
    return _Rows(frame, columns), header_row, notes


def _combined(
    parts: Sequence[_Rows], sheets: tuple[SheetRead, ...], notes: tuple[Problem, ...]
) -> Workbook:
    """The rows of every sheet read in one frame; a roster column under the name the first
    sheet giving it uses."""
    columns: dict[str, str] = {}
    for part in parts:
        columns |= {name: header for name, header in part.columns.items() if name not in columns}
    frames = [
        part.frame.rename(
            {
                header: columns[name]
                for name, header in part.columns.items()
                if header != columns[name]
            }
        )
        for part in parts
    ]
    frame = pl.concat(frames, how="diagonal") if len(frames) > 1 else frames[0]
    frame = frame.select(LINE, pl.exclude(LINE, CELLS), CELLS)
    headers = tuple(name for name in frame.columns if name not in (LINE, CELLS))
    return Workbook(frame, headers, columns, sheets, notes)


def _skip_note(where: str, name: str, why: Skipped, row: int = 1) -> Problem:
    messages = {
        "hidden": _("sheet '{sheet}' is hidden: not read"),
        "very_hidden": _("sheet '{sheet}' is very hidden (hidden by a program): not read"),
        "empty": _("sheet '{sheet}' is empty: not read"),
        "no_roster_header": _("sheet '{sheet}' has no roster header: not read"),
        "not_chosen": _("sheet '{sheet}' is not among the sheets chosen: not read"),
        "chart": _("sheet '{sheet}' is a chart: not read"),
    }
    hints = {
        "hidden": _("a hidden sheet is read only when it is chosen by name"),
        "very_hidden": _("a hidden sheet is read only when it is chosen by name"),
        "no_roster_header": _(
            "a roster sheet has a header row naming the columns nik and group (or their "
            "Indonesian names) among its first {rows} rows with a value"
        ).format(rows=HEADER_SEARCH),
    }
    message = messages[why].format(sheet=name)
    return Problem(where, row, 1, "sheet", message, hints.get(why, ""), "note")


def _no_header_note(where: str, name: str, table: TableColumns, row: int) -> Problem:
    """A sheet skipped for want of the header of a table other than a roster."""
    message = _("sheet '{sheet}' has no header naming {columns}: not read")
    hint = _("the header is looked for among the sheet's first {rows} rows with a value")
    message = message.format(sheet=name, columns=", ".join(table.required))
    return Problem(where, row, 1, "sheet", message, hint.format(rows=HEADER_SEARCH), "note")


def _nothing_read(file: str, table: TableColumns) -> Problem:
    if table is not ROSTER:
        message = _("no sheet of the workbook has a header naming {columns}: none was read")
        hint = _("name the columns in a header row (Indonesian names are accepted: {names})")
        names = ", ".join(aliases[0] for aliases in table.aliases.values() if aliases)
        columns = ", ".join(table.required)
        return Problem(
            file, 1, 1, "sheet", message.format(columns=columns), hint.format(names=names)
        )
    message = _("no sheet of the workbook is a roster: every sheet was skipped")
    hint = _(
        "a roster sheet has a header row naming the columns nik and group (also accepted: "
        "no_ktp, kelompok, ...)"
    )
    return Problem(file, 1, 1, "sheet", message, hint)
