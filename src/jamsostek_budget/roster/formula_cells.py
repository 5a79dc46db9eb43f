"""Find the formula and error cells of a sheet's XML by searching for them, not parsing the whole
sheet: a roster with a formula column (`=ROW()-1`, a VLOOKUP for the group) has one on every
row, and a parser calling Python for each of the sheet's elements takes seconds for 100,000 rows.

Each formula element (`<f>`, `<f .../>`) and error value (`<v>#N/A</v>`) is found with a byte
search, then its cell is read from its start tag to its end: its `r` (A1 reference), its type
`t` and its value `<v>`. A cell that cannot be read so (no `r`, a cell element too far from its
formula) makes `scan` return None, and `cells.flagged_cells` parses the sheet instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ScannedCell", "scan"]

ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]")
REFERENCE = re.compile(rb"""\sr\s*=\s*["']\$?([A-Za-z]+)\$?([0-9]+)["']""")
TYPE = re.compile(rb"""\st\s*=\s*["']([A-Za-z]+)["']""")
NEAR = 512  # bytes between a cell's start and its formula or value: its start tag at most
AFTER_NAME = (b" ", b">", b"/", b"\t", b"\r", b"\n")  # what follows an element's name


@dataclass(frozen=True)
class ScannedCell:
    reference: tuple[str, int]  # column letters, row
    kind: str  # t="...", 'n' when absent
    formula: bool
    value: str


def scan(data: bytes) -> list[ScannedCell] | None:
    """Every cell holding a formula or an error value; None when one cannot be read so."""
    root = ROOT.search(data, 0, 4096)
    if root is None:
        return None
    tags = _Tags(root.group(1) + b":" if root.group(1) else b"")
    found: dict[int, ScannedCell] = {}
    for position in [*_elements(data, tags.formula), *_all(data, b">#")]:
        start = _cell_start(data, tags, position)
        if start is None:
            return None
        if start not in found:
            cell = _cell(data, tags, start)
            if cell is None:
                return None
            found[start] = cell
    return [found[start] for start in sorted(found)]


@dataclass(frozen=True)
class _Tags:
    """The tags searched for, with the sheet's namespace prefix ('x:'), if any."""

    prefix: bytes

    @property
    def formula(self) -> bytes:
        return b"<" + self.prefix + b"f"

    @property
    def cell(self) -> bytes:
        return b"<" + self.prefix + b"c"

    @property
    def cell_end(self) -> bytes:
        return b"</" + self.prefix + b"c>"

    @property
    def value(self) -> bytes:
        return b"<" + self.prefix + b"v"

    @property
    def value_end(self) -> bytes:
        return b"</" + self.prefix + b"v>"


def _all(data: bytes, needle: bytes) -> list[int]:
    found = []
    position = data.find(needle)
    while position >= 0:
        found.append(position)
        position = data.find(needle, position + 1)
    return found


def _elements(data: bytes, opening: bytes) -> list[int]:
    """The positions of the elements `opening` names (not of longer names it begins)."""
    after = len(opening)
    return [
        position
        for position in _all(data, opening)
        if data[position + after : position + after + 1] in AFTER_NAME
    ]


def _cell_start(data: bytes, tags: _Tags, position: int) -> int | None:
    """The start of the cell element holding `position`."""
    opening, low = tags.cell, max(0, position - NEAR)
    after = len(opening)
    start = data.rfind(opening, low, position)
    while start >= 0 and data[start + after : start + after + 1] not in AFTER_NAME:
        start = data.rfind(opening, low, start)
    return start if start >= 0 else None


def _cell(data: bytes, tags: _Tags, start: int) -> ScannedCell | None:
    tag_end = data.find(b">", start)
    end = data.find(tags.cell_end, start)
    reference = REFERENCE.search(data, start, tag_end)
    if tag_end < 0 or end < 0 or reference is None:
        return None
    kind = TYPE.search(data, start, tag_end)
    body = data[tag_end + 1 : end]
    formula = bool(_elements(body, tags.formula))
    letters, row = reference.group(1).decode(), int(reference.group(2))
    value = _value(body, tags)
    return ScannedCell((letters, row), kind.group(1).decode() if kind else "n", formula, value)


def _value(body: bytes, tags: _Tags) -> str:
    """The text of the cell's `<v>` ('' when none or empty)."""
    openings = _elements(body, tags.value)
    if not openings:
        return ""
    text_start = body.find(b">", openings[0]) + 1
    if body[text_start - 2 : text_start - 1] == b"/":
        return ""
    text_end = body.find(tags.value_end, text_start)
    return body[text_start:text_end].decode(errors="replace").strip() if text_end >= 0 else ""
