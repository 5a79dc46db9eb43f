"""The roster command's own outputs: what happened to the roster's rows, under `input` in its JSON
report (the rest is the estimate's JSON, render.estimate.jsonout), and its side tables (rejected
rows, premiums per person) as CSV that is safe to open in a spreadsheet; the header of a rejects
file tells one jbudget wrote (a rerun replaces it)."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jamsostek_budget.roster.columns import LINE, REASONS
from jamsostek_budget.roster.sheets import SHEET

if TYPE_CHECKING:  # polars is imported by the roster command before this is called
    import polars as pl

    from jamsostek_budget.roster.checks import RosterRows

FORMULA_START = r"^[=+\-@\t\r]"


def roster_input(rows: RosterRows, roster: Path, rejects: Path | None) -> dict[str, Any]:
    """A roster's `input` in its JSON report, what happened to its rows: rows_read =
    accepted + rejected + blank_rows. `sheets`: what became of each sheet of a workbook (empty
    for a CSV): read or skipped, why it was skipped, the sheet row of its header, the rows read."""
    return {
        "file": str(roster),
        "rows_read": rows.rows_read,
        "accepted": rows.accepted.height,
        "rejected": rows.rejected.height,
        "blank_rows": rows.blank_rows,
        "rejects_file": None if rejects is None else str(rejects),
        "ignored_columns": list(rows.ignored_columns),
        "notes": [
            {"line": note.line, "field": note.field, "message": note.message} for note in rows.notes
        ],
        "sheets": [
            {
                "name": sheet.name,
                "read": sheet.skipped is None,
                "skipped": sheet.skipped,
                "header_row": sheet.header_row,
                "rows_read": sheet.rows_read,
            }
            for sheet in rows.sheets
        ],
    }


def is_rejects_header(first_line: str) -> bool:
    """Whether a CSV's first line is the header of a rejects file jbudget writes: `line` first
    (after a workbook's `sheet`), `reasons` last. A roster's own columns cannot take these names
    (roster.headers.RESERVED), so only jbudget writes this header."""
    fields = next(csv.reader([first_line]), [])
    start = fields[1:2] if fields[:1] == [SHEET] else fields[:1]
    return start == [LINE] and len(fields) > len(start) and fields[-1] == REASONS


def table_csv(frame: pl.DataFrame) -> str:
    """A side table as CSV text, safe to open in a spreadsheet (`spreadsheet_safe`)."""
    return spreadsheet_safe(frame).write_csv()


def spreadsheet_safe(frame: pl.DataFrame) -> pl.DataFrame:
    """The table with every text cell and header that a spreadsheet would run as a formula (it
    starts with =, +, -, @, a tab or a CR: OWASP's CSV injection rule) behind a single quote,
    which makes it text."""
    import polars as pl  # noqa: PLC0415  # already loaded: only the roster command calls this

    texts = [name for name, dtype in frame.schema.items() if dtype in (pl.String, pl.Enum)]
    safe = [
        pl.when(pl.col(name).cast(pl.String).str.contains(FORMULA_START))
        .then(pl.lit("'") + pl.col(name).cast(pl.String))
        .otherwise(pl.col(name).cast(pl.String))
        .alias(name)
        for name in texts
    ]
    frame = frame.with_columns(safe)
    headers = {name: f"'{name}" for name in frame.columns if re.match(FORMULA_START, name)}
    return frame.rename(headers)
