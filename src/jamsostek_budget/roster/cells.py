"""What a workbook's cells hold beyond the text fastexcel reads: formulas without a computed
value and error cells (both read as blank, which would take the group's default), and merged
ranges (whose value only the first cell holds).

These are read from the sheet's XML in the .xlsx (a zip), which says it cell by cell: `<f>` a
formula, `<v>` its last computed value (none when the program that wrote the workbook does not
calculate, as openpyxl), `t="e"` an error (`#N/A`, `#REF!`, ...), `<mergeCell ref="C5:C9"/>`.
A quick search of the XML first tells whether any formula or error is there at all: most
sheets have none, and then no cell is looked at; otherwise the cells are found by a search
(`formula_cells`), or, where one cannot be read so, by parsing the whole sheet.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from xml.etree import ElementTree
from xml.parsers import expat

from jamsostek_budget.roster.formula_cells import scan

__all__ = [
    "FlaggedCell",
    "Merge",
    "cell_name",
    "column_letters",
    "flagged_cells",
    "merged_ranges",
    "sheet_targets",
    "sheet_xml",
]

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# what any formula (the end of an <f> or <x:f> element: a shared formula's first cell holds its
# text) or error value (<v>#N/A</v>: every error starts with '#') leaves in a sheet's XML. Two
# bytes each, so that the search runs at memory speed ('<' is everywhere); anything else that
# holds them only costs a look at every cell.
MAY_FLAG = (b"f>", b">#")
MERGE = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref\s*=\s*[\"']"
    rb"\$?([A-Za-z]+)\$?([0-9]+)(?::\$?([A-Za-z]+)\$?([0-9]+))?[\"']"
)
REFERENCE = re.compile(r"\$?([A-Za-z]+)\$?([0-9]+)")
# Excel's last cell, XFD1048576. A reference past it is a damaged file, for which fastexcel sets
# aside the whole grid up to it (hundreds of gigabytes) and aborts the process. The pattern only
# matches references of three letters or seven digits and more, so the look costs a search.
LAST_ROW, LAST_COLUMN = 1_048_576, 16_384
FAR_POSITION = re.compile(
    rb"""\sr\s*=\s*["']\$?((?:[A-Za-z]{3,}\$?[0-9]*)|(?:[A-Za-z]*\$?[0-9]{7,}))["']"""
)


@dataclass(frozen=True)
class FlaggedCell:
    row: int  # the sheet row, from 1
    column: int  # the sheet column, from 1 (A)
    kind: Literal["formula", "error"]  # a formula without a computed value, or an error
    value: str  # the error ('#N/A'); '' for a formula


@dataclass(frozen=True)
class Merge:
    """A merged range: rows `top`..`bottom` of columns `left`..`right` (from 1)."""

    top: int
    left: int
    bottom: int
    right: int

    @property
    def name(self) -> str:
        return f"{cell_name(self.top, self.left)}:{cell_name(self.bottom, self.right)}"


