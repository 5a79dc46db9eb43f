"""The roster command's own part of its JSON report: what happened to the roster's rows, under
`input` (the rest is the estimate's JSON, render.estimate.jsonout)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # polars is imported by the roster command before this is called
    from jamsostek_budget.roster.checks import RosterRows


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
