"""The roster's side tables (rejected rows, premiums per person) written as CSV: atomically,
never over an existing file unless asked, and safe to open in a spreadsheet
(render.roster.table_csv); `-` is standard output."""

from __future__ import annotations

import sys
from collections.abc import Collection
from pathlib import Path

import polars as pl

from jamsostek_budget.cli.app import STANDARD_OUTPUT
from jamsostek_budget.cli.writing import write_new_file
from jamsostek_budget.errors import OutputError
from jamsostek_budget.i18n import _
from jamsostek_budget.render.roster import table_csv


def write_table(
    frame: pl.DataFrame, path: Path, *, force: bool, inputs: Collection[Path] = ()
) -> None:
    """A table as CSV, through the same atomic, no-overwrite writer as every other output (or to
    standard output for `-`), safe to open in a spreadsheet (render.roster.table_csv)."""
    try:
        text = table_csv(frame)
    except pl.exceptions.PolarsError as exc:  # pragma: no cover - polars failing to format
        message = _("cannot write {file}: {reason}").format(file=path, reason=exc)
        raise OutputError(message) from exc
    if path == STANDARD_OUTPUT:
        sys.stdout.write(text)
        return
    write_new_file(path, text, force=force, inputs=inputs)