def column_letters(column: int) -> str:
    """1 -> 'A', 27 -> 'AA'."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    return f"{column_letters(column)}{row}"


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def past_the_last_cell(data: bytes) -> str | None:
    """The first cell or row reference in a sheet's XML past Excel's last row or column."""
    for match in FAR_POSITION.finditer(data):
        reference = match[1].decode("ascii", "replace").replace("$", "")
        letters = reference.rstrip("0123456789")
        digits = reference[len(letters) :]
        too_far = len(digits) > 7 or (digits and int(digits) > LAST_ROW)
        if too_far or len(letters) > 3 or (letters and _column_number(letters) > LAST_COLUMN):
            return reference
    return None


def sheet_targets(path: Path) -> dict[str, tuple[str, str]]:
    """Sheet name -> (its state: 'visible', 'hidden', 'veryHidden', or 'chart' for a chart
    sheet; the path of its XML in the zip), from the workbook's own list; empty when that
    cannot be read."""
    try:
        with zipfile.ZipFile(path) as book:
            workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
            links = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}
    targets = {link.get("Id"): link.get("Target", "") for link in links}
    found: dict[str, tuple[str, str]] = {}
    for sheet in workbook.iter(f"{MAIN}sheet"):
        target = targets.get(sheet.get(RELATION), "")
        where = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        state = "chart" if "chartsheets/" in where else sheet.get("state", "visible")
        found[sheet.get("name", "")] = (state, where)
    return found


def sheet_xml(path: Path, target: str) -> bytes:
    """The XML of a sheet (empty when it cannot be read: nothing is then flagged)."""
    try:
        with zipfile.ZipFile(path) as book:
            return book.read(target)
    except (KeyError, OSError, zipfile.BadZipFile):
        return b""


def flagged_cells(data: bytes) -> list[FlaggedCell]:
    """Every formula without a computed value and every error cell of a sheet's XML: found by
    a search (`formula_cells`), or where a cell cannot be read so, by parsing the sheet."""
    if not any(marker in data for marker in MAY_FLAG):  # most sheets
        return []
    found = scan(data)
    if found is None:
        return _parsed(data)
    flags = (
        _flag(
            cell.reference[1],
            _column_number(cell.reference[0]),
            cell.kind,
            cell.formula,
            cell.value,
        )
        for cell in found
    )
    return [flag for flag in flags if flag is not None]


def _flag(row: int, column: int, kind: str, formula: bool, value: str) -> FlaggedCell | None:
    """The cell flagged, if it is an error or a formula without a computed value (a formula
    whose text result is empty, t="str", shows blank: it is blank)."""
    if kind == "e":
        return FlaggedCell(row, column, "error", value or "#N/A")
    if formula and not value and kind != "str":
        return FlaggedCell(row, column, "formula", "")
    return None


def _parsed(data: bytes) -> list[FlaggedCell]:
    parsing = _Scan()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = parsing.start
    parser.EndElementHandler = parsing.end
    parser.CharacterDataHandler = parsing.text
    with contextlib.suppress(expat.ExpatError):  # fastexcel read it: keep what was found
        parser.Parse(data, True)
    return parsing.found


def merged_ranges(data: bytes) -> list[Merge]:
    """The merged ranges of a sheet's XML, which follow its cells."""
    start = data.find(b"mergeCells")
    if start < 0:
        return []
    merges = []
    for match in MERGE.finditer(data, start):
        left, top, right, bottom = match.groups()
        right, bottom = right or left, bottom or top
        merges.append(
            Merge(
                int(top), _column_number(left.decode()), int(bottom), _column_number(right.decode())
            )
        )
    return merges


@dataclass
class _Scan:
    """The expat handlers of `flagged_cells`: the cell being read, and what was found."""

    row: int = 0
    column: int = 0
    kind: str = "n"  # the cell's type, t="..."
    formula: bool = False
    value: list[str] = field(default_factory=list)
    in_value: bool = False
    found: list[FlaggedCell] = field(default_factory=list)

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if local == "row":
            self.row, self.column = int(attributes.get("r", self.row + 1)), 0
        elif local == "c":
            self._start_cell(attributes)
        elif local == "f":
            self.formula = True
        elif local == "v":
            self.in_value = True

    def _start_cell(self, attributes: dict[str, str]) -> None:
        match = REFERENCE.fullmatch(attributes.get("r", ""))
        if match is None:
            self.column += 1
        else:
            self.row, self.column = int(match[2]), _column_number(match[1])
        self.kind, self.formula, self.value = attributes.get("t", "n"), False, []

    def text(self, data: str) -> None:
        if self.in_value:
            self.value.append(data)

    def end(self, name: str) -> None:
        local = name.rpartition(" ")[2]
        if local == "v":
            self.in_value = False
        elif local == "c":
            value = "".join(self.value).strip()
            flag = _flag(self.row, self.column, self.kind, self.formula, value)
            if flag is not None:
                self.found.append(flag)
